package com.clubos.messages.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "clubos.auth")
public interface AuthConfig {

    /** CLUBOS_JWT_SECRET: the HS256 secret shared with the ClubOS backend; also signs our own tokens. */
    Optional<String> jwtSecret();

    /** CLUBOS_JWT_ISSUER: the iss of accepted and issued tokens. */
    @WithDefault("clubosv1")
    String issuer();

    /** CLUBOS_JWT_AUDIENCE: the aud of accepted and issued tokens. */
    @WithDefault("clubosv1-users")
    String audience();

    /** AUTH_TOKEN_LIFETIME: how long a token from POST /api/auth/login lasts. */
    @WithDefault("PT4H")
    Duration tokenLifetime();

    /** AUTH_TOKEN_REFRESH_WITHIN: a token of ours expiring sooner than this gets a fresh one in X-New-Token. */
    @WithDefault("PT1H")
    Duration refreshWithin();

    /** AUTH_LOGIN_MAX_FAILURES: failed logins for one username before a lockout. */
    @WithDefault("5")
    int loginMaxFailures();

    /** AUTH_LOGIN_MAX_FAILURES_PER_ADDRESS: failed logins from one client address before a lockout. */
    @WithDefault("20")
    int loginMaxFailuresPerAddress();

    /** AUTH_LOGIN_LOCKOUT: the window the failures are counted in, and how long the lockout lasts. */
    @WithDefault("PT15M")
    Duration loginLockout();

    /** ADMIN_USERNAME: with ADMIN_PASSWORD, the first admin created at start while no active admin exists. */
    Optional<String> adminUsername();

    /** ADMIN_PASSWORD: that admin's password (from a Secret); it must pass the password rules. */
    Optional<String> adminPassword();

    /** PUBLIC_URL: where staff reach the service (https://messages.club.example), for links it prints. */
    Optional<String> publicUrl();
}
