package org.bankcrm.service.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.opportunity.OpportunityRepository;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.visit.VisitPlan;
import org.bankcrm.domain.visit.VisitPlanRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer changing hands, the one rule for every path that gives customers to an RM (a single reassignment,
 * the bulk assignment of unowned customers, a book handover): the customer takes the new owner, and so do its
 * OPEN opportunities that the previous owner owned or nobody owned (an OWNER history event each) and the previous
 * owner's PLANNED visits of it. Closed opportunities keep the owner they closed with; open ones another RM owns
 * stay theirs; done and cancelled visits stay with who made them. Pending next actions need no change: they
 * belong to whoever owns the opportunity or the customer now (My day). Features that keep more per owner follow
 * the {@link CustomersHanded} event this publishes (a campaign's open targets, D37).
 *
 * <p>Re-scoring is not needed: the owner is no factor of the score (the existing reassignments do not re-score).
 */
@Service
@RequiredArgsConstructor
public class CustomerOwnership {

    /** Batch of customer ids per query (well under PostgreSQL's parameter limit). */
    private static final int BATCH = 1000;

    /** What follows the customers: the open opportunities and planned visits, not yet moved. */
    public record Carried(List<Opportunity> opportunities, List<VisitPlan> visits) {
    }

    /** What changed hands. */
    public record Moved(int customers, int opportunities, int visits) {
    }

    private final OpportunityRepository opportunities;
    private final VisitPlanRepository visits;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    /** What would follow these customers (with their current owners) to any new owner; changes nothing. */
    @Transactional(readOnly = true)
    public Carried carried(Collection<Customer> customers) {
        Map<Long, Long> previous = new HashMap<>();
        customers.forEach(c -> previous.put(c.getId(), ownerId(c.getOwner())));
        List<Opportunity> opps = new ArrayList<>();
        List<VisitPlan> planned = new ArrayList<>();
        List<Long> ids = new ArrayList<>(previous.keySet());
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Long> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            for (Opportunity o : opportunities.findOpenOfCustomers(batch)) {
                Long owner = ownerId(o.getOwner());
                if (owner == null || owner.equals(previous.get(o.getCustomer().getId()))) {
                    opps.add(o);
                }
            }
            for (VisitPlan v : visits.findPlannedOfCustomers(batch)) {
                Long before = previous.get(v.getCustomer().getId());
                if (before != null && before.equals(v.getRm().getId())) {
                    planned.add(v);
                }
            }
        }
        return new Carried(opps, planned);
    }

    /**
     * Gives the customers to {@code to}, with what {@link #carried} names; in the caller's transaction, which has
     * checked that {@code to} may own them.
     *
     * @param by who did it, for the opportunities' history
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Moved hand(Collection<Customer> customers, StaffUser to, StaffUser by) {
        Objects.requireNonNull(to);
        Carried carried = carried(customers);
        Instant now = clock.instant();
        int opps = 0;
        for (Opportunity o : carried.opportunities()) {
            if (!to.getId().equals(ownerId(o.getOwner()))) {
                o.reassign(to, by, now);
                opps++;
            }
        }
        int moved = 0;
        for (VisitPlan v : carried.visits()) {
            if (!to.getId().equals(v.getRm().getId())) {
                v.handTo(to);
                moved++;
            }
        }
        Map<Long, Long> previous = new HashMap<>();
        for (Customer c : customers) {
            if (!to.getId().equals(ownerId(c.getOwner()))) {
                previous.put(c.getId(), ownerId(c.getOwner()));
                c.assignOwner(to);
            }
        }
        if (!previous.isEmpty()) {
            events.publishEvent(new CustomersHanded(previous, to.getId()));
        }
        return new Moved(previous.size(), opps, moved);
    }

    private static Long ownerId(StaffUser u) {
        return u == null ? null : u.getId();
    }
}
