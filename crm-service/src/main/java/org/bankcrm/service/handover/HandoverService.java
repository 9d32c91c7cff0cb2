package org.bankcrm.service.handover;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.customer.CustomerRepository;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.opportunity.OpportunityRepository;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.org.StaffUserRepository;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.domain.visit.VisitPlan;
import org.bankcrm.domain.visit.VisitPlanRepository;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.customer.CustomerOwnership;
import org.bankcrm.service.customer.OwnershipStore;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.Scope;
import org.bankcrm.service.shared.Texts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Book handover (移交): a head (their subtree) or an admin gives a leaving RM's book to one or more active RMs in
 * one audited transaction. The book, within the caller's scope: the customers the RM owns, with what follows each
 * of them ({@link CustomerOwnership}: its open opportunities the RM or nobody owned, the RM's planned visits of
 * it); the RM's open opportunities and planned visits of customers they do not own; the pending next actions of
 * all that, which move with it by themselves (they belong to the owner of their opportunity or customer).
 *
 * <p>The split (D32): customers ordered by AUM, largest first, are dealt round-robin to the targets in the order
 * given, so each target's AUM is close to the others'; an opportunity or visit follows its customer. Those of
 * customers the RM does not own are grouped by customer (a customer's go together), the groups ordered the same
 * way, and dealt on, continuing the round. The leaving RM's row is locked first, so two handovers of the same RM
 * run one after the other and the second finds the book empty (409).
 */
@Service
@RequiredArgsConstructor
public class HandoverService {

    /** The leaving RM and the RMs who take over, in dealing order. */
    public record Handover(String fromRm, List<String> toRms) {
    }

    /** What one target takes. */
    public record Share(String ownerRm, String displayName, int customers, BigDecimal aum, int opportunities,
                        int visits, long nextActions) implements java.io.Serializable {
    }

    /** A handover's figures: what it moves (or would move), in all and by target. */
    public record Result(String fromRm, int customers, BigDecimal aum, int opportunities, int visits,
                         long nextActions, List<Share> byTarget) implements java.io.Serializable {
    }

    /** An RM's book as the handover page shows it before the split. */
    public record Book(String username, String displayName, String branchCode, boolean enabled, int customers,
                       BigDecimal aum, int opportunities, int visits, long nextActions) {

        public boolean empty() {
            return customers + opportunities + visits == 0;
        }
    }

    /** A user of the pickers. */
    public record Rm(String username, String displayName, String branchCode, boolean enabled) {

        static Rm of(StaffUser u) {
            return new Rm(u.getUsername(), u.getDisplayName(), u.getBranch().getCode(), u.isEnabled());
        }
    }

    /** One target's lot: customers with what follows them, and the loose opportunities and visits. */
    private record Lot(StaffUser target, List<Customer> customers, List<Opportunity> opportunities,
                       List<VisitPlan> visits) {
    }

    /** The RM's whole book in scope, ready to deal. */
    private record Contents(List<Customer> customers, CustomerOwnership.Carried carried,
                            Map<Long, Group> looseByCustomer) {
    }

    /** The opportunities and visits of one customer the RM does not own. */
    private record Group(Customer customer, List<Opportunity> opportunities, List<VisitPlan> visits) {
    }

    private final StaffUserRepository users;
    private final CustomerRepository customers;
    private final OpportunityRepository opportunities;
    private final VisitPlanRepository visits;
    private final CustomerOwnership ownership;
    private final OwnershipStore store;
    private final AuditLog audit;
    private final Clock clock;

    /** The RMs whose book the user may hand over (enabled or not), for the picker. */
    @Transactional(readOnly = true)
    public List<Rm> leavers(CurrentUser user) {
        AccessPolicy.requireMayHandOverBooks(user);
        return users.findInSubtree(Scope.subtreePattern(AccessPolicy.workingSubtree(user))).stream()
                .filter(u -> u.getRole() == Role.RM).map(Rm::of).toList();
    }

    /** The RMs who may take a book: the active RMs of the user's working subtree. */
    @Transactional(readOnly = true)
    public List<Rm> targets(CurrentUser user) {
        AccessPolicy.requireMayHandOverBooks(user);
        return users.findEnabledByRoleInSubtree(Role.RM, Scope.subtreePattern(AccessPolicy.workingSubtree(user)))
                .stream().map(Rm::of).toList();
    }

    /** The leaving RM's book in the user's scope; 404 for an RM outside it. */
    @Transactional(readOnly = true)
    public Book book(CurrentUser user, String fromRm) {
        StaffUser from = leaver(user, fromRm);
        Contents book = contents(user, from);
        List<Opportunity> opps = new ArrayList<>(book.carried().opportunities());
        List<VisitPlan> planned = new ArrayList<>(book.carried().visits());
        book.looseByCustomer().values().forEach(g -> {
            opps.addAll(g.opportunities());
            planned.addAll(g.visits());
        });
        return new Book(from.getUsername(), from.getDisplayName(), from.getBranch().getCode(), from.isEnabled(),
                book.customers().size(), aum(book.customers()), opps.size(), planned.size(),
                store.pendingActions(ids(opps), book.customers().stream().map(Customer::getId).toList()));
    }

    /** What the handover would move, to whom; changes nothing. */
    @Transactional(readOnly = true)
    public Result preview(CurrentUser user, Handover cmd) {
        StaffUser from = leaver(user, cmd.fromRm());
        List<StaffUser> targets = targets(user, from, cmd.toRms());
        return result(from, deal(contents(user, from), targets));
    }

    /** Moves the book as {@link #preview} showed it (as it is now): one transaction, one audit line. */
    @Transactional
    public Result handOver(CurrentUser user, Handover cmd) {
        StaffUser from = leaver(user, cmd.fromRm());
        List<StaffUser> targets = targets(user, from, cmd.toRms());
        store.lockUser(from.getId());
        List<Lot> lots = deal(contents(user, from), targets);
        Result result = result(from, lots);
        if (result.customers() + result.opportunities() + result.visits() == 0) {
            throw new ConflictException("handover.bookEmpty", from.getUsername());
        }
        StaffUser by = users.getReferenceById(user.id());
        Instant now = clock.instant();
        for (Lot lot : lots) {
            ownership.hand(lot.customers(), lot.target(), by);
            lot.opportunities().forEach(o -> o.reassign(lot.target(), by, now));
            lot.visits().forEach(v -> v.handTo(lot.target()));
        }
        customers.flush();
        StringBuilder detail = new StringBuilder("customers=" + result.customers() + ", aum=" + result.aum()
                + ", opportunities=" + result.opportunities() + ", visits=" + result.visits() + ", nextActions="
                + result.nextActions() + "; to");
        result.byTarget().forEach(s -> detail.append(' ').append(s.ownerRm()).append(" (").append(s.customers())
                .append('/').append(s.opportunities()).append('/').append(s.visits()).append(')'));
        audit.record(user.username(), "BOOK_HANDOVER", "user", from.getUsername(), detail.toString());
        return result;
    }

    /**
     * Whether the user still owns customers or open opportunities, so that disabling them should be followed by a
     * handover (the admin users page offers it).
     */
    @Transactional(readOnly = true)
    public boolean ownsBook(CurrentUser admin, String username) {
        AccessPolicy.requireAdmin(admin);
        return users.findByUsername(username).map(u -> customers.existsByOwnerId(u.getId())
                || opportunities.existsByOwnerIdAndStatus(u.getId(), org.bankcrm.domain.opportunity.Status.OPEN))
                .orElse(false);
    }

    private StaffUser leaver(CurrentUser user, String fromRm) {
        AccessPolicy.requireMayHandOverBooks(user);
        String name = Texts.clean(fromRm);
        if (name == null) {
            throw new InvalidInputException("fromRm", "validation.required");
        }
        return users.findByUsername(name).filter(u -> user.scope().coversBranch(u.getBranch().getPath()))
                .orElseThrow(() -> new NotFoundException("handover.rm.notFound", name));
    }

    private List<StaffUser> targets(CurrentUser user, StaffUser from, List<String> toRms) {
        Set<String> names = new LinkedHashSet<>();
        if (toRms != null) {
            toRms.stream().map(Texts::clean).filter(java.util.Objects::nonNull).forEach(names::add);
        }
        List<FieldError> errors = new ArrayList<>();
        if (names.isEmpty()) {
            errors.add(new FieldError("toRms", "handover.targets.empty"));
        }
        List<StaffUser> targets = new ArrayList<>();
        for (String name : names) {
            if (name.equals(from.getUsername())) {
                errors.add(new FieldError("toRms", "handover.target.leaving", name));
            } else {
                users.findActiveRmUnder(name, AccessPolicy.workingSubtree(user)).ifPresentOrElse(targets::add,
                        () -> errors.add(new FieldError("toRms", "handover.target.notEligible", name)));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return targets;
    }

    private Contents contents(CurrentUser user, StaffUser from) {
        Scope scope = user.scope();
        List<Customer> owned = customers.findByOwnerIdOrderByAumDescCustomerNoAsc(from.getId()).stream()
                .filter(c -> scope.coversBranch(c.getBranch().getPath())).toList();
        CustomerOwnership.Carried carried = ownership.carried(owned);
        Set<Long> carriedOpps = ids(carried.opportunities());
        Set<Long> carriedVisits = new HashSet<>(carried.visits().stream().map(VisitPlan::getId).toList());
        Map<Long, Group> loose = new LinkedHashMap<>();
        for (Opportunity o : opportunities.findOpenOwnedBy(from.getId())) {
            if (!carriedOpps.contains(o.getId()) && scope.coversBranch(o.getBranch().getPath())) {
                group(loose, o.getCustomer()).opportunities().add(o);
            }
        }
        for (VisitPlan v : visits.findPlannedOf(from.getId())) {
            if (!carriedVisits.contains(v.getId()) && scope.coversBranch(v.getCustomer().getBranch().getPath())) {
                group(loose, v.getCustomer()).visits().add(v);
            }
        }
        return new Contents(owned, carried, loose);
    }

    private static Group group(Map<Long, Group> groups, Customer c) {
        return groups.computeIfAbsent(c.getId(), id -> new Group(c, new ArrayList<>(), new ArrayList<>()));
    }

    /** The split of D32: customers round-robin by AUM, then the loose groups the same way, continuing the round. */
    private static List<Lot> deal(Contents book, List<StaffUser> targets) {
        List<Lot> lots = targets.stream()
                .map(t -> new Lot(t, new ArrayList<>(), new ArrayList<>(), new ArrayList<>())).toList();
        int turn = 0;
        for (Customer c : book.customers()) {
            lots.get(turn++ % lots.size()).customers().add(c);
        }
        List<Group> groups = book.looseByCustomer().values().stream()
                .sorted(Comparator.comparing((Group g) -> g.customer().getAum()).reversed()
                        .thenComparing(g -> g.customer().getCustomerNo()))
                .toList();
        for (Group g : groups) {
            Lot lot = lots.get(turn++ % lots.size());
            lot.opportunities().addAll(g.opportunities());
            lot.visits().addAll(g.visits());
        }
        return lots;
    }

    private Result result(StaffUser from, List<Lot> lots) {
        List<Share> shares = new ArrayList<>();
        for (Lot lot : lots) {
            CustomerOwnership.Carried carried = ownership.carried(lot.customers());
            List<Opportunity> opps = new ArrayList<>(carried.opportunities());
            opps.addAll(lot.opportunities());
            long actions = store.pendingActions(ids(opps), lot.customers().stream().map(Customer::getId).toList());
            shares.add(new Share(lot.target().getUsername(), lot.target().getDisplayName(), lot.customers().size(),
                    aum(lot.customers()), opps.size(), carried.visits().size() + lot.visits().size(), actions));
        }
        return new Result(from.getUsername(), shares.stream().mapToInt(Share::customers).sum(),
                shares.stream().map(Share::aum).reduce(BigDecimal.ZERO, BigDecimal::add),
                shares.stream().mapToInt(Share::opportunities).sum(), shares.stream().mapToInt(Share::visits).sum(),
                shares.stream().mapToLong(Share::nextActions).sum(), shares);
    }

    private static BigDecimal aum(List<Customer> cs) {
        return cs.stream().map(Customer::getAum).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Set<Long> ids(List<Opportunity> opps) {
        return new LinkedHashSet<>(opps.stream().map(Opportunity::getId).toList());
    }
}
