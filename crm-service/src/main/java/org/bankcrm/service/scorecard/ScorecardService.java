package org.bankcrm.service.scorecard;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.ForbiddenException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.IsoDates;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.complaint.ComplaintService;
import org.bankcrm.service.coverage.CoverageQuery;
import org.bankcrm.service.coverage.CoverageService;
import org.bankcrm.service.dashboard.DashboardQuery;
import org.bankcrm.service.dashboard.DashboardSelector;
import org.bankcrm.service.dashboard.PipelineQuery;
import org.bankcrm.service.dashboard.SatisfactionQuery;
import org.bankcrm.service.dashboard.Selection;
import org.bankcrm.service.incentive.IncentiveService;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.target.TargetAttainmentQuery.Attainment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An RM's scorecard (issue 17, D49) for a period, each part read by the feature that owns its figure, over the
 * dashboard's selection of that RM, so a scorecard says what the RM's dashboard says: targets and their attainment
 * ({@link DashboardQuery#attainment}), follow-ups and visits per week, conversion (won ÷ closed, the pipeline's),
 * tier coverage on the period's last day (or today, if earlier), satisfaction, complaints, and the incentive of the
 * period's months. Scope: an RM their own, a head their subtree's RMs, an admin any; anyone else who works on records
 * asking for someone out of scope, or for who is no RM, gets the answer an unknown user gets (404).
 */
@Service
@RequiredArgsConstructor
public class ScorecardService {

    /** The activity of one week (its Monday). */
    public record Week(LocalDate monday, long followUps, long visits) {
    }

    /** Follow-ups and visits written in the period, in total and by week. */
    public record Activity(long followUps, long visits, List<Week> byWeek) {
    }

    /** Won ÷ (won + lost) of the opportunities the RM owns closed in the period, four decimals. */
    public record Conversion(long won, long lost, BigDecimal wonAmount, BigDecimal rate) {
    }

    /** Customers with a service standard and those of them contacted within it, as of {@code asOf}. */
    public record Coverage(LocalDate asOf, long customers, long covered, BigDecimal rate) {
    }

    /** Ratings of the RM's follow-ups in the period. */
    public record Satisfaction(long responses, BigDecimal average) {
    }

    /** Complaints on the RM's customers: open and overdue now; resolved in the period, and of them in time. */
    public record Complaints(long open, long overdue, long resolved, long resolvedInTime) {
    }

    /** One month's incentive statement total. */
    public record MonthIncentive(String month, BigDecimal total) {
    }

    /** The incentive of the period's months. */
    public record Incentive(List<MonthIncentive> byMonth, BigDecimal total) {
    }

    /** The whole scorecard; {@code coverage} is null when the RM has no customer under a service standard. */
    public record Scorecard(String username, String displayName, String branchCode, String branchName,
                            LocalDate from, LocalDate to, List<Attainment> targets, Activity activity,
                            Conversion conversion, Coverage coverage, Satisfaction satisfaction,
                            Complaints complaints, Incentive incentive) {
    }

    private final DashboardSelector selector;
    private final DashboardQuery dashboard;
    private final PipelineQuery pipeline;
    private final SatisfactionQuery satisfaction;
    private final ComplaintService complaints;
    private final CoverageService coverage;
    private final IncentiveService incentives;
    private final ScorecardQueries queries;
    private final Clock clock;

    /** A date as typed ({@code field} names it in the message), blank for none; unreadable is a 400. */
    public static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return IsoDates.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "scorecard.date", text.strip());
        }
    }

    /**
     * The dashboard selection of RM {@code username} for the caller, or 404 whether they do not exist, are out of
     * the caller's scope or are no RM. A period that cannot be read or runs backwards is a 400 first.
     */
    public Selection select(CurrentUser caller, String username, String from, String to) {
        AccessPolicy.requireMayWorkOnRecords(caller);
        LocalDate f = date("from", from);
        LocalDate t = date("to", to);
        if (f != null && t != null && f.isAfter(t)) {
            throw new InvalidInputException("from", "dashboard.period.order");
        }
        String who = username == null ? "" : username.strip();
        ScorecardQueries.Person p = queries.person(who).filter(x -> x.role().equals("RM"))
                .orElseThrow(() -> new NotFoundException("scorecard.notFound", who));
        try {
            return selector.select(caller, AccessPolicy.supervises(caller) ? p.branchCode() : null, p.username(), f,
                    t);
        } catch (ForbiddenException | NotFoundException e) {
            throw new NotFoundException("scorecard.notFound", who);
        }
    }

    @Transactional(readOnly = true)
    public Scorecard of(CurrentUser caller, String username, String from, String to) {
        Selection sel = select(caller, username, from, to);
        ScorecardQueries.Person p = queries.person(sel.ownerRm()).orElseThrow();

        List<Week> weeks = queries.weeks(sel).stream()
                .map(w -> new Week(w.monday(), w.followUps(), w.visits())).toList();
        Activity activity = new Activity(weeks.stream().mapToLong(Week::followUps).sum(),
                weeks.stream().mapToLong(Week::visits).sum(), weeks);

        PipelineQuery.Closed closed = pipeline.of(sel).closed();
        Conversion conversion = new Conversion(closed.won(), closed.lost(), closed.wonAmount(),
                closed.conversionRate());

        LocalDate today = LocalDate.now(clock);
        LocalDate asOf = sel.to().isAfter(today) ? today : sel.to();
        CoverageService.Coverage cov = coverage.coverage(coverage.select(caller, sel.branchCode(), p.username(),
                asOf.toString()));
        CoverageQuery.Figures total = cov.total();
        Coverage coverageFigures = total.customers() == 0 ? null
                : new Coverage(asOf, total.customers(), total.covered(), total.coverageRate());

        SatisfactionQuery.Satisfaction s = satisfaction.of(sel);
        ComplaintService.Counts now = complaints.counts(sel);
        long[] resolved = queries.resolved(sel);

        List<MonthIncentive> months = new ArrayList<>();
        BigDecimal incentive = BigDecimal.ZERO;
        for (YearMonth m = YearMonth.from(sel.from()); !m.isAfter(YearMonth.from(sel.to())); m = m.plusMonths(1)) {
            BigDecimal t = incentives.statement(caller, m.toString(), p.username()).total();
            months.add(new MonthIncentive(m.toString(), t));
            incentive = incentive.add(t);
        }
        return new Scorecard(p.username(), p.displayName(), p.branchCode(), p.branchName(), sel.from(), sel.to(),
                dashboard.attainment(sel), activity, conversion, coverageFigures,
                new Satisfaction(s.responses(), s.average()),
                new Complaints(now.open(), now.overdue(), resolved[0], resolved[1]),
                new Incentive(months, incentive));
    }
}
