package com.clubos.messages.auth;

import io.quarkus.hibernate.orm.panache.Panache;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/** One-time codes of the first-admin setup link: only their SHA-256 is stored, each valid once, for an hour. */
final class SetupCodes {

    static final Duration LIFETIME = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SetupCodes() {}

    /** A fresh code (128 random bits), stored in the caller's transaction. */
    static String issue(Instant now) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Panache.getEntityManager()
                .createNativeQuery(
                        "INSERT INTO setup_codes (code_hash, created_at, expires_at) VALUES (:hash, :now, :expires)")
                .setParameter("hash", hash(code))
                .setParameter("now", now)
                .setParameter("expires", now.plus(LIFETIME))
                .executeUpdate();
        return code;
    }

    static boolean valid(String code) {
        return code != null
                && !code.isBlank()
                && ((Number) Panache.getEntityManager()
                                        .createNativeQuery(
                                                "SELECT count(*) FROM setup_codes WHERE code_hash = :hash AND used_at IS NULL AND expires_at > now()")
                                        .setParameter("hash", hash(code))
                                        .getSingleResult())
                                .longValue()
                        > 0;
    }

    /** Marks the code used, if it is still valid: true exactly once per code. */
    static boolean consume(String code) {
        return code != null
                && !code.isBlank()
                && Panache.getEntityManager()
                                .createNativeQuery("""
                        UPDATE setup_codes SET used_at = now()
                        WHERE code_hash = :hash AND used_at IS NULL AND expires_at > now()""")
                                .setParameter("hash", hash(code))
                                .executeUpdate()
                        == 1;
    }

    /** Serialises first-admin decisions across replicas until the transaction ends. */
    static void lock() {
        Panache.getEntityManager()
                .createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('clubos-messages.first-admin'))")
                .getSingleResult();
    }

    private static String hash(String code) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(code.strip().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
