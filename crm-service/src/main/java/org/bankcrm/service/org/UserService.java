package org.bankcrm.service.org;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.org.Branch;
import org.bankcrm.domain.org.BranchRepository;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.org.StaffUserRepository;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.shared.CommandValidator;
import org.bankcrm.service.shared.EmailAddress;
import org.bankcrm.service.shared.PageRequestParams;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.service.shared.Texts;
import org.bankcrm.service.shared.Versions;
import org.springframework.data.domain.Sort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Staff users: admins create, list and disable them. Passwords are hashed here and never returned. */
@Service
@RequiredArgsConstructor
public class UserService {

    /** A new user. */
    public record NewUser(
            @NotBlank(message = "{validation.required}")
            @Pattern(regexp = "[A-Za-z0-9_.-]{2,50}", message = "{validation.username.format}") String username,
            @NotBlank(message = "{validation.required}")
            @Size(max = 100, message = "{validation.size.max}") String displayName,
            @NotNull(message = "{validation.required}") Role role,
            @NotBlank(message = "{validation.required}") String branchCode,
            @NotBlank(message = "{validation.required}") String password,
            @Size(max = 200, message = "{validation.size.max}")
            @Pattern(regexp = EmailAddress.REGEX, message = "{profile.email.invalid}") String email) {

        /** A user without an e-mail address (the digest's; optional). */
        public NewUser(String username, String displayName, Role role, String branchCode, String password) {
            this(username, displayName, role, branchCode, password, null);
        }

        @Override
        public String toString() {
            return "NewUser[" + username + ", " + role + ", " + branchCode + "]";
        }
    }

    /** A user as lists show it, with the version a change carries back (D11); never the password hash. */
    public record UserView(String username, String displayName, Role role, String branchCode, String branchName,
                           boolean enabled, Instant createdAt, int version) {

        static UserView of(StaffUser u) {
            return new UserView(u.getUsername(), u.getDisplayName(), u.getRole(), u.getBranch().getCode(),
                    u.getBranch().getName(), u.isEnabled(), u.getCreatedAt(), u.getVersion());
        }
    }

    private static final int USERS_PAGE = 50;

    private final StaffUserRepository users;
    private final BranchRepository branches;
    private final PasswordEncoder passwordEncoder;
    private final PasswordPolicy passwordPolicy;
    private final CommandValidator validator;
    private final UserSessions sessions;
    private final AuditLog audit;

    @Transactional
    public UserView create(CurrentUser actor, NewUser cmd) {
        AccessPolicy.requireAdmin(actor);
        validator.check(cmd);
        String username = cmd.username().strip();
        passwordPolicy.check("password", cmd.password(), username);
        if (users.existsByUsername(username)) {
            throw new InvalidInputException("username", "user.username.taken", username);
        }
        Branch branch = branches.findByCode(cmd.branchCode().strip())
                .orElseThrow(() -> new InvalidInputException("branchCode", "branch.unknown", cmd.branchCode()));
        StaffUser user = new StaffUser(username, Texts.clean(cmd.displayName()), cmd.role(), branch,
                passwordEncoder.encode(cmd.password()));
        user.changeEmail(Texts.clean(cmd.email()));
        StaffUser saved = users.save(user);
        audit.record(actor.username(), "USER_CREATED", "user", username,
                "role=" + cmd.role() + ", branch=" + branch.getCode());
        return UserView.of(saved);
    }

    @Transactional(readOnly = true)
    public List<UserView> all(CurrentUser actor) {
        AccessPolicy.requireAdmin(actor);
        return users.findInSubtree("/%").stream().map(UserView::of).toList();
    }

    /**
     * One page of the users whose login, display name, branch code or branch name contains {@code q} (all users
     * when blank), for the admin's users page; 50 to a page.
     */
    @Transactional(readOnly = true)
    public Paged<UserView> search(CurrentUser actor, String q, Integer page) {
        AccessPolicy.requireAdmin(actor);
        String text = Texts.clean(q);
        String pattern = text == null ? "%" : "%" + Texts.likeLiteral(text.toLowerCase(java.util.Locale.ROOT)) + "%";
        return Paged.of(users.search(pattern, PageRequestParams.of(page, null, USERS_PAGE, Sort.unsorted())),
                UserView::of);
    }

    /**
     * Ends the user's access at once, sessions included; what they own stays theirs. A stale {@code version} (what
     * the caller read; {@code null}: none sent) is refused.
     */
    @Transactional
    public UserView disable(CurrentUser actor, String username, Integer version) {
        AccessPolicy.requireAdmin(actor);
        StaffUser user = atVersion(username, version);
        if (user.getUsername().equals(actor.username())) {
            throw new InvalidInputException(null, "user.disable.self");
        }
        if (user.isEnabled()) {
            user.disable();
            audit.record(actor.username(), "USER_DISABLED", "user", username, null);
        }
        endSessionsOnCommit(username);
        users.flush();
        return UserView.of(user);
    }

