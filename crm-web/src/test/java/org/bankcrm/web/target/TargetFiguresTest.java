package org.bankcrm.web.target;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The same target figures on the dashboard page, in {@code GET /api/v1/dashboard/targets} and in the dashboard
 * export for one selection (D48), against a hand-built branch: a won-amount target with its pipeline coverage, new
 * customers, AUM growth and follow-up activity.
 */
@CrmWebTest
class TargetFiguresTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private static String times(String ratio) {
        return String.format(java.util.Locale.ROOT, "%,.2f×", new BigDecimal(ratio).setScale(2, RoundingMode.HALF_UP));
    }

    private static String pct(String fraction) {
        return new BigDecimal(fraction).movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    @Test
    void pageApiAndExportShowTheSameAttainmentAndCoverage() {
        TargetFixture f = new TargetFixture(jdbc);
        // WON: 10,000 for rmA in Q1; 4,000 won in February; 20,000 open at IDENTIFIED.
        f.target("WON", "QUARTER", "2025-01-01", f.rmA, null, "10000.00", null);
        f.opportunity(f.rmA, "WEALTH", "4000.00", "WON", "2025-02-10T10:00");
        f.opportunity(f.rmA, "WEALTH", "20000.00", "IDENTIFIED", null);
        int p = jdbc.queryForObject("select probability from stage_setting where stage = 'IDENTIFIED'", Integer.class);
        BigDecimal weighted = new BigDecimal("20000.00").multiply(BigDecimal.valueOf(p)).movePointLeft(2)
                .setScale(2, RoundingMode.HALF_UP);
        // NEW_CUSTOMERS: branch X (and X1) in March, 4 wanted; 2 owned ones registered in March, 1 unowned.
        f.target("NEW_CUSTOMERS", "MONTH", "2025-03-01", null, f.branchX, null, 4);
        f.customer(f.branchX, f.rmB, "2025-03-03T09:00");
        f.customer(f.branchX1, f.rmC, "2025-03-31T23:00");
        f.customer(f.branchX, null, "2025-03-05T09:00");
        // AUM_GROWTH: rmB's book in Q1, 500 wanted; +300 on one, a customer with no December row +125.
        f.target("AUM_GROWTH", "QUARTER", "2025-01-01", f.rmB, null, "500.00", null);
        long c1 = f.customer(f.branchX, f.rmB, "2024-01-01T00:00");
        long c2 = f.customer(f.branchX, f.rmB, "2024-01-01T00:00");
        f.aum(c1, "2024-12-01", "1000.00");
        f.aum(c1, "2025-03-01", "1300.00");
        f.aum(c2, "2025-03-01", "125.00");
        // ACTIVITY: rmA 2 a week in March 2025 (Mondays 3, 10, 17, 24, 31: 5 weeks), 7 follow-ups.
        f.target("ACTIVITY", "MONTH", "2025-03-01", f.rmA, null, null, 2);
        for (int d = 3; d <= 9; d++) {
            f.followUp(f.rmA, "2025-03-0" + d + "T10:00");
        }
        String query = "branch=" + f.branchX + "&from=2025-03-01&to=2025-03-31";
        Http head = Http.session(port, f.head);

        JsonNode api = head.get("/api/v1/dashboard/targets?" + query).json();
        JsonNode rows = api.get("targets");
        assertThat(rows).hasSize(4);
        assertThat(Arrays.asList(rows.get(0).get("measure").asString(), rows.get(1).get("measure").asString(),
                rows.get(2).get("measure").asString(), rows.get(3).get("measure").asString()))
                .containsExactly("WON", "NEW_CUSTOMERS", "AUM_GROWTH", "ACTIVITY");
        JsonNode won = rows.get(0);
        assertThat(won.get("actualAmount").decimalValue()).isEqualByComparingTo("4000.00");
        assertThat(won.get("amountRate").decimalValue()).isEqualByComparingTo("0.4000");
        assertThat(won.get("remaining").decimalValue()).isEqualByComparingTo("6000.00");
        assertThat(won.get("weightedPipeline").decimalValue()).isEqualByComparingTo(weighted);
        assertThat(won.get("coverageState").asString()).isEqualTo("RATIO");
        assertThat(won.get("coverage").decimalValue()).isEqualByComparingTo(
                weighted.divide(new BigDecimal("6000.00"), 4, RoundingMode.HALF_UP));
        JsonNode nc = rows.get(1);
        assertThat(nc.get("actualCount").asLong()).isEqualTo(2);
        assertThat(nc.get("countRate").decimalValue()).isEqualByComparingTo("0.5000");
        JsonNode aum = rows.get(2);
        assertThat(aum.get("actualAmount").decimalValue()).isEqualByComparingTo("425.00");
        assertThat(aum.get("amountRate").decimalValue()).isEqualByComparingTo("0.8500");
        JsonNode act = rows.get(3);
        assertThat(act.get("weeks").asInt()).isEqualTo(5);
        assertThat(act.get("expectedCount").asLong()).isEqualTo(10);
        assertThat(act.get("actualCount").asLong()).isEqualTo(7);
        assertThat(act.get("countRate").decimalValue()).isEqualByComparingTo("0.7000");

        // The page: one row per target in the same order, the same rates and coverage.
        List<Element> page = Jsoup.parse(head.get("/dashboard?period=CUSTOM&" + query).body())
                .select("#target-table tbody tr");
        assertThat(page).hasSize(4);
        for (int i = 0; i < 4; i++) {
            JsonNode r = rows.get(i);
            Element tr = page.get(i);
            assertThat(tr.attr("data-measure")).isEqualTo(r.get("measure").asString());
            String rate = r.get("amountRate").isNull() ? r.get("countRate").asString() : r.get("amountRate").asString();
            assertThat(tr.selectFirst(".target-rate").text()).startsWith(pct(rate));
        }
        assertThat(page.get(0).selectFirst(".target-coverage").text()).isEqualTo(times(won.get("coverage").asString()));
        assertThat(page.get(3).selectFirst(".target-goal").text()).contains("× 5").contains("10");
        assertThat(page.get(3).selectFirst(".target-actual").text()).isEqualTo("7");

        // The export: the target section's rows carry the API's figures exactly.
        String csv = head.get("/dashboard/export.csv?" + query).body();
        List<String[]> section = new ArrayList<>();
        boolean in = false;
        for (String line : csv.split("\r\n")) {
            if (line.equals("目标达成")) {
                in = true;
            } else if (in && line.isEmpty()) {
                break;
            } else if (in) {
                section.add(line.split(",", -1));
            }
        }
        assertThat(section).as(csv).hasSize(5);   // the header and four targets
        for (int i = 0; i < 4; i++) {
            JsonNode r = rows.get(i);
            String[] cells = section.get(i + 1);
            assertThat(cell(cells[8])).isEqualTo(number(r.get("actualAmount")));
            assertThat(cell(cells[9])).isEqualTo(number(r.get("actualCount")));
            assertThat(cell(cells[10])).isEqualTo(number(r.get("amountRate")));
            assertThat(cell(cells[11])).isEqualTo(number(r.get("countRate")));
        }
        assertThat(new BigDecimal(section.get(1)[14])).isEqualByComparingTo(won.get("coverage").decimalValue());
        assertThat(new BigDecimal(section.get(1)[12])).isEqualByComparingTo(weighted);
    }

    private static BigDecimal cell(String s) {
        return s.isEmpty() ? null : new BigDecimal(s).stripTrailingZeros();
    }

    private static BigDecimal number(JsonNode n) {
        return n == null || n.isNull() ? null : n.decimalValue().stripTrailingZeros();
    }
}
