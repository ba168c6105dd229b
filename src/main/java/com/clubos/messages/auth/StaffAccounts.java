package com.clubos.messages.auth;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.audit.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hosted chat's own staff accounts, as admins manage them: create, rename, change role,
 * deactivate or reactivate, reset a password. Whatever would let an old token keep its old powers
 * (deactivation, a new role, a new password) ends the account's sessions on every replica.
 */
@ApplicationScoped
public class StaffAccounts {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]+");

    private final StaffSessions sessions;
    private final LoginThrottle throttle;
    private final AuthConfig config;
    private final TokenIssuer tokens;
    private final KnownLines knownLines;

    public StaffAccounts(
            StaffSessions sessions,
            LoginThrottle throttle,
            AuthConfig config,
            TokenIssuer tokens,
            KnownLines knownLines) {
        this.sessions = sessions;
        this.throttle = throttle;
        this.config = config;
        this.tokens = tokens;
        this.knownLines = knownLines;
    }

    @Transactional
    public List<StaffAccountView> list() {
        return StaffUser.listAll().stream().map(StaffAccountView::of).toList();
    }

    @Transactional
    public StaffAccountView create(NewStaffRequest request, StaffMember actor) {
        String username = request.username().strip();
        requireUsername(username);
        String role = role(request.role());
        String[] lines = lines(request.lines());
        requireAcceptable(request.password(), username);
        if (StaffUser.findByUsername(username).isPresent()) {
            throw conflict("username '" + username + "' is already taken");
        }
        String displayName = displayNameOr(request.displayName(), username);
        StaffUser user = StaffUser.create(username, displayName, role, request.password());
        user.lines = lines;
        AuditEntry.record(
                actor.name(),
                "staff.create",
                user.staffId(),
                Map.of("username", username, "displayName", displayName, "role", role, "lines", List.of(lines)));
        return StaffAccountView.of(user);
    }

    /** Applies the fields present; answers the account as it is afterwards. */
    public StaffAccountView update(long id, StaffUpdateRequest request, StaffMember actor) {
        StaffAccountView updated = applyUpdate(id, request, actor);
        // Committed: this replica stops trusting the old version now, the others on the NOTIFY.
        sessions.forget(updated.staffId());
        return updated;
    }

    @Transactional
    StaffAccountView applyUpdate(long id, StaffUpdateRequest request, StaffMember actor) {
        if (request == null || request.isEmpty()) {
            throw ApiException.badRequest("Nothing to change: send displayName, role, active, password or lines");
        }
        String newRole = request.role() == null ? null : role(request.role());
        String[] newLines = request.lines() == null ? null : lines(request.lines());
        StaffUser user = StaffUser.<StaffUser>findByIdOptional(id)
                .orElseThrow(() -> ApiException.notFound("No staff account " + id));
        if (request.password() != null) {
            requireAcceptable(request.password(), user.username);
        }
        boolean losesAdmin = user.active
                && Roles.ADMIN.equals(user.role)
                && (Boolean.FALSE.equals(request.active()) || (newRole != null && !Roles.ADMIN.equals(newRole)));
        if (losesAdmin && StaffUser.lockActiveAdmins().size() <= 1) {
            throw conflict(user.username + " is the last active admin: make another account admin first");
        }
        if (Boolean.FALSE.equals(request.active())
                && user.active
                && user.staffId().equals(actor.id())) {
            throw conflict("You cannot deactivate your own account; ask another admin");
        }

        Map<String, Object> changes = new LinkedHashMap<>();
        boolean endSessions = false;
        if (request.displayName() != null && !request.displayName().strip().equals(user.displayName)) {
            changes.put(
                    "displayName",
                    Map.of("from", user.displayName, "to", request.displayName().strip()));
            user.displayName = request.displayName().strip();
        }
        if (newRole != null && !newRole.equals(user.role)) {
            changes.put("role", Map.of("from", user.role, "to", newRole));
            user.role = newRole;
            endSessions = true;
        }
        if (request.active() != null && request.active() != user.active) {
            changes.put("active", request.active());
            user.active = request.active();
            endSessions |= !user.active;
        }
        boolean announce = false;
        if (newLines != null && !java.util.Arrays.equals(newLines, user.lines)) {
            changes.put("lines", Map.of("from", List.of(user.lines), "to", List.of(newLines)));
            user.lines = newLines;
            announce = true; // takes effect at once, without signing anyone out
        }
        if (request.password() != null) {
            changes.put("password", "reset");
            user.changePassword(request.password());
            endSessions = true;
        }
        if (endSessions) {
            user.endSessions();
        }
        if (endSessions || announce) {
            StaffSessions.announce(user.staffId());
        }
        if (!changes.isEmpty()) {
            user.updatedAt = java.time.Instant.now();
            AuditEntry.record(actor.name(), "staff.update", user.staffId(), changes);
        }
        return StaffAccountView.of(user);
    }

    /**
     * A staff member's own password: the current one must be right. Every session of the account ends,
     * and the caller's goes on with the fresh token answered here.
     */
    public TokenIssuer.IssuedToken changeOwnPassword(Optional<String> ownAccountId, PasswordChangeRequest request) {
        StaffUser user = applyPasswordChange(ownAccountId, request);
        sessions.forget(user.staffId());
        return tokens.issue(user);
    }

    @Transactional(dontRollbackOn = ApiException.class)
    StaffUser applyPasswordChange(Optional<String> ownAccountId, PasswordChangeRequest request) {
        StaffUser user = ownAccountId
                .flatMap(StaffUser::findByStaffId)
                .filter(account -> account.active)
                .orElseThrow(() -> ApiException.badRequest("Your password is managed by ClubOS: change it there"));
        String throttleKey = LoginService.userKey(user.username);
        throttle.lockedFor(throttleKey, config.loginMaxFailures()).ifPresent(wait -> {
            throw ApiException.tooManyRequests(
                    "Too many wrong passwords; try again in " + Math.max(1, wait.toSeconds()) + " seconds",
                    Math.max(1, wait.toSeconds()));
        });
        if (!user.passwordMatches(request.currentPassword())) {
            throttle.recordFailure(throttleKey);
            AuditEntry.record(user.username, "staff.password.failed", user.staffId(), Map.of());
            throw ApiException.badRequest("currentPassword is not your current password");
        }
        requireAcceptable(request.newPassword(), user.username);
        if (user.passwordMatches(request.newPassword())) {
            throw ApiException.badRequest("newPassword must differ from the current one");
        }
        user.changePassword(request.newPassword());
        StaffSessions.announce(user.staffId());
        AuditEntry.record(user.username, "staff.password", user.staffId(), Map.of());
        return user;
    }

    /** One of the plan's three roles, or 400 naming them. */
    static String role(String role) {
        String wanted = role == null ? "" : role.strip().toLowerCase();
        if (!Roles.ALL.contains(wanted)) {
            throw ApiException.badRequest("role must be one of admin, operator, support");
        }
        return wanted;
    }

    /** The lines an account may use, as our lines' numbers (sorted); unknown ones → 400 naming them. */
    private String[] lines(List<String> requested) {
        java.util.TreeSet<String> resolved = new java.util.TreeSet<>();
        for (String entry : requested == null ? List.<String>of() : requested) {
            resolved.add(knownLines
                    .resolve(entry)
                    .orElseThrow(() -> ApiException.badRequest(
                            "lines: '" + shorten(entry) + "' is not one of our lines (GET /api/messages/lines)")));
        }
        return resolved.toArray(String[]::new);
    }

    private static String shorten(String entry) {
        String text = entry == null ? "null" : entry.strip();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** The name people see: the one given, else the username. */
    static String displayNameOr(String displayName, String username) {
        return displayName == null || displayName.isBlank() ? username : displayName.strip();
    }

    static void requireUsername(String username) {
        if (!USERNAME.matcher(username).matches()) {
            throw ApiException.badRequest("username may contain only letters, digits and . _ - @ (no spaces)");
        }
    }

    static void requireAcceptable(String password, String username) {
        PasswordPolicy.problem(password, username).ifPresent(problem -> {
            throw ApiException.badRequest(problem);
        });
    }

    private static ApiException conflict(String message) {
        return new ApiException(Response.Status.CONFLICT, message);
    }
}
