package org.bankcrm.web.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.IsoDates;
import org.bankcrm.service.dashboard.DashboardListQueries;
import org.bankcrm.service.dashboard.DashboardQuery;
import org.bankcrm.service.dashboard.ExportLog;
import org.bankcrm.service.dashboard.PipelineQuery;
import org.bankcrm.service.dashboard.Selection;
import org.bankcrm.service.dashboard.DashboardSelector;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.web.shared.Problems;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The dashboard and every list behind it as .xlsx or CSV; personal data masked; every export audited.
 * A period that cannot be read is a 400, as in the API, never this month's figures instead. A list longer than
 * the export limit is refused whole, and nothing is audited: a browser goes back to the page it came from with
 * the message, any other client gets a 400 {@code problem+json}.
 */
@Controller
@RequiredArgsConstructor
class DashboardExportController {

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final DashboardSelector selector;
    private final DashboardQuery report;
    private final DashboardListQueries lists;
    private final ExportLog exportLog;
    private final MessageSource messages;
    private final org.bankcrm.web.shared.People people;
    private final Problems problems;
    private final LossSection lossExport;

    private static String format(String format) {
        if (!format.equals("xlsx") && !format.equals("csv")) {
            throw new InvalidInputException("format", "export.format");
        }
        return format;
    }

