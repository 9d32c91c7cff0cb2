package org.bankcrm.web.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The same coverage figures on the page, in the API and in the Excel export; the drill-down and its export. */
@CrmWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoveragePageTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    CoverageFixture f;

    @BeforeAll
    void seed() {
        f = new CoverageFixture(jdbc, port);
    }

    private HttpClient signedIn(String user) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String base = "http://127.0.0.1:" + port;
        var login = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        String csrf = Jsoup.parse(login.body()).selectFirst("input[name=_csrf]").attr("value");
        client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password="
                        + URLEncoder.encode(Http.DEMO_PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf))
                .build(), HttpResponse.BodyHandlers.discarding());
        return client;
    }

    private HttpResponse<String> page(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private byte[] bytes(HttpClient client, String path) throws Exception {
        var res = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(res.statusCode()).as(path).isEqualTo(200);
        return res.body();
    }

    private static String cells(Row r, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Cell c = r.getCell(i);
            out.add(c == null ? "" : switch (c.getCellType()) {
                case NUMERIC -> String.valueOf(c.getNumericCellValue());
                default -> c.getStringCellValue();
            });
        }
        return String.join("|", out);
    }

    @Test
    void pageApiAndExportShowTheSameFigures() throws Exception {
        HttpClient head = signedIn(f.head);
        Document doc = Jsoup.parse(page(head, "/coverage?asOf=2026-06-30").body());
        JsonNode api = Http.basic(port, f.head).get("/api/v1/coverage?asOf=2026-06-30").json();
        List<String> fromPage = new ArrayList<>();
        for (Element tr : doc.select("#coverage-by-tier tbody tr")) {
            fromPage.add(tr.attr("data-tier") + " " + tr.selectFirst(".cov-customers").text() + "/"
                    + tr.selectFirst(".cov-covered").text() + " " + tr.selectFirst(".cov-uncovered").text() + " "
                    + tr.selectFirst(".cov-rate").text());
        }
        List<String> fromApi = new ArrayList<>();
        for (JsonNode t : api.get("byTier")) {
            long n = t.get("customers").asLong();
            long c = t.get("covered").asLong();
            fromApi.add(t.get("tier").asText() + " " + n + "/" + c + " " + (n - c) + " "
                    + (t.get("coverageRate").isNull() ? "—" : t.get("coverageRate").decimalValue()
                    .movePointRight(2).setScale(1, java.math.RoundingMode.HALF_UP) + "%"));
        }
        assertThat(fromPage).isEqualTo(fromApi).contains("PRIVATE 4/2 2 50.0%", "PLATINUM 3/1 2 33.3%",
                "KEY 0/0 0 —");
        assertThat(doc.selectFirst("#coverage-total-rate").text()).isEqualTo("45.5%");
        assertThat(doc.selectFirst("#coverage-total-uncovered").text()).isEqualTo("6");
        List<String> rms = new ArrayList<>();
        for (Element tr : doc.select("#coverage-by-rm tbody tr")) {
            rms.add(tr.attr("data-rm") + " " + tr.selectFirst(".cov-customers").text() + "/"
                    + tr.selectFirst(".cov-covered").text() + " " + tr.selectFirst(".cov-uncovered").text());
        }
        assertThat(rms).containsExactly(f.rmA + " 7/3 4", f.rmB + " 2/1 1", "- 2/1 1");

        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes(head,
                doc.selectFirst("#coverage-xlsx").attr("href"))))) {
            Sheet tiers = wb.getSheetAt(0);
            List<String> rows = new ArrayList<>();
            for (int i = 1; i <= tiers.getLastRowNum(); i++) {
                rows.add(cells(tiers.getRow(i), 6));
            }
            // PRIVATE: 4 customers, 2 covered, 2 uncovered, 0.5 as a percentage cell; the total last.
            assertThat(rows).contains("私人银行|30.0|4.0|2.0|2.0|0.5", "白金|60.0|3.0|1.0|2.0|0.3333",
                    "合计||11.0|5.0|6.0|0.4545");
            Sheet byRm = wb.getSheetAt(1);
            assertThat(cells(byRm.getRow(1), 6)).isEqualTo("覆盖测试甲|" + f.rmA + "|7.0|3.0|4.0|0.4286");
            assertThat(byRm.getLastRowNum()).isEqualTo(3);
        }
    }

    @Test
    void theDrillDownListsAnRmsUncoveredCustomersAndExportsThem() throws Exception {
        HttpClient head = signedIn(f.head);
        Document doc = Jsoup.parse(page(head, "/coverage?asOf=2026-06-30").body());
        String link = doc.selectFirst("#coverage-by-rm tr[data-rm=\"" + f.rmA + "\"] a.cov-uncovered").attr("href");
        assertThat(link).contains("owner=" + f.rmA).contains("asOf=2026-06-30");
        Document list = Jsoup.parse(page(head, link).body());
        List<String> rows = new ArrayList<>();
        for (Element tr : list.select("#uncovered-table tbody tr")) {
            rows.add(tr.attr("data-customer"));
        }
        assertThat(rows).containsExactly(f.no("A3"), f.no("A7"), f.no("A6"), f.no("A2"));
        assertThat(list.text()).contains("逾期 61 天").contains("尚无达标联系");
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes(head,
                list.selectFirst("#uncovered-xlsx").attr("href"))))) {
            Sheet s = wb.getSheetAt(0);
            assertThat(s.getLastRowNum()).isEqualTo(4);
            // Retail names masked in the file; the never-contacted first; the RM by display name (D35).
            assertThat(cells(s.getRow(1), 7)).isEqualTo(f.no("A3") + "|覆*****|私人银行|覆盖测试甲|尚无达标联系||");
            assertThat(cells(s.getRow(3), 7)).isEqualTo(f.no("A6") + "|覆*****|白金|覆盖测试甲"
                    + "|2026-03-01|2026-04-30|61.0");
        }
        // The unowned row's link lists U1 only; a tier's link that tier's.
        String unowned = doc.selectFirst("#coverage-by-rm tr[data-rm=\"-\"] a.cov-uncovered").attr("href");
        assertThat(Jsoup.parse(page(head, unowned).body()).select("#uncovered-table tbody tr").eachAttr(
                "data-customer")).containsExactly(f.no("U1"));
        String diamond = doc.selectFirst("#coverage-by-tier tr[data-tier=DIAMOND] a.cov-uncovered").attr("href");
        assertThat(Jsoup.parse(page(head, diamond).body()).select("#uncovered-table tbody tr").eachAttr(
                "data-customer")).containsExactly(f.no("U1"));
    }

    @Test
    void anRmSeesTheirOwnBookAndBadInputIsRefused() throws Exception {
        HttpClient rm = signedIn(f.rmA);
        Document doc = Jsoup.parse(page(rm, "/coverage?asOf=2026-06-30").body());
        assertThat(doc.selectFirst("#coverage-total").text()).isEqualTo("已覆盖 3 / 7 户");
        assertThat(doc.select("#branch")).isEmpty();
        assertThat(page(rm, "/coverage?asOf=2026-06-31").statusCode()).isEqualTo(400);
        assertThat(page(rm, "/coverage/uncovered?tier=NOPE").statusCode()).isEqualTo(400);
        assertThat(page(rm, "/coverage?owner=" + f.rmB).statusCode()).isEqualTo(403);
        assertThat(page(signedIn(f.head), "/coverage?branch=" + f.branchY).statusCode()).isEqualTo(403);
    }
}
