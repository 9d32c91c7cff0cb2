package org.bankcrm.web.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.bankcrm.web.testsupport.Http;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A branch tree of its own for group tests: branch G (head {@link #headG}, RM {@link #rm}) with sub-branch GS, and a
 * sibling branch H (head {@link #headH}), all children of HQ. Customers (numbers {@code <prefix>-XX}), ages counted
 * from today in Asia/Shanghai:
 * <pre>
 * no  type       tier      aum        age                 owner  branch  holdings (balance)
 * R1  RETAIL     GOLD      50000.00   30, birthday today  rm     G       WEALTH 1000
 * R2  RETAIL     GOLD      99999.99   29, 30 tomorrow     -      GS      WEALTH 0, CARD_CREDIT 0
 * R3  RETAIL     PLATINUM  100000.00  40                  rm     GS      WEALTH 500, FUND 200
 * R4  RETAIL     MASS      0          (no birth date)     rm     G       -
 * C1  CORPORATE  KEY       0          制造业, LARGE        rm     G       PAYROLL 0
 * C2  CORPORATE  GENERAL   0          批发和零售业, SMALL   -      GS      -
 * X1  RETAIL     GOLD      50000.00   30, birthday today  -      H       WEALTH 1000
 * </pre>
 * "Holds" (discovery's rule): a balance above zero, or any row of EBANK, CARD_CREDIT, PAYROLL. So R2 holds the credit
 * card but not WEALTH; C1 holds PAYROLL.
 */
public final class SegmentFixture {

    static final ZoneId BANK = ZoneId.of("Asia/Shanghai");

    public final String suffix;
    public final String g;
    public final String gs;
    public final String h;
    public final String headG;
    public final String headH;
    public final String rm;
    public final String prefix;
    private final JdbcTemplate jdbc;

    private SegmentFixture(JdbcTemplate jdbc, String suffix) {
        this.jdbc = jdbc;
        this.suffix = suffix;
        this.g = "SG" + suffix;
        this.gs = "SG" + suffix + "S";
        this.h = "SH" + suffix;
        this.headG = "sgh" + suffix.toLowerCase();
        this.headH = "shh" + suffix.toLowerCase();
        this.rm = "sgr" + suffix.toLowerCase();
        this.prefix = "SEG" + suffix;
    }

    public static SegmentFixture build(int port, JdbcTemplate jdbc) {
        String suffix = Long.toString(Math.abs(System.nanoTime() % 2_000_000_000L), 36).toUpperCase();
        SegmentFixture f = new SegmentFixture(jdbc, suffix);
        f.create(port);
        return f;
    }

    public String no(String key) {
        return prefix + "-" + key;
    }

    private void create(int port) {
        Http admin = Http.basic(port, "admin");
        branch(admin, g, "HQ");
        branch(admin, gs, g);
        branch(admin, h, "HQ");
        user(admin, headG, "BRANCH_HEAD", g);
        user(admin, headH, "BRANCH_HEAD", h);
        user(admin, rm, "RM", g);
        LocalDate today = LocalDate.now(BANK);
        long r1 = retail("R1", "GOLD", "50000.00", today.minusYears(30), rm, g);
        long r2 = retail("R2", "GOLD", "99999.99", today.minusYears(30).plusDays(1), null, gs);
        long r3 = retail("R3", "PLATINUM", "100000.00", today.minusYears(40).minusDays(100), rm, gs);
        retail("R4", "MASS", "0", null, rm, g);
        long c1 = corporate("C1", "KEY", "制造业", "LARGE", rm, g);
        corporate("C2", "GENERAL", "批发和零售业", "SMALL", null, gs);
        long x1 = retail("X1", "GOLD", "50000.00", today.minusYears(30), null, h);
        holding(r1, "WEALTH", "1000");
        holding(r2, "WEALTH", "0");
        holding(r2, "CARD_CREDIT", "0");
        holding(r3, "WEALTH", "500");
        holding(r3, "FUND", "200");
        holding(c1, "PAYROLL", "0");
        holding(x1, "WEALTH", "1000");
    }

    private static void branch(Http admin, String code, String parent) {
        var res = admin.postJson("/api/v1/admin/branches", Map.of("code", code, "name", "分群测试" + code,
                "parentCode", parent));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
    }

    private static void user(Http admin, String username, String role, String branch) {
        var res = admin.postJson("/api/v1/admin/users", Map.of("username", username, "displayName", "分群" + username,
                "role", role, "branchCode", branch, "password", Http.DEMO_PASSWORD));
        assertThat(res.status()).as(res.body()).isEqualTo(201);
    }

    private long retail(String key, String tier, String aum, LocalDate birth, String owner, String branch) {
        return jdbc.queryForObject("""
                        insert into customer (customer_no, type, name, birth_date, branch_id, owner_id, aum, tier)
                        values (?, 'RETAIL', ?, ?, (select id from branch where code = ?),
                                (select id from staff_user where username = ?), ?, ?) returning id""", Long.class,
                no(key), "分群客户" + key, birth, branch, owner, new BigDecimal(aum), tier);
    }

    private long corporate(String key, String tier, String industry, String size, String owner, String branch) {
        return jdbc.queryForObject("""
                        insert into customer (customer_no, type, name, industry, company_size, branch_id, owner_id,
                                              aum, tier)
                        values (?, 'CORPORATE', ?, ?, ?, (select id from branch where code = ?),
                                (select id from staff_user where username = ?), 0, ?) returning id""", Long.class,
                no(key), "分群企业" + key + suffix, industry, size, branch, owner, tier);
    }

    private void holding(long customer, String product, String balance) {
        jdbc.update("insert into holding (customer_id, product_code, balance, opened_on) values (?, ?, ?, ?)",
                customer, product, new BigDecimal(balance), LocalDate.of(2024, 1, 2));
    }

    public long id(String key) {
        return jdbc.queryForObject("select id from customer where customer_no = ?", Long.class, no(key));
    }
}
