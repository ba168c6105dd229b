package com.clubos.messages.auth;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Whether a token this service issued still stands: its account is active and the token carries the
 * account's current session version. Deactivating an account or changing its role or password raises
 * the version, so every token issued before gets 401 on its next request, on every replica.
 *
 * <p>Versions are cached per replica. A change drops the entry here right after it commits and, on
 * the other replicas, when its NOTIFY arrives ({@link StaffSessionsEnded}, milliseconds later); an
 * entry also expires after {@link #MAX_AGE}, a bound for the time a replica's LISTEN connection is
 * down. ClubOS's own tokens are ClubOS's to revoke and are not checked here.
 */
@ApplicationScoped
public class StaffSessions {

    /** The PostgreSQL NOTIFY channel; the payload is the staff id ("staff-12"), or "*" for everyone. */
    public static final String CHANNEL = "clubos_staff_sessions";

    public static final String VERSION_CLAIM = "sv";
    private static final Duration MAX_AGE = Duration.ofSeconds(30);

    private record Entry(boolean active, int version, List<String> lines, long loadedAt) {
        boolean fresh() {
            return System.nanoTime() - loadedAt < MAX_AGE.toNanos();
        }
    }

    private final Map<Long, Entry> cache = new ConcurrentHashMap<>();

    /** True for tokens this service issued; only those are subject to {@link #stands(JsonWebToken)}. */
    public static boolean issuedByUs(JsonWebToken token) {
        return TokenIssuer.ISSUED_BY_US.equals(String.valueOf(token.<Object>getClaim(TokenIssuer.ISSUED_BY_CLAIM)));
    }

    /** The answer when it is known without the database, for callers on the event loop. */
    public Optional<Boolean> standsCached(JsonWebToken token) {
        if (!issuedByUs(token)) {
            return Optional.of(true);
        }
        Optional<Long> id = StaffUser.parseStaffId(token.getName());
        if (id.isEmpty()) {
            return Optional.of(false);
        }
        Entry entry = cache.get(id.get());
        return entry != null && entry.fresh() ? Optional.of(matches(entry, token)) : Optional.empty();
    }

    /** Whether the token still stands; may read the database (blocking). */
    public boolean stands(JsonWebToken token) {
        Optional<Boolean> cached = standsCached(token);
        if (cached.isPresent()) {
            return cached.get();
        }
        long id = StaffUser.parseStaffId(token.getName()).orElseThrow();
        return matches(load(id), token);
    }

    private Entry load(long id) {
        List<?> rows = QuarkusTransaction.joiningExisting()
                .call(() -> Panache.getEntityManager()
                        .createNativeQuery(
                                "SELECT active, session_version, array_to_string(lines, ',') FROM staff_users WHERE id = :id")
                        .setParameter("id", id)
                        .getResultList());
        Entry entry;
        if (rows.isEmpty()) {
            entry = new Entry(false, -1, List.of(), System.nanoTime());
        } else {
            Object[] row = (Object[]) rows.get(0);
            String lines = (String) row[2];
            entry = new Entry(
                    (Boolean) row[0],
                    ((Number) row[1]).intValue(),
                    lines == null || lines.isEmpty() ? List.of() : List.of(lines.split(",")),
                    System.nanoTime());
        }
        cache.put(id, entry);
        return entry;
    }

    /**
     * The lines an account of ours may use (empty: every line), as its admin last set them; read at once
     * after a change like the session itself. Empty for tokens that are not ours.
     */
    public List<String> linesOf(JsonWebToken token) {
        Optional<Long> id = issuedByUs(token) ? StaffUser.parseStaffId(token.getName()) : Optional.empty();
        if (id.isEmpty()) {
            return List.of();
        }
        Entry entry = cache.get(id.get());
        return (entry != null && entry.fresh() ? entry : load(id.get())).lines();
    }

    private static boolean matches(Entry entry, JsonWebToken token) {
        Object claim = token.getClaim(VERSION_CLAIM);
        int version;
        try {
            version = claim == null ? 0 : Integer.parseInt(claim.toString());
        } catch (NumberFormatException notOurs) {
            return false;
        }
        return entry.active() && entry.version() == version;
    }

    /** Forgets what is cached for this account (null: for everyone); the next request reads it again. */
    public void forget(String staffId) {
        if (staffId == null || "*".equals(staffId)) {
            cache.clear();
        } else {
            StaffUser.parseStaffId(staffId).ifPresent(cache::remove);
        }
    }

    /** Runs before anything else that reacts to the same event (closing sockets), so they see the change. */
    void onEnded(@Observes @Priority(1) StaffSessionsEnded ended) {
        forget(ended.staffId());
    }

    /** In the caller's transaction: tells every replica, once it commits, that this account's sessions changed. */
    static void announce(String staffId) {
        Panache.getEntityManager()
                .createNativeQuery("SELECT pg_notify(:channel, :staff)")
                .setParameter("channel", CHANNEL)
                .setParameter("staff", staffId)
                .getSingleResult();
    }
}
