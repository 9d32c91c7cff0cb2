package org.bankcrm.service.referral;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.customer.CustomerRepository;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.opportunity.OpportunityDraft;
import org.bankcrm.domain.opportunity.OpportunityRepository;
import org.bankcrm.domain.opportunity.RiskLevel;
import org.bankcrm.domain.opportunity.Source;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.org.StaffUserRepository;
import org.bankcrm.domain.product.Product;
import org.bankcrm.domain.product.ProductRepository;
import org.bankcrm.domain.referral.Referral;
import org.bankcrm.domain.referral.ReferralChannel;
import org.bankcrm.domain.referral.ReferralRepository;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.customer.CustomerSearch;
import org.bankcrm.service.opportunity.OpeningStore;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.referral.ReferralQueries.ReferralView;
import org.bankcrm.service.shared.CommandValidator;
import org.bankcrm.service.shared.Texts;
import org.bankcrm.service.shared.Versions;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Referrals (转介): a referrer passes a customer's need on; the suggested RM (or a head of the branch)
 * accepts it, which opens an opportunity with source REFERRAL crediting the referrer, or rejects it with a
 * reason; a head routes a waiting referral to any RM of their subtree.
 */
@Service
@RequiredArgsConstructor
public class ReferralService {

    /** A referral as the referrer submits it. */
    public record NewReferral(
            @NotBlank(message = "{validation.required}") String customerNo,
            @NotNull(message = "{validation.required}") ReferralChannel channel,
            String productCode,
            @NotBlank(message = "{validation.required}")
            @Size(max = 1000, message = "{validation.size.max}") String need,
            String suggestedRm) {
    }

    /**
     * What accepting needs: the opportunity's amount and close date, optionally its owner and product, and the
     * referral's version as the caller saw it (null: whatever it is now).
     */
    public record Acceptance(
            String ownerRm,
            @NotNull(message = "{validation.required}")
            @PositiveOrZero(message = "{validation.amount.nonNegative}")
            @Digits(integer = 16, fraction = 2, message = "{validation.amount.digits}") BigDecimal amount,
            @NotNull(message = "{validation.required}") LocalDate expectedCloseDate,
            String productCode,
            Integer version) {
    }

    private final ReferralRepository referrals;
    private final CustomerRepository customers;
    private final ProductRepository products;
    private final StaffUserRepository users;
    private final OpportunityRepository opportunities;
    private final org.bankcrm.service.scoring.ScoringService scoring;
    private final CommandValidator validator;
    private final OpeningStore opening;
    private final Clock clock;

