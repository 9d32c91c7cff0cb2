package org.bankcrm.web.opportunity;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import lombok.Data;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.FollowUpType;
import org.bankcrm.domain.opportunity.OpportunityBrief;
import org.bankcrm.domain.opportunity.RiskLevel;
import org.bankcrm.domain.opportunity.Source;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.domain.opportunity.Status;
import org.bankcrm.domain.opportunity.TeamRole;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.opportunity.FollowUpService;
import org.bankcrm.service.opportunity.OpportunityLifecycle;
import org.bankcrm.service.opportunity.OpportunityService;
import org.bankcrm.service.opportunity.OpportunityService.OpportunityQuery;
import org.bankcrm.service.opportunity.OpportunityView;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.OpportunityAccess;
import org.bankcrm.service.org.UserService;
import org.bankcrm.service.org.UserService.UserView;
import org.bankcrm.service.product.ProductCatalog;
import org.bankcrm.service.product.ProductCatalog.ProductView;
import org.bankcrm.service.settings.LostReasons;
import org.bankcrm.service.shared.PageReads;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.service.team.CommentService;
import org.bankcrm.service.team.TeamService;
import org.bankcrm.web.opportunity.OpportunityActionForms.EditForm;
import org.bankcrm.web.opportunity.OpportunityActionForms.FollowUpForm;
import org.bankcrm.web.opportunity.OpportunityActionForms.MoveForm;
import org.bankcrm.web.opportunity.OpportunityActionForms.OwnerForm;
import org.bankcrm.web.shared.Choice;
import org.bankcrm.web.shared.Flashes;
import org.bankcrm.web.shared.FormErrors;
import org.bankcrm.web.shared.Formats;
import org.springframework.context.MessageSource;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Opportunity pages: the scoped list with filters, the detail and the create form.
 *
 * <p>Over 250 lines: the detail page's four forms and the conflict page of each versioned one (D11) belong to
 * the one page they are posted from; the board is {@link BoardController}.
 */
@Controller
@RequestMapping("/opportunities")
@RequiredArgsConstructor
class OpportunityPageController {

    private final OpportunityService opportunities;
    private final OpportunityLifecycle lifecycle;
    private final FollowUpService followUps;
    private final LostReasons lostReasons;
    private final ProductCatalog products;
    private final UserService users;
    private final OpportunityConflicts conflicts;
    private final Clock clock;
    private final MessageSource messages;
    private final org.bankcrm.service.approval.ApprovalService approvals;
    private final TeamService team;
    private final CommentService comments;
    private final PageReads pageReads;
    private final Formats fmt;

    /**
     * The list's filters as the query string carries them; the page renders them back. A bean, not a record: Spring
     * binds a record through its constructor, reflecting on its components and their annotations again on every
     * request (8 % of the list's CPU), while a bean's properties are introspected once (D80).
     */
    @Data
    static class ListFilter {
        private Status status;
        private Stage stage;
        private String q;
        private String owner;
        private String productCode;
        private Source source;
        private String band;
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate closeFrom;
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate closeTo;
        private String sort;
        private String member;

        /** How many filters beyond the search words narrow the list: a phone shows their fields when any does. */
        public int activeFilters() {
            return (int) Stream.of(status, stage, owner, productCode, source, band, closeFrom, closeTo,
                    member).filter(v -> v != null && !"".equals(v)).count();
        }
    }

