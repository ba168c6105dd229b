package com.clubos.messages.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A staff member who signs in to this service directly (ClubOS staff use ClubOS tokens instead). */
@Entity
@Table(name = "staff_users")
public class StaffUser extends PanacheEntityBase {

    /** How our own accounts appear as a user id in tokens, audit entries and assignments. */
    public static final String ID_PREFIX = "staff-";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String username;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(nullable = false)
    public String role;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(nullable = false)
    public boolean active = true;

    /** Raised whenever tokens issued so far must stop working (deactivation, role or password change). */
    @Column(name = "session_version", nullable = false)
    public int sessionVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    @Column(name = "last_login_at")
    public Instant lastLoginAt;

    /** The lines (E.164) this account may use; empty: every line. */
    @Column(name = "lines", nullable = false)
    public String[] lines = new String[0];

    public static Optional<StaffUser> findActiveByUsername(String username) {
        return find("lower(username) = ?1 and active = true", username.toLowerCase())
                .firstResultOptional();
    }

    public static Optional<StaffUser> findByUsername(String username) {
        return find("lower(username) = ?1", username.toLowerCase()).firstResultOptional();
    }

    /** The account behind a token's user id ("staff-12"), if it is one of ours. */
    public static Optional<StaffUser> findByStaffId(String staffId) {
        return parseStaffId(staffId).map(id -> (StaffUser) findById(id));
    }

    public static Optional<Long> parseStaffId(String staffId) {
        if (staffId == null || !staffId.startsWith(ID_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(staffId.substring(ID_PREFIX.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Every account, by username. */
    public static List<StaffUser> listAll() {
        return find("order by lower(username)").list();
    }

    /**
     * The active admins, row-locked: changes that could leave the service without an admin take
     * this lock first, so two admins demoting each other at once cannot both succeed.
     */
    public static List<StaffUser> lockActiveAdmins() {
        return find("role = ?1 and active = true order by id", Roles.ADMIN)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    public static long countActiveAdmins() {
        return count("role = ?1 and active = true", Roles.ADMIN);
    }

    public String staffId() {
        return ID_PREFIX + id;
    }

    public boolean passwordMatches(String password) {
        return BcryptUtil.matches(password, passwordHash);
    }

    /** Stores a new password (bcrypt) and ends every session issued with the old one. */
    public void changePassword(String password) {
        passwordHash = BcryptUtil.bcryptHash(password);
        endSessions();
    }

    /** Tokens issued so far stop working; the account must sign in again. */
    public void endSessions() {
        sessionVersion++;
        updatedAt = Instant.now();
    }

    /** Creates the user unless one with this username exists; the password is stored as a bcrypt hash. */
    public static StaffUser createIfMissing(String username, String displayName, String role, String password) {
        return findActiveByUsername(username).orElseGet(() -> create(username, displayName, role, password));
    }

    public static StaffUser create(String username, String displayName, String role, String password) {
        StaffUser user = new StaffUser();
        user.username = username;
        user.displayName = displayName;
        user.role = role;
        user.passwordHash = BcryptUtil.bcryptHash(password);
        user.persist();
        return user;
    }
}
