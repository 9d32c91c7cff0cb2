package org.bankcrm.web.dashboard;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.service.dashboard.DashboardListQueries.OpportunityLine;
import org.bankcrm.service.dashboard.LostQuery;
import org.bankcrm.service.dashboard.SatisfactionQuery;
import org.bankcrm.service.dashboard.Selection;
import org.bankcrm.service.settings.LostReasons;
import org.bankcrm.web.shared.Formats;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard's loss analysis (issue 17, D49) and the satisfaction part of its workbook, kept apart from the
 * dashboard's other sections: the page's model ({@link #addTo}), the workbook's sheets ({@link #export}) and the
 * columns of the LOST list's export. Every figure is {@link LostQuery}'s or {@link SatisfactionQuery}'s, the same
 * answer the API gives for the same selection, and each loss figure links to the LOST list narrowed the same way.
 */
@Component
@RequiredArgsConstructor
class LossSection {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A product category's lost counts by reason, in the order of the matrix's columns (0 where none). */
    record CategoryRow(String category, List<Long> counts, long total) {
    }

    private final LostQuery lost;
    private final SatisfactionQuery satisfaction;
    private final LostReasons reasons;
    private final MessageSource messages;
    private final Formats fmt;

    /** Every lost reason's name by code, in the asker's language (codes no longer offered included). */
    Map<String, String> reasonNames(Locale locale) {
        return reasons.names(locale);
    }

    /**
     * The loss analysis of the selection on the dashboard: figures, names, the matrix, the chart, and the first
     * {@code rowLimit} RMs of its table by RM.
     */
    void addTo(Model model, Selection sel, Locale locale, int rowLimit) {
        LostQuery.Lost l = lost.of(sel);
        Map<String, String> names = reasonNames(locale);
        // The matrix's columns: the reasons that occur, most frequent first (byReason's order).
        List<String> columns = l.byReason().stream().map(LostQuery.ReasonFigures::reason).toList();
        Set<String> categories = new LinkedHashSet<>();
        l.byCategory().forEach(c -> categories.add(c.category()));
        List<CategoryRow> rows = new ArrayList<>();
        for (String category : categories) {
            List<Long> counts = new ArrayList<>();
            long total = 0;
            for (String reason : columns) {
                long n = l.byCategory().stream()
                        .filter(c -> c.category().equals(category) && c.reason().equals(reason))
                        .mapToLong(LostQuery.CategoryReason::count).sum();
                counts.add(n);
                total += n;
            }
            rows.add(new CategoryRow(category, counts, total));
        }
        model.addAttribute("loss", l);
        model.addAttribute("lossOwners", DashboardController.first(l.byOwner(), rowLimit));
        model.addAttribute("lossReasons", columns);
        model.addAttribute("lossMatrix", rows);
        model.addAttribute("reasonNames", names);
        model.addAttribute("lossChart", chart(l, names, new DashboardLinks(sel), locale));
    }

    /** Lost opportunities by reason (bars), each bar opening the list of that reason's losses. */
    private String chart(LostQuery.Lost l, Map<String, String> names, DashboardLinks links, Locale locale) {
        List<String> labels = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        List<String> tips = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (LostQuery.ReasonFigures r : l.byReason()) {
            labels.add(names.getOrDefault(r.reason(), r.reason()));
            counts.add(r.count());
            tips.add(fmt.count(r.count()) + " · " + fmt.wan(r.amount()));
            urls.add(links.lost(null, r.reason()));
        }
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("type", "bar");
        cfg.put("horizontal", true);
        cfg.put("integer", true);
        cfg.put("valueTitle", msg("chart.axis.opportunities", locale));
        cfg.put("categoryTitle", msg("loss.reason", locale));
        cfg.put("labels", labels);
        cfg.put("links", urls);
        cfg.put("datasets", List.of(Map.of("label", msg("dashboard.lost", locale), "data", counts)));
        cfg.put("tips", List.of(tips));
        return JSON.writeValueAsString(cfg);
    }

    /** The loss analysis and satisfaction sheets of the dashboard's workbook, figure for figure as on the page. */
    void export(DashboardExport x, Selection sel, Locale locale) throws IOException {
        LostQuery.Lost l = lost.of(sel);
        Map<String, String> names = reasonNames(locale);
        x.section(x.msg("loss.byReason"), "loss.reason", "loss.code", "dashboard.lost", "opportunity.amount");
        for (LostQuery.ReasonFigures r : l.byReason()) {
            x.row(names.getOrDefault(r.reason(), r.reason()), r.reason(), r.count(), r.amount());
        }
        x.row(x.msg("loss.total"), null, l.lost(), l.amount());
        x.section(x.msg("loss.byCategory"), "dashboard.category", "loss.reason", "loss.code", "dashboard.lost");
        for (LostQuery.CategoryReason c : l.byCategory()) {
            x.row(x.msg("category." + c.category()), names.getOrDefault(c.reason(), c.reason()), c.reason(),
                    c.count());
        }
        x.section(x.msg("loss.byOwner"), "dashboard.rm", "export.username", "dashboard.lost", "opportunity.amount");
        for (LostQuery.OwnerFigures o : l.byOwner()) {
            x.row(o.ownerRm() == null ? x.msg("dashboard.unassigned") : o.displayName(), o.ownerRm(), o.lost(),
                    o.amount());
        }
        SatisfactionQuery.Satisfaction s = satisfaction.of(sel);
        x.section(x.msg("satisfaction.title"), "satisfaction.who", "export.username", "satisfaction.responses",
                "satisfaction.average");
        x.row(x.msg("satisfaction.all"), null, s.responses(), average(s.average()));
        for (SatisfactionQuery.OwnerLine o : s.byOwner()) {
            x.row(o.ownerName(), o.ownerRm(), o.responses(), average(o.average()));
        }
        for (SatisfactionQuery.BranchLine b : s.byBranch()) {
            x.row(b.branchName() + " (" + b.branchCode() + ")", null, b.responses(), average(b.average()));
        }
        x.section(x.msg("satisfaction.trend"), "satisfaction.month", "satisfaction.responses", "satisfaction.average");
        for (SatisfactionQuery.MonthLine m : s.byMonth()) {
            x.row(m.month(), m.responses(), average(m.average()));
        }
    }

    /** An average as a plain number (2 decimals, not money): the text the page shows, empty when none. */
    private static String average(BigDecimal v) {
        return v == null ? null : v.toPlainString();
    }

    void lostHeader(DashboardExport x, String title) throws IOException {
        x.section(title, "export.id", "opportunity.title", "export.customerNo", "opportunity.customer",
                "export.product", "dashboard.category", "opportunity.amount", "opportunity.owner", "export.branch",
                "dashboard.closedAt", "loss.code", "opportunity.lostReason", "loss.comment");
    }

    /** Writes the LOST list's lines: each with its reason (code and name) and the comment of its loss, masked. */
    java.util.function.Consumer<OpportunityLine> lostLines(DashboardExport x, Locale locale) {
        Map<String, String> names = reasonNames(locale);
        return o -> lostLine(x, o, names);
    }

    private static void lostLine(DashboardExport x, OpportunityLine o, Map<String, String> names) {
        try {
            x.row(o.id(), Masking.customerNameIn(o.title(), o.customerName(), o.customerType()), o.customerNo(),
                    Masking.customerName(o.customerName(), o.customerType()), x.product(o.productCode()),
                    x.msg("category." + o.category()), o.amount(), x.person(o.owner()), o.branchCode(),
                    x.dateTime(o.closedAt()), o.lostReason(), names.getOrDefault(o.lostReason(), o.lostReason()),
                    o.lostComment() == null ? null
                            : DashboardExport.maskedText(o.lostComment(), o.customerName(), o.customerType()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String msg(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
