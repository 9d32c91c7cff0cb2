package org.bankcrm.service.customer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.customer.CustomerRepository;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.org.Branch;
import org.bankcrm.domain.org.BranchRepository;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.org.StaffUserRepository;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.Scope;
import org.bankcrm.service.shared.PageRequestParams;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.service.shared.Texts;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * High-tier customers with no owner RM (建档无人维护) and their assignment to an RM, one or many at once, by branch
 * heads (their subtree) and admins. An assignment is all or nothing and carries each customer's open unowned
 * opportunities along ({@link CustomerOwnership}).
 */
@Service
@RequiredArgsConstructor
public class CustomerAssignment {

    /** A customer of the list: nothing personal. */
    public record UnownedCustomer(String customerNo, String name, CustomerType type, Tier tier, BigDecimal aum,
                                  String branchCode, String branchName) {
    }

    /** Customers to give to one RM. */
    public record Assign(List<String> customerNos, String ownerRm) {
    }

    /** What the assignment changed. */
    public record Assigned(int customers, int opportunities, int visits) implements java.io.Serializable {
    }

    private final CustomerRepository customers;
    private final BranchRepository branches;
    private final StaffUserRepository users;
    private final CustomerService customerService;
    private final CustomerOwnership ownership;
    private final OwnershipStore store;
    private final UnownedCustomerQuery query;
    private final HighTiers highTiers;
    private final AuditLog audit;

    /** The high tiers, for the filter. */
    public Set<Tier> highTiers() {
        return highTiers.tiers();
    }

    /**
     * The unowned high-tier customers of the caller's scope, optionally of one high tier and one branch subtree.
     */
    @Transactional(readOnly = true)
    public Paged<UnownedCustomer> unowned(CurrentUser user, Tier tier, String branchCode, Integer page, Integer size) {
        AccessPolicy.requireSupervisor(user);
        var paging = PageRequestParams.of(page, size, 20, Sort.unsorted());
        if (tier != null && !highTiers.tiers().contains(tier)) {
            throw new InvalidInputException("tier", "unowned.tier.notHigh", tier);
        }
        String pattern = null;
        String code = Texts.clean(branchCode);
        if (code != null) {
            Branch b = branches.findByCode(code)
                    .orElseThrow(() -> new InvalidInputException("branch", "branch.unknown", code));
            AccessPolicy.requireBranchInScope(user, code, b.getPath());
            pattern = Scope.subtreePattern(b.getPath());
        }
        Set<Tier> tiers = tier == null ? highTiers.tiers() : Set.of(tier);
        List<UnownedCustomer> items = query.page(user.scope(), tiers, pattern, (int) paging.getOffset(),
                paging.getPageSize());
        return new Paged<>(items, paging.getPageNumber(), paging.getPageSize(),
                query.count(user.scope(), tiers, pattern));
    }

    /**
     * Gives the named customers, all without an owner and in the caller's scope, to one active RM of each one's
     * branch subtree. All or nothing: a customer not found (or outside the scope) is bad input naming it, one
     * that has an owner by now (someone assigned it since the list was read) a conflict naming it; then nothing
     * changes.
     */
    @Transactional
    public Assigned assign(CurrentUser user, Assign cmd) {
        AccessPolicy.requireMayReassignCustomer(user);
        List<FieldError> errors = new ArrayList<>();
        Set<String> nos = new LinkedHashSet<>();
        if (cmd.customerNos() != null) {
            cmd.customerNos().stream().map(Texts::clean).filter(java.util.Objects::nonNull).forEach(nos::add);
        }
        if (nos.isEmpty()) {
            errors.add(new FieldError("customerNos", "assignment.customers.empty"));
        }
        String rmName = Texts.clean(cmd.ownerRm());
        if (rmName == null) {
            errors.add(new FieldError("ownerRm", "validation.required"));
        }
        store.lockCustomers(nos);
        List<Customer> chosen = new ArrayList<>();
        for (String no : nos) {
            try {
                chosen.add(customerService.find(user, no));
            } catch (NotFoundException e) {
                errors.add(new FieldError("customerNos", "customer.notFound", no));
            }
        }
        StaffUser rm = null;
        if (rmName != null) {
            for (Customer c : chosen) {
                rm = users.findActiveRmUnder(rmName, c.getBranch().getPath()).orElse(null);
                if (rm == null) {
                    errors.add(new FieldError("ownerRm", "customer.owner.notRmOfBranch", rmName,
                            c.getBranch().getCode()));
                    break;
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        for (Customer c : chosen) {
            if (c.getOwner() != null) {
                throw new ConflictException("assignment.customer.owned", c.getCustomerNo());
            }
        }
        var moved = ownership.hand(chosen, rm, users.getReferenceById(user.id()));
        customers.flush();
        audit.record(user.username(), "CUSTOMER_ASSIGNED", "user", rm.getUsername(),
                "customers=" + moved.customers() + ", opportunities=" + moved.opportunities() + ", visits="
                        + moved.visits() + ": " + abbreviated(String.join(",", nos)));
        return new Assigned(moved.customers(), moved.opportunities(), moved.visits());
    }

    /** The audit line's detail holds 4,000 characters; a long list of numbers is cut, the counts never. */
    private static String abbreviated(String list) {
        return list.length() <= 3000 ? list : list.substring(0, 3000) + "…";
    }
}
