package org.bankcrm.web.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bankcrm.service.imports.CsvReader;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Generated feed files through {@code POST /api/v1/imports/{kind}}: headers in any order with extra, missing or
 * repeated columns, cells that are plausible or hostile (formulas, quotes, line breaks, NUL characters, overlong
 * text, bad dates and amounts), broken quoting, and now and then bytes that are no UTF-8. Each run must end either
 * {@code DONE} with counts that add up, or {@code FAILED} with one of the refusals the feed contract names, never
 * on a system error (an incident). The customers a file creates belong to this test ({@code FZ…}); holdings and AUM
 * history name only them, so the snapshot never removes another test's holdings. {@code -Dfuzz.feeds=N} sets the
 * number of files, {@code -Dfuzz.seed=S} the seed (shared with {@code FuzzTest}).
 */
@CrmWebTest
class FeedFuzzTest {

    private static final int FILES = Integer.getInteger("fuzz.feeds", 12);
    private static final long SEED = Long.getLong("fuzz.seed", 20261206L);

    private static final Map<String, List<String>> REQUIRED = Map.of(
            "customers", List.of("customer_no", "type", "name", "branch_code", "aum"),
            "holdings", List.of("customer_no", "product_code", "balance", "opened_on"),
            "aum-history", List.of("customer_no", "month", "avg_aum"));
    private static final Map<String, List<String>> OPTIONAL = Map.of(
            "customers", List.of("id_no", "phone", "birth_date", "employer_no", "industry", "company_size",
                    "owner_rm", "annual_contribution", "last_txn_on"),
            "holdings", List.of("maturity_date"),
            "aum-history", List.of());

    private static final List<String> HOSTILE = List.of("", " ", "0", "-1", "-0.01", "1e309", "NaN",
            "99999999999999999999999.99", "1,000.00", "2026-02-30", "2026-13", "9999-12-31", "0000-00-00", "RETAIL",
            "CORPORATE", "WEALTH", "NOPE", "BR001", "admin", "=HYPERLINK(\"http://x\")", "+cmd", "@SUM(A1)",
            "-1+1", "\t=1", "\"", "\"\"", ",", "a\nb", "a\r\nb", "\u0000", "x\u0000y", "\u202e\u0631", "𠀀𠀁", "中文客户",
            "a".repeat(200), "110105199001010021", "+86 138-1234-8000", "'; drop table customer; --", "${7*7}",
            "****", "110105********0021", "\uFEFF", "\u00a0100.00");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final Random random = new Random(SEED);
    private final List<String> ours = new ArrayList<>();

    @Test
    void generatedFeedsEndInAReportOrANamedRefusalNeverAnIncident() throws Exception {
        Http admin = Http.basic(port, "admin").language("en");
        // Customers of our own first, so that holdings and AUM history have someone to name.
        StringBuilder seed = new StringBuilder("customer_no,type,name,branch_code,aum,birth_date\n");
        for (int i = 0; i < 5; i++) {
            String no = tag() + "S" + i;
            ours.add(no);
            seed.append(no).append(",RETAIL,模糊测试,BR001,1000.00,1990-01-01\n");
        }
        JsonNode first = admin.importFeed("customers", "fuzz.csv",
                seed.toString().getBytes(StandardCharsets.UTF_8));
        ImportApiTest.assertCounts(first, 5, first.get("inserted").asLong(), first.get("updated").asLong(),
                first.get("unchanged").asLong(), 0);

        List<String> kinds = List.of("customers", "holdings", "aum-history");
        List<String> failures = new ArrayList<>();
        int done = 0;
        int refused = 0;
        long rows = 0;
        long rejected = 0;
        int nulRejected = 0;
        for (int f = 0; f < FILES; f++) {
            String kind = kinds.get(random.nextInt(kinds.size()));
            byte[] file = file(kind);
            JsonNode result = admin.importFeed(kind, "fuzz.csv", file);
            String status = result.get("status").asString();
            if (status.equals("DONE")) {
                done++;
                long read = result.get("rowsRead").asLong();
                long counted = result.get("inserted").asLong() + result.get("updated").asLong()
                        + result.get("unchanged").asLong() + result.get("rejected").asLong();
                rows += read;
                rejected += result.get("rejected").asLong();
                if (counted != read) {
                    failures.add(kind + " file " + f + ": counts do not add up to " + read + ": " + result);
                }
                for (JsonNode error : result.get("errors")) {
                    nulRejected += error.get("message").asString().startsWith("Holds a NUL character") ? 1 : 0;
                }
                // The download holds the header and each rejected line (holdings: also the snapshot's applied lines).
                var download = Http.session(port, "admin").get("/admin/imports/" + result.get("id").asLong()
                        + "/rejected.csv");
                long records = records(download.body());
                long expected = 1 + result.get("rejected").asLong();
                if (download.status() != 200 || records < expected || !kind.equals("holdings") && records != expected) {
                    failures.add(kind + " file " + f + ": the rejected rows answered " + download.status() + " with "
                            + records + " records for " + expected);
                }
            } else {
                refused++;
                String failure = result.path("failure").asString();
                if (failure.contains("incident") || !isNamedRefusal(failure)) {
                    failures.add(kind + " file " + f + " failed: " + failure);
                }
            }
        }
        System.out.printf("FEED-FUZZ files=%d done=%d refused=%d rows=%d rejected=%d nul=%d failures=%d%n",
                FILES, done, refused, rows, rejected, nulRejected, failures.size());
        assertThat(failures).isEmpty();
        assertThat(done).as("files imported").isPositive();
        assertThat(rejected).as("rows rejected").isPositive();
        if (FILES >= 12) {
            assertThat(nulRejected).as("values rejected for a NUL").isPositive();
            assertThat(refused).as("files refused").isPositive();
        }
    }

