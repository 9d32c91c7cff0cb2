package org.bankcrm.web.org;

import java.net.URI;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.org.Role;
import org.bankcrm.service.org.BranchService;
import org.bankcrm.service.org.BranchService.BranchView;
import org.bankcrm.service.org.BranchService.NewBranch;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.UserService;
import org.bankcrm.service.org.UserService.NewUser;
import org.bankcrm.service.org.UserService.UserView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Branches and users (ADMIN; the security chain checks the role, the services check it again). */
@RestController
@RequestMapping("/api/v1/admin")
@RequiredArgsConstructor
class AdminApiController {

    private final BranchService branches;
    private final UserService users;
    private final org.bankcrm.service.handover.HandoverService handovers;
    private final org.bankcrm.service.security.LoginThrottle throttle;

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping("/branches")
    ResponseEntity<BranchView> createBranch(CurrentUser user, @RequestBody NewBranch body) {
        BranchView created = branches.create(user, body);
        return ResponseEntity.created(URI.create("/api/v1/admin/branches/" + created.code())).body(created);
    }

    @GetMapping("/branches")
    List<BranchView> branches(CurrentUser user) {
        return branches.all(user);
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping("/users")
    ResponseEntity<UserView> createUser(CurrentUser user, @RequestBody NewUser body) {
        UserView created = users.create(user, body);
        return ResponseEntity.created(URI.create("/api/v1/admin/users/" + created.username())).body(created);
    }

    @GetMapping("/users")
    List<UserView> users(CurrentUser user) {
        return users.all(user);
    }

    /** The optional {@code version} (D11): the user's version the caller read; a stale one answers 409. */
    record PasswordReset(String password, Integer version) {
    }

    record Assignment(Role role, String branchCode, Integer version) {
    }

    record Disable(Integer version) {
    }

    @PostMapping("/users/{username}/password")
    UserView resetPassword(CurrentUser user, @PathVariable String username, @RequestBody PasswordReset body) {
        return users.resetPassword(user, username, body == null ? null : body.password(),
                body == null ? null : body.version());
    }

    @PostMapping("/users/{username}/assignment")
    UserView reassign(CurrentUser user, @PathVariable String username, @RequestBody Assignment body) {
        Assignment a = body == null ? new Assignment(null, null, null) : body;
        return users.reassign(user, username, a.role(), a.branchCode(), a.version());
    }

    @PostMapping("/users/{username}/disable")
    org.springframework.http.ResponseEntity<UserView> disable(CurrentUser user, @PathVariable String username,
                     @RequestBody(required = false) Disable body) {
        UserView disabled = users.disable(user, username, body == null ? null : body.version());
        var answer = org.springframework.http.ResponseEntity.ok();
        // A user who still owns customers or open opportunities leaves a book: the answer links its handover.
        if (handovers.ownsBook(user, username)) {
            answer.header("Link", "<" + org.springframework.web.util.UriComponentsBuilder.fromPath("/handover")
                    .queryParam("from", username).encode().build().toUriString() + ">; rel=\"handover\"");
        }
        return answer.body(disabled);
    }

    /** Lets a disabled user sign in again, with the role and branch they had (200, also when already enabled). */
    @PostMapping("/users/{username}/enable")
    UserView enable(CurrentUser user, @PathVariable String username, @RequestBody(required = false) Disable body) {
        return users.enable(user, username, body == null ? null : body.version());
    }

    /** Lifts a sign-in lock at once (204, also when there was none). */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    @PostMapping("/users/{username}/unlock")
    org.springframework.http.ResponseEntity<Void> unlock(CurrentUser user, @PathVariable String username) {
        throttle.unlock(user, username);
        return org.springframework.http.ResponseEntity.noContent().build();
    }
}
