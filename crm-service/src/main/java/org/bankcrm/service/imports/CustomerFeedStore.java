package org.bankcrm.service.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bankcrm.domain.imports.ImportKind;
import org.bankcrm.service.customer.CustomersHanded;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The merge of the {@code customers} feed ({@link CustomerFeed}), keyed by {@code customer_no}: rejects type
 * changes and unknown employers, updates the customers that changed and inserts the new ones. Customers the file
 * gives another owner are reported as handed ({@link CustomersHanded}), like a reassignment in the product.
 */
@Component
final class CustomerFeedStore extends FeedStore {

    CustomerFeedStore(JdbcClient jdbc, StageStore stage) {
        super(ImportKind.CUSTOMERS, jdbc, stage);
    }

    @Override
    Feed.Merged merge(long runId) {
        MergeTimer.timed("index", () -> jdbc.sql("create index on import_stage (customer_no)").update());
        MergeTimer.timed("analyze", () -> jdbc.sql("analyze import_stage").update());
        long rejected = MergeTimer.timed("repeated keys",
                () -> stage.rejectRepeatedKeys(runId, "customer_no", "customer_no"));
        MergeTimer.timed("set aside", () -> stage.dropRejected());
        rejected += MergeTimer.timed("type changes", () -> stage.reject(runId, """
                delete from import_stage s using customer c where c.customer_no = s.customer_no and c.type <> s.type
                returning s.line_no, c.type || ' -> ' || s.type as arg""", "type", "import.row.typeChange"));
        // An employer must be a corporate customer already known, or one on an earlier line of this file.
        rejected += MergeTimer.timed("employers", () -> stage.reject(runId, """
                delete from import_stage s
                where s.employer_no is not null
                  and not exists (select 1 from customer c where c.customer_no = s.employer_no and c.type = 'CORPORATE')
                  and not exists (select 1 from import_stage e where e.customer_no = s.employer_no
                                  and e.type = 'CORPORATE' and e.line_no < s.line_no)
                returning s.line_no, s.employer_no as arg""", "employer_no", "import.row.employerUnknown"));
        long staged = stage.count();

        // Existing customers first: only rows that differ are written (and only those bump the version), and
        // only the changed customers with open opportunities come back, to be re-scored after the commit.
        long[] counts = new long[2];
        List<Long> changed = new ArrayList<>();
        Map<Long, Map<Long, Long>> handed = new LinkedHashMap<>();
        MergeTimer.timed("update", () -> {
            // handed: the customers whose owner the file names and changes, and those it moves to another branch
            // without naming one (they lose their owner, or had none: new_owner null), with the owner they had (read
            // before the update, in the statement's one snapshot), so what follows an owner or a branch follows them
            // (CustomersHanded).
            jdbc.sql("""
                with handed as materialized (
                    select c.id, c.owner_id as previous_owner, s.owner_id as new_owner
                    from import_stage s join customer c on c.customer_no = s.customer_no
                    where (s.owner_id is not null and s.owner_id is distinct from c.owner_id)
                       or (s.owner_id is null and s.branch_id <> c.branch_id)
                ), up as (
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
                select count(*) as updated, array_agg(u.id) filter (where exists (
                           select 1 from opportunity o where o.customer_id = u.id and o.status = 'OPEN'))
                           as affected,
                       (select array_agg(h.id order by h.id) from handed h) as handed_ids,
                       (select array_agg(h.previous_owner order by h.id) from handed h) as handed_from,
                       (select array_agg(h.new_owner order by h.id) from handed h) as handed_to
                from up u""").query(rs -> {
                    counts[1] = rs.getLong("updated");
                    changed.addAll(StageStore.ids(rs.getArray("affected")));
                    List<Long> ids = StageStore.ids(rs.getArray("handed_ids"));
                    List<Long> from = StageStore.ids(rs.getArray("handed_from"));
                    List<Long> to = StageStore.ids(rs.getArray("handed_to"));
                    for (int i = 0; i < ids.size(); i++) {
                        handed.computeIfAbsent(to.get(i), k -> new LinkedHashMap<>()).put(ids.get(i), from.get(i));
                    }
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
        return new Feed.Merged(counts[0], counts[1], staged - counts[0] - counts[1], rejected, 0, changed,
                handed.entrySet().stream().map(e -> new CustomersHanded(e.getValue(), e.getKey())).toList());
    }
}
