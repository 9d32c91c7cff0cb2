package org.bankcrm.web.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The annual plan (目标分解, D48) through its page: a breakdown that adds up becomes the quarterly targets of the
 * branch and its RMs; one that does not (quarters ≠ year, RMs ≠ quarter), a negative figure, an unknown measure or
 * an RM outside the head's branch is refused with a translated message and changes nothing; a plan saved meanwhile
 * is not overwritten (D11).
 */
@CrmWebTest
class TargetPlanTest {

    private static final String PAGE = "/dashboard/targets/plan";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private TargetFixture f;
    private Http head;

    @BeforeEach
    void bank() {
        f = new TargetFixture(jdbc);
        head = Http.session(port, f.head);
    }

    /** A WON plan of branch X for 2025: the annual figure, four quarters and per RM their four quarters. */
    private Map<String, String> plan(String measure, String annual, List<String> quarters,
                                     Map<String, List<String>> rms) {
        Map<String, String> form = new HashMap<>(Map.of("branch", f.branchX, "year", "2025", "measure", measure,
                "annual", annual));
        for (int q = 0; q < 4; q++) {
            form.put("quarters[" + q + "]", quarters.get(q));
        }
        int i = 0;
        for (var e : rms.entrySet()) {
            form.put("lines[" + i + "].rm", e.getKey());
            for (int q = 0; q < 4; q++) {
                form.put("lines[" + i + "].quarters[" + q + "]", e.getValue().get(q));
            }
            i++;
        }
        return form;
    }

    private long plans() {
        return f.count("select count(*) from target_plan p join branch b on b.id = p.branch_id where b.code = ?",
                f.branchX);
    }

    private long targets() {
        return f.count("""
                select count(*) from target t left join staff_user u on u.id = t.rm_id
                left join branch b on b.id = coalesce(t.branch_id, u.branch_id)
                where b.code in (?, ?)""", f.branchX, f.branchX1);
    }

    private List<String> errors(Http.Response r) {
        assertThat(r.status()).as("refused: the page again").isEqualTo(200);
        Document page = Jsoup.parse(r.body());
        List<String> texts = new java.util.ArrayList<>(page.select("#plan-form .invalid-feedback").eachText());
        texts.addAll(page.select("#plan-form .text-danger, #plan-form .alert-danger").eachText());
        return texts;
    }

    @Test
    void aPlanThatAddsUpBecomesTheQuarterlyTargetsOfTheBranchAndItsRms() {
        var saved = head.submit(PAGE, PAGE, plan("WON", "1000000", List.of("200000", "250000", "250000", "300000"),
                Map.of(f.rmA, List.of("120000", "150000", "150000", "200000"),
                        f.rmC, List.of("80000", "100000", "100000", "100000"))));
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(plans()).isEqualTo(1);
        assertThat(targets()).as("4 branch quarters + 2 RMs × 4 quarters").isEqualTo(12);
        assertThat(jdbc.queryForObject("""
                select t.target_amount from target t join staff_user u on u.id = t.rm_id
                where u.username = ? and t.period_type = 'QUARTER' and t.period_start = date '2025-04-01'
                  and t.measure = 'WON' and t.plan_id is not null""", BigDecimal.class, f.rmC))
                .isEqualByComparingTo("100000");
        assertThat(f.count("select count(*) from audit_log where actor = ? and action = 'TARGET_PLAN_SET'", f.head))
                .isEqualTo(1);

        // The page opens the plan again with its figures and version; saving it changed replaces the targets.
        Document page = Jsoup.parse(head.get(PAGE + "?branch=" + f.branchX + "&year=2025&measure=WON").body());
        assertThat(page.selectFirst("#plan-form input[name=annual]").val()).startsWith("1000000");
        assertThat(page.selectFirst("#plan-form input[name=version]").val()).isEqualTo("0");
        var again = plan("WON", "400000", List.of("100000", "100000", "100000", "100000"),
                Map.of(f.rmB, List.of("100000", "100000", "100000", "100000")));
        again.put("version", "0");
        assertThat(head.submit(PAGE, PAGE, again).status()).isEqualTo(302);
        assertThat(targets()).as("4 branch quarters + 1 RM × 4 quarters").isEqualTo(8);
        assertThat(f.count("select count(*) from target t join staff_user u on u.id = t.rm_id where u.username = ?",
                f.rmA)).as("an RM dropped from the plan loses its quarters").isZero();

        // A second page that had not seen that save overwrites nothing.
        var stale = plan("WON", "0", List.of("0", "0", "0", "0"), Map.of());
        stale.put("version", "0");
        assertThat(errors(head.submit(PAGE, PAGE, stale))).anyMatch(t -> t.contains("他人"));
        assertThat(jdbc.queryForObject("select annual from target_plan p join branch b on b.id = p.branch_id"
                + " where b.code = ?", BigDecimal.class, f.branchX)).isEqualByComparingTo("400000");
    }

