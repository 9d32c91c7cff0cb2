package org.bankcrm.domain.org;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import lombok.AccessLevel;
import lombok.Getter;
import lombok.NoArgsConstructor;
import org.bankcrm.domain.shared.IdentityEntity;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A member of staff who logs in: an RM, a branch head, a referrer or an admin, in one branch.
 *
 * <p>Updates write only the columns a change touched ({@link DynamicUpdate}): the user's own e-mail and digest
 * settings, saved by a statement of their own, are not written back with the values an admin's change (a role,
 * a branch, a reset password) loaded before them.
 */
@Entity
@DynamicUpdate
@Table(name = "staff_user")
@Getter
@NoArgsConstructor(access = AccessLevel.PROTECTED)
public class StaffUser extends IdentityEntity {

    @Column(nullable = false, unique = true, updatable = false)
    private String username;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "branch_id")
    private Branch branch;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    private boolean enabled = true;

    /** Where the e-mail digest of notifications goes; optional. */
    private String email;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private int version;

    public StaffUser(String username, String displayName, Role role, Branch branch, String passwordHash) {
        this.username = Objects.requireNonNull(username);
        this.displayName = Objects.requireNonNull(displayName);
        this.role = Objects.requireNonNull(role);
        this.branch = Objects.requireNonNull(branch);
        this.passwordHash = Objects.requireNonNull(passwordHash);
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    /**
     * Whether this user may be given customers and opportunities of the branch at {@code branchPath} or of a branch
     * above it: an enabled RM whose branch lies in that subtree. The one definition of an "active RM of the branch"
     * ({@link StaffUserRepository#findActiveRmUnder}).
     */
    public boolean isActiveRmUnder(String branchPath) {
        return role == Role.RM && enabled && branch.getPath().startsWith(branchPath);
    }

    /** Sets (or, with null, removes) the address the e-mail digest goes to. */
    public void changeEmail(String address) {
        this.email = address;
        this.updatedAt = Instant.now();
    }

    /** Ends the user's access; everything they own stays theirs. */
    public void disable() {
        this.enabled = false;
        this.updatedAt = Instant.now();
    }

    public void enable() {
        this.enabled = true;
        this.updatedAt = Instant.now();
    }

    public void changePasswordHash(String newHash) {
        this.passwordHash = Objects.requireNonNull(newHash);
        this.updatedAt = Instant.now();
    }

    public void assign(Role newRole, Branch newBranch) {
        this.role = Objects.requireNonNull(newRole);
        this.branch = Objects.requireNonNull(newBranch);
        this.updatedAt = Instant.now();
    }
}
