package org.bankcrm.web.incentive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Incentive statements and rates over {@link IncentiveFixture}'s bank (issue 17): rounding half up per line at
 * .005, bank-day month boundaries, a referral converted the month after it was made, a rate change not changing a
 * past month, scope, the same figures on page, API and export, and bad input changing nothing.
 */
@CrmWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncentiveApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    IncentiveFixture f;
    long lineA;
    long lineB;
    long lineB2;
    long lineC;
    long referralOpportunity;
    long referral;

    @BeforeAll
    void seed() {
        f = new IncentiveFixture(jdbc);
        // The contract's default revenue rates of the products used (reference-data.md).
        assertThat(jdbc.queryForObject("select revenue_rate from product where code = 'DEP_DEMAND'",
                BigDecimal.class)).isEqualByComparingTo("0.005");
        assertThat(jdbc.queryForObject("select revenue_rate from product where code = 'WEALTH'",
                BigDecimal.class)).isEqualByComparingTo("0.008");
        // June 2025, bank days: the first minute and the last minute of the month count, the minutes around don't.
        lineA = f.won(f.rm, "DEP_DEMAND", "1001.00", "2025-06-01T00:00:00");
        lineB = f.won(f.rm, "DEP_DEMAND", "1060.00", "2025-06-15T10:00:00");
        lineB2 = f.won(f.rm, "DEP_DEMAND", "1060.00", "2025-06-20T10:00:00");
        lineC = f.won(f.rm, "WEALTH", "12345.67", "2025-06-30T23:59:30");
        f.won(f.rm, "WEALTH", "99999.00", "2025-05-31T23:59:59");
        f.won(f.rm, "WEALTH", "99999.00", "2025-07-01T00:00:00");
        f.won(f.rmY, "WEALTH", "5000.00", "2025-06-10T10:00:00");
        // The teller's referral made in May, converted and won in June.
        referralOpportunity = f.won(f.rm, "CARD_CREDIT", "50000.00", "2025-06-10T09:00:00");
        referral = f.referral(f.teller, referralOpportunity, "2025-05-28T15:00:00");
    }

    private JsonNode get(String user, String path) {
        Http.Response r = Http.basic(port, user).get(path);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static Map<Long, String> amounts(JsonNode statement) {
        Map<Long, String> byId = new LinkedHashMap<>();
        statement.get("lines").forEach(l -> byId.put(l.get("opportunityId").asLong(), cents(l.get("amount"))));
        return byId;
    }

    /** A JSON amount to the cent as text (the client reads numbers as doubles: 7.90 arrives as 7.9). */
    private static String cents(JsonNode amount) {
        return amount.decimalValue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    @Test
    void eachLineIsRoundedHalfUpToTheCentAndTheMonthIsOfBankDays() {
        JsonNode s = get(f.rm, "/api/v1/incentives?month=2025-06");
        assertThat(s.get("month").asText()).isEqualTo("2025-06");
        assertThat(s.get("user").asText()).isEqualTo(f.rm);
        // A: 1,001.00 × 0.005 = 5.005 → 5.01 (half up); × 0.05 = 0.2505 → 0.25.
        // B: 1,060.00 × 0.005 = 5.30; × 0.05 = 0.265 → 0.27 (half up), twice.
        // C: 12,345.67 × 0.008 = 98.76536 → 98.77; × 0.08 = 7.9016 → 7.90.
        // Card: 50,000.00 × 0.02 = 1,000.00; × 0.10 = 100.00.
        assertThat(amounts(s)).containsExactly(Map.entry(lineA, "0.25"), Map.entry(referralOpportunity, "100.00"),
                Map.entry(lineB, "0.27"), Map.entry(lineB2, "0.27"), Map.entry(lineC, "7.90"));
        JsonNode a = s.get("lines").get(0);
        assertThat(a.get("productCode").asText()).isEqualTo("DEP_DEMAND");
        assertThat(a.get("wonAmount").decimalValue()).isEqualByComparingTo("1001.00");
        assertThat(cents(a.get("revenue"))).isEqualTo("5.01");
        assertThat(a.get("creditShare").asInt()).isEqualTo(100);
        assertThat(a.get("rate").decimalValue()).isEqualByComparingTo("0.05");
        // Rounded per line: 100.00 + 0.25 + 0.27 + 0.27 + 7.90 = 108.69 (the unrounded sum would round to 108.68).
        assertThat(cents(s.get("total"))).isEqualTo("108.69");
        assertThat(s.get("referralRewards")).isEmpty();
    }

    /** A team's credit shares split the line (D44): the owner 70, a co-owner of another branch 30. */
    @Test
    void aTeamsCreditSharesSplitTheLine() {
        long split = f.won(f.rm, "WEALTH", "10000.00", "2025-08-12T10:00:00");
        jdbc.update("""
                insert into opportunity_member (opportunity_id, user_id, role, credit_share)
                select ?, id, 'CO_OWNER', 30 from staff_user where username = ?""", split, f.rmY);
        // 10,000.00 × 0.008 = 80.00 revenue; × 70 ÷ 100 × 0.08 = 4.48 and × 30 ÷ 100 × 0.08 = 1.92.
        JsonNode owner = get(f.rm, "/api/v1/incentives?month=2025-08");
        assertThat(owner.get("lines")).hasSize(1);
        assertThat(owner.get("lines").get(0).get("creditShare").asInt()).isEqualTo(70);
        assertThat(amounts(owner)).containsExactly(Map.entry(split, "4.48"));
        JsonNode member = get(f.rmY, "/api/v1/incentives?month=2025-08");
        assertThat(member.get("lines").get(0).get("creditShare").asInt()).isEqualTo(30);
        assertThat(amounts(member)).containsExactly(Map.entry(split, "1.92"));
        assertThat(cents(owner.get("total"))).isEqualTo("4.48");
    }

    @Test
    void aReferralConvertedTheMonthAfterItWasMadeCountsInTheMonthWon() {
        JsonNode june = get(f.teller, "/api/v1/incentives?month=2025-06");
        assertThat(june.get("lines")).isEmpty();
        assertThat(june.get("referralRewards")).hasSize(1);
        JsonNode r = june.get("referralRewards").get(0);
        assertThat(r.get("referralId").asLong()).isEqualTo(referral);
        assertThat(r.get("opportunityId").asLong()).isEqualTo(referralOpportunity);
        assertThat(cents(r.get("amount"))).isEqualTo("50.00");
        // total is every amount of the statement, the rewards included (D47)
        assertThat(cents(june.get("total"))).isEqualTo("50.00");
        JsonNode may = get(f.teller, "/api/v1/incentives?month=2025-05");
        assertThat(may.get("referralRewards")).isEmpty();
        assertThat(may.get("total").decimalValue()).isEqualByComparingTo("0");
        // The head reads the teller's statement too.
        assertThat(get(f.head, "/api/v1/incentives?month=2025-06&user=" + f.teller).get("total").decimalValue())
                .isEqualByComparingTo("50.00");
    }

    @Test
    void aRateChangeAppliesFromTheCurrentMonthAndNeverChangesAPastMonth() {
        ZoneId bank = ZoneId.of("Asia/Shanghai");
        LocalDate thisMonth = LocalDate.now(bank).withDayOfMonth(1);
        LocalDate lastMonth = thisMonth.minusMonths(1);
        String now = thisMonth.toString().substring(0, 7);
        String before = lastMonth.toString().substring(0, 7);
        long current = f.won(f.rmY, "WEALTH", "100000.00", thisMonth + "T00:00:01");
        f.won(f.rmY, "WEALTH", "100000.00", lastMonth.plusDays(5) + "T10:00:00");
        JsonNode rates = get("admin", "/api/v1/admin/incentive-rates");
        BigDecimal wealth = rates.get("rates").get("WEALTH").decimalValue();
        JsonNode past = get(f.rmY, "/api/v1/incentives?month=" + before);
        Map<String, Object> restore = new LinkedHashMap<>();
        restore.put("rates", Map.of("WEALTH", wealth));
        restore.put("referralReward", rates.get("referralReward").decimalValue());
        try {
            Http admin = Http.basic(port, "admin");
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("rates", Map.of("WEALTH", new BigDecimal("0.11")));
            change.put("version", rates.get("version").asInt());
            Http.Response put = admin.putJson("/api/v1/admin/incentive-rates", change);
            assertThat(put.status()).as(put.toString()).isEqualTo(200);
            assertThat(put.json().get("validFrom").asText()).isEqualTo(now);
            assertThat(put.json().get("rates").get("WEALTH").decimalValue()).isEqualByComparingTo("0.11");
            // The same month again replaces this month's version; the stale version is refused.
            Http.Response again = admin.putJson("/api/v1/admin/incentive-rates", Map.of("rates",
                    Map.of("WEALTH", new BigDecimal("0.12"))));
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            assertThat(jdbc.queryForObject("select count(*) from incentive_rate_version where valid_from = ?",
                    Integer.class, thisMonth)).isEqualTo(1);
            assertThat(admin.putJson("/api/v1/admin/incentive-rates", change).status()).isEqualTo(409);
            assertThat(jdbc.queryForObject("""
                    select count(*) from audit_log where action = 'SETTING_CHANGED' and entity_type = 'incentive_rate'
                      and entity_id = ? and detail like 'WEALTH % -> 0.12'""", Integer.class, now)).isEqualTo(1);

            JsonNode pastAfter = get(f.rmY, "/api/v1/incentives?month=" + before);
            assertThat(pastAfter).isEqualTo(past);
            // 100,000.00 × 0.008 = 800.00; × 0.12 = 96.00
            JsonNode currentAfter = get(f.rmY, "/api/v1/incentives?month=" + now);
            assertThat(amounts(currentAfter)).containsEntry(current, "96.00");
            assertThat(currentAfter.get("ratesValidFrom").asText()).isEqualTo(now);
        } finally {
            assertThat(Http.basic(port, "admin").putJson("/api/v1/admin/incentive-rates", restore).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aProductsRateChangedLaterLeavesAClosedMonthAsItWas() {
        long past = f.won(f.rmY, "FUND", "20000.00", "2025-03-10T10:00:00");
        JsonNode before = get(f.rmY, "/api/v1/incentives?month=2025-03");
        BigDecimal rate = jdbc.queryForObject("select revenue_rate from product where code = 'FUND'", BigDecimal.class);
        try {
            jdbc.update("update product set revenue_rate = revenue_rate * 2 where code = 'FUND'");
            // The March line keeps the rate of the day it was won: the statement is the same, to the cent.
            assertThat(get(f.rmY, "/api/v1/incentives?month=2025-03")).isEqualTo(before);
            assertThat(amounts(before)).containsKey(past);
            // A deal won now (here: reopened and won again) takes the rate of now.
            jdbc.update("update opportunity set status = 'OPEN', stage = 'NEGOTIATION', closed_at = null,"
                    + " won_amount = null where id = ?", past);
            assertThat(jdbc.queryForObject("select won_revenue_rate from opportunity where id = ?", BigDecimal.class,
                    past)).isNull();
            jdbc.update("update opportunity set status = 'WON', stage = 'WON', won_amount = 20000.00,"
                    + " closed_at = ? where id = ?", IncentiveFixture.bank("2025-03-10T10:00:00"), past);
            assertThat(jdbc.queryForObject("select won_revenue_rate from opportunity where id = ?", BigDecimal.class,
                    past)).isEqualByComparingTo(rate.multiply(BigDecimal.TWO));
        } finally {
            jdbc.update("update product set revenue_rate = ? where code = 'FUND'", rate);
        }
    }

    @Test
    void aStatementIsReadByItsOwnerTheirHeadsAndAdminsOnly() {
        String path = "/api/v1/incentives?month=2025-06&user=" + f.rm;
        for (String allowed : List.of(f.rm, f.head, "admin")) {
            assertThat(Http.basic(port, allowed).get(path).status()).as(allowed).isEqualTo(200);
        }
        for (String refused : List.of(f.headY, f.rmY, f.teller, "head2", "rm1")) {
            Http.Response r = Http.basic(port, refused).get(path);
            assertThat(r.status()).as(refused).isEqualTo(404);
            assertThat(r.body()).doesNotContain("0.27");
        }
        assertThat(Http.basic(port, f.head).get("/api/v1/incentives?month=2025-06&user=nobody_" + f.p)
                .status()).isEqualTo(404);
        assertThat(Http.anonymous(port).get(path).status()).isEqualTo(401);
        // The page and the export answer alike.
        Http otherHead = Http.session(port, f.headY);
        assertThat(otherHead.get("/incentives?month=2025-06&user=" + f.rm).status()).isEqualTo(404);
        assertThat(otherHead.get("/incentives/export.xlsx?month=2025-06&user=" + f.rm).status()).isEqualTo(404);
        // A risk officer earns nothing and sees approvals only: no statement, not even an empty one of their own.
        assertThat(Http.basic(port, "risk1").get("/api/v1/incentives").status()).isEqualTo(403);
        Http risk = Http.session(port, "risk1");
        assertThat(risk.get("/incentives").status()).isEqualTo(403);
        assertThat(risk.get("/incentives/export.csv").status()).isEqualTo(403);
    }

    @Test
    void theSameFiguresOnThePageInTheApiAndInTheExport() throws Exception {
        JsonNode api = get(f.head, "/api/v1/incentives?month=2025-06&user=" + f.rm);
        Http.Response page = Http.session(port, f.head).get("/incentives?month=2025-06&user=" + f.rm);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"incentive-total\">¥108.69<");
        for (JsonNode l : api.get("lines")) {
            assertThat(page.body()).contains("id=\"line-" + l.get("opportunityId").asLong() + "\"");
        }
        assertThat(page.body()).contains(">¥0.25<", ">¥0.27<", ">¥7.90<", ">¥100.00<", ">¥5.01<");
        // A retail customer's name is masked on the page.
        assertThat(page.body()).doesNotContain("提成客户1<");
        // June 2025 is under the rates the product ships with: said so, not as rates "from 2000-01".
        assertThat(page.body()).contains("2025-06 月 · 适用系统默认的提成比例").doesNotContain("适用 2000-01 起");

        HttpResponse<byte[]> xlsx = download(f.head, "/incentives/export.xlsx?month=2025-06&user=" + f.rm);
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet summary = wb.getSheetAt(0);
            assertThat(numbers(summary, 1)).contains(new BigDecimal("108.69"));
            Sheet lines = wb.getSheetAt(1);
            List<BigDecimal> amounts = new ArrayList<>();
            List<String> customers = new ArrayList<>();
            for (int i = 1; i <= lines.getLastRowNum(); i++) {
                Row r = lines.getRow(i);
                amounts.add(decimal(r.getCell(10)));
                customers.add(r.getCell(3).getStringCellValue());
            }
            List<BigDecimal> expected = new ArrayList<>();
            api.get("lines").forEach(l -> expected.add(l.get("amount").decimalValue()));
            assertThat(amounts).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(expected);
            assertThat(customers).allSatisfy(c -> assertThat(c).contains("*"));
        }
        assertThat(jdbc.queryForObject("""
                select count(*) from audit_log where action = 'EXPORT' and entity_type = 'incentive_statement'
                  and entity_id = '2025-06' and detail like ? and actor = ?""", Integer.class, "rm=" + f.rm + " %",
                f.head)).isEqualTo(1);
    }

    private HttpResponse<byte[]> download(String user, String path) throws Exception {
        // Exports are page addresses: sign in through the form and keep the session cookie.
        HttpClient client = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String base = "http://127.0.0.1:" + port;
        var login = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String csrf = org.jsoup.Jsoup.parse(login.body()).selectFirst("input[name=_csrf]").attr("value");
        client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password="
                        + java.net.URLEncoder.encode(Http.DEMO_PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf))
                .build(), HttpResponse.BodyHandlers.discarding());
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<BigDecimal> numbers(Sheet sheet, int column) {
        List<BigDecimal> out = new ArrayList<>();
        for (Row r : sheet) {
            Cell c = r.getCell(column);
            if (c != null && c.getCellType() == CellType.NUMERIC) {
                out.add(decimal(c));
            }
        }
        return out;
    }

    private static BigDecimal decimal(Cell c) {
        return BigDecimal.valueOf(c.getNumericCellValue()).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    @Test
    void badInputIsATranslatedFourHundredAndChangesNothing() {
        for (String month : List.of("2025-13", "2025-6", "abc", "2099-01", "1999-12", "2025-06-01")) {
            Http.Response r = Http.basic(port, f.rm).get("/api/v1/incentives?month=" + month);
            assertThat(r.status()).as(month).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("month");
        }
        assertThat(Http.basic(port, f.rm).language("en").get("/api/v1/incentives?month=2099-01").json()
                .get("errors").get(0).get("message").asText()).contains("month still to come");

        JsonNode before = get("admin", "/api/v1/admin/incentive-rates");
        int versions = jdbc.queryForObject("select count(*) from incentive_rate_version", Integer.class);
        Http admin = Http.basic(port, "admin");
        List<Object> bodies = List.of(
                Map.of("rates", Map.of("WEALTH", new BigDecimal("-0.01"))),
                Map.of("rates", Map.of("WEALTH", new BigDecimal("1.01"))),
                Map.of("rates", Map.of("GOLD", new BigDecimal("0.1"))),
                Map.of("referralReward", new BigDecimal("-1")),
                Map.of("rates", Map.of("WEALTH", "0.1")),
                Map.of("rates", List.of(1, 2)),
                Map.of("rates", Map.of("WEALTH", new BigDecimal("0.1"), "CARD", new BigDecimal("2"))),
                Map.of("referralRewards", 10),
                "[1]", "not json");
        for (Object body : bodies) {
            Http.Response r = admin.putJson("/api/v1/admin/incentive-rates", body);
            assertThat(r.status()).as(body.toString()).isEqualTo(400);
            assertThat(r.header("Content-Type")).contains("problem+json");
        }
        Http.Response both = admin.language("en").putJson("/api/v1/admin/incentive-rates", Map.of("rates",
                Map.of("WEALTH", new BigDecimal("0.1"), "NOPE", new BigDecimal("0.1")), "referralReward",
                new BigDecimal("-5")));
        List<String> fields = new ArrayList<>();
        both.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("rates.NOPE", "referralReward");
        assertThat(both.body()).contains("Unknown product category: NOPE");
        assertThat(get("admin", "/api/v1/admin/incentive-rates")).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from incentive_rate_version", Integer.class))
                .isEqualTo(versions);
        assertThat(Http.basic(port, f.rm).putJson("/api/v1/admin/incentive-rates", Map.of()).status())
                .isEqualTo(403);
    }

    @Test
    void theAdminPageRefusesABadRateWithItsMessageAndKeepsTheRates() {
        JsonNode before = get("admin", "/api/v1/admin/incentive-rates");
        Http admin = Http.session(port, "admin");
        Map<String, String> form = new LinkedHashMap<>();
        before.get("rates").properties().forEach(e -> form.put("rate." + e.getKey(),
                e.getValue().decimalValue().toPlainString()));
        form.put("rate.LOAN", "1.5");
        form.put("referralReward", "abc");
        form.put("version", before.get("version").asText());
        Http.Response r = admin.submit("/admin/incentive-rates", "/admin/incentive-rates", form);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("提成比例应为 0 到 1 之间的小数", "转介奖励应为 0 到 1,000,000 元之间的金额");
        assertThat(get("admin", "/api/v1/admin/incentive-rates")).isEqualTo(before);
    }
}
