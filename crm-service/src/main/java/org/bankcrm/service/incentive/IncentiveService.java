package org.bankcrm.service.incentive;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.incentive.IncentiveArithmetic;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.domain.shared.Period;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Versions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Incentives (提成, D47): the admin's rates, versioned by the bank month they apply from, and the monthly statement
 * of an RM or referrer as the contract computes it, for the user themselves, a head's subtree's staff or anyone for an
 * admin (out of scope: 404, like a user who does not exist).
 */
@Service
@RequiredArgsConstructor
public class IncentiveService {

    /** The largest reward per referral an admin may set, CNY. */
    public static final BigDecimal MAX_REWARD = new BigDecimal("1000000");

    /** A person whose statement the caller may read, for the picker. */
    public record Person(String username, String displayName, String role, String branchCode) {
    }

    private final IncentiveQueries queries;
    private final IncentiveRateStore store;
    private final AuditLog audit;
    private final Clock clock;

    /** The bank month today falls in (its first day). */
    public LocalDate currentMonth() {
        return LocalDate.now(clock.withZone(Period.BANK_ZONE)).withDayOfMonth(1);
    }

    /** The rates in effect this bank month (ADMIN). */
    @Transactional(readOnly = true)
    public IncentiveRates rates(CurrentUser user) {
        AccessPolicy.requireAdmin(user);
        return queries.ratesFor(currentMonth()).orElseThrow();
    }

    /**
     * Sets the rates from the current bank month on (ADMIN). {@code rates}: by category code; a category left out
     * keeps its rate, {@code referralReward} null keeps the reward. Every bad value is reported at once and nothing
     * changes. A second change in the same month replaces that month's version; nothing changes (no version, no
     * audit line) when the values are those in effect. {@code version}: what the caller read, null to skip the check.
     */
    @Transactional
    public IncentiveRates setRates(CurrentUser user, Map<String, BigDecimal> rates, BigDecimal referralReward,
                                   Integer version) {
        checkRates(user, rates, referralReward);
        Map<String, BigDecimal> given = rates == null ? Map.of() : rates;
        store.lock();
        LocalDate month = currentMonth();
        IncentiveRates current = queries.ratesFor(month).orElseThrow();
        Versions.check(version, current.version());
        Map<String, BigDecimal> next = new LinkedHashMap<>(current.rates());
        given.forEach(next::put);
        BigDecimal reward = referralReward == null ? current.referralReward() : referralReward;
        List<String> changes = new ArrayList<>();
        current.rates().forEach((category, rate) -> {
            if (rate.compareTo(next.get(category)) != 0) {
                changes.add(category + " " + rate.stripTrailingZeros().toPlainString() + " -> "
                        + next.get(category).stripTrailingZeros().toPlainString());
            }
        });
        if (reward.compareTo(current.referralReward()) != 0) {
            changes.add("referralReward " + current.referralReward().toPlainString() + " -> "
                    + reward.setScale(2).toPlainString());
        }
        if (changes.isEmpty()) {
            return current;
        }
        store.write(month, next, reward.setScale(2), current.version() + 1, user.username());
        audit.record(user.username(), "SETTING_CHANGED", "incentive_rate", month.toString().substring(0, 7),
                String.join("; ", changes));
        return queries.ratesFor(month).orElseThrow();
    }

