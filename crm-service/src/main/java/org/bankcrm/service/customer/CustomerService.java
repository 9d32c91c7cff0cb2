package org.bankcrm.service.customer;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.CompanySize;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.customer.CustomerFacts;
import org.bankcrm.domain.customer.CustomerRepository;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.HoldingRepository;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.customer.TierThresholdRepository;
import org.bankcrm.domain.org.Branch;
import org.bankcrm.domain.org.BranchRepository;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.org.StaffUserRepository;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.customer.CustomerViews.CustomerDetail;
import org.bankcrm.service.customer.CustomerViews.CustomerSummary;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.CommandValidator;
import org.bankcrm.service.shared.PageRequestParams;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.service.shared.ReadFromReplica;
import org.bankcrm.service.shared.Texts;
import org.bankcrm.service.shared.Versions;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finding, reading, registering and correcting customers, always within the caller's scope. The AUM history
 * ({@link CustomerAumHistory}), the corporate–retail linkage ({@link CustomerLinkage}) and revealing personal data
 * ({@link CustomerReveal}) have classes of their own and reach a customer through {@link #find}.
 *
 * <p>Longer than 250 lines because its two commands carry their field constraints ({@link NewCustomer},
 * {@link CustomerEdit}) and registering checks every rule at once; all of it is the customer's own life cycle.
 */
@Service
@RequiredArgsConstructor
public class CustomerService {

    /** A search of the customer list. */
    public record CustomerQuery(String q, CustomerType type, Tier tier, String owner, Integer page, Integer size) {
    }

    /** A new customer: the fields of the {@code customers} feed. */
    public record NewCustomer(
            @NotBlank(message = "{validation.required}")
            @Pattern(regexp = "[A-Za-z0-9_-]{1,32}", message = "{validation.customerNo.format}") String customerNo,
            @NotNull(message = "{validation.required}") CustomerType type,
            @NotBlank(message = "{validation.required}")
            @Size(max = 100, message = "{validation.size.max}") String name,
            @Pattern(regexp = "[0-9A-Za-z]{1,32}", message = "{validation.idNo.format}") String idNo,
            @Pattern(regexp = "[0-9+ -]{3,32}", message = "{validation.phone.format}") String phone,
            LocalDate birthDate,
            String employerNo,
            @Size(max = 50, message = "{validation.size.max}") String industry,
            CompanySize companySize,
            @NotBlank(message = "{validation.required}") String branchCode,
            String ownerRm,
            @NotNull(message = "{validation.required}")
            @PositiveOrZero(message = "{validation.amount.nonNegative}")
            @Digits(integer = 16, fraction = 2, message = "{validation.amount.digits}") BigDecimal aum,
            @PositiveOrZero(message = "{validation.amount.nonNegative}")
            @Digits(integer = 16, fraction = 2, message = "{validation.amount.digits}") BigDecimal annualContribution,
            LocalDate lastTxnOn) {

        @Override
        public String toString() {
            return "NewCustomer[" + customerNo + ", " + type + ", " + branchCode + "]";
        }
    }

    private final CustomerRepository customers;
    private final HoldingRepository holdings;
    private final BranchRepository branches;
    private final StaffUserRepository users;
    private final TierThresholdRepository tiers;
    private final CommandValidator validator;
    private final Clock clock;
    private final CustomerQueries queries;
    private final org.bankcrm.service.audit.AuditLog audit;
    private final org.bankcrm.service.scoring.ScoringService scoring;
    private final CustomerOwnership ownership;

    @ReadFromReplica
    @Transactional(readOnly = true)
    public Paged<CustomerSummary> search(CurrentUser user, CustomerQuery query) {
        AccessPolicy.requireMayWorkOnRecords(user);
        var page = PageRequestParams.of(query.page(), query.size(), 20, Sort.by("customerNo"));
        var spec = CustomerSpecs.visibleTo(user.scope())
                .and(CustomerSpecs.matching(query.q(), query.type(), query.tier(), query.owner()));
        return Paged.of(customers.findShown(spec, page), CustomerSummary::of);
    }

    @Transactional(readOnly = true)
    public CustomerDetail get(CurrentUser user, String customerNo) {
        Customer c = find(user, customerNo);
        return CustomerDetail.of(c, holdings.findByCustomerIdOrderByOpenedOnDesc(c.getId()),
                tiers.policy().next(c.getTier()).orElse(null));
    }

    /**
     * The customer, if the user's scope covers it; otherwise {@link NotFoundException}, exactly as if it did
     * not exist. Other services use it to reach a customer on a user's behalf.
     */
    @Transactional(readOnly = true)
    public Customer find(CurrentUser user, String customerNo) {
        AccessPolicy.requireMayWorkOnRecords(user);
        if (customerNo == null) {
            throw new NotFoundException("customer.notFound", "");
        }
        return customers.findOneShown(shown(user, customerNo))
                .orElseThrow(() -> new NotFoundException("customer.notFound", customerNo));
    }

    /** The name of a customer the user's scope covers; empty for one it does not (or none), as if it did not exist. */
    @Transactional(readOnly = true)
    public Optional<String> nameIfShown(CurrentUser user, String customerNo) {
        AccessPolicy.requireMayWorkOnRecords(user);
        return customerNo == null ? Optional.empty()
                : customers.findOneShown(shown(user, customerNo)).map(Customer::getName);
    }

    private boolean inScope(CurrentUser user, String customerNo) {
        return customers.exists(shown(user, customerNo));
    }

    /** The customer numbered {@code customerNo}, if the user's scope covers it. */
    private static Specification<Customer> shown(CurrentUser user, String customerNo) {
        return CustomerSpecs.visibleTo(user.scope()).and(CustomerSpecs.customerNo(customerNo));
    }

    /**
     * The customer a command names in its {@code customerNo} field, within the caller's scope; null when it names
     * none, or when it names one the caller cannot see, which adds that field's error to {@code errors}.
     */
    @Transactional(readOnly = true)
    public Customer named(CurrentUser user, String customerNo, List<FieldError> errors) {
        if (Texts.clean(customerNo) == null) {
            return null;
        }
        try {
            return find(user, customerNo.strip());
        } catch (NotFoundException e) {
            errors.add(CustomerSearch.unknown("customerNo", customerNo));
            return null;
        }
    }

    /**
     * Registers a customer. An RM registers customers of their own branch, owned by themselves; a head
     * within their subtree; an admin anywhere.
     */
    @Transactional
    public CustomerDetail create(CurrentUser user, NewCustomer cmd) {
        AccessPolicy.requireMayWorkOnRecords(user);
        // Every problem at once: the constraints, then the rules that need the database.
        List<FieldError> errors = new ArrayList<>(validator.errors(cmd));
        LocalDate today = LocalDate.now(clock);

        if (cmd.customerNo() != null && customers.existsByCustomerNo(cmd.customerNo())) {
            // Said plainly only to whom may see that customer: to anyone else the refusal does not confirm that the
            // number belongs to a customer of another branch, and the attempt is in the audit log.
            if (inScope(user, cmd.customerNo())) {
                errors.add(new FieldError("customerNo", "customer.no.taken", cmd.customerNo()));
            } else {
                audit.recordRefusal(user.username(), "CUSTOMER_NO_REFUSED", "customer", cmd.customerNo(),
                        "registration with a number out of scope");
                errors.add(new FieldError("customerNo", "customer.no.unavailable", cmd.customerNo()));
            }
        }
        boolean retail = cmd.type() == CustomerType.RETAIL;
        if (retail) {
            if (cmd.birthDate() == null) {
                errors.add(new FieldError("birthDate", "validation.required"));
            } else if (cmd.birthDate().isAfter(today)) {
                errors.add(new FieldError("birthDate", "validation.date.future"));
            }
            if (Texts.clean(cmd.industry()) != null) {
                errors.add(new FieldError("industry", "customer.field.corporateOnly"));
            }
            if (cmd.companySize() != null) {
                errors.add(new FieldError("companySize", "customer.field.corporateOnly"));
            }
            String employerNo = Texts.clean(cmd.employerNo());
            if (employerNo != null && customers.findByCustomerNo(employerNo)
                    .filter(e -> e.getType() == CustomerType.CORPORATE).isEmpty()) {
                errors.add(new FieldError("employerNo", "customer.employer.unknown", employerNo));
            }
        } else if (cmd.type() == CustomerType.CORPORATE) {
            if (cmd.birthDate() != null) {
                errors.add(new FieldError("birthDate", "customer.field.retailOnly"));
            }
            if (Texts.clean(cmd.employerNo()) != null) {
                errors.add(new FieldError("employerNo", "customer.field.retailOnly"));
            }
        }
        if (cmd.lastTxnOn() != null && cmd.lastTxnOn().isAfter(today)) {
            errors.add(new FieldError("lastTxnOn", "validation.date.future"));
        }

        Branch branch = cmd.branchCode() == null ? null : branches.findByCode(cmd.branchCode().strip()).orElse(null);
        if (branch == null && cmd.branchCode() != null) {
            errors.add(new FieldError("branchCode", "branch.unknown", cmd.branchCode()));
        } else if (branch != null && !AccessPolicy.mayRegisterIn(user, branch.getId(), branch.getPath())) {
            errors.add(new FieldError("branchCode", "customer.branch.outOfScope", branch.getCode()));
        }

        StaffUser owner = null;
        String ownerRm = Texts.clean(cmd.ownerRm());
        if (!AccessPolicy.choosesOwners(user)) {
            if (ownerRm != null && !ownerRm.equals(user.username())) {
                errors.add(new FieldError("ownerRm", "customer.owner.rmOwnsOwn"));
            }
            owner = users.getReferenceById(user.id());
        } else if (ownerRm != null && branch != null) {
            owner = users.findActiveRmUnder(ownerRm, branch.getPath()).orElse(null);
            if (owner == null) {
                errors.add(new FieldError("ownerRm", "customer.owner.notRmOfBranch", ownerRm, branch.getCode()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }

        CustomerFacts facts = new CustomerFacts(cmd.name().strip(), Texts.clean(cmd.idNo()), Texts.clean(cmd.phone()),
                retail ? cmd.birthDate() : null, retail ? Texts.clean(cmd.employerNo()) : null,
                retail ? null : Texts.clean(cmd.industry()), retail ? null : cmd.companySize(), cmd.aum(),
                cmd.annualContribution(), cmd.lastTxnOn());
        Customer saved = customers.save(Customer.register(cmd.customerNo(), cmd.type(), facts, branch, owner,
                tiers.policy()));
        return CustomerDetail.of(saved, List.of(), tiers.policy().next(saved.getTier()).orElse(null));
    }

    /** Editable facts of a customer, with the version the editor read. */
    public record CustomerEdit(
            @jakarta.validation.constraints.NotNull(message = "{validation.required}") Integer version,
            @NotBlank(message = "{validation.required}")
            @Size(max = 100, message = "{validation.size.max}") String name,
            @Pattern(regexp = "[0-9+ -]{3,32}", message = "{validation.phone.format}") String phone,
            @Size(max = 50, message = "{validation.size.max}") String industry,
            CompanySize companySize,
            @NotNull(message = "{validation.required}")
            @PositiveOrZero(message = "{validation.amount.nonNegative}")
            @Digits(integer = 16, fraction = 2, message = "{validation.amount.digits}") BigDecimal aum) {
    }

    /**
     * Changes what staff may correct by hand (name, phone, industry and size, AUM; the nightly feed
     * remains the source of the rest), re-tiering the customer. Stale versions are refused.
     */
    @Transactional
    public CustomerDetail edit(CurrentUser user, String customerNo, CustomerEdit cmd) {
        Customer c = find(user, customerNo);
        validator.check(cmd);
        Versions.check(cmd.version(), c.getVersion());
        boolean corporate = c.getType() == CustomerType.CORPORATE;
        if (!corporate && (Texts.clean(cmd.industry()) != null || cmd.companySize() != null)) {
            throw new InvalidInputException("industry", "customer.field.corporateOnly");
        }
        // The page never shows the clear phone: an empty field keeps it.
        String phone = Texts.clean(cmd.phone()) == null ? c.phone() : cmd.phone().strip();
        c.apply(new CustomerFacts(cmd.name().strip(), c.idNo(), phone, c.getBirthDate(),
                c.getEmployerNo(), corporate ? Texts.clean(cmd.industry()) : null, corporate ? cmd.companySize() : null,
                cmd.aum(), c.getAnnualContribution(), c.getLastTxnOn()), tiers.policy());
        customers.saveAndFlush(c);
        // The tier is part of every open opportunity's score.
        scoring.rescore(queries.openOpportunityIds(c.getId()));
        return CustomerDetail.of(c, holdings.findByCustomerIdOrderByOpenedOnDesc(c.getId()),
                tiers.policy().next(c.getTier()).orElse(null));
    }

    /**
     * Heads (in their subtree) and admins give a customer to another RM of the customer's branch subtree, with its
     * open opportunities and planned visits ({@link CustomerOwnership}).
     */
    @Transactional
    public CustomerDetail reassign(CurrentUser user, String customerNo, String ownerRm, Integer version) {
        AccessPolicy.requireMayReassignCustomer(user);
        Customer c = find(user, customerNo);
        if (version == null) {
            throw new InvalidInputException("version", "validation.required");
        }
        Versions.check(version, c.getVersion());
        StaffUser rm = Texts.clean(ownerRm) == null ? null
                : users.findActiveRmUnder(ownerRm, c.getBranch().getPath()).orElse(null);
        if (rm == null) {
            throw new InvalidInputException("ownerRm", "customer.owner.notRmOfBranch", ownerRm, c.getBranch().getCode());
        }
        String before = c.getOwner() == null ? null : c.getOwner().getUsername();
        // Its open opportunities the previous owner (or nobody) owned and the previous owner's planned visits follow.
        var moved = ownership.hand(List.of(c), rm, users.getReferenceById(user.id()));
        customers.saveAndFlush(c);
        audit.record(user.username(), "CUSTOMER_OWNER", "customer", customerNo, before + " -> " + rm.getUsername()
                + (moved.opportunities() + moved.visits() > 0
                ? " (opportunities " + moved.opportunities() + ", visits " + moved.visits() + ")" : ""));
        return CustomerDetail.of(c, holdings.findByCustomerIdOrderByOpenedOnDesc(c.getId()),
                tiers.policy().next(c.getTier()).orElse(null));
    }

}
