package com.clubos.messages.audit;

import java.time.Instant;

/**
 * Which audit entries to list: {@code action} exact ("message.send") or a family ending in a dot
 * ("optout."); {@code actor} case-insensitive; {@code target} exact (a customer's E.164 number for
 * message and conversation actions); {@code since}/{@code until} bound the time. Null means any.
 */
public record AuditFilter(String action, String actor, String target, Instant since, Instant until) {}
