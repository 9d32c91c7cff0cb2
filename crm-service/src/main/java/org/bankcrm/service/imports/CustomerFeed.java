package org.bankcrm.service.imports;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bankcrm.domain.customer.CompanySize;
import org.bankcrm.domain.customer.CustomerType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code customers} feed, keyed by {@code customer_no}: inserts new customers, updates changed ones, and
 * computes each one's tier as it goes. An empty {@code owner_rm} keeps an existing customer's owner (the feed
 * does not know the assignments heads make in the product) unless the customer moves to another branch.
 */
final class CustomerFeed implements Feed {

    private static final Pattern CUSTOMER_NO = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern ID_NO = Pattern.compile("[0-9A-Za-z]{1,32}");
    private static final Pattern PHONE = Pattern.compile("[0-9+ -]{3,32}");

    @Override
    public List<String> requiredColumns() {
        return List.of("customer_no", "type", "name", "branch_code", "aum");
    }

    @Override
    public List<String> optionalColumns() {
        return List.of("id_no", "phone", "birth_date", "employer_no", "industry", "company_size", "owner_rm",
                "annual_contribution", "last_txn_on");
    }

    @Override
    public String stageColumns() {
        return "customer_no varchar(32), type varchar(16), name varchar(100), id_no varchar(32), phone varchar(32),"
                + " birth_date date, employer_no varchar(32), industry varchar(50), company_size varchar(16),"
                + " branch_id bigint, owner_id bigint, aum numeric(18,2), annual_contribution numeric(18,2),"
                + " last_txn_on date, tier varchar(16)";
    }

    @Override
    public boolean stage(RowCheck row, ReferenceData ref, StageWriter out) throws SQLException {
        String no = row.matching("customer_no", true, CUSTOMER_NO, "import.row.customerNo");
        CustomerType type = row.code("type", true, CustomerType.class);
        String name = row.text("name", true, 100);
        String idNo = row.matching("id_no", false, ID_NO, "import.row.idNo");
        String phone = row.matching("phone", false, PHONE, "import.row.phone");
        LocalDate birth = row.date("birth_date", false);
        String employerNo = row.matching("employer_no", false, CUSTOMER_NO, "import.row.customerNo");
        String industry = row.text("industry", false, 50);
        CompanySize size = row.code("company_size", false, CompanySize.class);
        String branchCode = row.required("branch_code");
        String ownerRm = row.text("owner_rm");
        BigDecimal aum = row.amount("aum", true);
        BigDecimal contribution = row.amount("annual_contribution", false);
        LocalDate lastTxn = row.date("last_txn_on", false);

        if (type == CustomerType.RETAIL) {
            if (birth == null && row.text("birth_date") == null) {
                row.problem("birth_date", "import.row.required", null);
            } else if (birth != null && birth.isAfter(ref.today())) {
                row.problem("birth_date", "import.row.future", birth.toString());
            }
            if (row.text("industry") != null) {
                row.problem("industry", "import.row.corporateOnly", null);
            }
            if (row.text("company_size") != null) {
                row.problem("company_size", "import.row.corporateOnly", null);
            }
        } else if (type == CustomerType.CORPORATE) {
            if (row.text("birth_date") != null) {
                row.problem("birth_date", "import.row.retailOnly", null);
            }
            if (row.text("employer_no") != null) {
                row.problem("employer_no", "import.row.retailOnly", null);
            }
        }
        ReferenceData.BranchRef branch = null;
        if (branchCode != null) {
            branch = ref.branches().get(branchCode);
            if (branch == null) {
                row.problem("branch_code", "import.row.branchUnknown", branchCode);
            }
        }
        if (ownerRm != null && branch != null && !ref.isActiveRmUnder(ownerRm, branch.path())) {
            row.problem("owner_rm", "import.row.ownerNotRm", ownerRm);
        }
        if (!row.ok()) {
            return false;
        }
        BigDecimal annual = ref.zeroIfNull(contribution);
        out.add(no).add(type.name()).add(name).add(idNo).add(phone).add(birth).add(employerNo).add(industry)
                .add(size == null ? null : size.name()).add(branch.id())
                .add(ownerRm == null ? null : ref.users().get(ownerRm).id()).add(aum).add(annual).add(lastTxn)
                .add(ref.tiers().tierFor(type, aum, annual).name());
        return true;
    }

