package org.bankcrm.service.campaign;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.service.campaign.CampaignViews.ExcludedView;
import org.bankcrm.service.campaign.CampaignViews.Figure;
import org.bankcrm.service.campaign.CampaignViews.Funnel;
import org.bankcrm.service.campaign.CampaignViews.FunnelLine;
import org.bankcrm.service.campaign.CampaignViews.Outcome;
import org.bankcrm.service.campaign.CampaignViews.TargetView;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.Scope;
import org.bankcrm.service.org.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The campaigns' rows and read models in SQL. Who sees a campaign (api.md): an admin every one, a head those created
 * in their subtree, an RM those where they own a target. Which targets and figures a viewer sees: those of the
 * targets in their scope (an RM their own, a head their subtree's), by the target's owner and branch.
 */
@Component
@RequiredArgsConstructor
class CampaignStore {

    /** A campaign row with its creator as the creator is now (role and branch give the scope the list is fixed in). */
    record Row(long id, String name, String productCode, String productNameZh, String productNameEn,
               BigDecimal revenueRate, Long segmentId, String segmentName, List<String> customerNos,
               LocalDate startsOn, LocalDate endsOn, BigDecimal cost, String script, String status,
               String launchState, Integer launchTotal, CurrentUser creator, String branchCode, String branchPath,
               Instant createdAt, Instant endedAt, int version) {
    }

    /** A target row, for recording an outcome or assigning it. */
    record TargetRow(long id, long customerId, String customerNo, Long ownerId, String ownerRm, String branchPath,
                     boolean excluded, Outcome outcome, int version) {
    }

    /** A page of targets: who may see them and which. */
    record TargetFilter(Outcome outcome, String owner, String branch, Figure figure, boolean queued,
                        String customerNo) {
    }

    private static final String SELECT = """
            select c.id, c.name, c.product_code, p.name_zh, p.name_en, p.revenue_rate, c.segment_id,
                   s.name as segment_name, c.customer_nos, c.starts_on, c.ends_on, c.cost, c.script, c.status,
                   c.launch_state, c.launch_total, c.created_at, c.ended_at, c.version,
                   cb.code as branch_code, cb.path as branch_path, u.id as creator_id, u.username, u.display_name,
                   u.role, u.branch_id as creator_branch_id, ub.code as creator_branch_code,
                   ub.path as creator_path
            from campaign c
            join product p on p.code = c.product_code
            join branch cb on cb.id = c.branch_id
            join staff_user u on u.id = c.created_by
            join branch ub on ub.id = u.branch_id
            left join customer_segment s on s.id = c.segment_id
            """;

    private static final String FUNNEL = """
            count(*) filter (where not t.excluded) as targets,
            count(*) filter (where t.excluded) as excluded,
            count(*) filter (where t.outcome <> 'PENDING') as attempted,
            count(*) filter (where t.outcome in ('DECLINED', 'INTERESTED')) as reached,
            count(*) filter (where t.outcome = 'INTERESTED') as interested,
            count(*) filter (where o.stage = 'WON') as won,
            coalesce(sum(o.won_amount) filter (where o.stage = 'WON'), 0) as won_amount
            from campaign_target t
            join branch tb on tb.id = t.branch_id
            left join staff_user r on r.id = t.owner_id
            left join opportunity o on o.id = t.opportunity_id
            """;

    private final JdbcClient jdbc;

    List<Row> visible(CurrentUser viewer) {
        Map<String, Object> p = new HashMap<>();
        return jdbc.sql(SELECT + "where " + visibleTo(viewer, p) + " order by c.starts_on desc, c.id desc")
                .params(p).query(CampaignStore::row).list();
    }

    Optional<Row> find(CurrentUser viewer, long id) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        return jdbc.sql(SELECT + "where c.id = :id and " + visibleTo(viewer, p)).params(p).query(CampaignStore::row)
                .optional();
    }

    /** A campaign whoever asks (the launch task, which acts for its creator). */
    Optional<Row> find(long id) {
        return jdbc.sql(SELECT + "where c.id = :id").param("id", id).query(CampaignStore::row).optional();
    }

    /** Locks the campaign's row for the caller's transaction (a launch, an end, an outcome). */
    void lock(long id) {
        jdbc.sql("select id from campaign where id = :id for update").param("id", id).query(Long.class).single();
    }

    long insert(CurrentUser creator, String name, String productCode, Long segmentId, List<String> customerNos,
                LocalDate startsOn, LocalDate endsOn, BigDecimal cost, String script) {
        return jdbc.sql("""
                        insert into campaign (name, product_code, segment_id, customer_nos, starts_on, ends_on, cost,
                                              script, created_by, branch_id)
                        values (:name, :product, :segment, cast(:nos as varchar(32)[]), :startsOn, :endsOn, :cost,
                                :script, :by, :branch) returning id""")
                .param("name", name).param("product", productCode).param("segment", segmentId)
                .param("nos", customerNos == null ? null : arrayLiteral(customerNos))
                .param("startsOn", startsOn).param("endsOn", endsOn).param("cost", cost).param("script", script)
                .param("by", creator.id()).param("branch", creator.branchId()).query(Long.class).single();
    }

    /** A draft's fields as the version the editor read; false when it is no longer that draft (changed, launched). */
    boolean updateDraft(long id, int version, String name, String productCode, Long segmentId,
                        List<String> customerNos, LocalDate startsOn, LocalDate endsOn, BigDecimal cost,
                        String script) {
        return jdbc.sql("""
                        update campaign set name = :name, product_code = :product, segment_id = :segment,
                               customer_nos = cast(:nos as varchar(32)[]), starts_on = :startsOn, ends_on = :endsOn,
                               cost = :cost, script = :script, updated_at = now(), version = version + 1
                        where id = :id and version = :version and status = 'DRAFT'""")
                .param("id", id).param("version", version)
                .param("name", name).param("product", productCode).param("segment", segmentId)
                .param("nos", customerNos == null ? null : arrayLiteral(customerNos))
                .param("startsOn", startsOn).param("endsOn", endsOn).param("cost", cost).param("script", script)
                .update() == 1;
    }

    /** Deletes a draft as the version read; false when it is no longer that draft. A draft has no targets. */
    boolean deleteDraft(long id, int version) {
        return jdbc.sql("delete from campaign where id = :id and version = :version and status = 'DRAFT'")
                .param("id", id).param("version", version).update() == 1;
    }

    /** DRAFT (or ACTIVE with a failed launch) → ACTIVE with a RUNNING launch; false when it was not so. */
    boolean markLaunched(long id, long by) {
        return jdbc.sql("""
                        update campaign set status = 'ACTIVE', launch_state = 'RUNNING', launched_by = :by,
                               launched_at = coalesce(launched_at, now()), updated_at = now(), version = version + 1
                        where id = :id and (status = 'DRAFT' or status = 'ACTIVE' and launch_state = 'FAILED')""")
                .param("id", id).param("by", by).update() == 1;
    }

    boolean markEnded(long id) {
        return jdbc.sql("""
                        update campaign set status = 'ENDED', ended_at = now(), updated_at = now(),
                               version = version + 1
                        where id = :id and status <> 'ENDED'""").param("id", id).update() == 1;
    }

    void launchTotal(long id, int total) {
        jdbc.sql("update campaign set launch_total = :total where id = :id").param("total", total).param("id", id)
                .update();
    }

    void launchState(long id, String state) {
        jdbc.sql("update campaign set launch_state = :state where id = :id and launch_state = 'RUNNING'")
                .param("state", state).param("id", id).update();
    }

    /** Targets and excluded customers written so far. */
    long written(long id) {
        return jdbc.sql("select count(*) from campaign_target where campaign_id = :id").param("id", id)
                .query(Long.class).single();
    }

    /**
     * Writes one batch of the list: each customer of {@code ids} in the creator's scope becomes a target of its
     * owner (none: its branch's queue), excluded when it has an open opportunity for the campaign's product now;
     * a customer already written (a resumed launch) is left alone. Answers the rows written.
     */
    int insertTargets(long campaignId, String productCode, Scope creator, List<Long> ids) {
        ScopeSql s = ScopeSql.of(creator, "c.owner_id", "b.path");
        return jdbc.sql("""
                        insert into campaign_target (campaign_id, customer_id, owner_id, branch_id, excluded)
                        select :campaign, c.id, c.owner_id, c.branch_id,
                               exists (select 1 from opportunity o where o.customer_id = c.id
                                       and o.product_code = :product and o.status = 'OPEN')
                        from customer c
                        join branch b on b.id = c.branch_id
                        where c.id = any (cast(:ids as bigint[]))""" + " and " + s.condition()
                        + " on conflict (campaign_id, customer_id) do nothing")
                .params(s.params()).param("campaign", campaignId).param("product", productCode)
                .param("ids", idArray(ids)).update();
    }

    /** The ids of the listed customers in {@code scope}, by id. */
    List<Long> listedIds(List<String> customerNos, Scope scope) {
        ScopeSql s = ScopeSql.of(scope, "c.owner_id", "b.path");
        return jdbc.sql("select c.id from customer c join branch b on b.id = c.branch_id"
                        + " where c.customer_no = any (cast(:nos as varchar(32)[])) and " + s.condition()
                        + " order by c.id")
                .params(s.params()).param("nos", arrayLiteral(customerNos)).query(Long.class).list();
    }

    /** Those of the customers {@code ids} in {@code scope}, by id. */
    List<Long> listedIdsOf(List<Long> ids, Scope scope) {
        ScopeSql s = ScopeSql.of(scope, "c.owner_id", "b.path");
        return jdbc.sql("select c.id from customer c join branch b on b.id = c.branch_id"
                        + " where c.id = any (cast(:ids as bigint[])) and " + s.condition() + " order by c.id")
                .params(s.params()).param("ids", idArray(ids)).query(Long.class).list();
    }

    /** How many of the customers {@code ids} have an open opportunity for the product (the exclusions to come). */
    long withOpenOpportunity(List<Long> ids, String productCode) {
        return jdbc.sql("""
                        select count(distinct o.customer_id) from opportunity o
                        where o.customer_id = any (cast(:ids as bigint[])) and o.product_code = :product
                          and o.status = 'OPEN'""")
                .param("ids", idArray(ids)).param("product", productCode).query(Long.class).single();
    }

    /**
     * The first {@code limit} of the customers {@code ids} that have an open opportunity for the product, by customer
     * number, each with one such opportunity: one the viewer may open when there is, its title and stage only then.
     */
    List<ExcludedView> withOpenOpportunityFirst(List<Long> ids, String productCode, Scope viewer, int limit) {
        ScopeSql s = ScopeSql.of(viewer, "o.owner_id", "ob.path");
        return jdbc.sql("""
                        select distinct on (cu.customer_no) cu.customer_no, cu.name, o.id, o.title, o.stage,
                               u.display_name, %s as visible
                        from opportunity o join customer cu on cu.id = o.customer_id
                        join branch ob on ob.id = o.branch_id left join staff_user u on u.id = o.owner_id
                        where o.customer_id = any (cast(:ids as bigint[])) and o.product_code = :product
                          and o.status = 'OPEN'
                        order by cu.customer_no, visible desc, o.id
                        limit :limit""".formatted(s.condition()))
                .params(s.params()).param("ids", idArray(ids)).param("product", productCode).param("limit", limit)
                .query((rs, i) -> rs.getBoolean("visible")
                        ? new ExcludedView(rs.getString("customer_no"), rs.getString("name"), rs.getLong("id"),
                                rs.getString("title"), Stage.valueOf(rs.getString("stage")),
                                rs.getString("display_name"))
                        : new ExcludedView(rs.getString("customer_no"), rs.getString("name"), null, null, null, null))
                .list();
    }

    /** The funnel of the campaign's targets in the viewer's scope. */
    Funnel funnel(long campaignId, Scope viewer) {
        ScopeSql s = ScopeSql.of(viewer, "t.owner_id", "tb.path");
        return jdbc.sql("select " + FUNNEL + "where t.campaign_id = :id and " + s.condition())
                .params(s.params()).param("id", campaignId).query((rs, i) -> funnel(rs)).single();
    }

    /** The funnels of several campaigns at once (the list), in the viewer's scope. */
    Map<Long, Funnel> funnels(List<Long> campaignIds, Scope viewer) {
        if (campaignIds.isEmpty()) {
            return Map.of();
        }
        ScopeSql s = ScopeSql.of(viewer, "t.owner_id", "tb.path");
        return jdbc.sql("select t.campaign_id, " + FUNNEL + "where t.campaign_id in (:ids) and " + s.condition()
                        + " group by t.campaign_id")
                .params(s.params()).param("ids", campaignIds)
                .query((rs, i) -> Map.entry(rs.getLong("campaign_id"), funnel(rs))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The funnel by target owner (the queue: a null key), by username. */
    List<FunnelLine> byRm(long campaignId, Scope viewer) {
        ScopeSql s = ScopeSql.of(viewer, "t.owner_id", "tb.path");
        return jdbc.sql("select r.username as k, r.display_name as n, " + FUNNEL + "where t.campaign_id = :id and "
                        + s.condition() + " group by r.username, r.display_name order by r.username nulls last")
                .params(s.params()).param("id", campaignId)
                .query((rs, i) -> new FunnelLine(rs.getString("k"), rs.getString("n"), funnel(rs))).list();
    }

    /** The funnel by the targets' branch, by branch code. */
    List<FunnelLine> byBranch(long campaignId, Scope viewer) {
        ScopeSql s = ScopeSql.of(viewer, "t.owner_id", "tb.path");
        return jdbc.sql("select tb.code as k, tb.name as n, " + FUNNEL + "where t.campaign_id = :id and "
                        + s.condition() + " group by tb.code, tb.name order by tb.code")
                .params(s.params()).param("id", campaignId)
                .query((rs, i) -> new FunnelLine(rs.getString("k"), rs.getString("n"), funnel(rs))).list();
    }

    long countTargets(long campaignId, Scope viewer, TargetFilter f) {
        Map<String, Object> p = new HashMap<>();
        return jdbc.sql("select count(*)" + TARGETS_FROM + "where " + targetWhere(campaignId, viewer, f, p))
                .params(p).query(Long.class).single();
    }

    /** One page of the targets in the viewer's scope matching {@code f}, by customer number. */
    List<TargetView> targets(long campaignId, Scope viewer, TargetFilter f, int page, int size) {
        Map<String, Object> p = new HashMap<>();
        return jdbc.sql("""
                        select cu.customer_no, cu.name, cu.type, cu.tier, cu.aum, r.username, r.display_name,
                               tb.code as branch_code, t.outcome, t.opportunity_id, t.recorded_at, t.note,
                               t.excluded, t.version, (select max(fu.occurred_at) from follow_up fu
                                            where fu.customer_id = cu.id) as last_contact""" + TARGETS_FROM
                        + "where " + targetWhere(campaignId, viewer, f, p)
                        + " order by cu.customer_no limit :limit offset :offset")
                .params(p).param("limit", size).param("offset", (long) page * size)
                .query((rs, i) -> new TargetView(rs.getString("customer_no"), rs.getString("name"),
                        rs.getString("type"), rs.getString("tier"), rs.getBigDecimal("aum"), rs.getString("username"),
                        rs.getString("display_name"), rs.getString("branch_code"),
                        Outcome.valueOf(rs.getString("outcome")), (Long) rs.getObject("opportunity_id", Long.class),
                        instant(rs.getTimestamp("recorded_at")), Masking.inText(rs.getString("note")),
                        instant(rs.getTimestamp("last_contact")), rs.getBoolean("excluded"), rs.getInt("version")))
                .list();
    }

    private static final String TARGETS_FROM = """

            from campaign_target t
            join customer cu on cu.id = t.customer_id
            join branch tb on tb.id = t.branch_id
            left join staff_user r on r.id = t.owner_id
            left join opportunity o on o.id = t.opportunity_id
            """;

    private static String targetWhere(long campaignId, Scope viewer, TargetFilter f, Map<String, Object> p) {
        ScopeSql s = ScopeSql.of(viewer, "t.owner_id", "tb.path");
        p.putAll(s.params());
        p.put("campaign", campaignId);
        StringBuilder w = new StringBuilder("t.campaign_id = :campaign and ").append(s.condition());
        Figure figure = f.figure() == null ? Figure.TARGETS : f.figure();
        w.append(switch (figure) {
            case TARGETS -> " and not t.excluded";
            case EXCLUDED -> " and t.excluded";
            case ATTEMPTED -> " and t.outcome <> 'PENDING'";
            case REACHED -> " and t.outcome in ('DECLINED', 'INTERESTED')";
            case INTERESTED -> " and t.outcome = 'INTERESTED'";
            case WON -> " and o.stage = 'WON'";
        });
        if (f.outcome() != null) {
            w.append(" and t.outcome = :outcome");
            p.put("outcome", f.outcome().name());
        }
        if (f.owner() != null) {
            w.append(" and r.username = :owner");
            p.put("owner", f.owner());
        }
        if (f.queued()) {
            w.append(" and t.owner_id is null");
        }
        if (f.branch() != null) {
            w.append(" and tb.code = :branch");
            p.put("branch", f.branch());
        }
        if (f.customerNo() != null) {
            w.append(" and cu.customer_no = :customerNo");
            p.put("customerNo", f.customerNo());
        }
        return w.toString();
    }

    /** The target of the customer in the campaign, if it lies in the viewer's scope; locked for the transaction. */
    Optional<TargetRow> lockTarget(long campaignId, String customerNo, Scope viewer) {
        ScopeSql s = ScopeSql.of(viewer, "t.owner_id", "tb.path");
        return jdbc.sql("""
                        select t.id, t.customer_id, cu.customer_no, t.owner_id, r.username, tb.path, t.excluded,
                               t.outcome, t.version
                        from campaign_target t
                        join customer cu on cu.id = t.customer_id
                        join branch tb on tb.id = t.branch_id
                        left join staff_user r on r.id = t.owner_id
                        where t.campaign_id = :campaign and cu.customer_no = :no""" + " and " + s.condition()
                        + " for update of t")
                .params(s.params()).param("campaign", campaignId).param("no", customerNo)
                .query((rs, i) -> new TargetRow(rs.getLong("id"), rs.getLong("customer_id"),
                        rs.getString("customer_no"), (Long) rs.getObject("owner_id", Long.class),
                        rs.getString("username"), rs.getString("path"), rs.getBoolean("excluded"),
                        Outcome.valueOf(rs.getString("outcome")), rs.getInt("version")))
                .optional();
    }

    void recordOutcome(long targetId, Outcome outcome, String note, Long opportunityId, long by) {
        jdbc.sql("""
                        update campaign_target set outcome = :outcome, note = :note, opportunity_id = :opp,
                               recorded_at = now(), recorded_by = :by, version = version + 1
                        where id = :id""")
                .param("outcome", outcome.name()).param("note", note).param("opp", opportunityId).param("by", by)
                .param("id", targetId).update();
    }

    void assign(long targetId, long rmId) {
        jdbc.sql("update campaign_target set owner_id = :rm, version = version + 1 where id = :id")
                .param("rm", rmId).param("id", targetId).update();
    }

    /**
     * The still-open targets (pending or not reached) of running campaigns follow their customer to its new owner
     * when they were the previous owner's or in the branch queue; answered and excluded targets, and those of
     * ended campaigns, stay as they are.
     *
     * @return the targets moved
     */
    int followCustomers(Map<Long, Long> previousOwners, long toId, LocalDate today) {
        List<Long> customers = List.copyOf(previousOwners.keySet());
        String previous = customers.stream().map(previousOwners::get).map(o -> o == null ? "NULL" : o.toString())
                .collect(Collectors.joining(",", "{", "}"));
        return jdbc.sql("""
                        update campaign_target t set owner_id = :to, version = t.version + 1
                          from unnest(cast(:customers as bigint[]), cast(:previous as bigint[]))
                                   as h(customer_id, owner_id), campaign c
                         where t.customer_id = h.customer_id and c.id = t.campaign_id
                           and not t.excluded and t.outcome in ('PENDING', 'NOT_REACHED')
                           and c.status = 'ACTIVE' and c.ends_on >= :today
                           and (t.owner_id is null or t.owner_id = h.owner_id)
                           and t.owner_id is distinct from :to""")
                .param("to", toId).param("customers", idArray(customers)).param("previous", previous)
                .param("today", today).update();
    }

    /**
     * The still-open targets of running campaigns whose customer a feed moved to another branch without an owner
     * (they were the previous owner's or in the branch queue) leave the campaign: excluded, as a customer the
     * campaign's branch no longer serves, rather than left with an RM who may no longer see the customer or queued for
     * a head who would give it to an RM of the old branch.
     *
     * @return the targets excluded
     */
    int excludeMoved(Map<Long, Long> previousOwners, LocalDate today) {
        List<Long> customers = List.copyOf(previousOwners.keySet());
        String previous = customers.stream().map(previousOwners::get).map(o -> o == null ? "NULL" : o.toString())
                .collect(Collectors.joining(",", "{", "}"));
        return jdbc.sql("""
                        update campaign_target t set excluded = true, version = t.version + 1
                          from unnest(cast(:customers as bigint[]), cast(:previous as bigint[]))
                                   as h(customer_id, owner_id), campaign c
                         where t.customer_id = h.customer_id and c.id = t.campaign_id
                           and not t.excluded and t.outcome in ('PENDING', 'NOT_REACHED')
                           and c.status = 'ACTIVE' and c.ends_on >= :today
                           and (t.owner_id is null or t.owner_id = h.owner_id)""")
                .param("customers", idArray(customers)).param("previous", previous).param("today", today).update();
    }

    /**
     * Heads and admins see the campaigns created in their scope; anyone else (an RM) those where they own a target,
     * through the same scope rule over the targets.
     */
    private static String visibleTo(CurrentUser viewer, Map<String, Object> p) {
        Scope scope = viewer.scope();
        if (!AccessPolicy.mayManageCampaigns(viewer)) {
            ScopeSql s = ScopeSql.of(scope, "t.owner_id", "tb.path");
            p.putAll(s.params());
            return "exists (select 1 from campaign_target t where t.campaign_id = c.id and not t.excluded and "
                    + s.condition() + ")";
        }
        ScopeSql s = ScopeSql.of(scope, "c.created_by", "cb.path");
        p.putAll(s.params());
        return s.condition();
    }

    private static Funnel funnel(ResultSet rs) throws SQLException {
        return new Funnel(rs.getLong("targets"), rs.getLong("excluded"), rs.getLong("attempted"),
                rs.getLong("reached"), rs.getLong("interested"), rs.getLong("won"),
                rs.getBigDecimal("won_amount").setScale(2));
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        CurrentUser creator = new CurrentUser(rs.getLong("creator_id"), rs.getString("username"),
                rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getLong("creator_branch_id"),
                rs.getString("creator_branch_code"), rs.getString("creator_path"));
        Array nos = rs.getArray("customer_nos");
        return new Row(rs.getLong("id"), rs.getString("name"), rs.getString("product_code"), rs.getString("name_zh"),
                rs.getString("name_en"), rs.getBigDecimal("revenue_rate"),
                (Long) rs.getObject("segment_id", Long.class), rs.getString("segment_name"),
                nos == null ? null : Arrays.asList((String[]) nos.getArray()), rs.getDate("starts_on").toLocalDate(),
                rs.getDate("ends_on").toLocalDate(), rs.getBigDecimal("cost"), Masking.inText(rs.getString("script")),
                rs.getString("status"), rs.getString("launch_state"),
                (Integer) rs.getObject("launch_total", Integer.class), creator, rs.getString("branch_code"),
                rs.getString("branch_path"), rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("ended_at")), rs.getInt("version"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** A PostgreSQL array literal of customer numbers (their format, [A-Za-z0-9_-], needs no quoting). */
    private static String arrayLiteral(List<String> values) {
        return "{" + String.join(",", values) + "}";
    }

    private static String idArray(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