    /**
     * Lets a disabled user sign in again (back from leave, disabled by mistake) with the role, branch and password
     * they had; what was handed over while they were away stays with who took it. A stale version is refused.
     */
    @Transactional
    public UserView enable(CurrentUser actor, String username, Integer version) {
        AccessPolicy.requireAdmin(actor);
        StaffUser user = atVersion(username, version);
        if (!user.isEnabled()) {
            user.enable();
            audit.record(actor.username(), "USER_ENABLED", "user", username, null);
        }
        users.flush();
        return UserView.of(user);
    }

    /** Sets a new password (it must pass the policy) and ends the user's sessions. A stale version is refused. */
    @Transactional
    public UserView resetPassword(CurrentUser actor, String username, String newPassword, Integer version) {
        AccessPolicy.requireAdmin(actor);
        StaffUser user = atVersion(username, version);
        passwordPolicy.check("password", newPassword, username);
        user.changePasswordHash(passwordEncoder.encode(newPassword));
        audit.record(actor.username(), "USER_PASSWORD_RESET", "user", username, null);
        endSessionsOnCommit(username);
        users.flush();
        return UserView.of(user);
    }

    /**
     * Moves a user to another role or branch. What they may see changes with it, so their sessions end at once;
     * what they own stays theirs. An admin cannot demote themselves (someone must stay able to administer). A stale
     * version is refused.
     */
    @Transactional
    public UserView reassign(CurrentUser actor, String username, Role role, String branchCode, Integer version) {
        AccessPolicy.requireAdmin(actor);
        StaffUser user = atVersion(username, version);
        if (role == null) {
            throw new InvalidInputException("role", "validation.required");
        }
        Branch branch = branches.findByCode(branchCode == null ? "" : branchCode.strip())
                .orElseThrow(() -> new InvalidInputException("branchCode", "branch.unknown", branchCode));
        if (user.getUsername().equals(actor.username()) && role != Role.ADMIN) {
            throw new InvalidInputException("role", "user.demote.self");
        }
        if (user.getRole() != role || !user.getBranch().getId().equals(branch.getId())) {
            audit.record(actor.username(), "USER_REASSIGNED", "user", username,
                    user.getRole() + "@" + user.getBranch().getCode() + " -> " + role + "@" + branch.getCode());
            user.assign(role, branch);
            endSessionsOnCommit(username);
        }
        users.flush();
        return UserView.of(user);
    }

    /**
     * Ends the user's sessions once the change has committed. Spring Session deletes in a transaction of its own: done
     * before the commit, a sign-in on any node that still read the old user would keep its new session; done after,
     * that session goes too, and a change that rolls back signs nobody out.
     */
    private void endSessionsOnCommit(String username) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            sessions.endAll(username);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sessions.endAll(username);
            }
        });
    }

    /** The user behind a session or a Basic login. */
    @Transactional(readOnly = true)
    public CurrentUser current(String username) {
        return users.findByUsername(username).map(CurrentUser::of)
                .orElseThrow(() -> new NotFoundException("user.notFound", username));
    }

    /**
     * The RMs a user may give records to, for owner pickers and RM filters: the enabled RMs of the subtree they
     * work in if they supervise ({@link AccessPolicy}), none otherwise.
     */
    @Transactional(readOnly = true)
    public List<UserView> ownerChoices(CurrentUser user) {
        return AccessPolicy.supervises(user) ? rmsIn(AccessPolicy.workingSubtree(user)) : List.of();
    }

    /**
     * The owner choices under one branch of the user's scope (a customer's, a dashboard's): its enabled RMs and
     * those of its sub-branches; those of the whole working subtree when the branch is not given or not visible.
     */
    @Transactional(readOnly = true)
    public List<UserView> ownerChoicesUnder(CurrentUser user, String branchCode) {
        if (!AccessPolicy.supervises(user)) {
            return List.of();
        }
        String path = branchCode == null ? null : branches.findByCode(branchCode).map(Branch::getPath)
                .filter(p -> user.scope().coversBranch(p)).orElse(null);
        return rmsIn(path != null ? path : AccessPolicy.workingSubtree(user));
    }

    /** The RMs a referral may be suggested to: those of the user's own branch subtree, whatever their role. */
    @Transactional(readOnly = true)
    public List<UserView> referralRms(CurrentUser user) {
        return rmsIn(user.branchPath());
    }

    private List<UserView> rmsIn(String branchPath) {
        return users.findEnabledByRoleInSubtree(Role.RM, Scope.subtreePattern(branchPath)).stream().map(UserView::of)
                .toList();
    }

    /** The user to change, refused when unknown (404) or when {@code version} (null: none sent) is stale (409). */
    private StaffUser atVersion(String username, Integer version) {
        StaffUser user = users.findByUsername(username)
                .orElseThrow(() -> new NotFoundException("user.notFound", username));
        Versions.check(version, user.getVersion());
        return user;
    }
}
