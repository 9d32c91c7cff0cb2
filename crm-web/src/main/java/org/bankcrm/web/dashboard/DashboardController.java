package org.bankcrm.web.dashboard;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.IsoDates;
import org.bankcrm.service.alert.AlertCode;
import org.bankcrm.service.alert.AlertService;
import org.bankcrm.service.dashboard.DashboardListQueries;
import org.bankcrm.service.dashboard.DashboardQuery;
import org.bankcrm.service.dashboard.DashboardSelector;
import org.bankcrm.service.dashboard.Selection;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.BranchService;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.UserService;
import org.bankcrm.web.shared.Formats;
import org.bankcrm.web.shared.People;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The branch dashboard: a head's subtree (branch picker), any branch or the bank for an admin, an RM's own
 * figures; a period picker; every figure links to the list behind it.
 */
@Controller
@RequiredArgsConstructor
class DashboardController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * How many rows of each per-RM table (leaderboard, target attainment, loss and satisfaction by RM) the page shows
     * unless asked for all ({@code rows=all}, D65). A sub-branch's RMs fit; the whole bank's 1,000 would make a page
     * of megabytes. The API and the workbook always carry every row.
     */
    static final int PAGE_ROWS = 50;

    /** The period presets of the picker. */
    enum Period { WEEK, MONTH, QUARTER, CUSTOM }

    /** A request's period, or the message that says why it was not taken. */
    record Chosen(Period period, LocalDate from, LocalDate to, String error) {
    }

    private final DashboardSelector selector;
    private final DashboardQuery report;
    private final DashboardListQueries lists;
    private final AlertService alerts;
    private final BranchService branches;
    private final UserService users;
    private final MessageSource messages;
    private final Clock clock;
    private final Formats fmt;
    private final org.bankcrm.service.dashboard.SatisfactionQuery satisfaction;
    private final org.bankcrm.service.complaint.ComplaintService complaints;
    private final LossSection lossSection;
    private final People people;
    private final org.bankcrm.service.scorecard.LeagueService league;

    /** Dates from a preset, or the custom range as typed; a bad range falls back to this month with a message. */
    static Chosen choose(String period, String from, String to, LocalDate today) {
        Period p;
        try {
            p = period == null || period.isBlank() ? null : Period.valueOf(period.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            p = null;
        }
        if (p == null) {
            p = (from != null && !from.isBlank()) || (to != null && !to.isBlank()) ? Period.CUSTOM : Period.MONTH;
        }
        LocalDate monthStart = today.withDayOfMonth(1);
        return switch (p) {
            case WEEK -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new Chosen(p, monday, monday.plusDays(6), null);
            }
            case MONTH -> new Chosen(p, monthStart, monthStart.plusMonths(1).minusDays(1), null);
            case QUARTER -> {
                LocalDate q = today.with(IsoFields.DAY_OF_QUARTER, 1);
                yield new Chosen(p, q, q.plusMonths(3).minusDays(1), null);
            }
            case CUSTOM -> {
                try {
                    LocalDate f = from == null || from.isBlank() ? null : IsoDates.parse(from.strip());
                    LocalDate t = to == null || to.isBlank() ? null : IsoDates.parse(to.strip());
                    yield new Chosen(p, f, t, null);
                } catch (DateTimeParseException e) {
                    yield new Chosen(Period.MONTH, monthStart, monthStart.plusMonths(1).minusDays(1),
                            "dashboard.period.unreadable");
                }
            }
        };
    }

    /** The selection, or this month's with the reason in {@code model.periodError} when the period was refused. */
    Selection select(CurrentUser user, String branch, String owner, String period, String from, String to,
                     Model model) {
        LocalDate today = LocalDate.now(clock);
        Chosen c = choose(period, from, to, today);
        Selection sel;
        try {
            sel = selector.select(user, branch, owner, c.from(), c.to());
        } catch (InvalidInputException e) {
            c = new Chosen(Period.MONTH, null, null, e.errors().get(0).messageKey());
            sel = selector.select(user, branch, owner, null, null);
        }
        model.addAttribute("period", c.period().name());
        model.addAttribute("periodError", c.error());
        model.addAttribute("sel", sel);
        model.addAttribute("links", new DashboardLinks(sel));
        return sel;
    }

    @GetMapping("/dashboard")
    String dashboard(CurrentUser user, @RequestParam(required = false) String branch,
                     @RequestParam(required = false) String owner, @RequestParam(required = false) String period,
                     @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                     @RequestParam(required = false) String rows, Model model, Locale locale) {
        Selection sel = select(user, branch, owner, period, from, to, model);
        DashboardQuery.Page page = report.of(sel);
        learnOwners(sel, page.stalled(), page.overdue());
        int rowLimit = "all".equals(rows) ? Integer.MAX_VALUE : PAGE_ROWS;
        model.addAttribute("d", page);
        model.addAttribute("p", page.pipeline());
        model.addAttribute("rowLimit", rowLimit);
        model.addAttribute("leaders", first(page.pipeline().byOwner(), rowLimit));
        model.addAttribute("targetRows", first(page.attainment(), rowLimit));
        // The selection has refused referrers: whoever is here and does not supervise is an RM.
        boolean supervises = AccessPolicy.supervises(user);
        model.addAttribute("supervises", supervises);
        model.addAttribute("offersLeague", supervises && league.offered(user));
        model.addAttribute("branches", supervises ? branches.visible(user) : List.of());
        model.addAttribute("rms", users.ownerChoicesUnder(user, sel.branchCode()));
        model.addAttribute("charts", charts(page, locale));
        model.addAttribute("funnelEmpty", page.funnel().stream().allMatch(f -> f.reached() == 0));
        model.addAttribute("alertFigures", alerts.figures(sel));
        model.addAttribute("alertCodes", AlertCode.values());
        model.addAttribute("periods", Period.values());
        // Complaints now and satisfaction in the period (D46), for the same selection as the API's.
        model.addAttribute("complaintCounts", complaints.counts(sel));
        model.addAttribute("complaintLink", complaintLink(sel));
        var sat = satisfaction.of(sel);
        model.addAttribute("sat", sat);
        model.addAttribute("satOwners", first(sat.byOwner(), rowLimit));
        model.addAttribute("satChart", satisfactionChart(sat, locale));
        lossSection.addTo(model, sel, locale, rowLimit);
        return "dashboard";
    }

    /** The first {@code n} rows of a table, in its order. */
    static <T> List<T> first(List<T> rows, int n) {
        return rows.size() <= n ? rows : rows.subList(0, n);
    }

    /** The complaint list of the selection: its branch and RM, as {@code ComplaintService.list} reads them. */
    private static String complaintLink(Selection sel) {
        StringBuilder b = new StringBuilder("/complaints?status=OPEN");
        Map<String, String> q = sel.query();
        if (q.containsKey("branch")) {
            b.append("&branch=").append(java.net.URLEncoder.encode(q.get("branch"), StandardCharsets.UTF_8));
        }
        if (q.containsKey("owner")) {
            b.append("&owner=").append(java.net.URLEncoder.encode(q.get("owner"), StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    /** The monthly satisfaction trend: the average per month (line, 1–5) over the responses (bars). */
    private String satisfactionChart(org.bankcrm.service.dashboard.SatisfactionQuery.Satisfaction s, Locale locale) {
        List<String> months = new ArrayList<>();
        List<Long> responses = new ArrayList<>();
        List<BigDecimal> averages = new ArrayList<>();
        s.byMonth().forEach(m -> {
            months.add(m.month());
            responses.add(m.responses());
            averages.add(m.average());
        });
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("type", "bar");
        cfg.put("integer", true);
        cfg.put("valueTitle", axis("satisfaction.responses", locale));
        cfg.put("lineTitle", axis("chart.axis.satisfaction", locale));
        cfg.put("lineMax", 5);   // ratings are 1-5: the line's axis always shows the whole scale
        cfg.put("categoryTitle", axis("chart.axis.month", locale));
        cfg.put("labels", months);
        cfg.put("datasets", List.of(
                Map.of("label", msg("satisfaction.responses", locale), "data", responses),
                Map.of("label", msg("satisfaction.average", locale), "data", averages, "type", "line")));
        cfg.put("tips", List.of(counts(responses), averages.stream().map(fmt::average).toList()));
        return json(cfg);
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private static List<String> links(int n) {
        return new ArrayList<>(n);
    }

    /**
     * A bar chart of one value per stage, each bar opening the list of {@code measure} at its stage; {@code options}
     * are dashboard.js's hints (horizontal, integer, axis titles) and {@code tips} the values as the page writes them.
     */
    private <T> String stageBars(List<T> rows, Function<T, Object> stage, Function<T, Object> value, String measure,
                                 Map<String, Object> options, String label, Function<T, String> tip,
                                 DashboardLinks l, Locale locale) {
        List<String> labels = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<String> tips = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (T row : rows) {
            labels.add(msg("stage." + stage.apply(row), locale));
            values.add(value.apply(row));
            tips.add(tip.apply(row));
            urls.add(l.list(measure, "stage", stage.apply(row)));
        }
        Map<String, Object> cfg = new LinkedHashMap<>(options);
        cfg.put("type", "bar");
        cfg.put("labels", labels);
        cfg.put("links", urls);
        cfg.put("datasets", List.of(Map.of("label", label, "data", values)));
        cfg.put("tips", List.of(tips));
        return json(cfg);
    }

    /** The unit of an axis of amounts, by the largest of them (D39); the axis title names it. */
    private Formats.Scale scaleOf(List<BigDecimal> amounts, Locale locale) {
        return fmt.axisScale(amounts.stream().map(BigDecimal::abs).reduce(BigDecimal.ZERO, BigDecimal::max), locale);
    }

    private String axis(String key, Locale locale, Object... unit) {
        return messages.getMessage(key, unit, key, locale);
    }

    /** Each chart's data and drill-down links as JSON, drawn by static/js/dashboard.js. */
    private Map<String, String> charts(DashboardQuery.Page d, Locale locale) {
        DashboardLinks l = new DashboardLinks(d.selection());
        Map<String, String> charts = new LinkedHashMap<>();

        charts.put("funnel", stageBars(d.funnel(), s -> s.stage(), s -> s.reached(), "REACHED",
                Map.of("horizontal", true, "integer", true,
                        "valueTitle", axis("chart.axis.opportunities", locale),
                        "categoryTitle", axis("chart.axis.stage", locale)),
                msg("dashboard.funnel.reached", locale), s -> fmt.count(s.reached()), l, locale));
        List<BigDecimal> stageAmounts = d.pipeline().byStage().stream().map(s -> s.amount()).toList();
        Formats.Scale stageScale = scaleOf(stageAmounts, locale);
        charts.put("stages", stageBars(d.pipeline().byStage(), s -> s.stage(),
                s -> s.amount().divide(stageScale.from(), 2, RoundingMode.HALF_UP), "OPEN",
                Map.of("valueTitle", axis("chart.axis.amount", locale, stageScale.axisUnit()),
                        "categoryTitle", axis("chart.axis.stage", locale)),
                msg("kpi.openAmount", locale), s -> fmt.wan(s.amount()), l, locale));

        List<String> weeks = new ArrayList<>();
        List<Long> created = new ArrayList<>();
        List<Long> won = new ArrayList<>();
        List<Long> followUps = new ArrayList<>();
        d.weeks().forEach(w -> {
            weeks.add(fmt.date(w.monday()));
            created.add(w.created());
            won.add(w.won());
            followUps.add(w.followUps());
        });
        Map<String, Object> trend = new LinkedHashMap<>();
        trend.put("type", "bar");
        trend.put("integer", true);
        trend.put("valueTitle", axis("chart.axis.opportunities", locale));
        trend.put("lineTitle", axis("chart.axis.followUps", locale));
        trend.put("categoryTitle", axis("chart.axis.week", locale));
        trend.put("labels", weeks);
        trend.put("datasets", List.of(
                Map.of("label", msg("dashboard.created", locale), "data", created),
                Map.of("label", msg("dashboard.won", locale), "data", won),
                Map.of("label", msg("dashboard.followUps", locale), "data", followUps, "type", "line")));
        trend.put("tips", List.of(counts(created), counts(won), counts(followUps)));
        charts.put("trend", json(trend));

        List<String> cats = new ArrayList<>();
        List<BigDecimal> catAmounts = new ArrayList<>();
        List<String> catUrls = links(8);
        d.byCategory().stream().filter(c -> c.openAmount().signum() > 0).forEach(c -> {
            cats.add(msg("category." + c.category(), locale));
            catAmounts.add(c.openAmount());
            catUrls.add(l.list("OPEN", "category", c.category()));
        });
        charts.put("categories", json(Map.of("type", "doughnut", "labels", cats, "links", catUrls,
                "datasets", List.of(Map.of("label", msg("kpi.openAmount", locale), "data", catAmounts)),
                "tips", List.of(catAmounts.stream().map(fmt::wan).toList()))));

        // The pyramid: share of customers (left) against share of AUM (right), top tier on top.
        List<DashboardQuery.TierFigures> retail = d.tiers().stream().filter(t -> t.type().equals("RETAIL")).toList();
        long customers = retail.stream().mapToLong(DashboardQuery.TierFigures::customers).sum();
        BigDecimal aum = retail.stream().map(DashboardQuery.TierFigures::aum).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<String> tiers = new ArrayList<>();
        List<BigDecimal> customerShare = new ArrayList<>();
        List<BigDecimal> aumShare = new ArrayList<>();
        retail.forEach(t -> {
            tiers.add(msg("tier." + t.tier(), locale));
            customerShare.add(share(t.customers(), customers).negate());
            aumShare.add(aum.signum() == 0 ? BigDecimal.ZERO
                    : t.aum().multiply(BigDecimal.valueOf(100)).divide(aum, 1, RoundingMode.HALF_UP));
        });
        Map<String, Object> pyramid = new LinkedHashMap<>();
        pyramid.put("type", "bar");
        pyramid.put("horizontal", true);
        pyramid.put("stacked", true);
        pyramid.put("mirrored", true);
        pyramid.put("valueTitle", axis("chart.axis.share", locale));
        pyramid.put("categoryTitle", axis("chart.axis.tier", locale));
        pyramid.put("labels", tiers);
        pyramid.put("datasets", List.of(
                Map.of("label", msg("dashboard.structure.customerShare", locale), "data", customerShare),
                Map.of("label", msg("dashboard.structure.aumShare", locale), "data", aumShare)));
        pyramid.put("tips", List.of(customerShare.stream().map(v -> fmt.points(v.abs())).toList(),
                aumShare.stream().map(fmt::points).toList()));
        charts.put("pyramid", json(pyramid));

        List<String> sizes = new ArrayList<>();
        List<Long> sizeCounts = new ArrayList<>();
        d.sizes().forEach(s -> {
            sizes.add(msg("companySize." + s.size(), locale));
            sizeCounts.add(s.customers());
        });
        charts.put("sizes", json(Map.of("type", "bar", "integer", true, "labels", sizes,
                "valueTitle", axis("chart.axis.customers", locale),
                "categoryTitle", axis("chart.axis.companySize", locale),
                "datasets", List.of(Map.of("label", msg("dashboard.structure.corporates", locale), "data", sizeCounts)),
                "tips", List.of(counts(sizeCounts)))));
        return charts;
    }

    private List<String> counts(List<Long> values) {
        return values.stream().map(fmt::count).toList();
    }

    private static BigDecimal share(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }

    /**
     * The owners the lines name, and the selected RM, by name in one look-up (D35), not one a line as the page renders.
     */
    private void learnOwners(Selection sel, List<DashboardListQueries.OpportunityLine> opportunities,
                             List<DashboardListQueries.ActionLine> actions) {
        people.learn(Stream.of(opportunities.stream().map(DashboardListQueries.OpportunityLine::owner),
                actions.stream().map(DashboardListQueries.ActionLine::owner), Stream.ofNullable(sel.ownerRm()))
                .flatMap(Function.identity()).toList());
    }

    private static String json(Object o) {
        return JSON.writeValueAsString(o);
    }

    @GetMapping("/dashboard/list")
    String list(CurrentUser user, @RequestParam(required = false) String branch,
                @RequestParam(required = false) String owner, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestParam(required = false) String measure,
                @RequestParam(required = false) String stage, @RequestParam(required = false) String source,
                @RequestParam(required = false) String category, @RequestParam(required = false) String channel,
                @RequestParam(required = false) String unassigned, @RequestParam(required = false) String reason,
                @RequestParam(required = false) Integer page, Model model, Locale locale) {
        Selection sel = select(user, branch, owner, "CUSTOM", from, to, model);
        DashboardListQueries.Measure m = ListParams.measure(measure);
        DashboardListQueries.Narrow n = ListParams.narrow(stage, source, category, channel, unassigned, reason);
        model.addAttribute("reasonNames", lossSection.reasonNames(locale));
        DashboardListQueries.ListPage lines = lists.page(sel, m, n, page == null ? 0 : page, 50);
        learnOwners(sel, lines.opportunities(), lines.actions());
        model.addAttribute("list", lines);
        model.addAttribute("narrow", n);
        model.addAttribute("listLinks", new DashboardLinks(sel));
        model.addAttribute("narrowKey", ListParams.key(n));
        model.addAttribute("narrowValue", ListParams.value(n));
        return "dashboard-list";
    }
}
