package org.bankcrm.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows for the read-model slice tests, written straight into the schema the migrations built: a branch below HQ
 * with a head and an RM, customers and opportunities. Each test makes its own (codes carry a prefix) inside the
 * test's transaction, which the slice rolls back.
 */
public final class ReadModelFixture {

    private final JdbcClient jdbc;
    public final String prefix;
    public final long branchId;
    public final String branchPath;
    public final long rmId;
    public final long customerId;

    public ReadModelFixture(JdbcClient jdbc, String prefix) {
        this.jdbc = jdbc;
        this.prefix = prefix;
        this.branchPath = "/HQ/" + prefix + "/";
        this.branchId = jdbc.sql("""
                        insert into branch (code, name, parent_id, path)
                        select :code, :code, id, :path from branch where code = 'HQ' returning id""")
                .param("code", prefix).param("path", branchPath).query(Long.class).single();
        this.rmId = staff(prefix + "rm", "RM");
        this.customerId = customer(prefix + "C1");
    }

    public long staff(String username, String role) {
        return jdbc.sql("""
                        insert into staff_user (username, display_name, role, branch_id, password_hash)
                        values (:u, :u, :role, :b, 'x') returning id""")
                .param("u", username).param("role", role).param("b", branchId).query(Long.class).single();
    }

    public long customer(String customerNo) {
        return jdbc.sql("""
                        insert into customer (customer_no, type, name, branch_id, tier, owner_id)
                        values (:no, 'RETAIL', :no, :b, 'MASS', :rm) returning id""")
                .param("no", customerNo).param("b", branchId).param("rm", rmId).query(Long.class).single();
    }

    /** An open opportunity of the RM, created at {@code createdAt}. */
    public long open(String product, OffsetDateTime createdAt) {
        return opportunity(product, "IDENTIFIED", createdAt, null, null);
    }

    /** A won opportunity of the RM, closed at {@code closedAt}. */
    public long won(String product, BigDecimal amount, OffsetDateTime closedAt) {
        return opportunity(product, "WON", closedAt.minusDays(30), closedAt, amount);
    }

    private long opportunity(String product, String stage, OffsetDateTime createdAt, OffsetDateTime closedAt,
                             BigDecimal wonAmount) {
        return jdbc.sql("""
                        insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage,
                                                 status, source, owner_id, branch_id, expected_close_date, risk_level,
                                                 competition, need_strength, won_amount, created_at, closed_at)
                        values (:c, :p, 'fixture', 100000, 1000, :stage,
                                case :stage when 'WON' then 'WON' when 'LOST' then 'LOST' else 'OPEN' end,
                                'RM_DISCOVERED', :rm, :b, date '2030-01-01', 'LOW', 'NONE', 3, :won, :created, :closed)
                        returning id""")
                .param("c", customerId).param("p", product).param("stage", stage).param("rm", rmId)
                .param("b", branchId).param("won", wonAmount).param("created", createdAt).param("closed", closedAt)
                .query(Long.class).single();
    }

    /** A follow-up by the RM at {@code occurredAt}, on the opportunity (or the customer when null). */
    public long followUp(Long opportunityId, OffsetDateTime occurredAt, LocalDate nextActionDate, boolean done) {
        return jdbc.sql("""
                        insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, next_action,
                                               next_action_date, next_action_done, created_by)
                        values (:c, :o, 'CALL', :at, 'fixture', case when cast(:due as date) is null then null
                                else 'call back' end, :due, :done, :rm)
                        returning id""")
                .param("c", customerId).param("o", opportunityId).param("at", occurredAt)
                .param("due", nextActionDate).param("done", done).param("rm", rmId)
                .query(Long.class).single();
    }
}
