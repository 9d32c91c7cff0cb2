package org.bankcrm.service.incentive;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * One version of the incentive rates: the category rates (fractions of the revenue credited) and the reward per
 * converted referral, valid from the first day of a bank month until the next version.
 *
 * @param validFrom      the first day of the month it applies from
 * @param rates          by product category code, every category
 * @param referralReward CNY per referral converted and won
 * @param version        increases with every change, across versions (the token a change names, D11)
 */
public record IncentiveRates(LocalDate validFrom, Map<String, BigDecimal> rates, BigDecimal referralReward,
                             int version) {
}