    /** The selection an export is about, strictly: a bad period is refused, not replaced with this month. */
    private Selection select(CurrentUser user, String branch, String owner, String from, String to) {
        return selector.select(user, branch, owner, date("from", from), date("to", to));
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return IsoDates.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "export.period.unreadable", value.strip());
        }
    }

    /**
     * The answer to an export refused for its length: back to the page with the message for a browser (it
     * navigated here from a link), a 400 {@code problem+json} for anything else.
     */
    private ResponseEntity<?> tooMany(DashboardListQueries.TooManyLines e, String page, HttpServletRequest req,
                                      HttpServletResponse res) {
        String accept = req.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
            var flash = RequestContextUtils.getOutputFlashMap(req);
            flash.put("exportTooMany", List.of(e.lines(), e.limit()));
            RequestContextUtils.saveOutputFlashMap(page, req, res);
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(req.getContextPath() + page))
                    .build();
        }
        return problems.of(HttpStatus.BAD_REQUEST, e.messageKey(), e.args(),
                List.of(new Problems.FieldProblem(null, problems.text(e.messageKey(), e.args(), null))));
    }

    private ResponseEntity<byte[]> answer(CurrentUser user, String what, String format, Selection sel,
                                          ByteArrayOutputStream bytes, long rows) {
        exportLog.exported(user, what, format, rows, sel.query().toString());
        String name = what.toLowerCase(Locale.ROOT) + "-" + (sel.branchCode() == null ? "bank" : sel.branchCode())
                + "-" + sel.from() + "_" + sel.to() + "." + format;
        return ResponseEntity.ok()
                .contentType(format.equals("xlsx") ? XLSX : new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(bytes.toByteArray());
    }

    @GetMapping("/dashboard/list.{format}")
    ResponseEntity<?> list(CurrentUser user, @PathVariable String format,
                                @RequestParam(required = false) String branch,
                                @RequestParam(required = false) String owner,
                                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                @RequestParam(required = false) String measure,
                                @RequestParam(required = false) String stage,
                                @RequestParam(required = false) String source,
                                @RequestParam(required = false) String category,
                                @RequestParam(required = false) String channel,
                                @RequestParam(required = false) String unassigned,
                                @RequestParam(required = false) String reason, Locale locale,
                                HttpServletRequest req, HttpServletResponse res) throws IOException {
        String f = format(format);
        DashboardListQueries.Measure m = ListParams.measure(measure);
        DashboardListQueries.Narrow n = ListParams.narrow(stage, source, category, channel, unassigned, reason);
        Selection sel = select(user, branch, owner, from, to);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long rows;
        try (DashboardExport x = new DashboardExport(f, bytes, messages, locale, people)) {
            lists.checkExportable(lists.count(sel, m, n));
            String title = x.msg("dashboard.measure." + m);
            if (m == DashboardListQueries.Measure.OVERDUE) {
                x.actionHeader(title);
                lists.each(sel, m, n, x::action, null);
            } else if (m == DashboardListQueries.Measure.LOST) {
                lossExport.lostHeader(x, title);
                lists.each(sel, m, n, null, lossExport.lostLines(x, locale));
            } else {
                x.opportunityHeader(title);
                lists.each(sel, m, n, null, x::opportunity);
            }
            rows = x.rows();
        } catch (DashboardListQueries.TooManyLines e) {
            return tooMany(e, new DashboardLinks(sel).list(m.name(), n), req, res);
        }
        return answer(user, "LIST_" + m + (n.query().isEmpty() ? "" : " " + n.query()), f, sel, bytes, rows);
    }

    @GetMapping("/dashboard/export.{format}")
    ResponseEntity<?> export(CurrentUser user, @PathVariable String format,
                             @RequestParam(required = false) String branch,
                             @RequestParam(required = false) String owner,
                             @RequestParam(required = false) String from,
                             @RequestParam(required = false) String to, Locale locale,
                             HttpServletRequest req, HttpServletResponse res) throws IOException {
        String f = format(format);
        Selection sel = select(user, branch, owner, from, to);
        DashboardQuery.Page d = report.of(sel);
        PipelineQuery.Pipeline p = d.pipeline();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long rows;
        try (DashboardExport x = new DashboardExport(f, bytes, messages, locale, people)) {
            // The two long lists of the workbook, counted by the pipeline with the same conditions.
            lists.checkExportable(p.stalled());
            lists.checkExportable(p.overdueActions());
            x.section(x.msg("export.summary"), "export.figure", "export.value");
            x.row(x.msg("dashboard.branch"), sel.branchCode() == null ? x.msg("dashboard.wholeBank")
                    : sel.branchName() + " (" + sel.branchCode() + ")");
            x.row(x.msg("dashboard.period"), sel.from() + " – " + sel.to());
            if (sel.ownerRm() != null) {
                x.row(x.msg("dashboard.owner"), sel.ownerRm());
            }
            x.row(x.msg("kpi.openCount"), p.open().count());
            x.row(x.msg("kpi.openAmount"), p.open().amount());
            x.row(x.msg("kpi.weighted"), p.open().weightedAmount());
            x.row(x.msg("dashboard.created"), p.created());
            x.row(x.msg("dashboard.won"), p.closed().won());
            x.row(x.msg("dashboard.wonAmount"), p.closed().wonAmount());
            x.row(x.msg("dashboard.lost"), p.closed().lost());
            x.row(x.msg("dashboard.conversion"), new DashboardExport.Rate(p.closed().conversionRate()));
            x.row(x.msg("dashboard.cycle"), d.cycleDays());
            x.row(x.msg("dashboard.measure.STALLED"), p.stalled());
            x.row(x.msg("dashboard.measure.OVERDUE"), p.overdueActions());

            x.section(x.msg("dashboard.byStage"), "opportunity.stage", "opportunity.probability", "dashboard.count",
                    "opportunity.amount", "kpi.weighted");
            for (var s : p.byStage()) {
                x.row(x.msg("stage." + s.stage()), s.probability(), s.count(), s.amount(), s.weightedAmount());
            }
            x.section(x.msg("dashboard.funnel"), "opportunity.stage", "dashboard.funnel.reached",
                    "dashboard.funnel.toNext");
            for (var s : d.funnel()) {
                x.row(x.msg("stage." + s.stage()), s.reached(), new DashboardExport.Rate(s.toNext()));
            }
            x.section(x.msg("dashboard.leaderboard"), "dashboard.rm", "export.username", "dashboard.open",
                    "dashboard.won", "dashboard.lost", "dashboard.wonAmount", "dashboard.conversion",
                    "dashboard.followUps", "dashboard.visits");
            for (var o : p.byOwner()) {
                x.row(o.ownerRm() == null ? x.msg("dashboard.unassigned") : o.displayName(), o.ownerRm(), o.open(),
                        o.won(), o.lost(), o.wonAmount(), new DashboardExport.Rate(o.conversionRate()), o.followUps(),
                        o.visits());
            }
            TargetSheet.write(x, d.attainment());
            x.section(x.msg("dashboard.bySource"), "opportunity.source", "dashboard.created", "dashboard.won",
                    "dashboard.lost", "dashboard.conversion");
            for (var s : p.bySource()) {
                x.row(x.msg("source." + s.source()), s.created(), s.won(), s.lost(),
                        new DashboardExport.Rate(s.conversionRate()));
            }
            x.section(x.msg("dashboard.byChannel"), "referral.channel", "dashboard.referrals", "dashboard.created",
                    "dashboard.won", "dashboard.lost", "dashboard.referralConversion", "dashboard.closedRate",
                    "dashboard.served", "dashboard.referralRate", "export.benchmark");
            for (var c : d.byChannel()) {
                x.row(x.msg("channel." + c.channel()), c.referrals(), c.created(), c.won(), c.lost(),
                        new DashboardExport.Rate(c.referralConversion()), new DashboardExport.Rate(c.conversionRate()),
                        c.served(),
                        new DashboardExport.Rate(c.referralRate()), new DashboardExport.Rate(c.benchmark()));
            }
            x.section(x.msg("dashboard.byCategory"), "dashboard.category", "dashboard.open", "kpi.openAmount",
                    "dashboard.created", "dashboard.won", "dashboard.wonAmount", "dashboard.conversion");
            for (var c : d.byCategory()) {
                x.row(x.msg("category." + c.category()), c.open(), c.openAmount(), c.created(), c.won(), c.wonAmount(),
                        new DashboardExport.Rate(c.conversionRate()));
            }
            x.section(x.msg("dashboard.trend"), "export.week", "dashboard.created", "dashboard.won",
                    "dashboard.wonAmount", "dashboard.followUps");
            for (var w : d.weeks()) {
                x.row(x.date(w.monday()), w.created(), w.won(), w.wonAmount(), w.followUps());
            }
            x.section(x.msg("dashboard.structure"), "dashboard.tier", "dashboard.customers", "export.aum",
                    "export.contribution");
            for (var t : d.tiers()) {
                x.row(x.msg("tier." + t.tier()), t.customers(), t.aum(), t.contribution());
            }
            for (var s : d.sizes()) {
                x.row(x.msg("companySize." + s.size()), s.customers());
            }
            x.opportunityHeader(x.msg("dashboard.measure.STALLED"));
            lists.each(sel, DashboardListQueries.Measure.STALLED, DashboardListQueries.Narrow.none(), null, x::opportunity);
            x.actionHeader(x.msg("dashboard.measure.OVERDUE"));
            lists.each(sel, DashboardListQueries.Measure.OVERDUE, DashboardListQueries.Narrow.none(), x::action, null);
            lossExport.export(x, sel, locale);
            rows = x.rows();
        } catch (DashboardListQueries.TooManyLines e) {
            return tooMany(e, new DashboardLinks(sel).page(), req, res);
        }
        return answer(user, "DASHBOARD", f, sel, bytes, rows);
    }
}
