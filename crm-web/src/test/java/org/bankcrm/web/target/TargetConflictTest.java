package org.bankcrm.web.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.bankcrm.domain.shared.Period;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * D11 for targets: the target form carries the version of the target it replaces. A submit made on a page that
 * had not seen the latest target (someone set it meanwhile, or changed it since) saves nothing; the page comes
 * back with the form as entered, the target as it is now, and the current version, so that saving again replaces
 * it knowingly.
 */
@CrmWebTest
class TargetConflictTest {

    private static final String START = "2032-07-01";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void removeTheTarget() {
        jdbc.update("delete from target where period_type = 'QUARTER' and period_start = date '" + START + "'"
                + " and rm_id = (select id from staff_user where username = 'rm2')");
    }

    private static Map<String, String> form(String amount, String version) {
        Map<String, String> f = new HashMap<>(Map.of("periodType", "QUARTER", "periodStart", START, "rm", "rm2",
                "amount", amount));
        if (version != null) {
            f.put("version", version);
        }
        return f;
    }

    private BigDecimal amount() {
        return jdbc.queryForObject("select target_amount from target where period_type = 'QUARTER'"
                + " and period_start = date '" + START + "'"
                + " and rm_id = (select id from staff_user where username = 'rm2')",
                BigDecimal.class);
    }

    @Test
    void aStaleTargetSubmitOverwritesNothingAndOffersTheCurrentVersion() {
        Http head = Http.session(port, "head1");
        assertThat(head.submit("/dashboard/targets", "/dashboard/targets", form("1000", null)).status())
                .isEqualTo(302);

        // A second page, loaded before that save, submits a new target for the same RM, period and category.
        var stale = head.submit("/dashboard/targets", "/dashboard/targets", form("2000", null));
        assertThat(stale.status()).isEqualTo(200);
        Document page = Jsoup.parse(stale.body());
        assertThat(page.selectFirst("#target-form .alert-danger").text()).contains("他人");
        assertThat(page.selectFirst("#target-current").text()).contains("1,000");
        assertThat(page.selectFirst("#target-form input[name=amount]").val()).isEqualTo("2000");
        String version = page.selectFirst("#target-form input[name=version]").val();
        assertThat(version).isEqualTo("0");
        assertThat(amount()).as("nothing overwritten").isEqualByComparingTo("1000");

        // Saving again on the version now shown replaces the target.
        assertThat(head.submit("/dashboard/targets", "/dashboard/targets", form("2000", version)).status())
                .isEqualTo(302);
        assertThat(amount()).isEqualByComparingTo("2000");

        // The list's edit link puts the target in the form with the version it has now.
        long id = jdbc.queryForObject("select id from target where period_type = 'QUARTER'"
                + " and period_start = date '" + START + "'"
                + " and rm_id = (select id from staff_user where username = 'rm2')", Long.class);
        Document edit = Jsoup.parse(head.get("/dashboard/targets?edit=" + id).body());
        assertThat(edit.selectFirst("#target-form input[name=version]").val()).isEqualTo("1");
        assertThat(edit.selectFirst("#target-form input[name=amount]").val()).isEqualTo("2000.00");

        // The version the first save had is stale now.
        var again = head.submit("/dashboard/targets", "/dashboard/targets", form("3000", "0"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(Jsoup.parse(again.body()).selectFirst("#target-form input[name=version]").val()).isEqualTo("1");
        assertThat(amount()).isEqualByComparingTo("2000");
    }

    /** An edit of a target someone deleted since the form was shown does not bring it back. */
    @Test
    void anEditOfADeletedTargetDoesNotBringItBack() {
        Http head = Http.session(port, "head1");
        assertThat(head.submit("/dashboard/targets", "/dashboard/targets", form("1000", null)).status())
                .isEqualTo(302);
        long id = jdbc.queryForObject("select id from target where period_type = 'QUARTER'"
                + " and period_start = date '" + START + "'"
                + " and rm_id = (select id from staff_user where username = 'rm2')", Long.class);
        String version = Jsoup.parse(head.get("/dashboard/targets?edit=" + id).body())
                .selectFirst("#target-form input[name=version]").val();
        assertThat(head.submit("/dashboard/targets", "/dashboard/targets/" + id + "/delete", Map.of()).status())
                .isEqualTo(302);

        var stale = head.submit("/dashboard/targets", "/dashboard/targets", form("5000", version));
        assertThat(stale.status()).isEqualTo(200);
        assertThat(Jsoup.parse(stale.body()).selectFirst("#target-form .alert-danger").text()).contains("他人");
        assertThat(jdbc.queryForObject("select count(*) from target where period_type = 'QUARTER'"
                + " and period_start = date '" + START + "'"
                + " and rm_id = (select id from staff_user where username = 'rm2')", Integer.class)).isZero();
    }

    /**
     * A delete from a page shown before someone changed the target deletes nothing (a target of next quarter, which
     * the page lists, for a category no other test sets).
     */
    @Test
    void aDeleteFromAnOlderPageLeavesTheChangedTarget() {
        Http head = Http.session(port, "head1");
        String next = Period.quarterOf(LocalDate.now()).start().plusMonths(3).toString();
        Map<String, String> target = new HashMap<>(Map.of("periodType", "QUARTER", "periodStart", next, "rm", "rm2",
                "category", "FX", "amount", "1000"));
        String key = "select %s from target where period_type = 'QUARTER' and period_start = date '" + next
                + "' and product_category = 'FX' and rm_id = (select id from staff_user where username = 'rm2')";
        try {
            assertThat(head.submit("/dashboard/targets", "/dashboard/targets", target).status()).isEqualTo(302);
            long id = jdbc.queryForObject(key.formatted("id"), Long.class);
            String shown = Jsoup.parse(head.get("/dashboard/targets").body())
                    .selectFirst("form[action=/dashboard/targets/" + id + "/delete] input[name=version]").val();
            assertThat(shown).isEqualTo("0");
            target.put("amount", "4000");
            target.put("version", "0");
            assertThat(head.submit("/dashboard/targets", "/dashboard/targets", target).status()).isEqualTo(302);

            var stale = head.submit("/dashboard/targets", "/dashboard/targets/" + id + "/delete",
                    Map.of("version", shown));
            assertThat(stale.status()).isEqualTo(302);
            assertThat(Jsoup.parse(head.get("/dashboard/targets").body()).select(".alert-danger").text())
                    .contains("已被他人修改");
            assertThat(jdbc.queryForObject(key.formatted("target_amount"), BigDecimal.class))
                    .isEqualByComparingTo("4000");
            assertThat(head.submit("/dashboard/targets", "/dashboard/targets/" + id + "/delete",
                    Map.of("version", "1")).status()).isEqualTo(302);
            assertThat(jdbc.queryForObject(key.formatted("count(*)"), Integer.class)).isZero();
        } finally {
            jdbc.update(key.formatted("1").replace("select 1 from", "delete from"));
        }
    }
}