    @GetMapping
    String list(CurrentUser user, @ModelAttribute("f") ListFilter f, @RequestParam(required = false) Integer page,
                Model model, Locale locale) {
        boolean supervises = AccessPolicy.supervises(user);
        // The list and the owner filter in one transaction, which may read the replica (D71).
        Paged<OpportunityBrief> briefs = pageReads.fromReplica(() -> {
            model.addAttribute("rms", Choice.of(users.ownerChoices(user), UserView::username, UserView::displayName));
            return opportunities.searchBriefs(user, new OpportunityQuery(f.getStatus(), f.getStage(),
                    supervises ? f.getOwner() : null, null, f.getSource(), f.getBand(), f.getProductCode(), null,
                    f.getCloseFrom(), f.getCloseTo(), f.getQ(), f.getSort(), page, 20,
                    "me".equals(f.getMember()) ? "me" : null));
        });
        model.addAttribute("page", briefs);
        model.addAttribute("rows", ListRow.of(briefs.items(), fmt, messages, locale));
        model.addAttribute("products", Choice.of(products.all(locale), ProductView::code, ProductView::name));
        model.addAttribute("statuses", Choice.named(List.of(Status.values()), "status.", messages, locale));
        model.addAttribute("stages", Choice.named(List.of(Stage.values()), "stage.", messages, locale));
        model.addAttribute("sources", Choice.named(List.of(Source.values()), "source.", messages, locale));
        model.addAttribute("bands", Choice.withArgument(List.of("A", "B", "C", "D"), "filter.bandIs", messages,
                locale));
        return "opportunities/list";
    }

    @GetMapping("/new")
    String newForm(CurrentUser user, @RequestParam(required = false) String customerNo, Model model, Locale locale) {
        AccessPolicy.requireMayWorkOnRecords(user);
        OpportunityForm form = new OpportunityForm();
        form.setCustomerNo(customerNo);
        form.setExpectedCloseDate(LocalDate.now(clock).plusDays(30));
        return form(user, form, model, locale);
    }