    /** The checks of a change of rates (ADMIN), every problem at once; nothing is read or written. */
    public void checkRates(CurrentUser user, Map<String, BigDecimal> rates, BigDecimal referralReward) {
        AccessPolicy.requireAdmin(user);
        List<FieldError> errors = new ArrayList<>();
        Map<String, BigDecimal> given = rates == null ? Map.of() : rates;
        given.forEach((category, rate) -> {
            if (!isCategory(category)) {
                errors.add(new FieldError("rates." + category, "incentive.category.unknown", category));
            } else if (rate == null || rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0
                    || rate.stripTrailingZeros().scale() > 5) {
                errors.add(new FieldError("rates." + category, "incentive.rate.range"));
            }
        });
        if (referralReward != null && (referralReward.signum() < 0 || referralReward.compareTo(MAX_REWARD) > 0
                || referralReward.stripTrailingZeros().scale() > 2)) {
            errors.add(new FieldError("referralReward", "incentive.reward.range"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static boolean isCategory(String code) {
        for (ProductCategory c : ProductCategory.values()) {
            if (c.name().equals(code)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The month a statement is asked for: {@code YYYY-MM}, from 2000 to the current bank month; blank is the current
     * month. Anything else is a 400 on the field {@code month}.
     */
    public LocalDate month(String text) {
        if (text == null || text.isBlank()) {
            return currentMonth();
        }
        String t = text.strip();
        YearMonth ym;
        try {
            ym = t.matches("\\d{4}-\\d{2}") ? YearMonth.parse(t) : null;
        } catch (DateTimeParseException e) {
            ym = null;
        }
        if (ym == null || ym.getYear() < Period.FIRST_YEAR) {
            throw new InvalidInputException("month", "incentive.month.invalid");
        }
        LocalDate month = ym.atDay(1);
        if (month.isAfter(currentMonth())) {
            throw new InvalidInputException("month", "incentive.month.future");
        }
        return month;
    }

    /**
     * The statement of {@code username} (blank: the caller) for {@code month} ({@code YYYY-MM}, blank: this month).
     * A user the caller may not read answers 404 like one who does not exist.
     */
    @Transactional(readOnly = true)
    public IncentiveStatement statement(CurrentUser caller, String month, String username) {
        AccessPolicy.requireMayReadIncentives(caller);
        LocalDate start = month(month);
        String who = username == null || username.isBlank() ? caller.username() : username.strip();
        IncentiveQueries.Person person = queries.personInScope(caller, who)
                .orElseThrow(() -> new NotFoundException("incentive.user.notFound", who));
        IncentiveRates rates = queries.ratesFor(start).orElseThrow();
        Instant from = start.atStartOfDay(Period.BANK_ZONE).toInstant();
        Instant to = start.plusMonths(1).atStartOfDay(Period.BANK_ZONE).toInstant();
        List<IncentiveStatement.Line> lines = new ArrayList<>();
        for (IncentiveQueries.LineRow r : queries.lines(person.id(), from, to)) {
            BigDecimal rate = rates.rates().getOrDefault(r.category(), BigDecimal.ZERO);
            BigDecimal revenue = IncentiveArithmetic.revenue(r.wonAmount(), r.productRate());
            lines.add(new IncentiveStatement.Line(r.opportunityId(), r.productCode(), r.category(), r.title(),
                    r.customerNo(), Masking.customerName(r.customerName(), r.customerType()), r.customerType(),
                    r.closedAt(), r.wonAmount(), r.productRate(), revenue, r.share(), rate,
                    IncentiveArithmetic.amount(revenue, r.share(), rate)));
        }
        List<IncentiveStatement.Reward> rewards = queries.rewards(person.id(), from, to, rates.referralReward())
                .stream().map(w -> new IncentiveStatement.Reward(w.referralId(), w.opportunityId(), w.customerNo(),
                        Masking.customerName(w.customerName(), w.customerType()), w.customerType(), w.closedAt(),
                        w.amount()))
                .toList();
        BigDecimal linesTotal = IncentiveArithmetic.sum(lines.stream().map(IncentiveStatement.Line::amount).toList());
        BigDecimal rewardsTotal = IncentiveArithmetic.sum(rewards.stream().map(IncentiveStatement.Reward::amount)
                .toList());
        return new IncentiveStatement(start, person.username(), person.displayName(), person.role(),
                person.branchCode(), lines, rewards, linesTotal, rewardsTotal, linesTotal.add(rewardsTotal),
                rates.validFrom());
    }

    /** The staff whose statements the caller may read (themselves first when they earn any). */
    @Transactional(readOnly = true)
    public List<Person> people(CurrentUser caller) {
        return queries.peopleInScope(caller).stream()
                .map(p -> new Person(p.username(), p.displayName(), p.role(), p.branchCode())).toList();
    }

    /** Whether the caller reads other people's statements (heads and admins: a picker is offered). */
    public boolean readsOthers(CurrentUser caller) {
        return AccessPolicy.supervises(caller);
    }

    /** Every export of a statement is audited: who, whose, which month, the format and the lines written. */
    @Transactional
    public void exported(CurrentUser caller, IncentiveStatement s, String format, long rows) {
        // whose statement as rm=, which the audit page shows by name (D35)
        audit.record(caller.username(), "EXPORT", "incentive_statement", s.month().toString().substring(0, 7),
                "rm=" + s.username() + " format=" + format + " rows=" + rows + " total=" + s.total().toPlainString());
    }
}
