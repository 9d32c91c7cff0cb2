package org.bankcrm.web.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bankcrm.service.imports.ImportService;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The data feeds through {@code POST /api/v1/imports/{kind}}: the contract's sample files with the counts they
 * imply, idempotence, the holdings snapshot, row and file rejections, tiers, and who may import.
 */
@CrmWebTest
class ImportApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ImportService imports;

    static byte[] sample(String name) {
        try (InputStream in = ImportApiTest.class.getResourceAsStream("/feeds/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts a feed as admin and waits until the run has finished; answers the final run. */
    JsonNode importFile(String kind, String fileName, byte[] content) {
        return Http.basic(port, "admin").importFeed(kind, fileName, content);
    }

    static void assertCounts(JsonNode run, long read, long inserted, long updated, long unchanged, long rejected) {
        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("DONE");
        assertThat(List.of(run.get("rowsRead").asLong(), run.get("inserted").asLong(), run.get("updated").asLong(),
                run.get("unchanged").asLong(), run.get("rejected").asLong()))
                .as(run.toString()).containsExactly(read, inserted, updated, unchanged, rejected);
    }

    @Test
    void theSampleFeedsImportWithTheCountsTheyImplyAndAgainChangeNothing() {
        assertCounts(importFile("customers", "customers.csv", sample("customers.csv")), 46, 46, 0, 0, 0);
        assertCounts(importFile("holdings", "holdings.csv", sample("holdings.csv")), 134, 134, 0, 0, 0);
        assertCounts(importFile("aum-history", "aum_history.csv", sample("aum_history.csv")), 261, 261, 0, 0, 0);

        assertCounts(importFile("customers", "customers.csv", sample("customers.csv")), 46, 0, 0, 46, 0);
        JsonNode holdings = importFile("holdings", "holdings.csv", sample("holdings.csv"));
        assertCounts(holdings, 134, 0, 0, 134, 0);
        assertThat(holdings.get("removed").asLong()).isZero();
        assertCounts(importFile("aum-history", "aum_history.csv", sample("aum_history.csv")), 261, 0, 0, 261, 0);

        // Tiers from the contract's thresholds, lower bounds inclusive.
        assertThat(tier("SR000008")).isEqualTo("GOLD");        // 50,000.00
        assertThat(tier("SR000007")).isEqualTo("MASS");        // 39,999.99
        assertThat(tier("SR000012")).isEqualTo("PRIVATE");     // 6,000,000.00
        assertThat(tier("SC00000")).isEqualTo("GENERAL");      // contribution 100,000.00
        assertThat(tier("SC00001")).isEqualTo("LONG_TAIL");    // 99,999.99
        assertThat(jdbc.queryForObject("select u.username from customer c join staff_user u on u.id = c.owner_id"
                + " where c.customer_no = 'SC00000'", String.class)).isEqualTo("rm1");
        assertThat(jdbc.queryForObject("select employer_no from customer where customer_no = 'SR000000'", String.class))
                .isEqualTo("SC00002");
    }

    @Test
    void theErrorSampleRejectsExactlyItsBadRowsEachReported() {
        JsonNode run = importFile("customers", "customers-with-errors.csv", sample("customers-with-errors.csv"));
        assertCounts(run, 17, 6, 0, 0, 11);
        List<Long> lines = new ArrayList<>();
        run.get("errors").forEach(e -> lines.add(e.get("line").asLong()));
        assertThat(lines).containsExactly(8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L);
        Map<Long, String> columns = new java.util.HashMap<>();
        run.get("errors").forEach(e -> columns.put(e.get("line").asLong(), e.get("column").asString()));
        assertThat(columns).containsEntry(8L, "type").containsEntry(9L, "birth_date").containsEntry(10L, "aum")
                .containsEntry(11L, "name").containsEntry(12L, "branch_code").containsEntry(13L, "birth_date")
                .containsEntry(14L, "owner_rm").containsEntry(15L, "aum").containsEntry(16L, "customer_no")
                .containsEntry(17L, "aum").containsEntry(18L, "customer_no");
        assertThat(run.get("errors").get(10).get("message").asString()).contains("7");
        assertThat(jdbc.queryForObject("select count(*) from customer where customer_no like 'EBAD%'"
                + " or customer_no = 'bad no!'", Integer.class)).isZero();

        // The rejected rows come back as a CSV to fix: the header and the eleven rows as they stood.
        Http page = Http.session(port, "admin");
        var csv = page.get("/admin/imports/" + run.get("id").asLong() + "/rejected.csv");
        assertThat(csv.status()).isEqualTo(200);
        String[] csvLines = csv.body().replace("\uFEFF", "").split("\r\n");
        assertThat(csvLines).hasSize(12);
        assertThat(csvLines[0]).startsWith("customer_no,type,name");
        assertThat(csvLines[1]).startsWith("EBAD1,PERSON");
        assertThat(csvLines[8]).startsWith("EBAD8,RETAIL,金额格式,,,1990-01-01,,,,BR001,,\"1,000.00\",,,15,aum,");

        // The report in English says the same in English.
        JsonNode en = Http.basic(port, "admin").language("en").get("/api/v1/imports/" + run.get("id").asLong()).json();
        assertThat(en.get("errors").get(4).get("message").asString()).isEqualTo("There is no branch NOPE999.");
    }

    @Test
    void headerProblemsRejectTheWholeFileAndChangeNothing() {
        String noName = "customer_no,type,branch_code,aum\nHX000001,RETAIL,BR001,100.00\n";
        JsonNode run = importFile("customers", "no-name.csv", noName.getBytes(StandardCharsets.UTF_8));
        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        assertThat(run.get("failure").asString()).contains("name");
        assertThat(run.get("errors").get(0).get("line").asLong()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from customer where customer_no = 'HX000001'", Integer.class))
                .isZero();

        byte[] binary = {(byte) 0x50, (byte) 0x4B, 3, 4, (byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0, 1, 2, '\n'};
        JsonNode notCsv = importFile("holdings", "report.xlsx", binary);
        assertThat(notCsv.get("status").asString()).isEqualTo("FAILED");
        assertThat(Http.basic(port, "admin").language("en").get("/api/v1/imports/" + notCsv.get("id").asLong()).json()
                .get("failure").asString()).contains("not a UTF-8 CSV");

        JsonNode empty = importFile("aum-history", "empty.csv", new byte[0]);
        assertThat(empty.get("status").asString()).isEqualTo("FAILED");

        String twice = "customer_no,type,name,branch_code,aum,aum\nHX000002,RETAIL,甲,BR001,100.00,200.00\n";
        JsonNode repeated = importFile("customers", "twice.csv", twice.getBytes(StandardCharsets.UTF_8));
        assertThat(repeated.get("status").asString()).isEqualTo("FAILED");
        assertThat(repeated.get("failure").asString()).contains("aum");
        assertThat(jdbc.queryForObject("select count(*) from customer where customer_no = 'HX000002'", Integer.class))
                .isZero();
    }

    /**
     * A rejected-rows download, fixed, re-imported and downloaded again has its line, column and reason columns
     * twice: columns the feed does not use are ignored however often they appear, so the loop never ends in a
     * refused header.
     */
    @Test
    void columnsTheFeedDoesNotUseMayRepeat() {
        String file = "customer_no,type,name,branch_code,aum,birth_date,_line,_column,_reason,_line,_column,_reason\n"
                + "HX000003,RETAIL,乙,BR001,100.00,1990-01-01,2,aum,旧原因,3,aum,更旧的原因\n";
        assertCounts(importFile("customers", "again.csv", file.getBytes(StandardCharsets.UTF_8)), 1, 1, 0, 0, 0);
    }

    /**
     * A file's name travels in its part's headers, which Tomcat limited to 512 bytes: 150 Chinese characters were
     * refused as "file too large". A name about as long as a file system allows (254 characters) imports, and the
     * run keeps it.
     */
    @Test
    void aFileNameAboutAsLongAsAFileSystemAllowsIsTaken() {
        String name = "客户".repeat(125) + ".csv";
        String file = "customer_no,type,name,branch_code,aum,birth_date\nLN000001,RETAIL,长名,BR001,1,1990-01-01\n";
        JsonNode run = importFile("customers", name, file.getBytes(StandardCharsets.UTF_8));
        assertCounts(run, 1, 1, 0, 0, 0);
        assertThat(run.get("fileName").asString()).isEqualTo(name);
    }

    @Test
    void quotingByteOrderMarksAndCrLfAreReadAsTheContractSays() {
        String file = "\uFEFFbranch_code,customer_no,name,type,aum,birth_date,extra_column\r\n"
                + "BR001,QT000001,\"张, \"\"三\"\"\",RETAIL,600000.00,1980-02-29,ignored\r\n"
                + "\r\n"
                + "BR001,QT000002,\"多行\n名字\",RETAIL,0,1970-01-01,x\r\n"
                + "BR001,QT000003,\"坏\"引号,RETAIL,1,1970-01-01,x\r\n";
        JsonNode run = importFile("customers", "quoted.csv", file.getBytes(StandardCharsets.UTF_8));
        assertCounts(run, 3, 2, 0, 0, 1);
        assertThat(run.get("errors").get(0).get("line").asLong()).isEqualTo(6);
        assertThat(jdbc.queryForObject("select name from customer where customer_no = 'QT000001'", String.class))
                .isEqualTo("张, \"三\"");
        assertThat(jdbc.queryForObject("select name from customer where customer_no = 'QT000002'", String.class))
                .isEqualTo("多行\n名字");
        assertThat(tier("QT000001")).isEqualTo("PLATINUM");

        // A changed amount moves the tier and counts as an update; the same file again changes nothing.
        String lower = "customer_no,type,name,branch_code,aum,birth_date\nQT000001,RETAIL,\"张, \"\"三\"\"\",BR001,40000,1980-02-29\n";
        assertCounts(importFile("customers", "lower.csv", lower.getBytes(StandardCharsets.UTF_8)), 1, 0, 1, 0, 0);
        assertThat(tier("QT000001")).isEqualTo("MASS");
        assertCounts(importFile("customers", "lower.csv", lower.getBytes(StandardCharsets.UTF_8)), 1, 0, 0, 1, 0);

        String typeChange = "customer_no,type,name,branch_code,aum,annual_contribution\nQT000001,CORPORATE,张三,BR001,1,1\n";
        JsonNode refused = importFile("customers", "type.csv", typeChange.getBytes(StandardCharsets.UTF_8));
        assertCounts(refused, 1, 0, 0, 0, 1);
        assertThat(refused.get("errors").get(0).get("column").asString()).isEqualTo("type");
    }

    /**
     * PostgreSQL stores no NUL in text: a row with one is rejected on its own, naming each column that holds one (and
     * its broken quoting, if any), and the run goes on (it failed).
     */
    @Test
    void aRowWithANulCharacterIsRejectedAndTheOthersApplied() {
        String file = "customer_no,type,name,branch_code,aum,birth_date\n"
                + "NU000001,RETAIL,空\0字符,BR001,100.00,1990-01-01\n"
                + "NU000002,RETAIL,好,BR001,100.00,1990-01-01\n"
                + "NU0\u00000003,RETAIL,\"引\0号\",BR001,100.00,1990-01-01\n"
                + "NU000005,RETAIL,\"坏\0\"引号,BR001,100.00,1990-01-01\n";
        JsonNode run = importFile("customers", "nul.csv", file.getBytes(StandardCharsets.UTF_8));
        assertThat(run.get("status").asString()).isEqualTo("DONE");
        assertCounts(run, 4, 1, 0, 0, 3);
        JsonNode en = Http.basic(port, "admin").language("en").get("/api/v1/imports/" + run.get("id").asLong()).json();
        List<String> found = new ArrayList<>();
        en.get("errors").forEach(e -> found.add(e.get("line").asLong() + " " + (e.hasNonNull("column")
                ? e.get("column").asString() : "-") + " " + e.get("message").asString().substring(0, 14)));
        assertThat(found).containsExactly("2 name Holds a NUL ch", "4 customer_no Holds a NUL ch",
                "4 name Holds a NUL ch", "5 - Unbalanced quo", "5 - Holds a NUL ch");
        assertThat(jdbc.queryForList("select customer_no from customer where customer_no like 'NU%'", String.class))
                .containsExactly("NU000002");

        String[] csv = Http.session(port, "admin").get("/admin/imports/" + run.get("id").asLong() + "/rejected.csv")
                .body().replace("\uFEFF", "").split("\r\n");
        assertThat(csv).hasSize(4);
        assertThat(csv[1]).startsWith("NU000001,RETAIL,空\uFFFD字符,BR001,");
        assertThat(csv[2]).startsWith("NU0\uFFFD0003,RETAIL,引\uFFFD号,BR001,");

        // A holdings line with a NUL also gets the snapshot's reason, whose text is read from the file once more.
        String holdings = "customer_no,product_code,balance,opened_on\n"
                + "NU000002,DEP_DEMAND,100.00,2024-01-01\n"
                + "NU000002,WEALTH,1\0,2024-01-01\n";
        JsonNode snapshot = importFile("holdings", "nul-holdings.csv", holdings.getBytes(StandardCharsets.UTF_8));
        assertCounts(snapshot, 2, 1, 0, 0, 1);
        assertThat(messages(snapshot)).hasSize(2);
        String[] held = Http.session(port, "admin").get("/admin/imports/" + snapshot.get("id").asLong()
                + "/rejected.csv").body().replace("\uFEFF", "").split("\r\n");
        assertThat(held).anyMatch(line -> line.startsWith("NU000002,WEALTH,1\uFFFD,2024-01-01,3,"));
    }

    @Test
    void holdingsAreASnapshotPerCustomerAndReferencesAreChecked() {
        String customers = """
                customer_no,type,name,branch_code,aum,birth_date,employer_no,owner_rm
                HS000001,RETAIL,持有一,BR001,1000,1980-01-01,,rm1
                HS000002,RETAIL,持有二,BR001,1000,1980-01-01,,
                HS000003,RETAIL,雇员,BR001,1000,1980-01-01,HS000001,
                """;
        JsonNode c = importFile("customers", "hs.csv", customers.getBytes(StandardCharsets.UTF_8));
        assertCounts(c, 3, 2, 0, 0, 1);
        assertThat(c.get("errors").get(0).get("column").asString()).isEqualTo("employer_no");

        String first = """
                customer_no,product_code,balance,opened_on,maturity_date
                HS000001,DEP_TIME,100000.00,2026-01-01,2027-01-01
                HS000001,FUND,5000,2025-06-01,
                HS000002,CARD_CREDIT,0,2024-01-01,
                """;
        assertCounts(importFile("holdings", "h1.csv", first.getBytes(StandardCharsets.UTF_8)), 3, 3, 0, 0, 0);
        String second = """
                customer_no,product_code,balance,opened_on,maturity_date
                HS000001,DEP_TIME,120000.00,2026-01-01,2027-01-01
                HS000001,DEP_TIME,1,2026-01-01,
                HS000001,NOPE,1,2026-01-01,
                HS999999,FUND,1,2026-01-01,
                HS000001,WEALTH,1,2026-03-01,2026-02-01
                """;
        JsonNode snapshot = importFile("holdings", "h2.csv", second.getBytes(StandardCharsets.UTF_8));
        assertCounts(snapshot, 5, 0, 1, 0, 4);
        // The NOPE line of HS000001 does not say which holding it is: none of HS000001's holdings is removed
        // (the report says so); HS000002 is not in the file and keeps its card.
        assertThat(snapshot.get("removed").asLong()).isZero();
        assertThat(messages(snapshot)).anyMatch(m -> m.contains("HS000001"));
        assertThat(jdbc.queryForList("select h.product_code || ':' || h.balance from holding h join customer c"
                + " on c.id = h.customer_id where c.customer_no like 'HS%' order by 1", String.class))
                .containsExactly("CARD_CREDIT:0.00", "DEP_TIME:120000.00", "FUND:5000.00");

        String third = """
                customer_no,product_code,balance,opened_on,maturity_date
                HS000001,DEP_TIME,120000.00,2026-01-01,2027-01-01
                """;
        JsonNode whole = importFile("holdings", "h3.csv", third.getBytes(StandardCharsets.UTF_8));
        assertCounts(whole, 1, 0, 0, 1, 0);
        assertThat(whole.get("removed").asLong()).isEqualTo(1);   // HS000001's FUND; HS000002 keeps its card
        assertThat(jdbc.queryForList("select h.product_code || ':' || h.balance from holding h join customer c"
                + " on c.id = h.customer_id where c.customer_no like 'HS%' order by 1", String.class))
                .containsExactly("CARD_CREDIT:0.00", "DEP_TIME:120000.00");

        String aum = "customer_no,month,avg_aum\nHS000001,2026-10,100.5\nHS000001,2026-13,1\nHS000001,2026-10,2\n";
        JsonNode a = importFile("aum-history", "a.csv", aum.getBytes(StandardCharsets.UTF_8));
        assertCounts(a, 3, 1, 0, 0, 2);
    }

    @Test
    void aRejectedHoldingsLineNeverCostsTheHoldingItNamesAndTheDownloadIsTheWholeSnapshotToImportAgain() {
        String customers = """
                customer_no,type,name,branch_code,aum,birth_date
                HK000001,RETAIL,快照一,BR001,1000,1980-01-01
                HK000002,RETAIL,快照二,BR001,1000,1980-01-01
                HK000003,RETAIL,快照三,BR001,1000,1980-01-01
                """;
        assertCounts(importFile("customers", "hk.csv", customers.getBytes(StandardCharsets.UTF_8)), 3, 3, 0, 0, 0);
        String first = """
                customer_no,product_code,balance,opened_on,maturity_date
                HK000001,DEP_TIME,100,2026-01-01,
                HK000001,FUND,5000,2025-06-01,
                HK000001,WEALTH,7,2025-01-01,
                HK000002,DEP_TIME,1,2026-01-01,
                HK000002,FUND,2,2025-06-01,
                HK000003,FUND,3,2025-06-01,
                HK000003,WEALTH,4,2025-01-01,
                """;
        assertCounts(importFile("holdings", "hk1.csv", first.getBytes(StandardCharsets.UTF_8)), 7, 7, 0, 0, 0);

        // HK000001: a typo in the balance of its FUND line; WEALTH is not in the file.
        // HK000002: its only line (FUND) is rejected; DEP_TIME is not in the file.
        // HK000003: its only line names an unknown product: which holding it means cannot be told.
        String second = """
                customer_no,product_code,balance,opened_on,maturity_date
                HK000001,DEP_TIME,100,2026-01-01,
                HK000001,FUND,"5,000.00",2025-06-01,
                HK000002,FUND,abc,2025-06-01,
                HK000003,FUDN,3,2025-06-01,
                """;
        JsonNode run = importFile("holdings", "hk2.csv", second.getBytes(StandardCharsets.UTF_8));
        assertCounts(run, 4, 0, 0, 1, 3);
        assertThat(run.get("removed").asLong()).isEqualTo(2);
        assertThat(holdings("HK%")).containsExactly(
                "HK000001 DEP_TIME 100.00", "HK000001 FUND 5000.00",
                "HK000002 FUND 2.00",
                "HK000003 FUND 3.00", "HK000003 WEALTH 4.00");
        JsonNode en = Http.basic(port, "admin").language("en").get("/api/v1/imports/" + run.get("id").asLong()).json();
        assertThat(messages(en))
                .contains("The holdings snapshot of customer HK000001 was applied in part: the holdings named on"
                        + " rejected lines were left as they were, and holdings not in this file were removed. Fix the"
                        + " downloaded rejected rows (they include every line of this customer) and import that file.")
                .anyMatch(m -> m.startsWith("The holdings snapshot of customer HK000002 was applied in part"))
                .anyMatch(m -> m.startsWith("A rejected line of customer HK000003 does not say which holding"));

        // The download holds every line of these customers, the imported one too, each with its reasons.
        var download = Http.session(port, "admin").get("/admin/imports/" + run.get("id").asLong() + "/rejected.csv?lang=en");
        assertThat(download.status()).isEqualTo(200);
        String csv = download.body().replace("\uFEFF", "");
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).isEqualTo("customer_no,product_code,balance,opened_on,maturity_date,_line,_column,_reason");
        assertThat(lines[1]).startsWith("HK000001,DEP_TIME,100,2026-01-01,,2,,Imported; listed so that");
        assertThat(lines[2]).startsWith("HK000001,FUND,\"5,000.00\",2025-06-01,,3,balance customer_no,\"Amount 5,000.00");
        assertThat(lines[4]).startsWith("HK000003,FUDN,3,2025-06-01,,5,product_code customer_no,\"Unknown code: FUDN");

        // Fixed and imported again, the extra columns are ignored and nothing the customers hold is lost.
        String fixed = csv.replace("\"5,000.00\"", "5000").replace(",abc,", ",2,").replace("FUDN", "FUND");
        JsonNode again = importFile("holdings", "hk2-fixed.csv", fixed.getBytes(StandardCharsets.UTF_8));
        assertCounts(again, 4, 0, 0, 4, 0);
        assertThat(again.get("removed").asLong()).isEqualTo(1);   // HK000003's WEALTH: not in the file
        assertThat(holdings("HK%")).containsExactly(
                "HK000001 DEP_TIME 100.00", "HK000001 FUND 5000.00", "HK000002 FUND 2.00", "HK000003 FUND 3.00");
    }

    @Test
    void aKeyRepeatingARejectedRowIsRejectedInEveryFeed() {
        String customers = """
                customer_no,type,name,branch_code,aum,birth_date
                RK000001,RETAIL,重复,BR001,abc,1990-01-01
                RK000001,RETAIL,重复,BR001,1,1990-01-01
                RK000002,RETAIL,重复,BR001,1,1990-01-01
                """;
        JsonNode c = importFile("customers", "rk.csv", customers.getBytes(StandardCharsets.UTF_8));
        assertCounts(c, 3, 1, 0, 0, 2);
        assertThat(c.get("errors").get(1).get("line").asLong()).isEqualTo(3);
        assertThat(c.get("errors").get(1).get("column").asString()).isEqualTo("customer_no");
        assertThat(c.get("errors").get(1).get("message").asString()).contains("2");
        assertThat(jdbc.queryForObject("select count(*) from customer where customer_no = 'RK000001'", Integer.class))
                .isZero();

        String holdings = """
                customer_no,product_code,balance,opened_on,maturity_date
                RK000002,FUND,-1,2025-06-01,
                RK000002,FUND,10,2025-06-01,
                RK000002,DEP_TIME,10,2025-06-01,
                """;
        JsonNode h = importFile("holdings", "rk-h.csv", holdings.getBytes(StandardCharsets.UTF_8));
        assertCounts(h, 3, 1, 0, 0, 2);
        assertThat(lineAndColumnOf(h)).contains("3 customer_no");
        assertThat(holdings("RK%")).containsExactly("RK000002 DEP_TIME 10.00");

        String aum = "customer_no,month,avg_aum\nRK000002,2026-09,1.234\nRK000002,2026-09,5\nRK000002,2026-08,5\n";
        JsonNode a = importFile("aum-history", "rk-a.csv", aum.getBytes(StandardCharsets.UTF_8));
        assertCounts(a, 3, 1, 0, 0, 2);
        assertThat(lineAndColumnOf(a)).contains("3 customer_no");
        assertThat(jdbc.queryForList("select to_char(month, 'YYYY-MM') from aum_monthly m join customer c"
                + " on c.id = m.customer_id where c.customer_no = 'RK000002'", String.class)).containsExactly("2026-08");
    }

    @Test
    void theDownloadGivesTheReasonOfEveryRejectedRowInTheReadersLanguage() {
        StringBuilder file = new StringBuilder("customer_no,type,name,branch_code,aum,birth_date\n");
        int bad = ImportService.ERRORS_SHOWN + 50;
        for (int i = 0; i < bad; i++) {
            file.append("DL").append(String.format("%06d", i)).append(",RETAIL,下载,NOPE").append(i).append(",1,1990-01-01\n");
        }
        JsonNode run = importFile("customers", "dl.csv", file.toString().getBytes(StandardCharsets.UTF_8));
        assertCounts(run, bad, 0, 0, 0, bad);
        assertThat(run.get("errors")).hasSize(ImportService.ERRORS_SHOWN);
        long id = run.get("id").asLong();

        String[] zh = Http.session(port, "admin").get("/admin/imports/" + id + "/rejected.csv").body()
                .replace("\uFEFF", "").split("\r\n");
        assertThat(zh).hasSize(bad + 1);
        assertThat(zh[0]).isEqualTo("customer_no,type,name,branch_code,aum,birth_date,_行号,_列,_原因");
        assertThat(zh[bad]).isEqualTo("DL001049,RETAIL,下载,NOPE1049,1,1990-01-01," + (bad + 1)
                + ",branch_code,网点 NOPE1049 不存在。");
        String[] en = Http.session(port, "admin").get("/admin/imports/" + id + "/rejected.csv?lang=en").body()
                .replace("\uFEFF", "").split("\r\n");
        assertThat(en[bad]).endsWith(",branch_code,There is no branch NOPE1049.");
    }

    @Test
    void theRejectedRowsReportMasksPersonalDataRunsNoFormulaAndIsAudited() {
        String file = "customer_no,type,name,id_no,phone,branch_code,aum,birth_date\n"
                + "MK000001,RETAIL,=HYPERLINK(\"http://x\"),110105199001010021,13812348000,NOPE1,1,1990-01-01\n"
                + "MK000002,RETAIL,@SUM(A1),,+86 138-1234-8000,NOPE2,1,1990-01-01\n"
                + "MK000003,RETAIL,\"unclosed 13912345678,,,NOPE3,1,1990-01-01\n";
        JsonNode run = importFile("customers", "mk.csv", file.getBytes(StandardCharsets.UTF_8));
        long id = run.get("id").asLong();
        String csv = Http.session(port, "admin").get("/admin/imports/" + id + "/rejected.csv").body();
        assertThat(csv).doesNotContain("110105199001010021").doesNotContain("13812348000")
                .doesNotContain("138-1234-8000").doesNotContain("13912345678");
        String[] lines = csv.replace("\uFEFF", "").split("\r\n");
        assertThat(lines[1]).startsWith("MK000001,RETAIL,\"'=HYPERLINK(\"\"http://x\"\")\",110105********0021,138****8000,NOPE1,");
        assertThat(lines[2]).startsWith("MK000002,RETAIL,'@SUM(A1),,'+86**********8000,NOPE2,");
        assertThat(jdbc.queryForObject("""
                select count(*) from audit_log where action = 'EXPORT' and entity_type = 'import_run'
                and entity_id = ? and actor = 'admin'""", Long.class, String.valueOf(id))).isEqualTo(1);
    }

    private static List<String> messages(JsonNode run) {
        List<String> messages = new ArrayList<>();
        run.get("errors").forEach(e -> messages.add(e.get("message").asString()));
        return messages;
    }

    private static List<String> lineAndColumnOf(JsonNode run) {
        List<String> found = new ArrayList<>();
        run.get("errors").forEach(e -> found.add(e.get("line").asLong() + " " + e.get("column").asString()));
        return found;
    }

    private List<String> holdings(String customerPattern) {
        return jdbc.queryForList("select c.customer_no || ' ' || h.product_code || ' ' || h.balance from holding h"
                + " join customer c on c.id = h.customer_id where c.customer_no like ? order by 1", String.class,
                customerPattern);
    }

    @Test
    void onlyAdminsImport() {
        byte[] file = sample("aum_history.csv");
        for (String user : List.of("rm1", "head1", "teller1")) {
            assertThat(Http.basic(port, user).postFile("/api/v1/imports/customers", "file", "a.csv", file, Map.of())
                    .status()).as(user).isEqualTo(403);
            assertThat(Http.basic(port, user).get("/api/v1/imports/1").status()).as(user).isEqualTo(403);
            assertThat(Http.session(port, user).get("/admin/imports").status()).as(user).isEqualTo(403);
        }
        assertThat(Http.anonymous(port).postFile("/api/v1/imports/customers", "file", "a.csv", file, Map.of())
                .status()).isEqualTo(401);
        Http admin = Http.basic(port, "admin");
        assertThat(admin.postFile("/api/v1/imports/accounts", "file", "a.csv", file, Map.of()).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/imports/999999999").status()).isEqualTo(404);
        var noFile = admin.postFile("/api/v1/imports/customers", "other", "a.csv", file, Map.of());
        assertThat(noFile.status()).isEqualTo(400);
        assertThat(noFile.header("Content-Type")).contains("problem+json");
    }

    @Test
    void aRunLeftRunningByAStoppedNodeIsMarkedFailed() {
        Long id = jdbc.queryForObject("""
                insert into import_run (kind, status, phase, file_name, started_by, started_at, heartbeat_at)
                values ('CUSTOMERS', 'RUNNING', 'READING', 'lost.csv', 'admin', now() - interval '1 hour',
                        now() - interval '10 minutes') returning id""", Long.class);
        // The heartbeat (every 30 s) checks for stale runs too and may get there first: assert what the row ends as.
        imports.failStale();
        assertThat(jdbc.queryForObject("select status || ' ' || failure from import_run where id = ?", String.class, id))
                .isEqualTo("FAILED import.interrupted");
    }

    @Test
    void theImportPagesShowTheReportInBothLanguages() {
        JsonNode run = importFile("customers", "page.csv",
                "customer_no,type,name,branch_code,aum,birth_date\nPG000001,RETAIL,页,BR001,1,1990-01-01\nPG000002,RETAIL,页,NOPE,1,1990-01-01\n"
                        .getBytes(StandardCharsets.UTF_8));
        long id = run.get("id").asLong();
        Http admin = Http.session(port, "admin");
        String zh = admin.get("/admin/imports/" + id).body();
        assertThat(zh).contains("已完成").contains("网点 NOPE 不存在").contains("下载被拒绝的行").doesNotContain("??");
        String en = admin.get("/admin/imports/" + id + "?lang=en").body();
        assertThat(en).contains("Done").contains("There is no branch NOPE.").doesNotContain("??");
        assertThat(admin.get("/admin/imports").body()).contains("page.csv").doesNotContain("??");
        assertThat(admin.get("/admin/imports/" + id + "/progress").body()).contains("import-report");
    }

    private String tier(String customerNo) {
        return jdbc.queryForObject("select tier from customer where customer_no = ?", String.class, customerNo);
    }
}
