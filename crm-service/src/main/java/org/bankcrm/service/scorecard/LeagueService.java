package org.bankcrm.service.scorecard;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.ForbiddenException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.complaint.ComplaintService;
import org.bankcrm.service.coverage.CoverageQuery;
import org.bankcrm.service.coverage.CoverageService;
import org.bankcrm.service.dashboard.DashboardQuery;
import org.bankcrm.service.dashboard.DashboardSelector;
import org.bankcrm.service.dashboard.PipelineQuery;
import org.bankcrm.service.dashboard.SatisfactionQuery;
import org.bankcrm.service.dashboard.Selection;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Texts;
import org.bankcrm.service.target.TargetAttainmentQuery.Attainment;
import org.bankcrm.service.target.TargetMeasure;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The branch league table (issue 17, D53): one row per child branch of a parent, each over the child's subtree, every
 * figure read by the query that gives it on that branch's dashboard, with that branch's dashboard selection (won,
 * won amount and conversion from {@link PipelineQuery}, the branch's own won-amount target from
 * {@link DashboardQuery#attainment}, satisfaction from {@link SatisfactionQuery}, complaints from
 * {@link ComplaintService#counts}, coverage from {@link CoverageService} on the period's last day, or today if
 * earlier). No figure is derived here. For admins (default parent: the root) and heads of a branch with children
 * (default: their own); a parent that is unknown or outside the caller's subtree gets the same 404.
 */
@Service
@RequiredArgsConstructor
public class LeagueService {

    /** The columns a table may be sorted by. */
    public enum Sort {
        BRANCH(r -> r.branchCode()), WON(r -> r.won()), WON_AMOUNT(r -> r.wonAmount()),
        CONVERSION(r -> r.conversionRate()), ATTAINMENT(r -> r.attainment()), RESPONSES(r -> r.responses()),
        SATISFACTION(r -> r.satisfaction()), OPEN_COMPLAINTS(r -> r.openComplaints()),
        OVERDUE_COMPLAINTS(r -> r.overdueComplaints()), COVERAGE(r -> r.coverageRate());

        @SuppressWarnings("rawtypes")
        private final Function<Row, Comparable> key;

        @SuppressWarnings("rawtypes")
        Sort(Function<Row, Comparable> key) {
            this.key = key;
        }

        /** The parameter's spelling: {@code wonAmount}. */
        public String code() {
            String[] parts = name().toLowerCase(Locale.ROOT).split("_");
            StringBuilder s = new StringBuilder(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                s.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
            }
            return s.toString();
        }
    }

    /**
     * One child branch over its subtree. {@code attainment} is the branch target's won amount ÷ target amount (null:
     * no such target), {@code targetAmount} that target; {@code coverageRate} null when no customer of the subtree is
     * under a service standard.
     */
    public record Row(String branchCode, String branchName, long won, BigDecimal wonAmount, long lost,
                      BigDecimal conversionRate, BigDecimal targetAmount, BigDecimal attainment, long responses,
                      BigDecimal satisfaction, long openComplaints, long overdueComplaints, LocalDate coverageAsOf,
                      Long coverageCustomers, Long covered, BigDecimal coverageRate) {
    }

    /** The table: the parent, the period, the sort it is in ({@code wonAmount,desc}) and its rows. */
    public record League(String parentCode, String parentName, LocalDate from, LocalDate to, String sort,
                         List<Row> rows) {
    }

    private final DashboardSelector selector;
    private final PipelineQuery pipeline;
    private final DashboardQuery dashboard;
    private final SatisfactionQuery satisfaction;
    private final ComplaintService complaints;
    private final CoverageService coverage;
    private final LeagueQueries queries;
    private final Clock clock;

    /** Whether the caller may read a league table: an admin, or a head whose branch has children. */
    @Transactional(readOnly = true)
    public boolean offered(CurrentUser user) {
        return AccessPolicy.isAdmin(user)
                || AccessPolicy.mayReadLeague(user, queries.hasChildren(user.branchId()));
    }

    @Transactional(readOnly = true)
    public League of(CurrentUser user, String from, String to, String parent, String sort) {
        AccessPolicy.requireMayReadLeague(user, !AccessPolicy.isAdmin(user) && queries.hasChildren(user.branchId()));
        LocalDate f = ScorecardService.date("from", from);
        LocalDate t = ScorecardService.date("to", to);
        Comparator<Row> order = order(sort);
        String sortParam = sortParam(sort);
        String code = Texts.clean(parent);
        LeagueQueries.Branch p = code != null ? queries.branch(code).orElseThrow(() -> notFound(code))
                : AccessPolicy.isAdmin(user) ? queries.root().orElseThrow(() -> notFound("HQ"))
                : queries.branch(user.branchCode()).orElseThrow(() -> notFound(user.branchCode()));
        Selection parentSel;
        try {
            // the parent's selection: checks the period (order, length) and the scope, and completes the period
            parentSel = selector.select(user, p.code(), null, f, t);
        } catch (ForbiddenException | NotFoundException e) {
            throw notFound(p.code());
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate asOf = parentSel.to().isAfter(today) ? today : parentSel.to();
        List<Row> rows = new ArrayList<>();
        for (LeagueQueries.Branch b : queries.children(p.id())) {
            rows.add(row(user, selector.select(user, b.code(), null, parentSel.from(), parentSel.to()), asOf));
        }
        rows.sort(order);
        return new League(p.code(), p.name(), parentSel.from(), parentSel.to(), sortParam, rows);
    }

    private Row row(CurrentUser user, Selection sel, LocalDate asOf) {
        PipelineQuery.Closed closed = pipeline.of(sel).closed();
        Attainment target = dashboard.attainment(sel).stream()
                .filter(a -> a.measure() == TargetMeasure.WON && a.rm() == null && sel.branchCode().equals(a.branch())
                        && a.category() == null && a.targetAmount() != null)
                .min(Comparator.comparing((Attainment a) -> !a.periodStart().equals(sel.from()))
                        .thenComparing(Attainment::periodStart))
                .orElse(null);
        SatisfactionQuery.Satisfaction s = satisfaction.of(sel);
        ComplaintService.Counts c = complaints.counts(sel);
        CoverageQuery.Figures cov = coverage.coverage(coverage.select(user, sel.branchCode(), null, asOf.toString()))
                .total();
        boolean hasCoverage = cov.customers() > 0;
        return new Row(sel.branchCode(), sel.branchName(), closed.won(), closed.wonAmount(), closed.lost(),
                closed.conversionRate(), target == null ? null : target.targetAmount(),
                target == null ? null : target.amountRate(), s.responses(), s.average(), c.open(), c.overdue(),
                asOf, hasCoverage ? cov.customers() : null, hasCoverage ? cov.covered() : null,
                hasCoverage ? cov.coverageRate() : null);
    }

    private static NotFoundException notFound(String code) {
        return new NotFoundException("league.parentNotFound", code);
    }

    /** {@code column} or {@code column,asc|desc} (blank: won amount, descending); an unknown one is a 400. */
    static String[] sortParts(String sort) {
        String s = Texts.clean(sort);
        if (s == null) {
            return new String[] {Sort.WON_AMOUNT.code(), "desc"};
        }
        String[] parts = s.split(",", -1);
        String dir = parts.length > 1 ? parts[1].strip().toLowerCase(Locale.ROOT) : "desc";
        if (parts.length > 2 || !dir.equals("asc") && !dir.equals("desc") || column(parts[0].strip()) == null) {
            throw new InvalidInputException("sort", "league.sort.unknown", s);
        }
        return new String[] {column(parts[0].strip()).code(), dir};
    }

    private static Sort column(String param) {
        for (Sort c : Sort.values()) {
            if (c.code().equalsIgnoreCase(param)) {
                return c;
            }
        }
        return null;
    }

    private static String sortParam(String sort) {
        String[] p = sortParts(sort);
        return p[0] + "," + p[1];
    }

    /** The order of a sort: no figure ("—") last either way, ties by branch code. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Comparator<Row> order(String sort) {
        String[] p = sortParts(sort);
        Sort column = column(p[0]);
        Comparator<Comparable> values = p[1].equals("asc") ? Comparator.naturalOrder() : Comparator.reverseOrder();
        Comparator<Row> byColumn = Comparator.comparing(r -> column.key.apply(r), Comparator.nullsLast(values));
        return byColumn.thenComparing(Row::branchCode);
    }
}
