package com.clubos.messages.auth;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.api.ListeningPort;
import com.clubos.messages.audit.AuditEntry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * An empty deployment gets its first admin one of two ways, and never with a default password:
 * ADMIN_USERNAME + ADMIN_PASSWORD (from a Secret) create it at start; without them, start-up prints
 * a one-time setup link (valid an hour, printed anew while nobody has used one) where the first
 * admin picks a password. Both happen only while no active admin exists; an advisory lock keeps
 * replicas starting together from creating two.
 */
@ApplicationScoped
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);

    private final AuthConfig config;
    private final TokenIssuer tokens;
    private final int port;
    /** When this replica's printed code stops working; null once an admin exists. */
    private volatile Instant codeExpiresAt;

    public FirstAdmin(AuthConfig config, TokenIssuer tokens, ListeningPort port) {
        this.config = config;
        this.tokens = tokens;
        this.port = port.port();
    }

    void onStart(@Observes StartupEvent event) {
        ensure();
    }

    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renewExpiredCode() {
        Instant expires = codeExpiresAt;
        if (expires != null && Instant.now().isAfter(expires)) {
            ensure();
        }
    }

    /** Creates the first admin from the environment, or prints a setup link, unless an active admin exists. */
    public void ensure() {
        Optional<String> username = config.adminUsername().map(String::strip).filter(u -> !u.isEmpty());
        Optional<String> password = config.adminPassword().filter(p -> !p.isEmpty());
        String outcome = QuarkusTransaction.requiringNew().call(() -> {
            SetupCodes.lock();
            if (StaffUser.countActiveAdmins() > 0) {
                return null;
            }
            if (username.isPresent() && password.isPresent()) {
                Optional<String> problem = PasswordPolicy.problem(password.get(), username.get());
                if (problem.isEmpty()) {
                    fromEnvironment(username.get(), password.get());
                    return "created";
                }
                LOG.errorf("ADMIN_PASSWORD is refused (%s): no admin was created from ADMIN_USERNAME", problem.get());
            } else if (username.isPresent() || password.isPresent()) {
                LOG.error(
                        "Set both ADMIN_USERNAME and ADMIN_PASSWORD to create the first admin at start; only one is set");
            }
            return SetupCodes.issue(Instant.now());
        });
        if (outcome == null) {
            codeExpiresAt = null;
            if (username.isPresent()) {
                LOG.debug("ADMIN_USERNAME is set but an active admin exists: nothing changed");
            }
        } else if ("created".equals(outcome)) {
            codeExpiresAt = null;
            LOG.infof("Created the first admin '%s' from ADMIN_USERNAME/ADMIN_PASSWORD", username.get());
        } else {
            codeExpiresAt = Instant.now().plus(SetupCodes.LIFETIME);
            printSetupLink(outcome);
        }
    }

    private static void fromEnvironment(String username, String password) {
        Optional<StaffUser> existing = StaffUser.findByUsername(username);
        StaffUser admin;
        if (existing.isPresent()) {
            // Recovery: nobody can administer the service, and ops named this account to do it.
            admin = existing.get();
            admin.role = Roles.ADMIN;
            admin.active = true;
            admin.changePassword(password);
        } else {
            admin = StaffUser.create(username, username, Roles.ADMIN, password);
        }
        AuditEntry.record(
                "system", "staff.bootstrap", admin.staffId(), Map.of("username", username, "from", "ADMIN_USERNAME"));
    }

    private void printSetupLink(String code) {
        String base = config.publicUrl().map(url -> url.replaceAll("/+$", "")).orElse("http://localhost:" + port);
        LOG.warnf(
                "%n%n  No admin account exists yet. To create the first admin, open within an hour (the link works once):%n"
                        + "    %s/setup?code=%s%n"
                        + "  Or set ADMIN_USERNAME and ADMIN_PASSWORD (from a Secret) and restart.%n",
                base, code);
    }

    @Transactional
    public SetupStatus status(String code) {
        boolean required = StaffUser.countActiveAdmins() == 0;
        return new SetupStatus(required, required && SetupCodes.valid(code));
    }

    /** The setup page's form: creates the first admin with the code of a setup link, and signs them in. */
    @Transactional
    public LoginResult complete(SetupRequest request) {
        SetupCodes.lock();
        if (StaffUser.countActiveAdmins() > 0) {
            throw new ApiException(
                    Response.Status.CONFLICT, "Setup is already done: sign in, or ask an admin for an account");
        }
        if (!SetupCodes.consume(request.code())) {
            throw new ApiException(
                    Response.Status.FORBIDDEN,
                    "This setup link is wrong, expired or already used; restart the service for a new one (it is printed in the log)");
        }
        String username = request.username().strip();
        StaffAccounts.requireUsername(username);
        StaffAccounts.requireAcceptable(request.password(), username);
        if (StaffUser.findByUsername(username).isPresent()) {
            throw new ApiException(Response.Status.CONFLICT, "username '" + username + "' is already taken");
        }
        String displayName = StaffAccounts.displayNameOr(request.displayName(), username);
        StaffUser admin = StaffUser.create(username, displayName, Roles.ADMIN, request.password());
        admin.lastLoginAt = Instant.now();
        AuditEntry.record(username, "staff.setup", admin.staffId(), Map.of("username", username));
        codeExpiresAt = null;
        return LoginResult.of(tokens.issue(admin), admin);
    }
}
