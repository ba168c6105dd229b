package com.clubos.messages.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Instant;
import java.util.UUID;

/** Tokens shaped exactly like the ones the ClubOS backend issues (HS256, iss clubosv1, aud clubosv1-users). */
public final class TestTokens {

    /** The same secret as %test.clubos.auth.jwt-secret. */
    public static final String SECRET = "test-secret-for-clubos-messages-0123456789";

    private TestTokens() {}

    public static String clubos(String role) {
        return sign(claims(role));
    }

    public static String bearer(String role) {
        return "Bearer " + clubos(role);
    }

    /** ClubOS's claims: userId, email, role, sessionId, name; no sub or upn. */
    public static JwtClaimsBuilder claims(String role) {
        return Jwt.issuer("clubosv1")
                .audience("clubosv1-users")
                .claim("userId", UUID.randomUUID().toString())
                .claim("email", role + "@club.example")
                .claim("name", "Test " + role)
                .claim("role", role)
                .claim("sessionId", UUID.randomUUID().toString())
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(4 * 3600));
    }

    /** A token for one named ClubOS user, the same id every time (for "assigned to me"). */
    public static String bearerFor(String userId, String name, String role) {
        return "Bearer " + sign(claims(role).claim("userId", userId).claim("name", name));
    }

    /** Signs with HS256 and the shared secret. */
    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().signWithSecret(SECRET);
    }
}
