package org.bankcrm.domain.scoring;

import java.math.BigDecimal;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.RiskLevel;

/**
 * What the score of one opportunity depends on, gathered by the service layer.
 *
 * @param expectedRevenue   amount × the product's revenue rate, CNY
 * @param daysToClose       days from today to the expected close date (negative when past)
 * @param distinctProducts  distinct products the customer holds
 * @param daysSinceFollowUp days since the last follow-up on the opportunity, null when there is none
 * @param followUps30Days   follow-ups on the opportunity in the last 30 days
 */
public record ScoreInputs(
        BigDecimal expectedRevenue,
        RiskLevel riskLevel,
        int needStrength,
        Competition competition,
        Tier tier,
        int distinctProducts,
        long daysToClose,
        Integer daysSinceFollowUp,
        int followUps30Days) {
}