    @Test
    void quartersThatDoNotAddUpToTheYearAreRefusedAndChangeNothing() {
        List<String> msgs = errors(head.submit(PAGE, PAGE, plan("WON", "1000000",
                List.of("200000", "250000", "250000", "299999.99"),
                Map.of(f.rmA, List.of("200000", "250000", "250000", "299999.99")))));
        assertThat(msgs).anyMatch(t -> t.contains("四个季度之和 999,999.99 不等于全年指标 1,000,000"));
        assertThat(plans()).isZero();
        assertThat(targets()).isZero();
    }

    @Test
    void rmsThatDoNotAddUpToTheirQuarterAreRefusedAndChangeNothing() {
        List<String> msgs = errors(head.submit(PAGE, PAGE, plan("NEW_CUSTOMERS", "40", List.of("10", "10", "10", "10"),
                Map.of(f.rmA, List.of("5", "5", "5", "5"), f.rmB, List.of("5", "5", "4", "5")))));
        assertThat(msgs).anyMatch(t -> t.contains("第 3 季度客户经理之和 9 不等于该季度指标 10"));
        assertThat(plans()).isZero();
        assertThat(targets()).isZero();
    }

    @Test
    void negativeFiguresUnknownMeasuresAndRmsOutsideTheBranchAreRefused() {
        List<String> msgs = errors(head.submit(PAGE, PAGE, plan("WON", "100", List.of("100", "0", "0", "-0"),
                Map.of(f.rmY, List.of("100", "0", "0", "0")))));
        assertThat(msgs).anyMatch(t -> t.contains(f.rmY) && t.contains("不是该网点"));
        msgs = errors(head.submit(PAGE, PAGE, plan("WON", "-100", List.of("-100", "0", "0", "0"),
                Map.of(f.rmA, List.of("-100", "0", "0", "0")))));
        assertThat(msgs).anyMatch(t -> t.contains("不能为负数"));
        msgs = errors(head.submit(PAGE, PAGE, plan("BOGUS", "100", List.of("100", "0", "0", "0"),
                Map.of(f.rmA, List.of("100", "0", "0", "0")))));
        assertThat(msgs).anyMatch(t -> t.contains("BOGUS"));
        msgs = errors(head.submit(PAGE, PAGE, plan("NEW_CUSTOMERS", "10.5", List.of("10.5", "0", "0", "0"),
                Map.of(f.rmA, List.of("10.5", "0", "0", "0")))));
        assertThat(msgs).anyMatch(t -> t.contains("整数"));
        // another branch's plan: not the head's
        Map<String, String> other = plan("WON", "100", List.of("100", "0", "0", "0"), Map.of());
        other.put("branch", f.branchY);
        assertThat(errors(head.submit(PAGE, PAGE, other))).anyMatch(t -> t.contains(f.branchY));
        assertThat(plans()).isZero();
        assertThat(targets()).isZero();
        assertThat(f.count("select count(*) from target_plan p join branch b on b.id = p.branch_id where b.code = ?",
                f.branchY)).isZero();
    }

    @Test
    void theTargetFormRefusesAFigureThatDoesNotFitTheMeasure() {
        var r = head.submit("/dashboard/targets", "/dashboard/targets", Map.of("measure", "AUM_GROWTH",
                "periodType", "QUARTER", "periodStart", "2025-01-01", "rm", f.rmA, "count", "3"));
        assertThat(r.status()).isEqualTo(200);
        List<String> msgs = Jsoup.parse(r.body()).select("#target-form .invalid-feedback").eachText();
        assertThat(msgs).anyMatch(t -> t.contains("目标金额")).anyMatch(t -> t.contains("不使用目标数量"));
        r = head.submit("/dashboard/targets", "/dashboard/targets", Map.of("measure", "NOPE",
                "periodType", "QUARTER", "periodStart", "2025-01-01", "rm", f.rmA, "count", "3"));
        assertThat(Jsoup.parse(r.body()).select("#target-form .invalid-feedback").eachText())
                .anyMatch(t -> t.contains("NOPE"));
        assertThat(targets()).isZero();
        assertThat(head.submit("/dashboard/targets", "/dashboard/targets", Map.of("measure", "ACTIVITY",
                "periodType", "MONTH", "periodStart", "2025-03-01", "rm", f.rmA, "count", "3")).status())
                .isEqualTo(302);
        assertThat(targets()).isEqualTo(1);
    }
}
