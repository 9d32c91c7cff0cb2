package org.bankcrm.service.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.approval.ApprovalStatus;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.service.org.Scope;
import org.bankcrm.service.org.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Approvals as people read them, always in their approval scope ({@link Scope#ofApprovals}): by the opportunity's
 * branch for approvers and heads, all for admins, the requester's own for RMs.
 */
@Component
@RequiredArgsConstructor
public class ApprovalQueries {

    private static final String SELECT = """
            select a.id, a.opportunity_id, o.title, c.customer_no, c.name as customer_name, c.type as customer_type,
                   o.product_code,
                   b.code as branch_code, a.amount, o.amount as opportunity_amount, o.stage, a.status,
                   rq.username as requested_by, rq.display_name as requested_by_name, a.requested_at,
                   a.request_comment, dc.username as decided_by, dc.display_name as decided_by_name, a.decided_at,
                   a.decision_comment, a.version
            from approval a
            join opportunity o on o.id = a.opportunity_id
            join customer c on c.id = o.customer_id
            join branch b on b.id = o.branch_id
            join staff_user rq on rq.id = a.requested_by
            left join staff_user dc on dc.id = a.decided_by
            """;

    private final JdbcClient jdbc;

    /**
     * The approvals in scope, pending first, then newest first; {@code status} null for all. With {@code dealScope},
     * only those whose opportunity that scope still sees ({@link #where}).
     */
    public List<ApprovalView> list(Scope scope, Scope dealScope, ApprovalStatus status, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("limit", limit);
        String where = where(scope, dealScope, params);
        if (status != null) {
            where += " and a.status = :status";
            params.put("status", status.name());
        }
        return jdbc.sql(SELECT + where + " order by a.status = 'PENDING' desc, a.requested_at desc, a.id desc"
                + " limit :limit").params(params).query((rs, n) -> row(rs)).list();
    }

    /** One approval in scope (and, with {@code dealScope}, whose opportunity that scope still sees). */
    public Optional<ApprovalView> find(Scope scope, Scope dealScope, long id) {
        Map<String, Object> params = new HashMap<>();
        String where = where(scope, dealScope, params);
        return jdbc.sql(SELECT + where + " and a.id = :id").params(params).param("id", id)
                .query((rs, n) -> row(rs)).optional();
    }

    /**
     * The approval scope over the approval (the requester as its "owner", the opportunity's branch), and, when a
     * {@code dealScope} is given, the opportunity in it with its team (D44): an RM sees the requests they made only
     * while they still see the deal (a member removed, a deal handed over: the request goes with the deal). Whoever
     * works on records also sees the requests they made themselves (a head co-owning a deal of another subtree).
     */
    private static String where(Scope scope, Scope dealScope, Map<String, Object> params) {
        ScopeSql s = ScopeSql.of(scope, "a.requested_by", "b.path");
        params.putAll(s.params());
        if (dealScope == null) {
            return " where " + s.condition();
        }
        params.put("requester", dealScope.userId());
        ScopeSql deal = ScopeSql.ofOpportunity(dealScope, "o.id", "o.owner_id", "b.path");
        params.putAll(deal.params());
        return " where (" + s.condition() + " or a.requested_by = :requester) and " + deal.condition();
    }

    /**
     * The approvals of one opportunity the caller has already found in their own scope, newest first (the
     * opportunity page's "审批" section).
     */
    public List<ApprovalView> ofOpportunity(long opportunityId) {
        return jdbc.sql(SELECT + " where a.opportunity_id = :o order by a.id desc").param("o", opportunityId)
                .query((rs, n) -> row(rs)).list();
    }

    /** The latest decided approval of an opportunity: what the gate before WON reads (D45). */
    public Optional<ApprovalView> latestDecided(long opportunityId) {
        return jdbc.sql(SELECT + " where a.opportunity_id = :o and a.status <> 'PENDING'"
                        + " order by a.decided_at desc, a.id desc limit 1").param("o", opportunityId)
                .query((rs, n) -> row(rs)).optional();
    }

    /** How many requests wait in the scope (the navigation's count for an approver). */
    public long pendingCount(Scope scope) {
        ScopeSql s = ScopeSql.of(scope, "a.requested_by", "b.path");
        return jdbc.sql("select count(*) from approval a join opportunity o on o.id = a.opportunity_id"
                        + " join branch b on b.id = o.branch_id where a.status = 'PENDING' and " + s.condition())
                .params(s.params()).query(Long.class).single();
    }

    /**
     * Of these opportunities, the open ones a rule asks approval for at their amount now whose latest decided
     * approval is not an APPROVED one covering that amount (the gate's verdict, in one statement for a board).
     */
    public java.util.Set<Long> needingApproval(java.util.Collection<Long> ids) {
        return new java.util.HashSet<>(jdbc.sql("""
                        select o.id from opportunity o
                        join product p on p.code = o.product_code
                        join approval_rule r on r.product_category = p.category
                        where o.id in (:ids) and o.status = 'OPEN' and o.amount >= r.min_amount
                          and not coalesce((select a.status = 'APPROVED' and a.amount >= o.amount from approval a
                                            where a.opportunity_id = o.id and a.status <> 'PENDING'
                                            order by a.decided_at desc, a.id desc limit 1), false)""")
                .param("ids", ids).query(Long.class).list());
    }

    /** Of these opportunities, those with a request pending. */
    public java.util.Set<Long> pendingAmong(java.util.Collection<Long> ids) {
        return new java.util.HashSet<>(jdbc.sql(
                        "select opportunity_id from approval where status = 'PENDING' and opportunity_id in (:ids)")
                .param("ids", ids).query(Long.class).list());
    }

    private static ApprovalView row(ResultSet rs) throws SQLException {
        // A risk officer decides on the deal, not the person: a person's name is masked, in the title too, and
        // numbers that look like phones or ID numbers in what people wrote. A company's name is no personal data and
        // is what a credit decision is about: shown whole.
        String customer = rs.getString("customer_name");
        boolean person = !"CORPORATE".equals(rs.getString("customer_type"));
        return new ApprovalView(rs.getLong("id"), rs.getLong("opportunity_id"),
                person ? Masking.nameIn(rs.getString("title"), customer) : rs.getString("title"),
                rs.getString("customer_no"), person ? Masking.name(customer) : customer, rs.getString("product_code"),
                rs.getString("branch_code"), rs.getBigDecimal("amount"), rs.getBigDecimal("opportunity_amount"),
                rs.getString("stage"), ApprovalStatus.valueOf(rs.getString("status")), rs.getString("requested_by"),
                rs.getString("requested_by_name"), instant(rs.getTimestamp("requested_at")),
                Masking.inText(rs.getString("request_comment")), rs.getString("decided_by"),
                rs.getString("decided_by_name"), instant(rs.getTimestamp("decided_at")),
                Masking.inText(rs.getString("decision_comment")), rs.getInt("version"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
