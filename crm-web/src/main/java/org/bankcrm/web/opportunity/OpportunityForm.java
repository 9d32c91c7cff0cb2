package org.bankcrm.web.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import lombok.Data;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.RiskLevel;
import org.bankcrm.domain.opportunity.Source;
import org.bankcrm.service.opportunity.OpportunityService.NewOpportunity;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The new-opportunity form. {@code requestKey} is a random key the page renders once; submitting the same
 * form twice (a double click, a resubmit) creates one opportunity.
 */
@Data
public class OpportunityForm {

    private String customerNo;
    private String productCode;
    private String title;
    private BigDecimal amount;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate expectedCloseDate;
    private Source source = Source.RM_DISCOVERED;
    private RiskLevel riskLevel = RiskLevel.MEDIUM;
    private Competition competition = Competition.NONE;
    private Integer needStrength = 3;
    private String ownerRm;
    private String requestKey;

    NewOpportunity toCommand() {
        return new NewOpportunity(customerNo, productCode, title, amount, expectedCloseDate, source, riskLevel,
                competition, needStrength, ownerRm == null || ownerRm.isBlank() ? null : ownerRm, requestKey);
    }
}