    /** The records of a CSV download, read as the feeds are (a quoted field may hold a line break). */
    private static long records(String csv) throws IOException {
        long n = 0;
        try (CsvReader in = new CsvReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
            while (in.next() != null) {
                n++;
            }
        }
        return n;
    }

    private static boolean isNamedRefusal(String failure) {
        return failure.startsWith("The file is empty") || failure.startsWith("The file is not a UTF-8 CSV file")
                || failure.startsWith("The header lacks required columns")
                || failure.startsWith("The header names column");
    }

    /** A file of {@code kind}: its header, then up to fifteen rows; one file in ten carries bytes that are no UTF-8. */
    private byte[] file(String kind) {
        List<String> columns = new ArrayList<>(REQUIRED.get(kind));
        for (String optional : OPTIONAL.get(kind)) {
            if (random.nextBoolean()) {
                columns.add(optional);
            }
        }
        if (random.nextInt(12) == 0) {
            columns.remove(random.nextInt(columns.size()));            // a required column missing, now and then
        }
        if (random.nextInt(6) == 0) {
            columns.add(random.nextBoolean() ? "_extra" : columns.get(random.nextInt(columns.size())));
        }
        Collections.shuffle(columns, random);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(5) == 0) {
            out.writeBytes("\uFEFF".getBytes(StandardCharsets.UTF_8));
        }
        String eol = random.nextBoolean() ? "\n" : "\r\n";
        out.writeBytes((String.join(",", columns) + eol).getBytes(StandardCharsets.UTF_8));
        int rows = 1 + random.nextInt(15);
        for (int r = 0; r < rows; r++) {
            List<String> cells = new ArrayList<>();
            for (String column : columns) {
                cells.add(csvCell(random.nextInt(8) == 0 ? hostile(column) : plausible(kind, column)));
            }
            if (random.nextInt(15) == 0) {
                cells.add("surplus");                               // a field more than the header
            }
            String line = String.join(",", cells);
            if (random.nextInt(20) == 0) {
                line = line + "\"broken";                           // quoting that never closes
            }
            out.writeBytes((line + eol).getBytes(StandardCharsets.UTF_8));
            if (random.nextInt(60) == 0) {
                out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, ',', (byte) 0xFF, '\n'});
            }
        }
        return out.toByteArray();
    }

    /**
     * A hostile value; in the key column behind this test's prefix, since some hostile values are valid customer
     * numbers ({@code NOPE}, {@code 0}) and another test's customers must never be made or changed.
     */
    private String hostile(String column) {
        String value = HOSTILE.get(random.nextInt(HOSTILE.size()));
        return column.equals("customer_no") ? tag() + "H" + value : value;
    }

    private static String tag() {
        return "FZ" + SEED % 1000;
    }

    /** A value the column would take, most of the time; the key columns name this test's customers. */
    private String plausible(String kind, String column) {
        return switch (column) {
            case "customer_no" -> kind.equals("customers") && random.nextInt(3) == 0
                    ? tag() + "N" + random.nextInt(40) : ours.get(random.nextInt(ours.size()));
            case "type" -> random.nextBoolean() ? "RETAIL" : "CORPORATE";
            case "name" -> "客户" + random.nextInt(100);
            case "branch_code" -> "BR001";
            case "aum", "balance", "avg_aum", "annual_contribution" -> random.nextInt(10_000_000) / 100 + "."
                    + random.nextInt(10) + random.nextInt(10);
            case "id_no" -> "11010519900101" + (1000 + random.nextInt(9000));
            case "phone" -> "138" + (10_000_000 + random.nextInt(89_999_999));
            case "birth_date", "opened_on", "last_txn_on", "maturity_date" -> (1980 + random.nextInt(46)) + "-0"
                    + (1 + random.nextInt(9)) + "-1" + random.nextInt(10);
            case "month" -> "2026-0" + (1 + random.nextInt(9));
            case "product_code" -> List.of("DEP_DEMAND", "WEALTH", "FUND", "SETTLEMENT", "NOPE").get(random.nextInt(5));
            case "company_size" -> List.of("LARGE", "MEDIUM", "SMALL", "MICRO").get(random.nextInt(4));
            case "industry" -> "制造业";
            default -> "";   // employer_no, owner_rm and unknown columns: empty keeps others' records out of it
        };
    }

    /** RFC 4180 quoting when the value needs it; a value with a quote is sometimes left unquoted (broken). */
    private String csvCell(String value) {
        boolean needs = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        if (!needs || (value.contains("\"") && random.nextInt(4) == 0)) {
            return value;
        }
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
