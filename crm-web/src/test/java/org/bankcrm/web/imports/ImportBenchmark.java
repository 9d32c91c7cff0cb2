package org.bankcrm.web.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Random;
import javax.sql.DataSource;
import org.bankcrm.domain.org.Role;
import org.bankcrm.service.imports.ImportService.RunView;
import org.bankcrm.service.imports.ImportService;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Importing a customers feed next to its floor: PostgreSQL's own {@code COPY} of the same file into an
 * equivalent table (the feed's columns and types, keyed by customer number), in the same run. The default
 * build runs it on 5,000 rows; {@code -Dbench.importRows=1000000} gives the figures in docs/benchmarks.md. It
 * prints, and asserts only the counts.
 */
@CrmWebTest
class ImportBenchmark {

    @Autowired JdbcTemplate jdbc;
    @Autowired DataSource dataSource;
    @Autowired ImportService imports;

    @Test
    void importingACustomersFeedNextToCopy() throws Exception {
        int n = Integer.getInteger("bench.importRows", 5000);
        String tag = "IB" + Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase(Locale.ROOT);
        Path file = Files.createTempFile("bench-customers", ".csv");
        try {
            write(file, tag, n);
            long bytes = Files.size(file);

            double copySeconds = copy(file, n, 0);
            double copyIndexedSeconds = copy(file, n, 1);
            double copyEquivalentSeconds = copy(file, n, 2);

            CurrentUser admin = jdbc.queryForObject("""
                    select u.id, u.branch_id, b.code, b.path from staff_user u join branch b on b.id = u.branch_id
                    where u.username = 'admin'""", (rs, i) -> new CurrentUser(rs.getLong(1), "admin", "admin",
                    Role.ADMIN, rs.getLong(2), rs.getString(3), rs.getString(4)));
            long t0 = System.nanoTime();
            RunView first = importAndWait(admin, file);
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            RunView again = importAndWait(admin, file);
            double againSeconds = (System.nanoTime() - t0) / 1e9;

            System.out.printf(Locale.ROOT, "%nBENCH import customers rows=%d file=%.1f MB%n", n, bytes / 1e6);
            System.out.printf(Locale.ROOT, "BENCH   COPY, key only                          %8.2f s  %9.0f rows/s%n",
                    copySeconds, n / copySeconds);
            System.out.printf(Locale.ROOT, "BENCH   COPY, customer's indexes                %8.2f s  %9.0f rows/s%n",
                    copyIndexedSeconds, n / copyIndexedSeconds);
            System.out.printf(Locale.ROOT, "BENCH   COPY, customer's indexes and constraints %7.2f s  %9.0f rows/s (floor)%n",
                    copyEquivalentSeconds, n / copyEquivalentSeconds);
            System.out.printf(Locale.ROOT, "BENCH   import, all new             %8.2f s  %9.0f rows/s  ratio %.2f (%.2f indexed, %.2f key only)%n",
                    importSeconds, n / importSeconds, importSeconds / copyEquivalentSeconds,
                    importSeconds / copyIndexedSeconds, importSeconds / copySeconds);
            System.out.printf(Locale.ROOT, "BENCH   import again, all unchanged %8.2f s  %9.0f rows/s  ratio %.2f (%.2f indexed, %.2f key only)%n%n",
                    againSeconds, n / againSeconds, againSeconds / copyEquivalentSeconds,
                    againSeconds / copyIndexedSeconds, againSeconds / copySeconds);
            assertThat(first.status()).as(first.toString()).isEqualTo("DONE");
            assertThat(first.inserted()).isEqualTo(n);
            assertThat(first.rejected()).isZero();
            assertThat(again.unchanged()).isEqualTo(n);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * COPYs the file into a table with the feed's columns and types, keyed by customer number. Level 1 adds the
     * secondary indexes the customer table has (branch and type, owner, employer, customer number prefix, last
     * transaction); level 2 also its integrity rules: the same checks, and foreign keys from branch and owner to
     * the branch and staff tables and from employer to the table itself (deferred), as in V1. Level 2 is the
     * "equivalent table" the import is measured against.
     */
    private double copy(Path file, int n, int level) throws Exception {
        String rules = level < 2 ? "" : """
                , check (customer_no ~ '^[A-Za-z0-9_-]{1,32}$'), check (type in ('RETAIL', 'CORPORATE')),
                check (company_size in ('LARGE', 'MEDIUM', 'SMALL', 'MICRO')),
                check (aum >= 0 and annual_contribution >= 0),
                check (type = 'RETAIL' or (birth_date is null and employer_no is null)),
                check (type = 'CORPORATE' or (industry is null and company_size is null)),
                foreign key (branch_code) references branch (code), foreign key (owner_rm) references staff_user (username),
                foreign key (employer_no) references bench_customer_copy (customer_no) deferrable initially deferred""";
        jdbc.execute("""
                create table bench_customer_copy (customer_no varchar(32) primary key, type varchar(16) not null,
                    name varchar(100) not null, id_no varchar(32), phone varchar(32), birth_date date,
                    employer_no varchar(32), industry varchar(50), company_size varchar(16),
                    branch_code varchar(32) not null, owner_rm varchar(50), aum numeric(18,2) not null,
                    annual_contribution numeric(18,2), last_txn_on date %s)""".formatted(rules));
        if (level >= 1) {
            jdbc.execute("create index on bench_customer_copy (branch_code, type)");
            jdbc.execute("create index on bench_customer_copy (owner_rm)");
            jdbc.execute("create index on bench_customer_copy (employer_no) where employer_no is not null");
            jdbc.execute("create index on bench_customer_copy (customer_no varchar_pattern_ops)");
            jdbc.execute("create index on bench_customer_copy (last_txn_on)");
        }
        try {
            long t0 = System.nanoTime();
            long copied;
            try (Connection c = dataSource.getConnection();
                 Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                copied = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy bench_customer_copy from stdin with (format csv, header true)", in);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(copied).isEqualTo(n);
            return seconds;
        } finally {
            jdbc.execute("drop table bench_customer_copy");
        }
    }

    private RunView importAndWait(CurrentUser admin, Path file) throws IOException, InterruptedException {
        RunView run;
        try (InputStream in = Files.newInputStream(file)) {
            run = imports.start(admin, "customers", file.getFileName().toString(), in);
        }
        long id = run.id();
        return await("import " + id).atMost(Duration.ofHours(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> imports.get(admin, id), RunView::finished);
    }

    /** A feed of {@code n} customers: one corporate in fifty, retail ones employed by those before them. */
    private static void write(Path file, String tag, int n) throws IOException {
        Random rnd = new Random(42);
        String[] industries = {"制造业", "批发零售", "信息技术", "建筑业", "交通运输"};
        String[] sizes = {"LARGE", "MEDIUM", "SMALL", "MICRO"};
        LocalDate start = LocalDate.of(1950, 1, 1);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("customer_no,type,name,id_no,phone,birth_date,employer_no,industry,company_size,branch_code,owner_rm,"
                    + "aum,annual_contribution,last_txn_on\n");
            String lastCorporate = null;
            for (int i = 0; i < n; i++) {
                String no = tag + "-" + i;
                String branch = i % 3 == 0 ? "BR002" : "BR001";
                String owner = i % 4 == 0 ? "" : branch.equals("BR002") ? "rm3" : (i % 2 == 0 ? "rm1" : "rm2");
                String aum = String.format(Locale.ROOT, "%.2f", Math.exp(8 + rnd.nextDouble() * 8));
                String lastTxn = LocalDate.of(2026, 11, 1).minusDays(rnd.nextInt(400)).toString();
                if (i % 50 == 0) {
                    w.write(String.join(",", no, "CORPORATE", "企业" + i, "91330100MA" + String.format("%08d", i), "", "", "",
                            industries[i % industries.length], sizes[i % sizes.length], branch, owner, aum,
                            String.format(Locale.ROOT, "%.2f", rnd.nextDouble() * 3_000_000), lastTxn));
                    lastCorporate = no;
                } else {
                    LocalDate birth = start.plusDays(rnd.nextInt(20_000));
                    w.write(String.join(",", no, "RETAIL", "客户" + i, "33010619" + String.format("%010d", i),
                            "138" + String.format("%08d", i % 100_000_000), birth.toString(),
                            i % 5 == 0 ? lastCorporate : "", "", "", branch, owner, aum,
                            String.format(Locale.ROOT, "%.2f", rnd.nextDouble() * 5_000), lastTxn));
                }
                w.write('\n');
            }
        }
    }
}
