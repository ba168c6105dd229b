package com.clubos.messages.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A staff member who signs in to this service directly (ClubOS staff use ClubOS tokens instead). */
@Entity
@Table(name = "staff_users")
public class StaffUser extends PanacheEntityBase {

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

    @Column(name = "created_at", nullable = false)
    public Instant createdAt = Instant.now();

    public static Optional<StaffUser> findActiveByUsername(String username) {
        return find("lower(username) = ?1 and active = true", username.toLowerCase()).firstResultOptional();
    }

    public boolean passwordMatches(String password) {
        return BcryptUtil.matches(password, passwordHash);
    }

    /** Creates the user unless one with this username exists; the password is stored as a bcrypt hash. */
    public static StaffUser createIfMissing(String username, String displayName, String role, String password) {
        return findActiveByUsername(username).orElseGet(() -> {
            StaffUser user = new StaffUser();
            user.username = username;
            user.displayName = displayName;
            user.role = role;
            user.passwordHash = BcryptUtil.bcryptHash(password);
            user.persist();
            return user;
        });
    }
}
