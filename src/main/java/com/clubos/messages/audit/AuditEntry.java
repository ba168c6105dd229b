package com.clubos.messages.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Who did what to which target, and when: sends, retries, logins, renames. */
@Entity
@Table(name = "audit_log")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String action;

    public String target;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> details = new LinkedHashMap<>();

    @Column(nullable = false)
    public Instant at;

    /** Appends an entry in the caller's transaction, so it commits or rolls back with the action. */
    public static AuditEntry record(String actor, String action, String target, Map<String, Object> details) {
        AuditEntry entry = new AuditEntry();
        entry.actor = actor;
        entry.action = action;
        entry.target = target;
        entry.details = new LinkedHashMap<>(details);
        entry.at = Instant.now();
        entry.persist();
        return entry;
    }

    public static List<AuditEntry> latestFor(String action, int limit) {
        return find("action = ?1 order by at desc, id desc", action).page(0, limit).list();
    }
}
