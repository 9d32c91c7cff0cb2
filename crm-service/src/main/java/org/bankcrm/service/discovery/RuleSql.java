package org.bankcrm.service.discovery;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bankcrm.domain.discovery.RuleCode;

/**
 * One discovery rule (README, "How discovery works"; docs/codes.md) as a SELECT of its matches:
 * {@code customer_id, product_code, amount, close_date, args, detail}, with {@code :d} the as-of date and the rule's
 * parameters as named values.
 * {@code args} is the evidence (the facts needed to say the match in words); {@code detail} a short Chinese
 * rendering of it for {@code opportunity.source_detail}.
 */
public record RuleSql(String select, Map<String, Object> params) {

    /**
     * "Holds P": a balance above zero, except for the products where any holding row counts. The one definition,
     * over a holding aliased {@code h}; customer groups' "holds" and "lacks" use it too ({@code SegmentQuery}).
     */
    public static final String HOLDS = "(h.balance > 0 or h.product_code in ('EBANK', 'CARD_CREDIT', 'PAYROLL'))";

    private static final String D = "cast(:d as date)";

    static RuleSql of(RuleCode rule, Map<String, BigDecimal> p) {
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = switch (rule) {
            case MATURITY -> {
                params.put("window", days(p, "window-days"));
                yield """
                        select h.customer_id, h.product_code, sum(h.balance) as amount,
                               min(h.maturity_date) as close_date,
                               jsonb_build_object('product', h.product_code, 'amount', sum(h.balance),
                                                  'maturityDate', min(h.maturity_date), 'holdings', count(*)) as args,
                               min(p.name_zh) || ' ' || %s || ' 将于 ' || to_char(min(h.maturity_date), 'YYYY-MM-DD')
                                   || ' 到期' as detail
                        from holding h join product p on p.code = h.product_code
                        where h.product_code in ('DEP_TIME', 'WEALTH') and h.balance > 0
                          and h.maturity_date between %s and %s + cast(:window as integer)
                        group by h.customer_id, h.product_code""".formatted(money("sum(h.balance)"), D, D);
            }
            case OUTFLOW -> {
                params.put("minAverage", value(p, "min-average-aum"));
                params.put("maxRatio", value(p, "max-ratio"));
                params.put("close", days(p, "close-in-days"));
                // The customer's latest month M up to D's month, and the three before it all present: the row three
                // back is exactly M - 3 months. Sums instead of averages keep the comparisons exact.
                yield """
                        select y.customer_id, 'DEP_TIME' as product_code, y.sum3 / 3 - y.avg_aum as amount,
                               %s + cast(:close as integer) as close_date,
                               jsonb_build_object('month', to_char(y.month, 'YYYY-MM'), 'latestAum', y.avg_aum,
                                                  'averageAum', round(y.sum3 / 3, 2), 'declinePercent',
                                                  round(100 - 300 * y.avg_aum / y.sum3)) as args,
                               '近三月日均资产下降 ' || round(100 - 300 * y.avg_aum / y.sum3) || '%%' as detail
                        from (select x.customer_id, x.month, x.avg_aum, x.a1 + x.a2 + x.a3 as sum3
                              from (select a.customer_id, a.month, a.avg_aum,
                                           lead(a.month) over w as next_month, lag(a.month, 3) over w as m3,
                                           lag(a.avg_aum, 1) over w as a1, lag(a.avg_aum, 2) over w as a2,
                                           lag(a.avg_aum, 3) over w as a3
                                    from aum_monthly a
                                    where a.month <= date_trunc('month', %s)::date
                                    window w as (partition by a.customer_id order by a.month)) x
                              where x.next_month is null and x.m3 = (x.month - interval '3 months')::date) y
                        where y.sum3 > 0 and y.sum3 >= 3 * cast(:minAverage as numeric)
                          and 3 * y.avg_aum <= cast(:maxRatio as numeric) * y.sum3""".formatted(D, D);
            }
            case TIER_UPGRADE -> {
                params.put("nearRatio", value(p, "near-ratio"));
                params.put("close", days(p, "close-in-days"));
                // The next tier is the one whose lower bound is the smallest above the customer's AUM.
                yield """
                        select c.id as customer_id, 'WEALTH' as product_code, t.lower_bound - c.aum as amount,
                               %s + cast(:close as integer) as close_date,
                               jsonb_build_object('aum', c.aum, 'nextTier', t.tier, 'threshold', t.lower_bound,
                                                  'gap', t.lower_bound - c.aum) as args,
                               '资产 ' || %s || '，距' || %s || '门槛 ' || %s || ' 还差 ' || %s as detail
                        from customer c
                        join (select tier, lower_bound, lag(lower_bound) over (order by lower_bound) as prev
                              from tier_threshold where customer_type = 'RETAIL') t
                          on c.aum >= t.prev and c.aum < t.lower_bound
                        where c.type = 'RETAIL' and c.aum >= cast(:nearRatio as numeric) * t.lower_bound"""
                        .formatted(D, money("c.aum"), tierNameZh("t.tier"), money("t.lower_bound"),
                                money("t.lower_bound - c.aum"));
            }
            case PAYROLL_LINK -> {
                params.put("minEmployees", days(p, "min-employees"));
                params.put("perEmployee", value(p, "amount-per-employee"));
                params.put("close", days(p, "close-in-days"));
                yield """
                        select e.id as customer_id, 'PAYROLL' as product_code,
                               x.employees * cast(:perEmployee as numeric) as amount,
                               %s + cast(:close as integer) as close_date,
                               jsonb_build_object('employees', x.employees) as args,
                               x.employees || ' 名员工在我行开户，尚未在我行代发工资' as detail
                        from (select employer_no, count(*) as employees from customer
                              where type = 'RETAIL' and employer_no is not null group by employer_no) x
                        join customer e on e.customer_no = x.employer_no and e.type = 'CORPORATE'
                        where x.employees >= cast(:minEmployees as integer)
                          and not exists (select 1 from holding h where h.customer_id = e.id
                                            and h.product_code = 'PAYROLL')""".formatted(D);
            }
            case EMPLOYEE_CARD -> {
                params.put("amount", value(p, "amount"));
                params.put("close", days(p, "close-in-days"));
                yield """
                        select c.id as customer_id, 'CARD_CREDIT' as product_code, cast(:amount as numeric) as amount,
                               %s + cast(:close as integer) as close_date,
                               jsonb_build_object('employerNo', e.customer_no, 'employerName', e.name) as args,
                               '工作单位 ' || e.name || ' 在我行代发工资，本人尚无信用卡' as detail
                        from customer c join customer e on e.customer_no = c.employer_no
                        where c.type = 'RETAIL'
                          and exists (select 1 from holding h where h.customer_id = e.id and h.product_code = 'PAYROLL')
                          and not exists (select 1 from holding h where h.customer_id = c.id
                                            and h.product_code = 'CARD_CREDIT')""".formatted(D);
            }
            case CROSS_SELL_CARD -> {
                params.put("minAge", days(p, "min-age"));
                params.put("maxAge", days(p, "max-age"));
                params.put("maxProducts", days(p, "max-distinct-products"));
                params.put("amount", value(p, "amount"));
                params.put("close", days(p, "close-in-days"));
                yield """
                        select c.id as customer_id, 'CARD_CREDIT' as product_code, cast(:amount as numeric) as amount,
                               %s + cast(:close as integer) as close_date,
                               jsonb_build_object('age', c.age, 'products', coalesce(h.products, 0)) as args,
                               c.age || ' 岁，持有 ' || coalesce(h.products, 0) || ' 种产品，尚无信用卡' as detail
                        from (select id, extract(year from age(%s, birth_date))::integer as age from customer
                              where type = 'RETAIL' and birth_date is not null) c
                        left join lateral (select count(distinct h.product_code) as products,
                                                  bool_or(h.product_code = 'CARD_CREDIT') as card
                                           from holding h where h.customer_id = c.id and %s) h on true
                        where c.age between cast(:minAge as integer) and cast(:maxAge as integer)
                          and coalesce(h.products, 0) <= cast(:maxProducts as integer)
                          and not coalesce(h.card, false)""".formatted(D, D, HOLDS);
            }
            case CROSS_SELL_WEALTH -> {
                params.put("minAge", days(p, "min-age"));
                params.put("maxAge", days(p, "max-age"));
                params.put("minAum", value(p, "min-aum"));
                params.put("ratio", value(p, "amount-ratio"));
                params.put("close", days(p, "close-in-days"));
                yield """
                        select c.id as customer_id, 'WEALTH' as product_code, cast(:ratio as numeric) * c.aum as amount,
                               %s + cast(:close as integer) as close_date,
                               jsonb_build_object('age', c.age, 'aum', c.aum) as args,
                               c.age || ' 岁，资产 ' || %s || '，未持有理财产品或基金' as detail
                        from (select id, aum, extract(year from age(%s, birth_date))::integer as age from customer
                              where type = 'RETAIL' and birth_date is not null
                                and aum >= cast(:minAum as numeric)) c
                        where c.age between cast(:minAge as integer) and cast(:maxAge as integer)
                          and not exists (select 1 from holding h where h.customer_id = c.id
                                            and h.product_code in ('WEALTH', 'FUND') and h.balance > 0)"""
                        .formatted(D, money("c.aum"), D);
            }
            case DORMANT -> {
                params.put("inactiveDays", days(p, "inactive-days"));
                params.put("minAum", value(p, "min-aum"));
                params.put("close", days(p, "close-in-days"));
                yield """
                        select c.id as customer_id, 'EBANK' as product_code, c.aum as amount,
                               %s + cast(:close as integer) as close_date,
                               jsonb_build_object('lastTxnOn', c.last_txn_on, 'inactiveDays', %s - c.last_txn_on,
                                                  'aum', c.aum) as args,
                               '最后交易于 ' || to_char(c.last_txn_on, 'YYYY-MM-DD') || '（已 ' || (%s - c.last_txn_on)
                                   || ' 天无交易），资产 ' || %s as detail
                        from customer c
                        where c.last_txn_on < %s - cast(:inactiveDays as integer)
                          and c.aum >= cast(:minAum as numeric)""".formatted(D, D, D, money("c.aum"), D);
            }
        };
        return new RuleSql(sql, params);
    }

    /** ¥1,234,567.89 in SQL. */
    static String money(String expr) {
        return "('¥' || to_char(" + expr + ", 'FM9,999,999,999,999,990.00'))";
    }

    private static String tierNameZh(String expr) {
        return "(case " + expr + " when 'MASS' then '大众' when 'GOLD' then '金卡' when 'PLATINUM' then '白金'"
                + " when 'DIAMOND' then '钻石' when 'PRIVATE' then '私人银行' else " + expr + " end)";
    }

    private static BigDecimal value(Map<String, BigDecimal> p, String name) {
        BigDecimal v = p.get(name);
        if (v == null) {
            throw new IllegalStateException("discovery rule parameter " + name + " is missing");
        }
        return v;
    }

    private static int days(Map<String, BigDecimal> p, String name) {
        return value(p, name).intValue();
    }
}
