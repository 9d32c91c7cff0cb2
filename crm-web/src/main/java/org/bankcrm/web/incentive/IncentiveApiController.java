package org.bankcrm.web.incentive;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.Data;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.incentive.IncentiveRates;
import org.bankcrm.service.incentive.IncentiveService;
import org.bankcrm.service.incentive.IncentiveStatement;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.web.shared.StrictBody;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Incentives in the JSON API (api.md "Sales management"): the rates (ADMIN; the security chain guards
 * /api/v1/admin too) and a user's monthly statement.
 */
@RestController
@RequestMapping("/api/v1")
@RequiredArgsConstructor
class IncentiveApiController {

    /** The rates in effect; {@code validFrom} (YYYY-MM) and {@code version} are the product's own fields. */
    record RatesJson(Map<String, BigDecimal> rates, BigDecimal referralReward, String validFrom, int version) {

        static RatesJson of(IncentiveRates r) {
            Map<String, BigDecimal> rates = new LinkedHashMap<>();
            r.rates().forEach((c, v) -> rates.put(c, plain(v)));
            return new RatesJson(rates, r.referralReward(), r.validFrom().toString().substring(0, 7), r.version());
        }
    }

    record LineJson(long opportunityId, String productCode, BigDecimal wonAmount, BigDecimal revenue,
                    int creditShare, BigDecimal rate, BigDecimal amount) {
    }

    record RewardJson(long referralId, long opportunityId, BigDecimal amount) {
    }

    /**
     * The contract's statement; {@code total} is every amount of it, lines and rewards (D47), {@code linesTotal},
     * {@code rewardsTotal} and {@code ratesValidFrom} are the product's own fields.
     */
    record StatementJson(String month, String user, List<LineJson> lines, List<RewardJson> referralRewards,
                         BigDecimal total, BigDecimal linesTotal, BigDecimal rewardsTotal, String ratesValidFrom) {

        static StatementJson of(IncentiveStatement s) {
            return new StatementJson(s.month().toString().substring(0, 7), s.username(),
                    s.lines().stream().map(l -> new LineJson(l.opportunityId(), l.productCode(), l.wonAmount(),
                            l.revenue(), l.creditShare(), plain(l.rate()), l.amount())).toList(),
                    s.referralRewards().stream().map(r -> new RewardJson(r.referralId(), r.opportunityId(),
                            r.amount())).toList(),
                    s.total(), s.linesTotal(), s.rewardsTotal(), s.ratesValidFrom().toString().substring(0, 7));
        }
    }

    /** A change; a field the API does not know is a 400 naming it. */
    @Data
    static class Body extends StrictBody {
        // Object, so that a value of the wrong type is the API's own 400; the description says the real types.
        @io.swagger.v3.oas.annotations.media.Schema(type = "object", description = "Rate per product category code.")
        private Object rates;
        @io.swagger.v3.oas.annotations.media.Schema(type = "number")
        private Object referralReward;
        @io.swagger.v3.oas.annotations.media.Schema(type = "integer", format = "int32")
        private Object version;
    }

    private final IncentiveService incentives;

    /** A stored rate without its padding zeros (0.05000 → 0.05; never in exponent form, rates being ≤ 1). */
    static BigDecimal plain(BigDecimal rate) {
        return rate.signum() == 0 ? BigDecimal.ZERO : rate.stripTrailingZeros();
    }

    @GetMapping("/admin/incentive-rates")
    RatesJson rates(CurrentUser user) {
        return RatesJson.of(incentives.rates(user));
    }

    @PutMapping("/admin/incentive-rates")
    RatesJson put(CurrentUser user, @RequestBody Body body) {
        List<FieldError> errors = new ArrayList<>(body.unknownFields(""));
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        if (body.getRates() instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                String category = String.valueOf(k);
                BigDecimal rate = RatesInput.json(v, "rates." + category, "incentive.rate.range", errors);
                if (rate != null || v == null) {
                    rates.put(category, rate);
                }
            });
        } else if (body.getRates() != null) {
            errors.add(new FieldError("rates", "incentive.rates.object"));
        }
        BigDecimal reward = RatesInput.json(body.getReferralReward(), "referralReward", "incentive.reward.range",
                errors);
        Integer version = null;
        if (body.getVersion() instanceof Integer i) {
            version = i;
        } else if (body.getVersion() != null) {
            errors.add(new FieldError("version", "validation.wholeNumber"));
        }
        if (!errors.isEmpty()) {
            try {
                // the service's own checks of what could be read, so that every problem is reported at once
                incentives.checkRates(user, rates, reward);
            } catch (InvalidInputException e) {
                errors.addAll(e.errors());
            }
            throw new InvalidInputException(errors);
        }
        return RatesJson.of(incentives.setRates(user, rates, reward, version));
    }

    @GetMapping("/incentives")
    StatementJson statement(CurrentUser caller, @RequestParam(required = false) String month,
                            @RequestParam(name = "user", required = false) String username) {
        return StatementJson.of(incentives.statement(caller, month, username));
    }
}
