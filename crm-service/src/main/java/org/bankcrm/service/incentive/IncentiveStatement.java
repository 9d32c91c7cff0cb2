package org.bankcrm.service.incentive;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A user's incentive statement for a bank month (api.md "Sales management"): the lines of the opportunities won that
 * month in which the user holds a credit share, the referral rewards, and the total. {@code total} is every amount
 * of the statement, lines and rewards (D47); {@code linesTotal} and {@code rewardsTotal} are its two parts.
 *
 * @param month           the first day of the month
 * @param ratesValidFrom  the first month of the rate version applied
 */
public record IncentiveStatement(LocalDate month, String username, String displayName, String role,
                                 String branchCode, List<Line> lines, List<Reward> referralRewards,
                                 BigDecimal linesTotal, BigDecimal rewardsTotal, BigDecimal total,
                                 LocalDate ratesValidFrom) {

    /** One won opportunity's line; a retail customer's name masked. */
    public record Line(long opportunityId, String productCode, String category, String title, String customerNo,
                       String customerName, String customerType, Instant closedAt, BigDecimal wonAmount,
                       BigDecimal productRate, BigDecimal revenue, int creditShare, BigDecimal rate,
                       BigDecimal amount) {
    }

    /** One referral of the user's whose opportunity was won in the month. */
    public record Reward(long referralId, long opportunityId, String customerNo, String customerName,
                         String customerType, Instant closedAt, BigDecimal amount) {
    }
}
