package org.bankcrm.service.opportunity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.opportunity.FollowUp;
import org.bankcrm.domain.opportunity.FollowUpRepository;
import org.bankcrm.domain.opportunity.FollowUpType;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.CommandValidator;
import org.bankcrm.service.shared.RecordWorked;
import org.bankcrm.service.shared.Texts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Follow-ups (跟进记录) on opportunities. Logging one completes the author's earlier open next actions
 * on the same opportunity, and when the author is its current owner every open one (the owner's My day lists
 * them all): the new record says what happens next.
 */
@Service
@RequiredArgsConstructor
public class FollowUpService {

    /**
     * A follow-up as the API and the form send it; {@code occurredAt} defaults to now; {@code satisfaction}, when
     * given, the customer's rating of this contact, 1–5 (D46).
     */
    public record NewFollowUp(
            @NotNull(message = "{validation.required}") FollowUpType type,
            OffsetDateTime occurredAt,
            @NotBlank(message = "{validation.required}")
            @Size(max = 2000, message = "{validation.size.max}") String summary,
            @Size(max = 1000, message = "{validation.size.max}") String outcome,
            @Size(max = 500, message = "{validation.size.max}") String nextAction,
            LocalDate nextActionDate,
            @Min(value = 1, message = "{followUp.satisfaction.range}")
            @Max(value = 5, message = "{followUp.satisfaction.range}") Integer satisfaction) {

        /** A follow-up without a rating. */
        public NewFollowUp(FollowUpType type, OffsetDateTime occurredAt, String summary, String outcome,
                           String nextAction, LocalDate nextActionDate) {
            this(type, occurredAt, summary, outcome, nextAction, nextActionDate, null);
        }
    }

    /** A follow-up as lists show it. */
    public record FollowUpView(long id, FollowUpType type, Instant occurredAt, String summary, String outcome,
                               String nextAction, LocalDate nextActionDate, boolean nextActionDone, String by,
                               String byName, Long opportunityId, Integer satisfaction) {

        static FollowUpView of(FollowUp f) {
            return of(f, f.getCreatedBy().getUsername(), f.getCreatedBy().getDisplayName());
        }

        /** A follow-up just written by {@code author}, named as the author's session names them (no look-up). */
        static FollowUpView written(long id, FollowUpStore.NewRow r, CurrentUser author) {
            return new FollowUpView(id, r.type(), r.occurredAt(), r.summary(), r.outcome(), r.nextAction(),
                    r.nextActionDate(), false, author.username(), author.displayName(), r.opportunityId(),
                    r.satisfaction());
        }

        private static FollowUpView of(FollowUp f, String by, String byName) {
            return new FollowUpView(f.getId(), f.getType(), f.getOccurredAt(), f.getSummary(), f.getOutcome(),
                    f.getNextAction(), f.getNextActionDate(), f.isNextActionDone(), by, byName,
                    f.getOpportunity() == null ? null : f.getOpportunity().getId(), f.getSatisfaction());
        }

        /** The same with the numbers that look like phones or ID numbers masked in what was written. */
        FollowUpView masked() {
            return new FollowUpView(id, type, occurredAt, Masking.inText(summary), Masking.inText(outcome),
                    Masking.inText(nextAction), nextActionDate, nextActionDone, by, byName, opportunityId,
                    satisfaction);
        }
    }

    private final OpportunityService opportunities;
    private final org.bankcrm.service.customer.CustomerService customers;
    private final FollowUpRepository followUps;
    private final FollowUpStore store;
    private final org.bankcrm.service.scoring.ScoringService scoring;
    private final CommandValidator validator;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    /**
     * Logs a follow-up on an opportunity the caller may contribute to. The RM's most frequent write, so it loads no
     * entity (D61) and writes none (D73): the opportunity's ids, owner and the caller's access come from one
     * statement, and the new record is one insert, which also completes the next actions it supersedes (D79).
     */
    @Transactional
    public FollowUpView log(CurrentUser user, long opportunityId, NewFollowUp cmd) {
        List<FieldError> errors = problems(cmd);
        var target = opportunities.target(user, opportunityId);
        AccessPolicy.requireMayContribute(user, target.access());
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        // The owner's My day lists every open next action of the opportunity, whoever wrote it (a previous owner,
        // say), so the owner's follow-up completes them all; anyone else's only their own.
        boolean byOwner = target.ownerId() != null && target.ownerId() == user.id();
        FollowUpView written = write(user, target.customerId(), target.id(), cmd, byOwner);
        scoring.rescore(List.of(target.id()));
        events.publishEvent(new RecordWorked(target.id(), target.customerId()));
        // answered as the author will read it back: in full only for whoever may reveal the customer
        return AccessPolicy.mayReveal(user, target.customerOwner(), target.customerBranchPath()) ? written
                : written.masked();
    }

