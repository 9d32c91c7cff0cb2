package org.bankcrm.web.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.bankcrm.domain.scoring.Factor;
import org.bankcrm.service.scoring.OpenOpportunityRescorer;
import org.bankcrm.service.scoring.ScoringService;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Re-scoring every open opportunity (what activating a model does) next to its floor: one set-based SQL
 * UPDATE that computes the same factor values, score, band and breakdown in the database, on the same rows,
 * in the same run. The default build runs it on 2,000 opportunities; {@code -Dbench.rescore=1000000} gives the
 * figures in docs/benchmarks.md. It prints, and asserts only that both ways give the same scores.
 */
@CrmWebTest
class RescoreBenchmark {

    @Autowired JdbcTemplate jdbc;
    @Autowired OpenOpportunityRescorer rescorer;
    @Autowired ScoringService scoring;

    @Test
    void rescoringAllOpenOpportunitiesNextToOneSqlUpdate() {
        int n = Integer.getInteger("bench.rescore", 2000);
        String tag = "RSB" + n;
        if (jdbc.queryForObject("select count(*) from customer where customer_no like ?", Integer.class, tag + "-%") == 0) {
            seed(tag, n);
        }
        long open = jdbc.queryForObject("select count(*) from opportunity where status = 'OPEN'", Long.class);

        long t0 = System.nanoTime();
        sqlUpdate();
        double sqlSeconds = (System.nanoTime() - t0) / 1e9;
        Map<Long, Double> bySql = sample();

        t0 = System.nanoTime();
        int scored = rescorer.rescoreAllOpen();
        double appSeconds = (System.nanoTime() - t0) / 1e9;
        Map<Long, Double> byApp = sample();

        System.out.printf(Locale.ROOT, "%nBENCH rescore open=%d (generated %d)%n", open, n);
        System.out.printf(Locale.ROOT, "BENCH   one SQL UPDATE (floor)      %8.2f s  %9.0f rows/s%n", sqlSeconds, open / sqlSeconds);
        System.out.printf(Locale.ROOT, "BENCH   application re-scoring      %8.2f s  %9.0f rows/s  ratio %.2f%n%n",
                appSeconds, scored / appSeconds, appSeconds / sqlSeconds);
        assertThat(scored).isEqualTo(open);
        assertThat(byApp.keySet()).isEqualTo(bySql.keySet());
        byApp.forEach((id, score) -> assertThat(score).as("opportunity %d", id).isCloseTo(bySql.get(id),
                org.assertj.core.data.Offset.offset(0.1)));
    }

    private Map<Long, Double> sample() {
        Map<Long, Double> m = new java.util.TreeMap<>();
        jdbc.query("select id, score from opportunity where status = 'OPEN' order by id limit 500",
                rs -> {
                    m.put(rs.getLong(1), rs.getDouble(2));
                });
        return m;
    }

