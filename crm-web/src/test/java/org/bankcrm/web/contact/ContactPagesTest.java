package org.bankcrm.web.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The pages' forms without a browser: the customer page's quick contact (saved with a flash; refused input comes
 * back in the form with the field marked and what was typed kept), and the standards page (admins only; a refused
 * row shows its message and changes nothing; a stale row is a conflict message).
 */
@CrmWebTest
class ContactPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    @AfterEach
    void restore() {
        jdbc.update("update service_standard set contact_days = 30, contact_types = '{VISIT,MEETING}'"
                + " where tier = 'STRATEGIC'");
    }

    private String customerOfRm1() {
        String no = "T-CPG-" + ThreadLocalRandom.current().nextInt(10_000_000);
        Map<String, Object> body = new HashMap<>(Map.of("customerNo", no, "type", "RETAIL", "name", "页面联系客户",
                "branchCode", "BR001", "birthDate", "1985-02-02", "aum", 100));
        assertThat(Http.basic(port, "rm1").postJson("/api/v1/customers", body).status()).isEqualTo(201);
        return no;
    }

    private long followUps(String no) {
        return jdbc.queryForObject("select count(*) from follow_up f join customer c on c.id = f.customer_id"
                + " where c.customer_no = ?", Long.class, no);
    }

    @Test
    void theQuickContactSavesOrComesBackWithTheFieldMarked() {
        String no = customerOfRm1();
        Http rm1 = Http.session(port, "rm1");
        String page = rm1.get("/customers/" + no).body();
        // A MASS customer: the tier has no standard.
        assertThat(page).contains("id=\"standard-rule\">该层级无服务标准</dd>").doesNotContain("standing-badge");

        var refused = rm1.submit("/customers/" + no, "/customers/" + no + "/follow-ups",
                Map.of("type", "CALL", "summary", "", "nextAction", "再约", "nextActionDate", "2020-01-01"));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"contact-form\"").contains("is-invalid")
                .contains("value=\"再约\"").contains("日期不能早于今天。");
        assertThat(followUps(no)).isZero();

        // The customer's rating goes with the contact, as on the opportunity's form; out of range it is refused.
        var badRating = rm1.submit("/customers/" + no, "/customers/" + no + "/follow-ups",
                Map.of("type", "WECHAT", "summary", "微信问候", "satisfaction", "9"));
        assertThat(badRating.status()).isEqualTo(200);
        assertThat(Jsoup.parse(badRating.body()).select("#contact-form select[name=satisfaction].is-invalid"))
                .hasSize(1);
        assertThat(followUps(no)).isZero();

        var saved = rm1.submit("/customers/" + no, "/customers/" + no + "/follow-ups",
                Map.of("type", "WECHAT", "summary", "微信问候", "outcome", "", "satisfaction", "4"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.header("Location")).endsWith("/customers/" + no);
        // The history says what the customer rated it.
        assertThat(rm1.get("/customers/" + no).body()).contains("跟进已记录。").contains("微信问候")
                .contains("客户满意度：4 分 · 满意");
        assertThat(followUps(no)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select f.satisfaction from follow_up f join customer c on c.id = f.customer_id"
                + " where c.customer_no = ?", Integer.class, no)).isEqualTo(4);
        // The page's list holds the opportunities' follow-ups too, each marked with its opportunity.
        var opportunity = Http.basic(port, "rm1").postJson("/api/v1/opportunities", Map.of("customerNo", no,
                "productCode", "FUND", "title", "基金配置 " + no, "amount", 50000,
                "expectedCloseDate", java.time.LocalDate.now().plusDays(30).toString()));
        assertThat(opportunity.status()).isEqualTo(201);
        long id = opportunity.json().get("id").asLong();
        assertThat(Http.basic(port, "rm1").postJson("/api/v1/opportunities/" + id + "/follow-ups",
                Map.of("type", "CALL", "summary", "基金电话沟通", "outcome", "客户考虑中", "nextAction", "寄送基金资料",
                        "nextActionDate", java.time.LocalDate.now().plusDays(3).toString())).status()).isEqualTo(201);
        String list = rm1.get("/customers/" + no).body();
        assertThat(list).contains("基金电话沟通").contains("href=\"/opportunities/" + id + "\">商机：基金配置 " + no + "</a>")
                .contains("客户联系</span>");
        // Its outcome and next action as on the opportunity's page (one fragment for both histories).
        var entry = Jsoup.parse(list).select("#customer-follow-ups li:contains(基金电话沟通)");
        assertThat(entry.text()).contains("结果：客户考虑中").contains("下一步：寄送基金资料");
        assertThat(Jsoup.parse(rm1.get("/opportunities/" + id).body()).select("#follow-up-list li").text())
                .contains("基金电话沟通").contains("结果：客户考虑中").contains("下一步：寄送基金资料");
        assertThat(Http.session(port, "rm2").submit("/customers", "/customers/" + no + "/follow-ups",
                Map.of("type", "CALL", "summary", "越权")).status()).isEqualTo(404);
        assertThat(followUps(no)).isEqualTo(2);
    }

    @Test
    void theEmployerIsNamedAndLinkedOnlyWhenTheUserMayOpenIt() {
        String mine = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm1' and c.type = 'CORPORATE' order by c.customer_no limit 1""", String.class);
        String theirs = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm3' and c.type = 'CORPORATE' order by c.customer_no limit 1""", String.class);
        String mineName = jdbc.queryForObject("select name from customer where customer_no = ?", String.class, mine);
        String theirName = jdbc.queryForObject("select name from customer where customer_no = ?", String.class, theirs);
        Http rm1 = Http.session(port, "rm1");
        for (String employer : new String[] {mine, theirs}) {
            String no = customerOfRm1();
            jdbc.update("update customer set employer_no = ? where customer_no = ?", employer, no);
            var dd = Jsoup.parse(rm1.get("/customers/" + no).body()).selectFirst("#customer-employer");
            // the demo companies' workforce stays as the other tests know it
            jdbc.update("update customer set employer_no = null where customer_no = ?", no);
            if (employer.equals(mine)) {
                assertThat(dd.select("a").attr("href")).isEqualTo("/customers/" + mine);
                assertThat(dd.text()).isEqualTo(mineName);
            } else {
                // another branch's company: its number as the record holds it, neither its name nor a link
                assertThat(dd.select("a")).isEmpty();
                assertThat(dd.text()).isEqualTo(theirs).doesNotContain(theirName);
            }
        }
        // The company's page counts every employee at the bank and names those rm1 may open; it says how many it
        // does not name (one of rm3's customers works there too).
        long worker = jdbc.queryForObject("""
                select c.id from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm3' and c.type = 'RETAIL' order by c.customer_no limit 1""", Long.class);
        String before = jdbc.queryForObject("select employer_no from customer where id = ?", String.class, worker);
        jdbc.update("update customer set employer_no = ? where id = ?", mine, worker);
        try {
            long all = jdbc.queryForObject("select count(*) from customer where employer_no = ?", Long.class, mine);
            var company = Jsoup.parse(rm1.get("/customers/" + mine).body());
            long named = company.select("#linkage a").size();
            assertThat(named).isLessThan(all);
            assertThat(company.select("#linkage .kpi-value").first().text()).isEqualTo(String.valueOf(all));
            assertThat(company.selectFirst("#linkage-not-listed").text())
                    .startsWith("另有 " + (all - named) + " 位员工客户未列出");
        } finally {
            jdbc.update("update customer set employer_no = ? where id = ?", before, worker);
        }
    }

    @Test
    void onlyTheAdminOpensTheStandardsPageAndARefusedRowChangesNothing() {
        assertThat(Http.session(port, "rm1").get("/admin/service-standards").status()).isEqualTo(403);
        assertThat(Http.session(port, "head1").get("/admin/service-standards").status()).isEqualTo(403);
        Http admin = Http.session(port, "admin");
        String page = admin.get("/admin/service-standards").body();
        assertThat(page).contains("id=\"standard-STRATEGIC\"").contains("id=\"standard-LONG_TAIL\"");
        int version = jdbc.queryForObject("select version from service_standard where tier = 'STRATEGIC'",
                Integer.class);

        var noTypes = admin.submit("/admin/service-standards", "/admin/service-standards/STRATEGIC",
                Map.of("contactDays", "20", "version", String.valueOf(version)));
        assertThat(noTypes.status()).isEqualTo(200);
        assertThat(noTypes.body()).contains("设置了联系周期时，至少选择一种计入联系的跟进方式。").contains("value=\"20\"");
        var notANumber = admin.submit("/admin/service-standards", "/admin/service-standards/STRATEGIC",
                Map.of("contactDays", "2.5", "contactTypes", "VISIT", "version", String.valueOf(version)));
        assertThat(notANumber.body()).contains("请填写整数");
        assertThat(jdbc.queryForObject("select contact_days from service_standard where tier = 'STRATEGIC'",
                Integer.class)).isEqualTo(30);

        var none = admin.submit("/admin/service-standards", "/admin/service-standards/STRATEGIC",
                Map.of("contactDays", "", "noStandard", "true", "version", String.valueOf(version)));
        assertThat(none.status()).isEqualTo(302);
        assertThat(jdbc.queryForObject("select contact_days is null from service_standard where tier = 'STRATEGIC'",
                Boolean.class)).isTrue();
        var stale = admin.submit("/admin/service-standards", "/admin/service-standards/STRATEGIC",
                Map.of("contactDays", "15", "contactTypes", "CALL", "version", String.valueOf(version)));
        assertThat(stale.status()).isEqualTo(302);
        assertThat(admin.get("/admin/service-standards").body()).contains("alert-danger");
        assertThat(jdbc.queryForObject("select contact_days is null from service_standard where tier = 'STRATEGIC'",
                Boolean.class)).isTrue();
    }
}