    /**
     * Records a referral. Referrers refer customers of their own branch subtree; the suggested RM, when
     * given, must be an active RM there; without one the customer's owner is suggested.
     */
    @Transactional
    public ReferralView create(CurrentUser user, NewReferral cmd) {
        AccessPolicy.requireMayRefer(user);
        List<FieldError> errors = new ArrayList<>(validator.errors(cmd));
        Customer customer = Texts.clean(cmd.customerNo()) == null ? null
                : customers.findByCustomerNo(cmd.customerNo().strip())
                .filter(c -> c.getBranch().getPath().startsWith(user.branchPath())).orElse(null);
        if (customer == null && Texts.clean(cmd.customerNo()) != null) {
            errors.add(CustomerSearch.unknown("customerNo", cmd.customerNo()));
        }
        Product product = null;
        if (Texts.clean(cmd.productCode()) != null) {
            product = products.findById(cmd.productCode().strip()).filter(Product::isEnabled).orElse(null);
            if (product == null) {
                errors.add(new FieldError("productCode", "product.unknown", cmd.productCode()));
            }
        }
        StaffUser suggested = null;
        if (Texts.clean(cmd.suggestedRm()) != null) {
            suggested = activeRmUnder(cmd.suggestedRm().strip(), user.branchPath());
            if (suggested == null) {
                errors.add(new FieldError("suggestedRm", "customer.owner.notRmOfBranch", cmd.suggestedRm(),
                        user.branchCode()));
            }
        } else if (customer != null && customer.getOwner() != null && customer.getOwner().isEnabled()) {
            suggested = customer.getOwner();
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Referral r = referrals.save(new Referral(customer, cmd.channel(), product, cmd.need().strip(),
                users.getReferenceById(user.id()), suggested, clock.instant()));
        return ReferralView.of(r);
    }

    /**
     * Opens the opportunity and credits the referrer; the referral must still be waiting, and (with a version) be as
     * the caller saw it: a head giving it "to the suggested RM" must not give it to another one routed since.
     */
    @Transactional
    public ReferralView accept(CurrentUser user, long id, Acceptance cmd) {
        Referral r = decidable(user, id, cmd.version());
        List<FieldError> errors = new ArrayList<>(validator.errors(cmd));
        if (cmd.expectedCloseDate() != null && cmd.expectedCloseDate().isBefore(LocalDate.now(clock))) {
            errors.add(new FieldError("expectedCloseDate", "validation.date.past"));
        }
        Product product = r.getProduct();
        if (Texts.clean(cmd.productCode()) != null) {
            product = products.findById(cmd.productCode().strip()).filter(Product::isEnabled).orElse(null);
            if (product == null) {
                errors.add(new FieldError("productCode", "product.unknown", cmd.productCode()));
            }
        } else if (product == null) {
            errors.add(new FieldError("productCode", "validation.required"));
        }
        StaffUser owner;
        if (!AccessPolicy.choosesOwners(user)) {
            if (Texts.clean(cmd.ownerRm()) != null && !cmd.ownerRm().strip().equals(user.username())) {
                errors.add(new FieldError("ownerRm", "opportunity.owner.rmOwnsOwn"));
            }
            owner = users.getReferenceById(user.id());
        } else {
            String wanted = Texts.clean(cmd.ownerRm()) != null ? cmd.ownerRm().strip()
                    : r.getSuggestedRm() != null ? r.getSuggestedRm().getUsername() : null;
            owner = wanted == null ? null : activeRmUnder(wanted, r.getBranch().getPath());
            if (owner == null) {
                errors.add(new FieldError("ownerRm", wanted == null ? "validation.required"
                        : "customer.owner.notRmOfBranch", wanted, r.getBranch().getCode()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        var now = clock.instant();
        StaffUser by = users.getReferenceById(user.id());
        opening.share();
        Opportunity o = opportunities.save(Opportunity.open(new OpportunityDraft(r.getCustomer(), product,
                OpportunityDraft.defaultTitle(r.getCustomer(), product), cmd.amount(), cmd.expectedCloseDate(),
                Source.REFERRAL, r.sourceDetail(),
                null, RiskLevel.MEDIUM, Competition.NONE, 4, owner, null), by, now));
        r.accept(o, by, now);
        Referral saved = referrals.saveAndFlush(r);
        scoring.rescore(List.of(o.getId()));
        return ReferralView.of(saved);
    }

    /** Rejects a waiting referral, with a reason; {@code version} as for {@link #accept}. */
    @Transactional
    public ReferralView reject(CurrentUser user, long id, String reason, Integer version) {
        Referral r = decidable(user, id, version);
        String clean = Texts.clean(reason);
        if (clean == null) {
            throw new InvalidInputException("reason", "validation.required");
        }
        if (clean.length() > 500) {
            throw new InvalidInputException("reason", "validation.size.max", 0, 500);
        }
        r.reject(clean, users.getReferenceById(user.id()), clock.instant());
        return ReferralView.of(referrals.saveAndFlush(r));
    }

    /**
     * A head passes a waiting referral to an RM of their subtree; {@code version} as for {@link #accept}, so two heads
     * routing from one view do not silently overwrite each other.
     */
    @Transactional
    public ReferralView route(CurrentUser user, long id, String rmUsername, Integer version) {
        AccessPolicy.requireSupervisor(user);
        Referral r = decidable(user, id, version);
        StaffUser rm = Texts.clean(rmUsername) == null ? null : activeRmUnder(rmUsername.strip(), r.getBranch().getPath());
        if (rm == null) {
            throw new InvalidInputException("ownerRm", "customer.owner.notRmOfBranch",
                    rmUsername == null ? "" : rmUsername, r.getBranch().getCode());
        }
        r.route(rm);
        return ReferralView.of(referrals.saveAndFlush(r));
    }

    /**
     * A referral the user may decide on: suggested to them (RM), in their subtree (head), any (admin); as the caller
     * saw it when they name its version (D11).
     */
    private Referral decidable(CurrentUser user, long id, Integer version) {
        Specification<Referral> spec = ReferralQueries.visibleTo(user)
                .and((root, q, cb) -> cb.equal(root.get("id"), id));
        Referral r = referrals.findOneShown(spec)
                .orElseThrow(() -> new NotFoundException("referral.notFound", String.valueOf(id)));
        AccessPolicy.requireMayDecideReferrals(user);
        Versions.check(version, r.getVersion());
        return r;
    }

    private StaffUser activeRmUnder(String username, String branchPath) {
        return users.findActiveRmUnder(username, branchPath).orElse(null);
    }
}