    @PostMapping
    String create(CurrentUser user, @ModelAttribute("form") OpportunityForm form, BindingResult binding, Model model,
                  Locale locale, RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return form(user, form, model, locale);
        }
        try {
            OpportunityView created = opportunities.create(user, form.toCommand());
            redirect.addFlashAttribute("flash", "opportunity.created");
            return "redirect:/opportunities/" + created.id();
        } catch (InvalidInputException e) {
            FormErrors.apply(e, binding);
            return form(user, form, model, locale);
        }
    }

    @GetMapping("/{id}")
    String detail(CurrentUser user, @PathVariable long id, Model model, Locale locale) {
        return detailPage(user, id, model, locale);
    }

    @PostMapping("/{id}/edit")
    String edit(CurrentUser user, @PathVariable long id, @ModelAttribute("editForm") EditForm form,
                BindingResult binding, Model model, Locale locale, RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return detailPage(user, id, model, locale);
        }
        return change(user, id, binding, model, locale, redirect, "opportunity.saved",
                () -> lifecycle.edit(user, id, form.toChanges()), () -> editConflict(user, id, form, model));
    }

    @PostMapping("/{id}/move")
    String move(CurrentUser user, @PathVariable long id, @ModelAttribute("moveForm") MoveForm form,
                BindingResult binding, Model model, Locale locale, RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return detailPage(user, id, model, locale);
        }
        // No plain flash: the page shows where the move went, with its undo (D34).
        return change(user, id, binding, model, locale, redirect, null, () -> {
            lifecycle.move(user, id, form.toMove());
            redirect.addFlashAttribute("justMoved", true);
        }, () -> moveConflict(user, id, form, model, locale));
    }

    /** Undoes the user's last stage move from the message it left; refused with the reason when it may not be. */
    @PostMapping("/{id}/undo")
    String undo(CurrentUser user, @PathVariable long id, @RequestParam(required = false) Integer version,
                Locale locale, RedirectAttributes redirect) {
        try {
            lifecycle.undo(user, id, version, messages.getMessage("opportunity.undo.comment", null, locale));
            redirect.addFlashAttribute("flash", "opportunity.undone.plain");
        } catch (ConflictException e) {
            Flashes.error(redirect, e);
        }
        return "redirect:/opportunities/" + id;
    }

    @PostMapping("/{id}/follow-ups")
    String logFollowUp(CurrentUser user, @PathVariable long id, @ModelAttribute("followUpForm") FollowUpForm form,
                       BindingResult binding, Model model, Locale locale, RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return detailPage(user, id, model, locale);
        }
        return change(user, id, binding, model, locale, redirect, "followUp.logged",
                () -> followUps.log(user, id, form.toCommand()), null);
    }

    @PostMapping("/{id}/owner")
    String reassign(CurrentUser user, @PathVariable long id, @ModelAttribute("ownerForm") OwnerForm form,
                    BindingResult binding, Model model, Locale locale, RedirectAttributes redirect) {
        return change(user, id, binding, model, locale, redirect, "opportunity.reassigned",
                () -> lifecycle.reassign(user, id, new OpportunityLifecycle.Reassign(form.getOwnerRm(),
                        form.getVersion())),
                () -> reassignConflict(user, id, form, model));
    }

    /**
     * One change from the opportunity page: on success back to the page with a flash message; bad input shows the
     * page again with the fields marked; a stale version shows the conflict page ({@code onStale}, D11), when the
     * form has one.
     */
    private String change(CurrentUser user, long id, BindingResult binding, Model model, Locale locale,
                          RedirectAttributes redirect, String flash, Runnable action, Supplier<String> onStale) {
        try {
            action.run();
            if (flash != null) {
                redirect.addFlashAttribute("flash", flash);
            }
            return "redirect:/opportunities/" + id;
        } catch (InvalidInputException e) {
            FormErrors.apply(e, binding);
            return detailPage(user, id, model, locale);
        } catch (ConflictException | OptimisticLockingFailureException e) {
            if (e instanceof ConflictException c && c.messageKey().startsWith("approval.")) {
                // The gate before WON (D45): the page says approval is needed, with its request button.
                Flashes.error(redirect, c);
                return "redirect:/opportunities/" + id + "#approval";
            }
            if (onStale == null || !OpportunityConflicts.isStale(e)) {
                throw e;
            }
            return onStale.get();
        }
    }

    /** The opportunity's page: everything it reads, in one read-only transaction that finds the opportunity once. */
    private String detailPage(CurrentUser user, long id, Model model, Locale locale) {
        return pageReads.of(() -> fillDetail(user, id, model, locale));
    }

    private String fillDetail(CurrentUser user, long id, Model model, Locale locale) {
        long historySeen = opportunities.historyMark(user, id);
        OpportunityView o = opportunities.get(user, id);
        model.addAttribute("o", o);
        model.addAttribute("history", opportunities.history(user, id));
        model.addAttribute("followUps", followUps.list(user, id));
        if (!model.containsAttribute("editForm")) {
            model.addAttribute("editForm", EditForm.of(o, historySeen));
        }
        if (!model.containsAttribute("moveForm")) {
            MoveForm move = new MoveForm();
            move.setVersion(o.version());
            move.setHistorySeen(historySeen);
            move.setWonAmount(o.amount());
            model.addAttribute("moveForm", move);
        }
        if (!model.containsAttribute("followUpForm")) {
            model.addAttribute("followUpForm", new FollowUpForm());
        }
        if (!model.containsAttribute("ownerForm")) {
            OwnerForm owner = new OwnerForm();
            owner.setVersion(o.version());
            owner.setHistorySeen(historySeen);
            owner.setOwnerRm(o.ownerRm());
            model.addAttribute("ownerForm", owner);
        }
        boolean supervises = AccessPolicy.supervises(user);
        // Open: "推进" goes forward (the next stage first); moving back is its own, confirmed form. Closed: reopening.
        model.addAttribute("openTargets", o.stage().isOpen()
                ? o.stage().forward().stream().filter(Stage::isOpen).toList()
                : o.stage().targets().stream().filter(s -> AccessPolicy.mayReopen(user)).toList());
        model.addAttribute("backTargets", o.stage().back());
        if (model.containsAttribute("justMoved")) {
            model.addAttribute("undo", lifecycle.undoOffer(user, id).orElse(null));
        }
        model.addAttribute("canWin", o.stage().canMoveTo(Stage.WON));
        model.addAttribute("approval", approvals.state(user, id));
        model.addAttribute("lostReasons", lostReasons.enabled(locale));
        if (o.lostReason() != null) {
            model.addAttribute("lostReasonName", lostReasons.name(o.lostReason(), locale));
        }
        model.addAttribute("risks", RiskLevel.values());
        model.addAttribute("competitions", Competition.values());
        model.addAttribute("followUpTypes", FollowUpType.values());
        model.addAttribute("supervises", supervises);
        model.addAttribute("rms", users.ownerChoices(user));
        // The team and the thread (D44): what this user may do here follows how they reach the opportunity.
        OpportunityAccess access = opportunities.access(user, id);
        model.addAttribute("mayChange", AccessPolicy.mayChangeOpportunity(user, access));
        // a closed opportunity's team is as it closed: its credit shares are the incentives' (reopen to change it)
        model.addAttribute("mayManageTeam", AccessPolicy.mayManageTeam(user, access) && o.status() == Status.OPEN);
        model.addAttribute("mayComment", AccessPolicy.mayContribute(user, access));
        model.addAttribute("mayOpenCustomer", access.inScope());
        var members = team.team(user, id);
        model.addAttribute("team", members);
        model.addAttribute("teamVersion", TeamService.version(members));
        model.addAttribute("teamRoles", TeamRole.values());
        model.addAttribute("comments", comments.list(user, id));
        model.addAttribute("mentionable", comments.mentionable(user, id));
        return "opportunities/detail";
    }

    /** Someone saved first: show their changes since this page was loaded and offer to apply ours on top. */
    private String editConflict(CurrentUser user, long id, EditForm mine, Model model) {
        var conflict = conflicts.fill(user, id, mine.getHistorySeen(), "edit", model);
        model.addAttribute("bothChanged", mine.rebase(conflict.current(), conflict.changes()));
        model.addAttribute("canReapply", conflict.current().status() == Status.OPEN);
        mine.setVersion(conflict.current().version());
        mine.setHistorySeen(conflict.seenNow());
        model.addAttribute("editForm", mine);
        model.addAttribute("risks", RiskLevel.values());
        model.addAttribute("competitions", Competition.values());
        return OpportunityConflicts.PAGE;
    }

    /**
     * A stale stage move (advance, win, lose, reopen): their changes, and the same move with its amount, reason
     * and comment ready to run on the current version, if the current stage still allows it.
     */
    private String moveConflict(CurrentUser user, long id, MoveForm mine, Model model, Locale locale) {
        var conflict = conflicts.fill(user, id, mine.getHistorySeen(), "move", model);
        // Once closed by someone else, doing it again would be a reopening: offered only to those who may reopen.
        Stage now = conflict.current().stage();
        model.addAttribute("canReapply", mine.getToStage() != null && now.canMoveTo(mine.getToStage())
                && (now.isOpen() || AccessPolicy.mayReopen(user)));
        mine.setVersion(conflict.current().version());
        mine.setHistorySeen(conflict.seenNow());
        model.addAttribute("moveForm", mine);
        model.addAttribute("lostReasons", lostReasons.enabled(locale));
        return OpportunityConflicts.PAGE;
    }

    /** A stale reassignment: their changes, and the same new owner ready to set on the current version. */
    private String reassignConflict(CurrentUser user, long id, OwnerForm mine, Model model) {
        var conflict = conflicts.fill(user, id, mine.getHistorySeen(), "reassign", model);
        model.addAttribute("canReapply", conflict.current().status() == Status.OPEN);
        mine.setVersion(conflict.current().version());
        mine.setHistorySeen(conflict.seenNow());
        model.addAttribute("ownerForm", mine);
        model.addAttribute("rms", users.ownerChoices(user));
        return OpportunityConflicts.PAGE;
    }

    private String form(CurrentUser user, OpportunityForm form, Model model, Locale locale) {
        if (form.getRequestKey() == null || form.getRequestKey().isBlank()) {
            form.setRequestKey(UUID.randomUUID().toString());
        }
        model.addAttribute("form", form);
        model.addAttribute("products", products.enabled(locale));
        model.addAttribute("sources", OpportunityService.USER_SOURCES.stream().sorted().toList());
        model.addAttribute("risks", RiskLevel.values());
        model.addAttribute("competitions", Competition.values());
        model.addAttribute("rms", users.ownerChoices(user));
        return "opportunities/form";
    }
}
