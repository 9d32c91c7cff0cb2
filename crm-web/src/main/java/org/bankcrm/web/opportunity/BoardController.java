package org.bankcrm.web.opportunity;

import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.dashboard.PipelineSummaryQuery;
import org.bankcrm.service.opportunity.OpportunityLifecycle;
import org.bankcrm.service.opportunity.OpportunityService;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.settings.LostReasons;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pipeline board: a column per open stage. A card moves by drag and drop (htmx, no reload) or with its
 * own "move to" form, which works from the keyboard and without JavaScript. Dropping on 成交 or 流失 opens the
 * card's form with what the rules ask for: the won amount or the lost reason.
 */
@Controller
@RequestMapping("/opportunities/board")
@RequiredArgsConstructor
class BoardController {

    static final int CARDS_PER_STAGE = 50;

    private final OpportunityService opportunities;
    private final OpportunityLifecycle lifecycle;
    private final PipelineSummaryQuery pipeline;
    private final LostReasons lostReasons;
    private final OpportunityConflicts conflicts;
    private final MessageSource messages;
    private final org.bankcrm.service.approval.ApprovalService approvals;

    @GetMapping
    String board(CurrentUser user, Model model, Locale locale) {
        if (model.getAttribute("boardConflictId") instanceof Long stale) {
            conflicts(user, stale, model);
        }
        if (model.getAttribute("boardMovedId") instanceof Long moved) {
            model.addAttribute("boardUndo", lifecycle.undoOffer(user, moved).orElse(null));
        }
        // Drawn once for the page, outside the board a move redraws (board.html).
        model.addAttribute("lostReasons", lostReasons.enabled(locale));
        fill(user, model);
        return "opportunities/board";
    }

    /**
     * Moves a card. A stale card (someone changed the opportunity after the board was drawn) is not moved: the
     * board is drawn again with the card as it is now and a message on it saying who changed it and when, so the
     * user sees the current stage and version and may move it again; never the generic error page.
     */
    @PostMapping("/{id}/move")
    String move(CurrentUser user, @PathVariable long id, @RequestParam(required = false) Stage toStage,
                @RequestParam(required = false) Integer version,
                @RequestParam(required = false) java.math.BigDecimal wonAmount,
                @RequestParam(required = false) String lostReason,
                @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                RedirectAttributes redirect) {
        String error = null;
        boolean stale = false;
        try {
            lifecycle.move(user, id, new OpportunityLifecycle.Move(toStage, version, null,
                    toStage == Stage.WON ? wonAmount : null, toStage == Stage.LOST ? lostReason : null));
            // The message the move leaves, with its undo while the mover may still undo it (D34).
            if (htmx == null) {
                redirect.addFlashAttribute("boardMovedId", id);
            } else {
                model.addAttribute("boardMovedId", id);
                model.addAttribute("boardUndo", lifecycle.undoOffer(user, id).orElse(null));
            }
        } catch (ConflictException | OptimisticLockingFailureException e) {
            stale = OpportunityConflicts.isStale(e);
            error = e instanceof ConflictException c && !stale ? c.messageKey() : null;
        } catch (InvalidInputException e) {
            error = e.messageKey();
        }
        if (htmx == null) {
            if (stale) {
                redirect.addFlashAttribute("boardConflictId", id);
            } else if (error != null) {
                redirect.addFlashAttribute("flashError", error);
            }
            return "redirect:/opportunities/board";
        }
        if (stale) {
            conflicts(user, id, model);
        }
        if (error != null) {
            model.addAttribute("boardError", error);
        }
        fill(user, model);
        return "opportunities/board :: board";
    }

    /**
     * Undoes the user's last move of a card from the message the move left: back to the stage it came from, through
     * the same rules and history as any move. Refused with the reason (changed since, too late) on the board.
     */
    @PostMapping("/{id}/undo")
    String undo(CurrentUser user, @PathVariable long id, @RequestParam(required = false) Integer version,
                @RequestHeader(name = "HX-Request", required = false) String htmx, Model model, Locale locale,
                RedirectAttributes redirect) {
        String error = null;
        Stage back = null;
        try {
            back = lifecycle.undo(user, id, version, messages.getMessage("opportunity.undo.comment", null, locale))
                    .stage();
        } catch (ConflictException e) {
            error = e.messageKey();
        }
        if (htmx == null) {
            redirect.addFlashAttribute(error == null ? "boardUndone" : "flashError", error == null ? back : error);
            return "redirect:/opportunities/board";
        }
        model.addAttribute(error == null ? "boardUndone" : "boardError", error == null ? back : error);
        fill(user, model);
        return "opportunities/board :: board";
    }

    /** The stale card's latest change; if the change took it out of the user's scope, only that it is gone. */
    private void conflicts(CurrentUser user, long id, Model model) {
        try {
            model.addAttribute("boardConflict", conflicts.latest(user, id));
        } catch (NotFoundException e) {
            model.addAttribute("boardError", "board.conflict.gone");
        }
    }

    private void fill(CurrentUser user, Model model) {
        var columns = opportunities.board(user, CARDS_PER_STAGE);
        model.addAttribute("columns", columns);
        // The cards a rule asks approval for (D45): the board says so, with the request, instead of failing at WON.
        var cards = columns.values().stream().flatMap(java.util.List::stream).toList();
        var needing = approvals.needingApproval(cards.stream()
                .map(org.bankcrm.domain.opportunity.OpportunityBrief::id).toList());
        model.addAttribute("approvalRequestable", approvals.requestableAmong(user, needing.get(false)));
        model.addAttribute("approvalNeeded", needing.get(false));
        model.addAttribute("approvalPending", needing.get(true));
        model.addAttribute("boardColumns", pipeline.boardColumns(user));
        model.addAttribute("stages", Stage.OPEN_STAGES);
    }
}
