package org.bankcrm.web.visit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.bankcrm.web.segment.SegmentFixture;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Planned visits follow their customer whatever hands it over: a customers feed that names another owner moves the
 * previous owner's planned visits as a reassignment in the product does; a visit whose customer left the RM without
 * a new owner (a move to another branch) is cancelled, leaves their week plan and can no longer be recorded by them,
 * so nothing is written on a customer outside their scope.
 */
@CrmWebTest
class VisitHandoverTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private long plan(Http rm, String customerNo) {
        var planned = rm.submit("/visits", "/visits", Map.of("customerNo", customerNo,
                "plannedOn", LocalDate.now().plusDays(1).toString(), "purpose", "上门拜访"));
        assertThat(planned.status()).as(planned.body()).isEqualTo(302);
        return jdbc.queryForObject("select v.id from visit_plan v join customer c on c.id = v.customer_id"
                + " where c.customer_no = ? order by v.id desc limit 1", Long.class, customerNo);
    }

    private void importCustomers(String csv) {
        JsonNode done = Http.basic(port, "admin").importFeed("customers", "visits.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("DONE");
    }

    @Test
    void plannedVisitsFollowACustomerTheFeedHandsOverAndLeaveNoWriteOutsideScope() {
        SegmentFixture f = SegmentFixture.build(port, jdbc);
        Http rm = Http.session(port, f.rm);
        long handed = plan(rm, f.no("R4"));
        long moved = plan(rm, f.no("R1"));
        String heir = "vis" + f.suffix.toLowerCase();
        assertThat(Http.basic(port, "admin").postJson("/api/v1/admin/users", Map.of("username", heir,
                "displayName", "接手" + f.suffix, "role", "RM", "branchCode", f.g, "password",
                Http.DEMO_PASSWORD)).status()).isEqualTo(201);

        // R4 to another RM by name; R1 to the sub-branch without an owner (the old owner does not belong there)
        importCustomers("customer_no,type,name,branch_code,aum,birth_date,owner_rm\n"
                + f.no("R4") + ",RETAIL,分群客户R4," + f.g + ",0,1980-01-01," + heir + "\n"
                + f.no("R1") + ",RETAIL,分群客户R1," + f.gs + ",50000.00,1990-01-01,\n");

        assertThat(jdbc.queryForObject("select u.username from visit_plan v join staff_user u on u.id = v.rm_id"
                + " where v.id = ?", String.class, handed)).isEqualTo(heir);
        var gone = rm.submit("/visits", "/visits/" + handed + "/done", Map.of("summary", "已拜访"));
        assertThat(gone.status()).isEqualTo(404);

        assertThat(jdbc.queryForObject("select status from visit_plan where id = ?", String.class, moved))
                .isEqualTo("CANCELLED");
        var week = Jsoup.parse(rm.get("/visits?week=" + LocalDate.now().plusDays(1)).body());
        var line = week.select("li.list-group-item:contains(分群客户R1)");
        assertThat(line).hasSize(1);
        assertThat(line.select(".badge").text()).isEqualTo("已取消");
        assertThat(line.select("form")).isEmpty();
        var outOfScope = rm.submit("/visits", "/visits/" + moved + "/done", Map.of("summary", "已拜访"));
        assertThat(outOfScope.status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select status from visit_plan where id = ?", String.class, moved))
                .isEqualTo("CANCELLED");
        assertThat(jdbc.queryForObject("select count(*) from follow_up fu join customer c on c.id = fu.customer_id"
                + " where c.customer_no in (?, ?)", Integer.class, f.no("R1"), f.no("R4"))).isZero();

        var byHeir = Http.session(port, heir).submit("/visits", "/visits/" + handed + "/done",
                Map.of("summary", "接手后拜访"));
        assertThat(byHeir.status()).isEqualTo(302);
        assertThat(jdbc.queryForObject("select status from visit_plan where id = ?", String.class, handed))
                .isEqualTo("DONE");
    }
}