    /**
     * A follow-up on the customer itself (a contact outside any opportunity), by whoever may log one on the
     * customer's opportunities: its owner RM, heads and admins in scope (others: not found). Like {@link #log} it
     * completes earlier open next actions, here those on the customer alone. Scoring reads opportunities' own
     * follow-ups only, so nothing is re-scored.
     */
    @Transactional
    public FollowUpView logOnCustomer(CurrentUser user, String customerNo, NewFollowUp cmd) {
        AccessPolicy.requireMayWorkOnRecords(user);
        List<FieldError> errors = problems(cmd);
        Customer c = customers.find(user, customerNo);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        boolean byOwner = c.getOwner() != null && c.getOwner().getId().equals(user.id());
        FollowUpView written = write(user, c.getId(), null, cmd, byOwner);
        events.publishEvent(new RecordWorked(null, c.getId()));
        return AccessPolicy.mayReveal(user, c.getOwner() == null ? null : c.getOwner().getUsername(),
                c.getBranch().getPath()) ? written : written.masked();
    }

    /** The customer's own follow-ups (not its opportunities'), newest first. */
    @Transactional(readOnly = true)
    public List<FollowUpView> listOnCustomer(CurrentUser user, String customerNo) {
        AccessPolicy.requireMayWorkOnRecords(user);
        Customer c = customers.find(user, customerNo);
        return followUps.findByCustomerIdAndOpportunityIsNullOrderByOccurredAtDescIdDesc(c.getId()).stream()
                .map(viewFor(user, c)).toList();
    }

    /** What is wrong with a follow-up, wherever it is logged. */
    private List<FieldError> problems(NewFollowUp cmd) {
        List<FieldError> errors = new ArrayList<>(validator.errors(cmd));
        Instant now = clock.instant();
        if (cmd.occurredAt() != null && cmd.occurredAt().toInstant().isAfter(now.plusSeconds(300))) {
            errors.add(new FieldError("occurredAt", "validation.date.future"));
        }
        if (cmd.nextActionDate() != null && Texts.clean(cmd.nextAction()) == null) {
            errors.add(new FieldError("nextAction", "followUp.nextAction.required"));
        }
        if (cmd.nextActionDate() != null && cmd.nextActionDate().isBefore(LocalDate.now(clock))) {
            errors.add(new FieldError("nextActionDate", "validation.date.past"));
        }
        return errors;
    }

    /**
     * Writes the follow-up (D73), completing the open next actions it supersedes (all of them when {@code byOwner},
     * else the author's), and answers it as written (the callers mask it for an author who may not reveal).
     */
    private FollowUpView write(CurrentUser user, long customerId, Long opportunityId, NewFollowUp cmd,
                               boolean byOwner) {
        Instant now = clock.instant();
        var row = new FollowUpStore.NewRow(customerId, opportunityId, cmd.type(),
                cmd.occurredAt() == null ? now : cmd.occurredAt().toInstant(), cmd.summary().strip(),
                Texts.clean(cmd.outcome()), Texts.clean(cmd.nextAction()), cmd.nextActionDate(), user.id(), now,
                cmd.satisfaction());
        return FollowUpView.written(store.insert(row, byOwner), row, user);
    }

    /** A customer's latest follow-ups, newest first, if the caller may see the customer. */
    @Transactional(readOnly = true)
    public List<FollowUpView> forCustomer(CurrentUser user, String customerNo) {
        var customer = customers.find(user, customerNo);
        return followUps.findTop20ByCustomerIdOrderByOccurredAtDescIdDesc(customer.getId()).stream()
                .map(viewFor(user, customer)).toList();
    }

    /** Newest first. */
    @Transactional(readOnly = true)
    public List<FollowUpView> list(CurrentUser user, long opportunityId) {
        Opportunity o = opportunities.find(user, opportunityId);
        return followUps.findByOpportunityIdOrderByOccurredAtDescIdDesc(o.getId()).stream()
                .map(viewFor(user, o.getCustomer())).toList();
    }

    /**
     * Follow-ups as the caller may read them: their free text in full for whoever may reveal the customer's personal
     * data ({@link AccessPolicy#mayReveal}: the owning RM, a branch head), with phone and ID-like numbers masked for
     * everyone else (a team member, a peer, an admin), as comments and complaint texts are.
     */
    private static java.util.function.Function<FollowUp, FollowUpView> viewFor(CurrentUser user, Customer customer) {
        boolean clear = AccessPolicy.mayReveal(user, customer.getOwner() == null ? null
                : customer.getOwner().getUsername(), customer.getBranch().getPath());
        return f -> clear ? FollowUpView.of(f) : FollowUpView.of(f).masked();
    }

    /** The follow-ups of an opportunity under approval, newest first, for the approval inbox (D45). */
    @Transactional(readOnly = true, noRollbackFor = NotFoundException.class)
    public List<FollowUpView> listUnderApproval(CurrentUser user, long opportunityId) {
        Opportunity o = opportunities.findUnderApproval(user, opportunityId);
        return followUps.findByOpportunityIdOrderByOccurredAtDescIdDesc(o.getId()).stream()
                .map(f -> FollowUpView.of(f).masked()).toList();
    }
}