    /** The floor: the active model's arithmetic as one UPDATE over all open opportunities. */
    private void sqlUpdate() {
        ScoringService.ActiveModel model = scoring.active();
        var rules = model.rules();
        Map<Factor, Integer> w = jdbc.queryForObject("""
                select weight_revenue, weight_risk, weight_demand, weight_competition, weight_customer_value,
                       weight_relationship, weight_urgency, weight_engagement, band_a, band_b, band_c
                from scoring_model where active""", (rs, i) -> {
            Map<Factor, Integer> m = new java.util.EnumMap<>(Factor.class);
            for (Factor f : Factor.values()) {
                m.put(f, rs.getInt(f.ordinal() + 1));
            }
            return m;
        });
        int[] bands = jdbc.queryForObject("select band_a, band_b, band_c from scoring_model where active",
                (rs, i) -> new int[]{rs.getInt(1), rs.getInt(2), rs.getInt(3)});
        assertThat(rules).isNotNull();
        jdbc.update("""
                with i as (
                  select o.id,
                    case when o.expected_revenue <= 100 then 0 when o.expected_revenue >= 1000000 then 100
                         else (100 * (ln(o.expected_revenue) - ln(100)) / (ln(1000000) - ln(100)))::numeric end as v1,
                    case o.risk_level when 'LOW' then 100 when 'MEDIUM' then 60 else 20 end as v2,
                    (least(5, greatest(1, o.need_strength)) - 1) * 25 as v3,
                    case o.competition when 'NONE' then 100 when 'SOME' then 60 else 20 end as v4,
                    case c.tier when 'MASS' then 20 when 'GOLD' then 40 when 'PLATINUM' then 60 when 'DIAMOND' then 80
                         when 'PRIVATE' then 100 when 'LONG_TAIL' then 25 when 'GENERAL' then 50 when 'KEY' then 75
                         else 100 end as v5,
                    case least(4, (select count(distinct h.product_code) from holding h where h.customer_id = o.customer_id
                           and (h.balance > 0 or h.product_code in ('EBANK', 'CARD_CREDIT', 'PAYROLL'))))
                         when 0 then 0 when 1 then 25 when 2 then 50 when 3 then 80 else 100 end as v6,
                    case when o.expected_close_date - current_date <= 7 then 100
                         when o.expected_close_date - current_date >= 180 then 0
                         else (100.0 * (180 - (o.expected_close_date - current_date)) / 173)::numeric end as v7,
                    (0.6 * coalesce(greatest(0, 30 - extract(day from now() - f.last)) * 100.0 / 30, 0)
                      + 0.4 * least(5, coalesce(f.recent, 0)) * 20)::numeric as v8
                  from opportunity o join customer c on c.id = o.customer_id
                  left join lateral (select max(x.occurred_at) as last,
                                            count(*) filter (where x.occurred_at >= now() - interval '30 days') as recent
                                     from follow_up x where x.opportunity_id = o.id) f on true
                  where o.status = 'OPEN'),
                s as (
                  select id, v1, v2, v3, v4, v5, v6, v7, v8,
                         round((? * v1 + ? * v2 + ? * v3 + ? * v4 + ? * v5 + ? * v6 + ? * v7 + ? * v8) / 100.0, 1) as score
                  from i)
                update opportunity o set score = s.score,
                       band = case when s.score >= ? then 'A' when s.score >= ? then 'B' when s.score >= ? then 'C' else 'D' end,
                       score_model_version = ?,
                       score_breakdown = jsonb_build_array(
                         jsonb_build_object('factor', 'REVENUE', 'value', round(s.v1, 1), 'weight', ?, 'contribution', round(? * s.v1 / 100.0, 1)),
                         jsonb_build_object('factor', 'RISK', 'value', s.v2, 'weight', ?, 'contribution', round(? * s.v2 / 100.0, 1)),
                         jsonb_build_object('factor', 'DEMAND', 'value', s.v3, 'weight', ?, 'contribution', round(? * s.v3 / 100.0, 1)),
                         jsonb_build_object('factor', 'COMPETITION', 'value', s.v4, 'weight', ?, 'contribution', round(? * s.v4 / 100.0, 1)),
                         jsonb_build_object('factor', 'CUSTOMER_VALUE', 'value', s.v5, 'weight', ?, 'contribution', round(? * s.v5 / 100.0, 1)),
                         jsonb_build_object('factor', 'RELATIONSHIP', 'value', s.v6, 'weight', ?, 'contribution', round(? * s.v6 / 100.0, 1)),
                         jsonb_build_object('factor', 'URGENCY', 'value', round(s.v7, 1), 'weight', ?, 'contribution', round(? * s.v7 / 100.0, 1)),
                         jsonb_build_object('factor', 'ENGAGEMENT', 'value', round(s.v8, 1), 'weight', ?, 'contribution', round(? * s.v8 / 100.0, 1))),
                       scored_at = now()
                from s where o.id = s.id""",
                w.get(Factor.REVENUE), w.get(Factor.RISK), w.get(Factor.DEMAND), w.get(Factor.COMPETITION),
                w.get(Factor.CUSTOMER_VALUE), w.get(Factor.RELATIONSHIP), w.get(Factor.URGENCY), w.get(Factor.ENGAGEMENT),
                bands[0], bands[1], bands[2], model.version(),
                w.get(Factor.REVENUE), w.get(Factor.REVENUE), w.get(Factor.RISK), w.get(Factor.RISK),
                w.get(Factor.DEMAND), w.get(Factor.DEMAND), w.get(Factor.COMPETITION), w.get(Factor.COMPETITION),
                w.get(Factor.CUSTOMER_VALUE), w.get(Factor.CUSTOMER_VALUE), w.get(Factor.RELATIONSHIP),
                w.get(Factor.RELATIONSHIP), w.get(Factor.URGENCY), w.get(Factor.URGENCY), w.get(Factor.ENGAGEMENT),
                w.get(Factor.ENGAGEMENT));
    }

    /** N open opportunities on N/10 customers with two holdings each; a third of them with a follow-up. */
    private void seed(String tag, int n) {
        int customers = Math.max(1, n / 10);
        jdbc.update("""
                insert into customer (customer_no, type, name, birth_date, branch_id, owner_id, aum, tier)
                select ? || '-' || g, 'RETAIL', '评分压测' || g, date '1980-01-01', b.id, u.id, (g % 50) * 20000,
                       (array['MASS','GOLD','PLATINUM','DIAMOND','PRIVATE'])[1 + g % 5]
                from generate_series(1, ?) g, branch b, staff_user u where b.code = 'BR002' and u.username = 'rm3'""",
                tag, customers);
        jdbc.update("""
                insert into holding (customer_id, product_code, balance, opened_on)
                select c.id, p.code, 1000, date '2024-01-01'
                from customer c cross join (values ('DEP_DEMAND'), ('FUND')) p(code)
                where c.customer_no like ? || '-%'""", tag);
        jdbc.update("""
                insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage, status, source,
                    owner_id, branch_id, expected_close_date, risk_level, competition, need_strength, created_by)
                select c.id, 'WEALTH', '评分压测商机 ' || g, 1000 + g % 500000, (1000 + g % 500000) * 0.008,
                       (array['IDENTIFIED','CONTACTED','QUALIFIED','PROPOSAL','NEGOTIATION'])[1 + g % 5], 'OPEN',
                       'RM_DISCOVERED', c.owner_id, c.branch_id, current_date + (g % 200) - 10,
                       (array['LOW','MEDIUM','HIGH'])[1 + g % 3], (array['NONE','SOME','STRONG'])[1 + g % 3],
                       1 + g % 5, c.owner_id
                from generate_series(1, ?) g join customer c on c.customer_no = ? || '-' || (1 + g % ?)""",
                n, tag, customers);
        jdbc.update("""
                insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, created_by)
                select o.customer_id, o.id, 'CALL', now() - ((o.id % 40) || ' days')::interval, '电话', o.owner_id
                from opportunity o join customer c on c.id = o.customer_id
                where c.customer_no like ? || '-%' and o.id % 3 = 0""", tag);
        jdbc.execute("analyze opportunity");
        jdbc.execute("analyze follow_up");
        jdbc.execute("analyze holding");
        jdbc.execute("analyze customer");
    }
}
