package com.clubos.messages.audit;

import java.time.Instant;
import java.util.Map;

public record AuditView(long id, Instant at, String actor, String action, String target, Map<String, Object> details) {

    public static AuditView of(AuditEntry e) {
        return new AuditView(e.id, e.at, e.actor, e.action, e.target, e.details);
    }
}
