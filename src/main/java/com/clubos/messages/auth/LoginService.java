package com.clubos.messages.auth;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.audit.AuditEntry;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class LoginService {

    /** One message for every failure, so a caller cannot tell a wrong password from a wrong name. */
    static final String GENERIC_FAILURE = "Invalid username or password";

    /** Compared against when the user does not exist, so both failures take as long. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("no-such-user-password");

    private final LoginThrottle throttle;
    private final TokenIssuer tokens;
    private final AuthConfig config;

    public LoginService(LoginThrottle throttle, TokenIssuer tokens, AuthConfig config) {
        this.throttle = throttle;
        this.tokens = tokens;
        this.config = config;
    }

    /** The throttle's key for failed passwords of one username. */
    static String userKey(String username) {
        return "user:" + username.strip().toLowerCase();
    }

    @Transactional(dontRollbackOn = ApiException.class)
    public LoginResult login(LoginRequest request, String clientAddress) {
        String userKey = userKey(request.username());
        String addressKey = "address:" + clientAddress;
        Optional<Duration> locked = throttle.lockedFor(userKey, config.loginMaxFailures())
                .or(() -> throttle.lockedFor(addressKey, config.loginMaxFailuresPerAddress()));
        if (locked.isPresent()) {
            long seconds = Math.max(1, locked.get().toSeconds());
            throw ApiException.tooManyRequests("Too many failed logins; try again in " + seconds + " seconds", seconds);
        }

        Optional<StaffUser> user =
                StaffUser.findActiveByUsername(request.username().strip());
        boolean matches;
        if (user.isPresent()) {
            matches = user.get().passwordMatches(request.password());
        } else {
            BcryptUtil.matches(request.password(), DUMMY_HASH);
            matches = false;
        }
        if (!matches) {
            throttle.recordFailure(userKey);
            throttle.recordFailure(addressKey);
            AuditEntry.record(request.username().strip(), "login.failed", null, Map.of("address", clientAddress));
            throw new ApiException(Response.Status.UNAUTHORIZED, GENERIC_FAILURE);
        }
        throttle.recordSuccess(userKey);
        StaffUser staff = user.get();
        staff.lastLoginAt = Instant.now();
        AuditEntry.record(staff.username, "login", null, Map.of("address", clientAddress));
        return LoginResult.of(tokens.issue(staff), staff);
    }
}
