package org.bankcrm.web.org;

import java.util.function.Function;
import lombok.Data;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.org.BranchService;
import org.bankcrm.service.org.BranchService.NewBranch;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.UserService;
import org.bankcrm.service.org.UserService.NewUser;
import org.bankcrm.web.shared.FormErrors;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin pages for the branch tree and the users. The forms on a user carry the version the page read: a stale one
 * comes back as the page's conflict message and changes nothing (D11).
 */
@Controller
@RequestMapping("/admin")
@RequiredArgsConstructor
class AdminPageController {

    /** The new-branch form. */
    @Data
    static class BranchForm {
        private String code;
        private String name;
        private String parentCode;
    }

    /** The new-user form. The password is never rendered back. */
    @Data
    static class UserForm {
        private String username;
        private String displayName;
        private Role role = Role.RM;
        private String branchCode;
        private String password;
        /** Optional: where the morning digest of alerts goes (D38). */
        private String email;
    }

    private final BranchService branches;
    private final UserService users;
    private final org.bankcrm.service.handover.HandoverService handovers;
    private final org.bankcrm.service.security.LoginThrottle throttle;

    @GetMapping
    String index() {
        return "redirect:/admin/users";
    }

    @GetMapping("/branches")
    String branches(CurrentUser user, Model model) {
        return branchPage(user, new BranchForm(), model);
    }

    @PostMapping("/branches")
    String createBranch(CurrentUser user, @ModelAttribute("form") BranchForm form, BindingResult binding, Model model,
                        RedirectAttributes redirect) {
        try {
            branches.create(user, new NewBranch(form.getCode(), form.getName(), form.getParentCode()));
            redirect.addFlashAttribute("flash", "branch.created");
            return "redirect:/admin/branches";
        } catch (InvalidInputException e) {
            FormErrors.apply(e, binding);
            return branchPage(user, form, model);
        }
    }

    @GetMapping("/users")
    String users(CurrentUser user, @org.springframework.web.bind.annotation.RequestParam(required = false) String q,
                 @org.springframework.web.bind.annotation.RequestParam(required = false) Integer page, Model model) {
        return userPage(user, new UserForm(), q, page, model);
    }

    @PostMapping("/users")
    String createUser(CurrentUser user, @ModelAttribute("form") UserForm form, BindingResult binding, Model model,
                      RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            form.setPassword(null);
            return userPage(user, form, null, null, model);
        }
        try {
            users.create(user, new NewUser(form.getUsername(), form.getDisplayName(), form.getRole(),
                    form.getBranchCode(), form.getPassword(), org.bankcrm.service.shared.Texts.clean(form.getEmail())));
            redirect.addFlashAttribute("flash", "user.created");
            return "redirect:/admin/users";
        } catch (InvalidInputException e) {
            FormErrors.apply(e, binding);
            form.setPassword(null);
            return userPage(user, form, null, null, model);
        }
    }

    @PostMapping("/users/{username}/password")
    String resetPassword(CurrentUser user, @PathVariable String username,
                         @org.springframework.web.bind.annotation.RequestParam(required = false) String password,
                         @org.springframework.web.bind.annotation.RequestParam(required = false) Integer version,
                         RedirectAttributes redirect) {
        return changeUser(() -> users.resetPassword(user, username, password, version), "user.passwordReset",
                e -> "user.passwordRefused", redirect);
    }

    @PostMapping("/users/{username}/assignment")
    String reassign(CurrentUser user, @PathVariable String username,
                    @org.springframework.web.bind.annotation.RequestParam(required = false) Role role,
                    @org.springframework.web.bind.annotation.RequestParam(required = false) String branchCode,
                    @org.springframework.web.bind.annotation.RequestParam(required = false) Integer version,
                    RedirectAttributes redirect) {
        return changeUser(() -> users.reassign(user, username, role, branchCode, version), "user.reassigned",
                e -> e.messageKey().equals("user.demote.self") ? "user.demote.self" : "user.reassignRefused",
                redirect);
    }

    @PostMapping("/users/{username}/disable")
    String disable(CurrentUser user, @PathVariable String username,
                   @org.springframework.web.bind.annotation.RequestParam(required = false) Integer version,
                   RedirectAttributes redirect) {
        String next = changeUser(() -> users.disable(user, username, version), "user.disabled",
                InvalidInputException::messageKey, redirect);
        // Someone who still owns customers or open opportunities leaves a book: the page offers its handover.
        if (!redirect.getFlashAttributes().containsKey("flashError") && handovers.ownsBook(user, username)) {
            redirect.addFlashAttribute("handoverFrom", username);
        }
        return next;
    }

    @PostMapping("/users/{username}/enable")
    String enable(CurrentUser user, @PathVariable String username,
                  @org.springframework.web.bind.annotation.RequestParam(required = false) Integer version,
                  RedirectAttributes redirect) {
        return changeUser(() -> users.enable(user, username, version), "user.reenabled",
                InvalidInputException::messageKey, redirect);
    }

    /**
     * A change to one user from the users page: back to the list with what happened, the message {@code refused}
     * chooses for bad input, or the stale-version message when another admin changed the user first (D11).
     */
    private static String changeUser(Runnable change, String done,
                                     Function<InvalidInputException, String> refused, RedirectAttributes redirect) {
        try {
            change.run();
            redirect.addFlashAttribute("flash", done);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("flashError", refused.apply(e));
        } catch (ConflictException | OptimisticLockingFailureException e) {
            redirect.addFlashAttribute("flashError", "error.stale");
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/users/{username}/unlock")
    String unlock(CurrentUser user, @PathVariable String username, RedirectAttributes redirect) {
        throttle.unlock(user, username);
        redirect.addFlashAttribute("flash", "user.unlocked");
        return "redirect:/admin/users";
    }

    private String branchPage(CurrentUser user, BranchForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("branches", branches.all(user));
        return "admin/branches";
    }

    private String userPage(CurrentUser user, UserForm form, String q, Integer page, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("q", q);
        model.addAttribute("users", users.search(user, q, page));
        model.addAttribute("base", org.springframework.web.util.UriComponentsBuilder.fromPath("/admin/users")
                .queryParamIfPresent("q", java.util.Optional.ofNullable(q).filter(s -> !s.isBlank()))
                .encode().build().toUriString());
        model.addAttribute("locked", throttle.lockedAccounts());
        model.addAttribute("branches", branches.all(user));
        model.addAttribute("roles", Role.values());
        return "admin/users";
    }
}
