package org.bankcrm.service.dashboard;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bankcrm.domain.opportunity.Source;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.referral.ReferralChannel;
import org.bankcrm.service.opportunity.PipelineRules;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.shared.ReadFromReplica;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lists behind the dashboard's figures: the same conditions as the aggregates of {@link PipelineQuery}
 * and {@link DashboardQuery}, so a list has exactly as many lines as its figure says.
 *
 * <p>Over 250 lines: the list behind every figure is built in one place ({@code query}) on purpose, so that a
 * list and its figure cannot drift apart; the measures, narrowings and line records belong to it.
 */
@Service
public class DashboardListQueries {

    /** Which figure a list is behind. */
    public enum Measure {
        /** open now */ OPEN,
        /** created in the period */ CREATED,
        /** created in the period and reached the narrowing's stage (a funnel step) */ REACHED,
        /** won in the period */ WON,
        /** lost in the period */ LOST,
        /** open, no follow-up for the stalled days */ STALLED,
        /** next actions past their date */ OVERDUE
    }

    /**
     * Narrowing a measure: one stage, source, product category or referral channel, or the opportunities no RM
     * owns ({@code unassigned}, the leaderboard's unassigned row), or one lost reason ({@code reason}, the loss
     * analysis's figures; it may be combined with a category). Under {@link Measure#REACHED} the stage is the
     * one reached, not the current one.
     */
    public record Narrow(Stage stage, Source source, ProductCategory category, ReferralChannel channel,
                         boolean unassigned, String reason) {

        public Narrow(Stage stage, Source source, ProductCategory category, ReferralChannel channel) {
            this(stage, source, category, channel, false, null);
        }

        public Narrow(Stage stage, Source source, ProductCategory category, ReferralChannel channel,
                      boolean unassigned) {
            this(stage, source, category, channel, unassigned, null);
        }

        public static Narrow none() {
            return new Narrow(null, null, null, null, false, null);
        }

        public Map<String, String> query() {
            Map<String, String> q = new java.util.LinkedHashMap<>();
            if (stage != null) {
                q.put("stage", stage.name());
            }
            if (source != null) {
                q.put("source", source.name());
            }
            if (category != null) {
                q.put("category", category.name());
            }
            if (channel != null) {
                q.put("channel", channel.name());
            }
            if (unassigned) {
                q.put("unassigned", "true");
            }
            if (reason != null) {
                q.put("reason", reason);
            }
            return q;
        }
    }

    /**
     * An opportunity line. {@code customerType} lets exports mask retail names. {@code lostReason} and
     * {@code lostComment} (the comment of the move to LOST, from the history) are null unless it is lost.
     */
    public record OpportunityLine(long id, String title, String customerNo, String customerName, String customerType,
                                  String productCode, String category, Stage stage, BigDecimal amount,
                                  BigDecimal wonAmount, Source source, String owner, String branchCode,
                                  Instant createdAt, Instant closedAt, LocalDate expectedCloseDate,
                                  String lostReason, String lostComment) {
    }

    /** A next action line. */
    public record ActionLine(long followUpId, String nextAction, LocalDate due, Long opportunityId, String title,
                             String customerNo, String customerName, String customerType, String owner) {
    }

    /** A page of one list; exactly one of the two line lists is used, by the measure. */
    public record ListPage(Measure measure, List<OpportunityLine> opportunities, List<ActionLine> actions, long total,
                           int page, int size) {

        public int totalPages() {
            return (int) ((total + size - 1) / size);
        }

        public boolean hasPrevious() {
            return page > 0;
        }

        public boolean hasNext() {
            return page + 1 < totalPages();
        }
    }

    /**
     * A list too long to export: it is refused whole, never cut. The message asks to narrow the selection.
     */
    public static final class TooManyLines extends org.bankcrm.domain.shared.InvalidInputException {

        private final long lines;
        private final int limit;

        public TooManyLines(long lines, int limit) {
            super(null, "dashboard.export.tooMany", lines, limit);
            this.lines = lines;
            this.limit = limit;
        }

        public long lines() {
            return lines;
        }

        public int limit() {
            return limit;
        }
    }

    private final JdbcClient jdbc;
    private final PipelineQuery pipeline;
    private final int exportLimit;

    public DashboardListQueries(JdbcClient jdbc, PipelineQuery pipeline, DashboardProperties properties) {
        this.jdbc = jdbc;
        this.pipeline = pipeline;
        this.exportLimit = properties.exportLimit();
    }

    /** The most lines one export may write ({@code crm.dashboard.export-limit}). */
    public int exportLimit() {
        return exportLimit;
    }

    /** A list's statement, and who reads it (whether a next action's free text is shown in full). */
    private record Query(String from, String where, Map<String, Object> params, CurrentUser viewer) {
    }

