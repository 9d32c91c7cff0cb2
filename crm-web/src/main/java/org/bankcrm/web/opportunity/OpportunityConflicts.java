package org.bankcrm.web.opportunity;

import jakarta.persistence.OptimisticLockException;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.service.opportunity.OpportunityService;
import org.bankcrm.service.opportunity.OpportunityService.HistoryEntry;
import org.bankcrm.service.opportunity.OpportunityView;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The one way the opportunity pages answer a stale submit (D11): the service refused the form's version
 * ({@code error.stale}) or JPA's {@code @Version} lost a race at the flush. The conflict page shows the record
 * as it is now and the history lines written after the newest one the user's page had seen, and offers the
 * same action again on the current version ({@code conflictAction}: {@code edit}, {@code move} or
 * {@code reassign}). The board, which has no room for that page, names the latest change on the card instead.
 */
@Component
@RequiredArgsConstructor
class OpportunityConflicts {

    static final String PAGE = "opportunities/conflict";

    private final OpportunityService opportunities;

    /** Whether a failure means "someone saved first"; other conflicts (a transition the rules forbid) do not. */
    static boolean isStale(RuntimeException e) {
        return e instanceof OptimisticLockingFailureException || e instanceof OptimisticLockException
                || e instanceof ConflictException c && "error.stale".equals(c.messageKey());
    }

    /**
     * Puts the common part of the conflict page in the model and returns what the action's form needs:
     * the current record, the changes since {@code historySeen}, and the mark the re-applied form carries.
     */
    Conflict fill(CurrentUser user, long id, Long historySeen, String action, Model model) {
        // The mark first, as the detail page does: a change committed in between is then listed, not skipped.
        long seenNow = opportunities.historyMark(user, id);
        OpportunityView current = opportunities.get(user, id);
        List<HistoryEntry> changes = opportunities.historyAfter(user, id, historySeen == null ? 0 : historySeen);
        model.addAttribute("o", current);
        model.addAttribute("changes", changes);
        model.addAttribute("conflictAction", action);
        return new Conflict(current, changes, seenNow);
    }

    /** For the board: the card as it is now and the newest line of its history (who changed it, when, what). */
    BoardConflict latest(CurrentUser user, long id) {
        OpportunityView current = opportunities.get(user, id);
        List<HistoryEntry> history = opportunities.history(user, id);
        return new BoardConflict(current, history.isEmpty() ? null : history.getLast());
    }

    record Conflict(OpportunityView current, List<HistoryEntry> changes, long seenNow) {
    }

    record BoardConflict(OpportunityView card, HistoryEntry change) {
    }
}
