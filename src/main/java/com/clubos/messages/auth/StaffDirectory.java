package com.clubos.messages.auth;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everyone who can be assigned a conversation: our active staff logins, and ClubOS users this
 * service has seen with a valid token (ClubOS keeps its users; we only learn of them by their calls).
 */
@ApplicationScoped
public class StaffDirectory {

    /** A user's row is refreshed at most this often per replica, so requests rarely write. */
    private static final Duration REFRESH_EVERY = Duration.ofMinutes(10);

    private final Map<String, Instant> recordedAt = new ConcurrentHashMap<>();

    /** Remembers a staff member who just made an authenticated call. */
    public void seen(StaffMember member) {
        Instant last = recordedAt.get(member.id());
        if (last != null && last.isAfter(Instant.now().minus(REFRESH_EVERY))) {
            return;
        }
        QuarkusTransaction.requiringNew()
                .run(() -> Panache.getEntityManager()
                        .createNativeQuery("""
                        INSERT INTO staff_seen (id, display_name, role, last_seen_at) VALUES (:id, :name, :role, now())
                        ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name,
                            role = EXCLUDED.role, last_seen_at = now()""")
                        .setParameter("id", member.id())
                        .setParameter("name", member.name())
                        .setParameter("role", member.role())
                        .executeUpdate());
        recordedAt.put(member.id(), Instant.now());
    }

    /** Everyone assignable, by name. */
    @Transactional
    public List<StaffMember> all() {
        return query("", Map.of());
    }

    @Transactional
    public Optional<StaffMember> find(String id) {
        return query("WHERE id = :id", Map.of("id", id)).stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    private List<StaffMember> query(String where, Map<String, Object> parameters) {
        var query =
                Panache.getEntityManager().createNativeQuery("""
                SELECT id, display_name, role FROM (
                    SELECT 'staff-' || id AS id, display_name, role FROM staff_users WHERE active
                    UNION ALL
                    SELECT s.id, s.display_name, s.role FROM staff_seen s
                    WHERE s.id NOT IN (SELECT 'staff-' || id FROM staff_users)
                ) staff""" + " " + where + " ORDER BY lower(display_name), id");
        parameters.forEach(query::setParameter);
        return ((List<Object[]>) query.getResultList())
                .stream()
                        .map(row -> new StaffMember((String) row[0], (String) row[1], (String) row[2]))
                        .toList();
    }

    /** For tests that empty the tables underneath it. */
    public void forget() {
        recordedAt.clear();
    }
}
