package com.clubos.messages.audit;

import com.clubos.messages.api.Cursor;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Who did what to which target, and when: sends, retries, logins, renames, assignments, opt-outs, snippets. */
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
    /** Appends an entry in the caller's transaction: one plain INSERT (no entity to flush on the hot send path). */
    public static void record(String actor, String action, String target, Map<String, Object> details) {
        getEntityManager()
                .createNativeQuery("""
                        INSERT INTO audit_log (actor, action, target, details, at)
                        VALUES (:actor, :action, :target, CAST(:details AS jsonb), :at)""")
                .setParameter("actor", actor)
                .setParameter("action", action)
                .setParameter("target", target)
                .setParameter("details", com.clubos.messages.api.Json.write(new LinkedHashMap<>(details)))
                .setParameter("at", Instant.now().truncatedTo(ChronoUnit.MICROS))
                .executeUpdate();
    }

    /** Entries matching the filter, newest first, older than {@code before} when given. */
    public static List<AuditEntry> page(AuditFilter filter, Cursor before, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (filter.action() != null) {
            if (filter.action().endsWith(".")) {
                where.append(" and action like :action");
                parameters.and("action", filter.action().replace("%", "").replace("_", "") + "%");
            } else {
                where.append(" and action = :action");
                parameters.and("action", filter.action());
            }
        }
        if (filter.actor() != null) {
            where.append(" and lower(actor) = :actor");
            parameters.and("actor", filter.actor().toLowerCase());
        }
        if (filter.target() != null) {
            where.append(" and target = :target");
            parameters.and("target", filter.target());
        }
        if (filter.since() != null) {
            where.append(" and at >= :since");
            parameters.and("since", filter.since());
        }
        if (filter.until() != null) {
            where.append(" and at < :until");
            parameters.and("until", filter.until());
        }
        if (before != null) {
            where.append(" and (at < :beforeAt or (at = :beforeAt and id < :beforeId))");
            parameters.and("beforeAt", before.at()).and("beforeId", before.id());
        }
        return find(where + " order by at desc, id desc", parameters)
                .page(0, limit)
                .list();
    }

    public Cursor cursor() {
        return new Cursor(at, id);
    }

    public static List<AuditEntry> latestFor(String action, int limit) {
        return find("action = ?1 order by at desc, id desc", action)
                .page(0, limit)
                .list();
    }
}
