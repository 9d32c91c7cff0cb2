package org.bankcrm.web.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.bankcrm.service.dashboard.DashboardListQueries;
import org.bankcrm.service.dashboard.Selection;

/**
 * Addresses on the dashboard that keep its selection: the list behind a figure, its exports, the period
 * presets. Templates call it as {@code ${links.list('WON', 'source', s.source)}}.
 */
public final class DashboardLinks {

    private final Map<String, String> selection;

    DashboardLinks(Selection sel) {
        this.selection = sel.query();
    }

    /** The list behind a figure. */
    public String list(String measure) {
        return list(measure, null, null);
    }

    /**
     * The list behind a figure narrowed to one stage, source, category, channel or owner. The owner null is the
     * leaderboard's unassigned row: it narrows to the opportunities no RM owns, not to the whole selection.
     */
    public String list(String measure, String key, Object value) {
        return "/dashboard/list?" + query(measure, key, value);
    }

    /** The list of a measure with a narrowing, as the list page and its exports read it. */
    public String list(String measure, DashboardListQueries.Narrow narrow) {
        Map<String, String> n = narrow.query();
        StringBuilder b = new StringBuilder(list(measure));
        n.forEach((k, v) -> b.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }

    /**
     * The open alerts of this selection (its branch subtree and RM; alerts are a state, so no period), of one code
     * when {@code code} is given, only the escalated ones when {@code escalated}.
     */
    public String alerts(Object code, boolean escalated) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("status", "OPEN");
        if (selection.containsKey("branch")) {
            q.put("branch", selection.get("branch"));
        }
        if (selection.containsKey("owner")) {
            q.put("owner", selection.get("owner"));
        }
        if (code != null) {
            q.put("code", code.toString());
        }
        if (escalated) {
            q.put("escalated", "true");
        }
        return "/alerts?" + encode(q);
    }

    /** The dashboard page of this selection. */
    public String page() {
        return "/dashboard?" + query(null, null, null);
    }

    /**
     * The dashboard page of this selection with every row of its per-RM tables ({@code rows=all}, D65), scrolled to
     * the table {@code anchor}; {@code period} keeps the picker's preset.
     */
    public String allRows(String period, String anchor) {
        return page() + "&period=" + URLEncoder.encode(period, StandardCharsets.UTF_8) + "&rows=all#" + anchor;
    }

    /** An export of a list: {@code format} is xlsx or csv. */
    public String export(String measure, String key, Object value, String format) {
        return "/dashboard/list." + format + "?" + query(measure, key, value);
    }

    /** An export of a list with a narrowing (one or more of its keys, e.g. a category and a lost reason). */
    public String export(String measure, DashboardListQueries.Narrow narrow, String format) {
        StringBuilder b = new StringBuilder(export(measure, null, null, format));
        narrow.query().forEach((k, v) -> b.append('&').append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }

    /** The list of lost opportunities of one category with one reason (the loss analysis's matrix). */
    public String lost(String category, String reason) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("measure", "LOST");
        q.putAll(selection);
        if (category != null) {
            q.put("category", category);
        }
        if (reason != null) {
            q.put("reason", reason);
        }
        return "/dashboard/list?" + encode(q);
    }

    /** The whole dashboard as a workbook. */
    public String dashboard(String format) {
        return "/dashboard/export." + format + "?" + query(null, null, null);
    }

    private String query(String measure, String key, Object value) {
        Map<String, String> q = new LinkedHashMap<>();
        if (measure != null) {
            q.put("measure", measure);
        }
        q.putAll(selection);
        if ("owner".equals(key) && value == null) {
            q.put("unassigned", "true");
        } else if (key != null && value != null) {
            q.put(key, value.toString());
        }
        return encode(q);
    }

    private static String encode(Map<String, String> q) {
        return q.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
