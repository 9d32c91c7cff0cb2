package org.bankcrm.service.opportunity;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.HistoryEvent;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.opportunity.OpportunityEdit;
import org.bankcrm.domain.opportunity.OpportunityHistory;
import org.bankcrm.domain.opportunity.OpportunityHistoryRepository;
import org.bankcrm.domain.opportunity.RiskLevel;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.domain.opportunity.Transition;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.org.StaffUserRepository;
import org.bankcrm.domain.settings.LostReasonRepository;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.CommandValidator;
import org.bankcrm.service.shared.NoPersonalNumbers;
import org.bankcrm.service.shared.RecordWorked;
import org.bankcrm.service.shared.Texts;
import org.bankcrm.service.shared.Versions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to an opportunity: edits, stage moves and reassignment. Each takes the {@code version} the
 * caller read; a different current version means someone else saved first, and the change is refused
 * ({@code error.stale}, 409) instead of silently overwriting theirs.
 */
@Service
@RequiredArgsConstructor
public class OpportunityLifecycle {

    /** Fields to change; null leaves a field as it is. */
    public record Changes(
            @NotNull(message = "{validation.required}") Integer version,
            @Size(min = 1, max = 200, message = "{validation.size.max}") @NoPersonalNumbers String title,
            @PositiveOrZero(message = "{validation.amount.nonNegative}")
            @Digits(integer = 16, fraction = 2, message = "{validation.amount.digits}") BigDecimal amount,
            LocalDate expectedCloseDate,
            RiskLevel riskLevel,
            Competition competition,
            @Min(value = 1, message = "{validation.needStrength.range}")
            @Max(value = Opportunity.MAX_NEED_STRENGTH, message = "{validation.needStrength.range}")
            Integer needStrength) {
    }

    /** A stage move and what the target stage needs. */
    public record Move(
            @NotNull(message = "{validation.required}") Stage toStage,
            @NotNull(message = "{validation.required}") Integer version,
            @Size(max = 1000, message = "{validation.size.max}") String comment,
            @PositiveOrZero(message = "{validation.amount.nonNegative}")
            @Digits(integer = 16, fraction = 2, message = "{validation.amount.digits}") BigDecimal wonAmount,
            String lostReason) {
    }

    /** A new owner. */
    public record Reassign(
            @NotBlank(message = "{validation.required}") String ownerRm,
            @NotNull(message = "{validation.required}") Integer version) {
    }

    /** How long a stage move may be undone from the message it leaves (D34). */
    public static final Duration UNDO_WINDOW = Duration.ofMinutes(10);

    /**
     * The caller's own last stage move, while it may still be undone: back to {@code from}, if the opportunity is
     * still at {@code version}.
     */
    public record UndoOffer(long opportunityId, int version, Stage from, Stage to) implements Serializable {
    }

    private final OpportunityService opportunities;
    private final OpportunityHistoryRepository history;
    private final StaffUserRepository users;
    private final LostReasonRepository lostReasons;
    private final CommandValidator validator;
    private final AuditLog audit;
    private final org.bankcrm.domain.visit.VisitPlanRepository visits;
    private final Clock clock;
    private final org.bankcrm.service.approval.ApprovalGate approvalGate;
    private final ApplicationEventPublisher events;