    @Override
    public boolean stageKey(RowCheck key, ReferenceData ref, boolean broken, StageWriter out) {
        String no = broken ? null : key.matching("customer_no", true, CUSTOMER_NO, "import.row.customerNo");
        if (no == null) {
            return false;
        }
        out.add(no);
        for (int i = 1; i < 15; i++) {
            out.add(null);
        }
        return true;
    }

    @Override
    public Merged merge(JdbcClient jdbc, long runId) {
        MergeTimer.timed("index", () -> jdbc.sql("create index on import_stage (customer_no)").update());
        MergeTimer.timed("analyze", () -> jdbc.sql("analyze import_stage").update());
        long rejected = MergeTimer.timed("repeated keys",
                () -> Feed.rejectRepeatedKeys(jdbc, runId, "customer_no", "customer_no"));
        MergeTimer.timed("set aside", () -> Feed.dropRejected(jdbc));
        rejected += MergeTimer.timed("type changes", () -> Feed.reject(jdbc, runId, """
                delete from import_stage s using customer c where c.customer_no = s.customer_no and c.type <> s.type
                returning s.line_no, c.type || ' -> ' || s.type as arg""", "type", "import.row.typeChange"));
        // An employer must be a corporate customer already known, or one on an earlier line of this file.
        rejected += MergeTimer.timed("employers", () -> Feed.reject(jdbc, runId, """
                delete from import_stage s
                where s.employer_no is not null
                  and not exists (select 1 from customer c where c.customer_no = s.employer_no and c.type = 'CORPORATE')
                  and not exists (select 1 from import_stage e where e.customer_no = s.employer_no
                                  and e.type = 'CORPORATE' and e.line_no < s.line_no)
                returning s.line_no, s.employer_no as arg""", "employer_no", "import.row.employerUnknown"));
        long staged = Feed.count(jdbc);

        // Existing customers first: only rows that differ are written (and only those bump the version), and
        // only the changed customers with open opportunities come back, to be re-scored after the commit.
        long[] counts = new long[2];
        List<Long> changed = new ArrayList<>();
        MergeTimer.timed("update", () -> {
            jdbc.sql("""
                with up as (
                    update customer c set
                        name = s.name, id_no = s.id_no, phone = s.phone, birth_date = s.birth_date,
                        employer_no = s.employer_no, industry = s.industry, company_size = s.company_size,
                        owner_id = case when s.owner_id is not null then s.owner_id
                                        when s.branch_id = c.branch_id then c.owner_id end,
                        branch_id = s.branch_id, aum = s.aum, annual_contribution = s.annual_contribution,
                        last_txn_on = s.last_txn_on, tier = s.tier, updated_at = now(), version = c.version + 1
                    from import_stage s
                    where s.customer_no = c.customer_no
                      and ((c.name, c.id_no, c.phone, c.birth_date, c.employer_no, c.industry, c.company_size,
                            c.branch_id, c.aum, c.annual_contribution, c.last_txn_on, c.tier)
                           is distinct from
                           (s.name, s.id_no, s.phone, s.birth_date, s.employer_no, s.industry, s.company_size,
                            s.branch_id, s.aum, s.annual_contribution, s.last_txn_on, s.tier)
                        or (s.owner_id is not null and s.owner_id is distinct from c.owner_id))
                    returning c.id)
                select count(*), array_agg(u.id) filter (where exists (
                           select 1 from opportunity o where o.customer_id = u.id and o.status = 'OPEN'))
                from up u""").query(rs -> {
                    counts[1] = rs.getLong(1);
                    changed.addAll(Feed.ids(rs.getArray(2)));
                });
            return counts[1];
        });
        // Then the new ones, with a plain insert (no conflict can remain: the keys were checked above).
        counts[0] = MergeTimer.timed("insert", () -> jdbc.sql("""
                insert into customer (customer_no, type, name, id_no, phone, birth_date, employer_no, industry,
                                      company_size, branch_id, owner_id, aum, annual_contribution, last_txn_on, tier)
                select s.customer_no, s.type, s.name, s.id_no, s.phone, s.birth_date, s.employer_no, s.industry,
                       s.company_size, s.branch_id, s.owner_id, s.aum, s.annual_contribution, s.last_txn_on, s.tier
                from import_stage s
                where not exists (select 1 from customer c where c.customer_no = s.customer_no)""").update());
        return new Merged(counts[0], counts[1], staged - counts[0] - counts[1], rejected, 0, changed);
    }
}