    private Query query(Selection sel, Measure m, Narrow n) {
        Map<String, Object> params = new HashMap<>();
        if (m == Measure.OVERDUE) {
            ScopeSql fu = sel.actions("b");
            params.putAll(fu.params());
            params.put("today", pipeline.today());
            return new Query(PipelineRules.FROM_ACTION
                    + " left join staff_user a on a.id = " + PipelineRules.ACTION_OWNER + " ",
                    PipelineRules.OVERDUE + " and " + fu.condition(), params, sel.user());
        }
        ScopeSql opp = sel.opportunities("o", "b");
        params.putAll(opp.params());
        List<String> where = new ArrayList<>(List.of(opp.condition()));
        switch (m) {
            case OPEN -> where.add("o.status = 'OPEN'");
            case CREATED -> where.add(PipelineRules.CREATED_IN_PERIOD);
            case REACHED -> {
                // The funnel's cohort and rank, word for word: the list behind a step counts as the step does.
                where.add(PipelineRules.CREATED_IN_PERIOD);
                if (n.stage() != null) {
                    where.add(PipelineRules.reachedAtLeast("nReached"));
                    params.put("nReached", n.stage().name());
                }
            }
            case WON -> where.add(PipelineRules.WON_IN_PERIOD);
            case LOST -> where.add(PipelineRules.LOST_IN_PERIOD);
            case STALLED -> {
                where.add(PipelineRules.STALLED);
                params.put("before", pipeline.stalledBefore());
            }
            default -> throw new IllegalStateException(m.name());
        }
        if (m == Measure.CREATED || m == Measure.REACHED || m == Measure.WON || m == Measure.LOST) {
            params.put("start", sel.start());
            params.put("end", sel.end());
        }
        if (n.stage() != null && m != Measure.REACHED) {
            where.add("o.stage = :nStage");
            params.put("nStage", n.stage().name());
        }
        if (n.source() != null) {
            where.add("o.source = :nSource");
            params.put("nSource", n.source().name());
        }
        if (n.category() != null) {
            where.add("p.category = :nCategory");
            params.put("nCategory", n.category().name());
        }
        if (n.channel() != null) {
            where.add("exists (select 1 from referral r where r.opportunity_id = o.id and r.channel = :nChannel)");
            params.put("nChannel", n.channel().name());
        }
        if (n.unassigned()) {
            where.add("o.owner_id is null");
        }
        if (n.reason() != null) {
            where.add("o.lost_reason = :nReason");
            params.put("nReason", n.reason());
        }
        return new Query(PipelineRules.FROM_OPPORTUNITY + " join product p on p.code = o.product_code"
                + " join customer c on c.id = o.customer_id left join staff_user u on u.id = o.owner_id ",
                String.join(" and ", where), params, sel.user());
    }

    private static final String OPPORTUNITY_COLUMNS = """
            select o.id, o.title, c.customer_no, c.name as customer_name, c.type as customer_type, o.product_code,
                   p.category, o.stage, o.amount, o.won_amount, o.source, u.username as owner, b.code as branch_code,
                   o.created_at, o.closed_at, o.expected_close_date, o.lost_reason,
                   case when o.stage = 'LOST' then (select h.comment from opportunity_history h
                        where h.opportunity_id = o.id and h.event = 'STAGE' and h.to_value = 'LOST'
                        order by h.at desc, h.id desc limit 1) end as lost_comment,
                   (select cu.username from staff_user cu where cu.id = c.owner_id) as customer_owner,
                   (select cb.path from branch cb where cb.id = c.branch_id) as customer_branch_path""";

    private static final String ACTION_COLUMNS = """
            select f.id, f.next_action, f.next_action_date, fo.id as opportunity_id, fo.title, c.customer_no,
                   c.name as customer_name, c.type as customer_type, a.username as owner,
                   (select cu.username from staff_user cu where cu.id = c.owner_id) as customer_owner,
                   (select cb.path from branch cb where cb.id = c.branch_id) as customer_branch_path""";

    private static String order(Measure m) {
        return switch (m) {
            case OPEN -> " order by o.amount desc, o.id";
            case CREATED, REACHED -> " order by o.created_at desc, o.id";
            case WON, LOST -> " order by o.closed_at desc, o.id";
            case STALLED -> " order by o.created_at, o.id";
            case OVERDUE -> " order by f.next_action_date, f.id";
        };
    }

    @ReadFromReplica
    @Transactional(readOnly = true)
    public ListPage page(Selection sel, Measure m, Narrow n, int page, int size) {
        Query q = query(sel, m, n);
        int p = Math.max(page, 0);
        long total = jdbc.sql("select count(*) " + q.from() + " where " + q.where()).params(q.params())
                .query(Long.class).single();
        List<OpportunityLine> opps = List.of();
        List<ActionLine> actions = List.of();
        String limit = " limit " + size + " offset " + ((long) p * size);
        if (m == Measure.OVERDUE) {
            actions = new ArrayList<>();
            each(q, m, limit, actions::add, null);
        } else {
            opps = new ArrayList<>();
            each(q, m, limit, null, opps::add);
        }
        return new ListPage(m, opps, actions, total, p, size);
    }