    @Transactional
    public OpportunityView edit(CurrentUser user, long id, Changes changes) {
        // Scope first: a record out of scope answers 404 whatever is sent, and says nothing of itself.
        Opportunity o = opportunities.find(user, id);
        AccessPolicy.requireMayChangeOpportunity(user, opportunities.access(user, o));
        validator.check(changes);
        requireVersion(o, changes.version());
        List<FieldError> errors = new ArrayList<>();
        if (changes.title() != null && changes.title().isBlank()) {
            errors.add(new FieldError("title", "validation.required"));
        }
        if (changes.expectedCloseDate() != null && changes.expectedCloseDate().isBefore(LocalDate.now(clock))
                && !changes.expectedCloseDate().equals(o.getExpectedCloseDate())) {
            errors.add(new FieldError("expectedCloseDate", "validation.date.past"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        o.edit(new OpportunityEdit(Texts.clean(changes.title()), changes.amount(), changes.expectedCloseDate(),
                changes.riskLevel(), changes.competition(), changes.needStrength()), me(user), clock.instant());
        return worked(o);
    }

    @Transactional
    public OpportunityView move(CurrentUser user, long id, Move move) {
        Opportunity o = opportunities.find(user, id);
        var access = opportunities.access(user, o);
        AccessPolicy.requireMayChangeOpportunity(user, access);
        if (o.getStage().isClosed() && move.toStage() != null && move.toStage().isOpen()) {
            AccessPolicy.requireMayReopen(user, access);
        }
        validator.check(move);
        requireVersion(o, move.version());
        String reason = Texts.clean(move.lostReason());
        if (move.toStage() == Stage.LOST && reason != null
                && lostReasons.findById(reason).filter(r -> r.isEnabled()).isEmpty()) {
            throw new InvalidInputException("lostReason", "opportunity.lost.reasonUnknown", reason);
        }
        return moveTo(user, o, new Transition(move.toStage(), move.comment(), move.wonAmount(), reason));
    }

    /**
     * The undo the caller may be offered after a stage move: their own move, the opportunity's latest change, made
     * within {@link #UNDO_WINDOW}; a move that closed the opportunity only to those who may reopen it (undoing it is
     * a reopening). Empty otherwise.
     */
    @Transactional(readOnly = true)
    public Optional<UndoOffer> undoOffer(CurrentUser user, long id) {
        Opportunity o = opportunities.find(user, id);
        try {
            return Optional.of(undoable(user, o));
        } catch (ConflictException e) {
            return Optional.empty();
        }
    }

    /**
     * Undoes the caller's last stage move: moves the opportunity back to the stage it came from, through the same
     * transition rules and with a history line of its own ({@code comment} says it is an undo), never by deleting
     * history. Refused (409) when the opportunity changed since ({@code version} is not the current one), when the
     * window has passed, or when the move was not the caller's latest change.
     */
    @Transactional
    public OpportunityView undo(CurrentUser user, long id, Integer version, String comment) {
        Opportunity o = opportunities.find(user, id);
        AccessPolicy.requireMayChangeOpportunity(user, opportunities.access(user, o));
        if (version == null || version != o.getVersion()) {
            throw new ConflictException("opportunity.undo.changedSince");
        }
        UndoOffer offer = undoable(user, o);
        return moveTo(user, o, new Transition(offer.from(), comment, null, null));
    }

    private UndoOffer undoable(CurrentUser user, Opportunity o) {
        long lastId = history.lastIdOf(o.getId());
        OpportunityHistory last = lastId == 0 ? null : history.findById(lastId).orElse(null);
        if (last == null || !HistoryEvent.STAGE.equals(last.getEvent()) || last.getBy() == null
                || last.getBy().getId() != user.id()) {
            throw new ConflictException("opportunity.undo.changedSince");
        }
        if (last.getAt().plus(UNDO_WINDOW).isBefore(clock.instant())) {
            throw new ConflictException("opportunity.undo.expired");
        }
        Stage from = Stage.valueOf(last.getFromValue());
        // Undoing a closing move reopens: only those who may reopen, and only through their scope (a head who is
        // only a team member of another branch's deal may not, as with a plain reopening, D44).
        if (o.getStage().isClosed() && (!AccessPolicy.mayReopen(user) || !opportunities.access(user, o).inScope())) {
            throw new ConflictException("opportunity.undo.reopenOnly");
        }
        return new UndoOffer(o.getId(), o.getVersion(), from, o.getStage());
    }

    private OpportunityView moveTo(CurrentUser user, Opportunity o, Transition t) {
        Stage from = o.getStage();
        // Every stage move passes here (page, API, board, undo): the approval gate before WON holds for all (D45).
        approvalGate.require(o, t.to(), t.wonAmount());
        o.moveTo(t, me(user), clock.instant());
        audit.record(user.username(), from.isClosed() ? "OPPORTUNITY_REOPENED" : "OPPORTUNITY_STAGE", "opportunity",
                String.valueOf(o.getId()), from + " -> " + t.to());
        return worked(o);
    }

    /** Flushed, then announced as worked on (a move or a new close date may settle its alerts, D38), as its view. */
    private OpportunityView worked(Opportunity o) {
        Opportunity flushed = opportunities.flush(o);
        events.publishEvent(new RecordWorked(flushed.getId(), flushed.getCustomer().getId()));
        return opportunities.view(flushed);
    }

    /**
     * Branch heads (within their subtree) and admins give an open opportunity to another RM; the previous owner's
     * planned visits for it go along.
     */
    @Transactional
    public OpportunityView reassign(CurrentUser user, long id, Reassign cmd) {
        AccessPolicy.requireMayReassignOpportunity(user);
        Opportunity o = opportunities.find(user, id);
        AccessPolicy.requireMayManageTeam(user, opportunities.access(user, o));
        validator.check(cmd);
        requireVersion(o, cmd.version());
        StaffUser rm = users.findActiveRmUnder(cmd.ownerRm(), o.getBranch().getPath())
                .filter(u -> user.scope().coversBranch(u.getBranch().getPath()))
                .orElseThrow(() -> new InvalidInputException("ownerRm", "customer.owner.notRmOfBranch", cmd.ownerRm(),
                        o.getBranch().getCode()));
        String before = o.getOwner() == null ? null : o.getOwner().getUsername();
        if (o.getOwner() != null && !o.getOwner().getId().equals(rm.getId())) {
            // The previous owner's planned visits for it are the new owner's to make (D42): left behind, they would
            // link to a deal their RM can no longer open, and completing one would write onto someone else's deal.
            visits.findPlannedFor(o.getId(), o.getOwner().getId()).forEach(v -> v.handTo(rm));
        }
        o.reassign(rm, me(user), clock.instant());
        audit.record(user.username(), "OPPORTUNITY_OWNER", "opportunity", String.valueOf(id),
                before + " -> " + rm.getUsername());
        return opportunities.view(opportunities.flush(o));
    }

    private StaffUser me(CurrentUser user) {
        return users.getReferenceById(user.id());
    }

    private static void requireVersion(Opportunity o, int version) {
        Versions.check(version, o.getVersion());
    }
}
