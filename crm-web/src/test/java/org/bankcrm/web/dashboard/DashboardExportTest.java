package org.bankcrm.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.service.dashboard.DashboardQuery;
import org.bankcrm.service.dashboard.DashboardSelector;
import org.bankcrm.service.org.UserService;
import org.bankcrm.service.target.TargetAttainmentQuery.Attainment;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Exports (xlsx, CSV with BOM, masked, audited), targets with attainment, served counts and their upload. */
@CrmWebTest
class DashboardExportTest extends KnownPipelineTest {

    @Autowired
    DashboardQuery report;

    @Autowired
    DashboardSelector selector;

    @Autowired
    UserService users;

    private HttpResponse<byte[]> download(String user, String path) throws Exception {
        // Exports are page addresses: sign in through the form and keep the session cookie.
        HttpClient client = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String base = "http://127.0.0.1:" + port;
        var login = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String csrf = Jsoup.parse(login.body()).selectFirst("input[name=_csrf]").attr("value");
        client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password="
                        + java.net.URLEncoder.encode(Http.DEMO_PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf))
                .build(), HttpResponse.BodyHandlers.discarding());
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theDashboardAsAWorkbookWithExactFiguresAndAnAuditLine() throws Exception {
        DashboardFixture f = fx();
        var res = download(f.head, "/dashboard/export.xlsx?branch=" + f.branch + "&from=2025-03-01&to=2025-03-31");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Disposition").orElse("")).contains(".xlsx");
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(res.body()))) {
            Sheet summary = wb.getSheetAt(0);
            Map<String, Object> figures = new java.util.HashMap<>();
            summary.forEach(r -> {
                if (r.getRowNum() > 0 && r.getCell(1) != null) {
                    figures.put(r.getCell(0).getStringCellValue(), switch (r.getCell(1).getCellType()) {
                        case NUMERIC -> r.getCell(1).getNumericCellValue();
                        default -> r.getCell(1).getStringCellValue();
                    });
                }
            });
            assertThat(figures.get("成交金额")).isEqualTo(299999.99);
            assertThat(figures.get("加权金额")).isEqualTo(136666.71);
            assertThat(figures.get("新增商机")).isEqualTo(4.0);
            assertThat(figures.get("转化率")).isEqualTo(0.5);
            assertThat(wb.getSheet("客户经理排行").getPhysicalNumberOfRows()).isEqualTo(3);
        }
        Integer audited = jdbc.queryForObject("""
                select count(*) from audit_log where actor = ? and action = 'EXPORT' and entity_id = 'DASHBOARD'
                and detail like 'format=xlsx rows=%' and detail like ?""", Integer.class, f.head, "%" + f.branch + "%");
        assertThat(audited).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aListAsCsvWithBomMaskedAndCounted() throws Exception {
        DashboardFixture f = fx();
        var res = download(f.head, "/dashboard/list.csv?measure=OPEN&branch=" + f.branch);
        assertThat(res.statusCode()).isEqualTo(200);
        byte[] body = res.body();
        assertThat(new byte[] {body[0], body[1], body[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).contains("100000.05").contains("33333.33");
        assertThat(text).doesNotContain("客户" + f.rmA).contains("客*");
        assertThat(text.strip().split("\r\n")).hasSize(2 + 3);
        String detail = jdbc.queryForObject("""
                select detail from audit_log where actor = ? and action = 'EXPORT' and entity_id = 'LIST_OPEN'
                order by id desc limit 1""", String.class, f.head);
        assertThat(detail).startsWith("format=csv rows=3 ");
        var xlsx = download(f.head, "/dashboard/list.xlsx?measure=WON&branch=" + f.branch
                + "&from=2025-03-01&to=2025-03-31");
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            var won = wb.getSheetAt(0).getRow(1);
            assertThat(won.getCell(8).getNumericCellValue()).isEqualTo(299999.99);
            // The pages' rules (D39): money shown as ¥299,999.99 (¥0 for zero), times to the minute, ISO dates.
            assertThat(won.getCell(8).getCellStyle().getDataFormatString())
                    .isEqualTo(org.bankcrm.web.shared.Formats.EXCEL_MONEY);
            assertThat(won.getCell(12).getStringCellValue()).isEqualTo("2025-03-10 10:00");
            assertThat(won.getCell(13).getStringCellValue()).isEqualTo("2025-03-31 23:59");
            assertThat(won.getCell(14).getStringCellValue()).matches("\\d{4}-\\d{2}-\\d{2}");
        }
        assertThat(download("head1", "/dashboard/list.pdf?measure=OPEN").statusCode()).isEqualTo(400);
        assertThat(download("head2", "/dashboard/list.csv?measure=OPEN&branch=" + f.branch).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aBadPeriodInAnExportIsA400NotThisMonthsFigures() throws Exception {
        DashboardFixture f = fx();
        long before = jdbc.queryForObject("select count(*) from audit_log where actor = ? and action = 'EXPORT'",
                Long.class, f.head);
        var unreadable = download(f.head, "/dashboard/list.csv?measure=OPEN&branch=" + f.branch
                + "&from=2025-99-01&to=2025-03-31");
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(new String(unreadable.body(), StandardCharsets.UTF_8)).contains("无法识别的日期：2025-99-01")
                .contains("未导出任何数据");
        var reversed = download(f.head, "/dashboard/export.xlsx?branch=" + f.branch + "&from=2025-03-31&to=2025-03-01");
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(new String(reversed.body(), StandardCharsets.UTF_8)).contains("开始日期不能晚于结束日期");
        assertThat(download(f.head, "/dashboard/export.csv?branch=" + f.branch + "&from=2025-03-01&to=x").statusCode())
                .isEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from audit_log where actor = ? and action = 'EXPORT'",
                Long.class, f.head)).isEqualTo(before);
    }

    @Test
    void phoneAndIdNumbersInANextActionAreMaskedInTheOverdueExports() throws Exception {
        DashboardFixture f = fx();
        String text = "致电13812348000或 010-62345678，带身份证11010519900101002X复印件，客户" + f.rmA + "到场";
        Long id = jdbc.queryForObject("""
                insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, next_action,
                                       next_action_date, next_action_done, created_by)
                select o.customer_id, o.id, 'CALL', now() - interval '5 days', 'fixture', ?, current_date - 4, false,
                       o.owner_id
                from opportunity o where o.id = ? returning id""", Long.class, text, f.ids[1]);
        try {
            String csv = new String(download(f.head, "/dashboard/list.csv?measure=OVERDUE&branch=" + f.branch).body(),
                    StandardCharsets.UTF_8);
            assertThat(csv).contains("致电138****8000或 010-****5678，带身份证110105********002X复印件")
                    .doesNotContain("13812348000").doesNotContain("62345678").doesNotContain("19900101")
                    .doesNotContain("客户" + f.rmA);
            var xlsx = download(f.head, "/dashboard/export.xlsx?branch=" + f.branch + "&from=2025-03-01&to=2025-03-31");
            try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
                Sheet overdue = wb.getSheet("逾期的下一步行动");
                List<String> actions = new java.util.ArrayList<>();
                overdue.forEach(r -> actions.add(r.getCell(1).getStringCellValue()));
                assertThat(actions).contains("致电138****8000或 010-****5678，带身份证110105********002X复印件，"
                        + "客" + "*".repeat(("客户" + f.rmA).length() - 1) + "到场");
                assertThat(String.join("|", actions)).doesNotContain("13812348000");
            }
        } finally {
            jdbc.update("delete from follow_up where id = ?", id);
        }
    }

    /** A branch target counts its subtree's wins of the month, an RM's target in a category only theirs in it. */
    @Test
    void attainmentOfBranchAndRmTargetsCountsTheirOwnWins() {
        DashboardFixture f = fx();
        LocalDate from = LocalDate.of(2025, 3, 1);
        LocalDate to = LocalDate.of(2025, 3, 31);
        jdbc.update("insert into target (period_type, period_start, branch_id, target_count) select 'MONTH', ?, id, 1000"
                + " from branch where code = ? on conflict do nothing", from, f.branch);
        jdbc.update("insert into target (period_type, period_start, rm_id, product_category, target_count)"
                + " select 'MONTH', ?, id, 'WEALTH', 1000 from staff_user where username = ? on conflict do nothing",
                from, f.rmA);
        String wonInMarch = "o.status = 'WON' and o.closed_at >= timestamp '2025-03-01' at time zone 'Asia/Shanghai'"
                + " and o.closed_at < timestamp '2025-04-01' at time zone 'Asia/Shanghai'";
        long branchWon = jdbc.queryForObject("select count(*) from opportunity o join branch b on b.id = o.branch_id"
                + " where " + wonInMarch + " and b.path like (select path from branch where code = ?) || '%'",
                Long.class, f.branch);
        long rmWealthWon = jdbc.queryForObject("select count(*) from opportunity o join staff_user u on u.id = o.owner_id"
                + " join product p on p.code = o.product_code where " + wonInMarch
                + " and u.username = ? and p.category = 'WEALTH'", Long.class, f.rmA);

        List<Attainment> attained;
        try {
            attained = report.attainment(selector.select(users.current(f.head), f.branch, null, from, to));
        } finally {
            // the other target test counts the targets of this branch and month
            jdbc.update("delete from target where period_start = ? and (branch_id = (select id from branch where code = ?)"
                    + " or product_category = 'WEALTH' and rm_id = (select id from staff_user where username = ?))",
                    from, f.branch, f.rmA);
        }

        assertThat(branchWon).isPositive();
        assertThat(attained).filteredOn(a -> a.rm() == null).singleElement()
                .extracting(Attainment::actualCount).isEqualTo(branchWon);
        assertThat(attained).filteredOn(a -> f.rmA.equals(a.rm()) && a.category() == ProductCategory.WEALTH)
                .singleElement().extracting(Attainment::actualCount).isEqualTo(rmWealthWon);
    }

    @Test
    void targetsAreScopedValidatedAuditedAndAttained() {
        DashboardFixture f = fx();
        Http head = Http.session(port, f.head);
        var saved = head.submit("/dashboard/targets", "/dashboard/targets", Map.of("periodType", "MONTH",
                "periodStart", "2025-03-01", "rm", f.rmA, "amount", "600000", "count", "2"));
        assertThat(saved.status()).isEqualTo(302);
        var bad = head.submit("/dashboard/targets", "/dashboard/targets", Map.of("periodType", "MONTH",
                "periodStart", "2025-03-05", "rm", "rm3", "amount", "-1"));
        assertThat(bad.status()).isEqualTo(200);
        Document badPage = Jsoup.parse(bad.body());
        assertThat(badPage.select(".invalid-feedback").eachText()).anyMatch(t -> t.contains("第一天"))
                .anyMatch(t -> t.contains("rm3")).anyMatch(t -> t.contains("目标金额"));
        var branchTarget = head.submit("/dashboard/targets", "/dashboard/targets", Map.of("periodType", "MONTH",
                "periodStart", "2025-03-01", "branch", f.branch, "amount", "1000"));
        assertThat(branchTarget.status()).isEqualTo(200);
        Document page = Jsoup.parse(head.get("/dashboard?branch=" + f.branch
                + "&period=CUSTOM&from=2025-03-01&to=2025-03-31").body());
        assertThat(page.select("#target-table tbody tr")).hasSize(1);
        assertThat(page.selectFirst("#target-table tbody tr").text()).contains("50.0%");
        assertThat(jdbc.queryForObject("select count(*) from audit_log where actor = ? and action = 'TARGET_SET'"
                + " and detail like ?", Integer.class, f.head, "%rm=" + f.rmA + "%")).isEqualTo(1);
        assertThat(Http.session(port, "rm1").get("/dashboard/targets").status()).isEqualTo(403);
    }

    @Test
    void servedCountsByHandAndByUploadGiveTheReferralRate() {
        DashboardFixture f = fx();
        Http head = Http.session(port, f.head);
        assertThat(head.submit("/dashboard/targets", "/dashboard/served", Map.of("branch", f.branch,
                "channel", "LOBBY", "day", "2025-03-03", "served", "40")).status()).isEqualTo(302);
        String csv = "day,channel,served\n2025-03-04,LOBBY,60\n2025-03-04,COUNTER,100\n";
        var page = head.get("/dashboard/targets");
        var up = head.postFile("/dashboard/served/upload?_csrf=" + page.csrf(), "file", "served.csv",
                csv.getBytes(StandardCharsets.UTF_8), Map.of("branch", f.branch));
        assertThat(up.status()).as(up.body()).isEqualTo(302);
        var broken = head.postFile("/dashboard/served/upload?_csrf=" + page.csrf(), "file", "served.csv",
                "day,channel,served\n2025-03-05,LOBBY,7\nnot-a-day,NOPE,-1\n".getBytes(StandardCharsets.UTF_8),
                Map.of("branch", f.branch));
        assertThat(broken.status()).isEqualTo(200);
        assertThat(Jsoup.parse(broken.body()).selectFirst("#upload-errors").text()).contains("第 3 行");
        assertThat(jdbc.queryForObject("select count(*) from channel_served cs join branch b on b.id = cs.branch_id"
                + " where b.code = ? and cs.day = '2025-03-05'", Integer.class, f.branch)).isZero();
        // Two lobby referrals in March at the fixture's branch: 2 ÷ (40 + 60) = 2.0%.
        jdbc.update("""
                insert into referral (customer_id, channel, need, referrer_id, branch_id, created_at)
                select c.id, 'LOBBY', 'fixture', u.id, c.branch_id, timestamptz '2025-03-10 10:00+08'
                from customer c, staff_user u where c.customer_no = ? and u.username = 'teller1'""", "C" + f.rmA);
        jdbc.update("""
                insert into referral (customer_id, channel, need, referrer_id, branch_id, created_at)
                select c.id, 'LOBBY', 'fixture', u.id, c.branch_id, timestamptz '2025-03-31 23:59+08'
                from customer c, staff_user u where c.customer_no = ? and u.username = 'teller1'""", "C" + f.rmB);
        Document dash = Jsoup.parse(head.get("/dashboard?branch=" + f.branch
                + "&period=CUSTOM&from=2025-03-01&to=2025-03-31").body());
        String lobby = dash.select("#channel-table tbody tr").first().text();
        assertThat(lobby).contains("100").contains("2.0%").contains("10.0%");
        assertThat(Http.session(port, "head2").submit("/dashboard/targets", "/dashboard/served", Map.of("branch",
                f.branch, "channel", "LOBBY", "day", "2025-03-03", "served", "1")).status()).isEqualTo(200);
    }
}
