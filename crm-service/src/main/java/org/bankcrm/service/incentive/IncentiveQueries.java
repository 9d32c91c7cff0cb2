package org.bankcrm.service.incentive;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.opportunity.TeamQueries;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SQL of incentives: the rate version valid for a month, a user's won lines and converted referrals in a month,
 * and the staff whose statements a user may read. Credit shares are the team's, read through
 * {@link TeamQueries#CREDIT_SHARES} alone (the owner holds what the members do not).
 */
@Component
@RequiredArgsConstructor
class IncentiveQueries {

    /** A staff user as a statement names them. */
    record Person(long id, String username, String displayName, String role, String branchCode) {
    }

    /** A line before its arithmetic. */
    record LineRow(long opportunityId, String productCode, String category, String title, String customerNo,
                   String customerName, String customerType, Instant closedAt, BigDecimal wonAmount,
                   BigDecimal productRate, int share) {
    }

    private final JdbcClient jdbc;

    /** The version valid in the month starting {@code month}: the latest one from that month or before. */
    Optional<IncentiveRates> ratesFor(LocalDate month) {
        return jdbc.sql("""
                        select valid_from, referral_reward, version from incentive_rate_version
                        where valid_from <= :month order by valid_from desc limit 1""")
                .param("month", month)
                .query((rs, n) -> new Object[] {rs.getObject("valid_from", LocalDate.class),
                        rs.getBigDecimal("referral_reward"), rs.getInt("version")})
                .optional()
                .map(v -> new IncentiveRates((LocalDate) v[0], categoryRates((LocalDate) v[0]), (BigDecimal) v[1],
                        (Integer) v[2]));
    }

    private Map<String, BigDecimal> categoryRates(LocalDate validFrom) {
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        jdbc.sql("""
                        select category, rate from incentive_rate where valid_from = :from
                        order by array_position(array['DEPOSIT', 'WEALTH', 'CARD', 'LOAN', 'SETTLEMENT', 'CHANNEL',
                                                      'FX']::varchar[], category)""")
                .param("from", validFrom)
                .query(rs -> {
                    rates.put(rs.getString("category"), rs.getBigDecimal("rate"));
                });
        return rates;
    }

    /**
     * The user {@code username} if the caller may read their statement: themselves, or staff whose branch lies in
     * the caller's scope (a head's subtree, the whole bank for an admin); empty otherwise, as if there were none.
     */
    Optional<Person> personInScope(CurrentUser caller, String username) {
        ScopeSql scope = ScopeSql.of(caller.scope(), "u.id", "b.path");
        return jdbc.sql("""
                        select u.id, u.username, u.display_name, u.role, b.code from staff_user u
                        join branch b on b.id = u.branch_id
                        where u.username = :username and (u.id = :self or (%s))""".formatted(scope.condition()))
                .params(scope.params()).param("username", username).param("self", caller.id())
                .query((rs, n) -> new Person(rs.getLong("id"), rs.getString("username"),
                        rs.getString("display_name"), rs.getString("role"), rs.getString("code")))
                .optional();
    }

    /** The staff who earn incentives (RMs, heads, referrers) whose statements the caller may read, by name. */
    List<Person> peopleInScope(CurrentUser caller) {
        ScopeSql scope = ScopeSql.of(caller.scope(), "u.id", "b.path");
        return jdbc.sql("""
                        select u.id, u.username, u.display_name, u.role, b.code from staff_user u
                        join branch b on b.id = u.branch_id
                        where u.role in ('RM', 'BRANCH_HEAD', 'REFERRER') and u.enabled and (u.id = :self or (%s))
                        order by b.path, u.display_name, u.username limit 500""".formatted(scope.condition()))
                .params(scope.params()).param("self", caller.id())
                .query((rs, n) -> new Person(rs.getLong("id"), rs.getString("username"),
                        rs.getString("display_name"), rs.getString("role"), rs.getString("code")))
                .list();
    }

    /**
     * The opportunities won in [from, to) in which the user holds a credit share above 0, oldest first, each with the
     * product's revenue rate of the moment it was won (V31), so a later change of a product's rate leaves a closed
     * month as it was.
     */
    List<LineRow> lines(long userId, Instant from, Instant to) {
        return jdbc.sql("""
                        select o.id, o.product_code, p.category, o.title, c.customer_no, c.name, c.type, o.closed_at,
                               o.won_amount, o.won_revenue_rate as revenue_rate, cs.share
                        from (%s) cs
                        join opportunity o on o.id = cs.opportunity_id
                        join product p on p.code = o.product_code
                        join customer c on c.id = o.customer_id
                        where cs.user_id = :user and cs.share > 0 and o.status = 'WON'
                          and o.closed_at >= :from and o.closed_at < :to
                        order by o.closed_at, o.id""".formatted(TeamQueries.CREDIT_SHARES))
                .param("user", userId).param("from", java.sql.Timestamp.from(from))
                .param("to", java.sql.Timestamp.from(to))
                .query((rs, n) -> new LineRow(rs.getLong("id"), rs.getString("product_code"),
                        rs.getString("category"), rs.getString("title"), rs.getString("customer_no"),
                        rs.getString("name"), rs.getString("type"), rs.getTimestamp("closed_at").toInstant(),
                        rs.getBigDecimal("won_amount"), rs.getBigDecimal("revenue_rate"), rs.getInt("share")))
                .list();
    }

    /** The user's referrals whose opportunity was won in [from, to), oldest win first. */
    List<IncentiveStatement.Reward> rewards(long userId, Instant from, Instant to, BigDecimal reward) {
        return jdbc.sql("""
                        select r.id, r.opportunity_id, c.customer_no, c.name, c.type, o.closed_at
                        from referral r
                        join opportunity o on o.id = r.opportunity_id
                        join customer c on c.id = r.customer_id
                        where r.referrer_id = :user and o.status = 'WON'
                          and o.closed_at >= :from and o.closed_at < :to
                        order by o.closed_at, r.id""")
                .param("user", userId).param("from", java.sql.Timestamp.from(from))
                .param("to", java.sql.Timestamp.from(to))
                .query((rs, n) -> new IncentiveStatement.Reward(rs.getLong("id"), rs.getLong("opportunity_id"),
                        rs.getString("customer_no"), rs.getString("name"), rs.getString("type"),
                        rs.getTimestamp("closed_at").toInstant(), reward))
                .list();
    }
}
