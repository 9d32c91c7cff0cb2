package org.bankcrm.service.imports;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.bankcrm.domain.customer.CompanySize;
import org.bankcrm.domain.customer.CustomerType;

/**
 * The {@code customers} feed, keyed by {@code customer_no}: inserts new customers, updates changed ones, and
 * computes each one's tier as it goes. An empty {@code owner_rm} keeps an existing customer's owner (the feed
 * does not know the assignments heads make in the product) unless the customer moves to another branch. This class
 * checks single rows; {@link CustomerFeedStore} does the rest.
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
}
