package org.bankcrm.service.visit;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.opportunity.FollowUp;
import org.bankcrm.domain.opportunity.FollowUpRepository;
import org.bankcrm.domain.opportunity.FollowUpType;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.org.StaffUserRepository;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.domain.visit.VisitPlan;
import org.bankcrm.domain.visit.VisitPlanRepository;
import org.bankcrm.service.customer.CustomerOwnership;
import org.bankcrm.service.customer.CustomerService;
import org.bankcrm.service.customer.CustomersHanded;
import org.bankcrm.service.opportunity.OpportunityService;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.CommandValidator;
import org.bankcrm.service.shared.RecordWorked;
import org.bankcrm.service.shared.Texts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The RM's visit plan (客户拜访日计划): plan visits, see the week, record a visit as a follow-up. */
@Service
@RequiredArgsConstructor
public class VisitPlanService {

    /** A visit to plan. */
    public record NewVisit(
            @NotBlank(message = "{validation.required}") String customerNo,
            @NotNull(message = "{validation.required}") LocalDate plannedOn,
            @NotBlank(message = "{validation.required}")
            @Size(max = 500, message = "{validation.size.max}") String purpose,
            Long opportunityId) {
    }

    /** A planned, done or cancelled visit. */
    public record VisitView(long id, LocalDate plannedOn, String customerNo, String customerName, String purpose,
                            Long opportunityId, String opportunityTitle, VisitPlan.Status status) {

        static VisitView of(VisitPlan v) {
            return new VisitView(v.getId(), v.getPlannedOn(), v.getCustomer().getCustomerNo(),
                    v.getCustomer().getName(), v.getPurpose(),
                    v.getOpportunity() == null ? null : v.getOpportunity().getId(),
                    v.getOpportunity() == null ? null : v.getOpportunity().getTitle(), v.getStatus());
        }

        /**
         * The visit as {@code user} reads it: its purpose (free text, written by whoever planned it, perhaps a
         * previous owner) in full for whoever may reveal the customer, with phone and ID-like numbers masked else.
         */
        static VisitView of(VisitPlan v, CurrentUser user) {
            VisitView view = of(v);
            var c = v.getCustomer();
            return new VisitView(view.id(), view.plannedOn(), view.customerNo(), view.customerName(),
                    AccessPolicy.textFor(user, c.getOwner() == null ? null : c.getOwner().getUsername(),
                            c.getBranch().getPath(), view.purpose()),
                    view.opportunityId(), view.opportunityTitle(), view.status());
        }
    }

    /** Customer ids a query of handed customers' visits takes (well under PostgreSQL's parameter limit). */
    private static final int HANDED_BATCH = 1000;

    private final VisitPlanRepository visits;
    private final FollowUpRepository followUps;
    private final CustomerService customers;
    private final OpportunityService opportunities;
    private final StaffUserRepository users;
    private final CommandValidator validator;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    @Transactional
    public VisitView plan(CurrentUser user, NewVisit cmd) {
        AccessPolicy.requireMayPlanVisits(user);
        List<FieldError> errors = new ArrayList<>(validator.errors(cmd));
        Customer customer = customers.named(user, cmd.customerNo(), errors);
        if (cmd.plannedOn() != null && cmd.plannedOn().isBefore(LocalDate.now(clock))) {
            errors.add(new FieldError("plannedOn", "validation.date.past"));
        }
        Opportunity opportunity = null;
        if (cmd.opportunityId() != null) {
            try {
                opportunity = opportunities.find(user, cmd.opportunityId());
                if (customer != null && !opportunity.getCustomer().getId().equals(customer.getId())) {
                    errors.add(new FieldError("opportunityId", "visit.opportunity.otherCustomer"));
                }
            } catch (NotFoundException e) {
                errors.add(new FieldError("opportunityId", "opportunity.notFound",
                        String.valueOf(cmd.opportunityId())));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return VisitView.of(visits.save(new VisitPlan(users.getReferenceById(user.id()), customer, opportunity,
                cmd.plannedOn(), cmd.purpose().strip())));
    }

    /** The user's visits in the week (Monday to Sunday) that contains {@code day}. */
    @Transactional(readOnly = true)
    public List<VisitView> week(CurrentUser user, LocalDate day) {
        AccessPolicy.requireMayPlanVisits(user);
        LocalDate monday = day.with(DayOfWeek.MONDAY);
        return visits.findByRmIdAndPlannedOnBetweenOrderByPlannedOnAscIdAsc(user.id(), monday, monday.plusDays(6))
                .stream().map(v -> VisitView.of(v, user)).toList();
    }

    /**
     * Records the visit as a follow-up (on its opportunity, or on the customer) and marks it done; only while the
     * customer is in the RM's scope (a customer that left them otherwise, 404: nothing is written on it).
     */
    @Transactional
    public VisitView done(CurrentUser user, long visitId, String summary, String outcome) {
        VisitPlan v = mine(user, visitId);
        customers.find(user, v.getCustomer().getCustomerNo());
        if (Texts.clean(summary) == null) {
            throw new InvalidInputException("summary", "validation.required");
        }
        if (summary.length() > 2000) {
            throw new InvalidInputException("summary", "validation.size.max", 0, 2000);
        }
        var now = clock.instant();
        // flushed, as the alerts settled next read the follow-up with SQL (D38)
        FollowUp record = followUps.saveAndFlush(new FollowUp(v.getCustomer(), v.getOpportunity(), FollowUpType.VISIT,
                now, summary.strip(), Texts.clean(outcome), null, null, users.getReferenceById(user.id()), now));
        v.done(record);
        events.publishEvent(new RecordWorked(v.getOpportunity() == null ? null : v.getOpportunity().getId(),
                v.getCustomer().getId()));
        return VisitView.of(v);
    }

    @Transactional
    public VisitView cancel(CurrentUser user, long visitId) {
        VisitPlan v = mine(user, visitId);
        v.cancel();
        return VisitView.of(v);
    }

    /**
     * Customers changed hands, whatever handed them (a customers feed that names a new owner included): the
     * previous owner's planned visits of them go with them, as {@link CustomerOwnership} moves them for the product's
     * own reassignments (those are found moved already and not touched again). Customers a feed moved to another
     * branch without an owner take no visit with them: the previous owner's planned visits of them are cancelled, as
     * the previous owner may no longer record them and nobody else plans for them.
     */
    @EventListener
    void onCustomersHanded(CustomersHanded handed) {
        List<Long> ids = new ArrayList<>(handed.previousOwners().keySet());
        StaffUser to = handed.toNobody() ? null : users.getReferenceById(handed.toId());
        for (int from = 0; from < ids.size(); from += HANDED_BATCH) {
            for (VisitPlan v : visits.findPlannedOfCustomers(ids.subList(from,
                    Math.min(ids.size(), from + HANDED_BATCH)))) {
                if (!v.getRm().getId().equals(handed.previousOwners().get(v.getCustomer().getId()))) {
                    continue;
                }
                if (to == null) {
                    v.cancel();
                } else {
                    v.handTo(to);
                }
            }
        }
    }

    private VisitPlan mine(CurrentUser user, long id) {
        AccessPolicy.requireMayPlanVisits(user);
        return visits.findById(id).filter(v -> v.getRm().getId().equals(user.id()))
                .orElseThrow(() -> new NotFoundException("visit.notFound", String.valueOf(id)));
    }
}