    /**
     * The first {@code size} opportunities of a list without its count, for the page's short stalled list:
     * the pipeline already has the count, and counting again would scan the same rows a second time.
     */
    @ReadFromReplica
    @Transactional(readOnly = true)
    public List<OpportunityLine> firstOpportunities(Selection sel, Measure m, int size) {
        List<OpportunityLine> lines = new ArrayList<>();
        each(query(sel, m, Narrow.none()), m, " limit " + size, null, lines::add);
        return lines;
    }

    /** The first {@code size} overdue actions without their count (see {@link #firstOpportunities}). */
    @ReadFromReplica
    @Transactional(readOnly = true)
    public List<ActionLine> firstOverdue(Selection sel, int size) {
        List<ActionLine> lines = new ArrayList<>();
        each(query(sel, Measure.OVERDUE, Narrow.none()), Measure.OVERDUE, " limit " + size, lines::add, null);
        return lines;
    }

    /** How many lines a list has: the count an export checks against {@link #exportLimit()} before it starts. */
    @ReadFromReplica
    @Transactional(readOnly = true)
    public long count(Selection sel, Measure m, Narrow n) {
        Query q = query(sel, m, n);
        return jdbc.sql("select count(*) " + q.from() + " where " + q.where()).params(q.params())
                .query(Long.class).single();
    }

    /** Refuses an export of {@code lines} lines when that is more than {@link #exportLimit()}. */
    public void checkExportable(long lines) {
        if (lines > exportLimit) {
            throw new TooManyLines(lines, exportLimit);
        }
    }

    /**
     * Streams every line of a list to one of the consumers, for exports. A list longer than
     * {@link #exportLimit()} is refused ({@link TooManyLines}), never cut: the caller counts first, and should
     * the list have grown since, the line past the limit stops the export here.
     */
    @ReadFromReplica
    @Transactional(readOnly = true)
    public void each(Selection sel, Measure m, Narrow n, Consumer<ActionLine> actions,
                     Consumer<OpportunityLine> opportunities) {
        long[] seen = new long[1];
        Consumer<ActionLine> a = actions == null ? null : line -> {
            checkExportable(++seen[0]);
            actions.accept(line);
        };
        Consumer<OpportunityLine> o = opportunities == null ? null : line -> {
            checkExportable(++seen[0]);
            opportunities.accept(line);
        };
        each(query(sel, m, n), m, " limit " + ((long) exportLimit + 1), a, o);
    }

    /** Free text on a line (a next action, a loss's comment) as the viewer may read it, as on My day. */
    private static String textFor(CurrentUser viewer, ResultSet row, String column) throws SQLException {
        return AccessPolicy.textFor(viewer, row.getString("customer_owner"), row.getString("customer_branch_path"),
                row.getString(column));
    }

    private void each(Query q, Measure m, String limit, Consumer<ActionLine> actions,
                      Consumer<OpportunityLine> opportunities) {
        if (m == Measure.OVERDUE) {
            jdbc.sql(ACTION_COLUMNS + q.from() + " where " + q.where() + order(m) + limit).params(q.params())
                    .query(rs -> {
                        actions.accept(new ActionLine(rs.getLong("id"),
                                textFor(q.viewer(), rs, "next_action"),
                                rs.getObject("next_action_date", LocalDate.class),
                                (Long) rs.getObject("opportunity_id"), rs.getString("title"),
                                rs.getString("customer_no"), rs.getString("customer_name"),
                                rs.getString("customer_type"), rs.getString("owner")));
                    });
        } else {
            jdbc.sql(OPPORTUNITY_COLUMNS + q.from() + " where " + q.where() + order(m) + limit).params(q.params())
                    .query(rs -> {
                        java.sql.Timestamp closed = rs.getTimestamp("closed_at");
                        opportunities.accept(new OpportunityLine(rs.getLong("id"), rs.getString("title"),
                                rs.getString("customer_no"), rs.getString("customer_name"),
                                rs.getString("customer_type"), rs.getString("product_code"), rs.getString("category"),
                                Stage.valueOf(rs.getString("stage")), rs.getBigDecimal("amount"),
                                rs.getBigDecimal("won_amount"), Source.valueOf(rs.getString("source")),
                                rs.getString("owner"), rs.getString("branch_code"),
                                rs.getTimestamp("created_at").toInstant(), closed == null ? null : closed.toInstant(),
                                rs.getObject("expected_close_date", LocalDate.class), rs.getString("lost_reason"),
                                textFor(q.viewer(), rs, "lost_comment")));
                    });
        }
    }
}
