package org.bankcrm.service.customer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.bankcrm.domain.customer.CompanySize;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.Holding;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.customer.TierPolicy;

/** Read models of customers. Personal data leaves the service layer masked, always. */
public final class CustomerViews {

    private CustomerViews() {
    }

    /** A row of the customer list. */
    public record CustomerSummary(String customerNo, CustomerType type, String name, Tier tier, BigDecimal aum,
                                  String branchCode, String ownerRm) {

        static CustomerSummary of(Customer c) {
            return new CustomerSummary(c.getCustomerNo(), c.getType(), c.getName(), c.getTier(), c.getAum(),
                    c.getBranch().getCode(), c.getOwner() == null ? null : c.getOwner().getUsername());
        }
    }

    /** A holding as the customer page shows it. */
    public record HoldingView(String productCode, BigDecimal balance, LocalDate openedOn, LocalDate maturityDate) {

        static HoldingView of(Holding h) {
            return new HoldingView(h.getProductCode(), h.getBalance(), h.getOpenedOn(), h.getMaturityDate());
        }
    }

    /** Everything about a customer that its page and the API show. */
    public record CustomerDetail(String customerNo, CustomerType type, String name, Tier tier, BigDecimal aum,
                                 String branchCode, String branchName, String ownerRm, String ownerName,
                                 String idNoMasked, String phoneMasked, LocalDate birthDate, String employerNo,
                                 String industry, CompanySize companySize, BigDecimal annualContribution,
                                 LocalDate lastTxnOn, List<HoldingView> holdings, int version, Tier nextTier,
                                 BigDecimal toNextTier) {

        /**
         * @param next the next tier up and its lower bound, or null at the top; the gap is measured in the
         *             figure that tiers the customer (AUM for retail, annual contribution for corporate)
         */
        static CustomerDetail of(Customer c, List<Holding> holdings, TierPolicy.Threshold next) {
            BigDecimal measure = c.getType() == CustomerType.RETAIL ? c.getAum() : c.getAnnualContribution();
            return new CustomerDetail(c.getCustomerNo(), c.getType(), c.getName(), c.getTier(), c.getAum(),
                    c.getBranch().getCode(), c.getBranch().getName(),
                    c.getOwner() == null ? null : c.getOwner().getUsername(),
                    c.getOwner() == null ? null : c.getOwner().getDisplayName(),
                    c.maskedIdNo(), c.maskedPhone(), c.getBirthDate(), c.getEmployerNo(), c.getIndustry(),
                    c.getCompanySize(), c.getAnnualContribution(), c.getLastTxnOn(),
                    holdings.stream().map(HoldingView::of).toList(), c.getVersion(),
                    next == null ? null : next.tier(), next == null ? null : next.lowerBound().subtract(measure).max(BigDecimal.ZERO));
        }
    }
}
