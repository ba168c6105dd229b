package com.clubos.messages.auth;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Signs this service's own staff tokens in the same shape ClubOS issues (HS256, same issuer,
 * audience and claims), so one verifier accepts both kinds.
 */
@ApplicationScoped
public class TokenIssuer {

    /** Marks tokens this service issued, the ones it may refresh. */
    public static final String ISSUED_BY_CLAIM = "issuedBy";

    public static final String ISSUED_BY_US = "clubos-messages";

    private final AuthConfig config;

    public TokenIssuer(AuthConfig config) {
        this.config = config;
    }

    public IssuedToken issue(StaffUser user) {
        String secret = config.jwtSecret()
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalStateException("CLUBOS_JWT_SECRET is not set"));
        Instant expiresAt = Instant.now().plus(config.tokenLifetime());
        String token = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .claim("userId", user.staffId())
                .claim("username", user.username)
                .claim("name", user.displayName)
                .claim("role", user.role)
                .claim("sessionId", UUID.randomUUID().toString())
                .claim(StaffSessions.VERSION_CLAIM, user.sessionVersion)
                .claim(ISSUED_BY_CLAIM, ISSUED_BY_US)
                .issuedAt(Instant.now())
                .expiresAt(expiresAt)
                .jws()
                .signWithSecret(secret);
        return new IssuedToken(token, expiresAt);
    }

    public record IssuedToken(String token, Instant expiresAt) {}
}
