package org.bankcrm.web.tiers;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.org.BranchService;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.tiers.TierReports;
import org.bankcrm.service.tiers.TierReports.MigrationReport;
import org.bankcrm.service.tiers.TierReports.Structure;
import org.bankcrm.web.shared.Formats;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tier pages of heads and admins: the migration matrix between two months (each cell opens its customers),
 * a cell's customers, and the customer structure over the last months with the pyramid check. Bad months show the
 * form again with the message, over the default months.
 */
@Controller
@RequiredArgsConstructor
class TierPageController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TierReports reports;
    private final BranchService branches;
    private final MessageSource messages;
    private final Formats fmt;

    /** The messages of refused input, by field, for the page to show beside the inputs. */
    private static Map<String, InvalidInputException.FieldError> errors(InvalidInputException e) {
        Map<String, InvalidInputException.FieldError> byField = new LinkedHashMap<>();
        e.errors().forEach(f -> byField.putIfAbsent(f.field() == null ? "" : f.field(), f));
        return byField;
    }

    @GetMapping("/tiers/migration")
    String migration(CurrentUser user, @RequestParam(required = false) String branch,
                     @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                     Model model) {
        MigrationReport report;
        try {
            report = reports.migration(user, branch, from, to);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", errors(e));
            report = reports.migration(user, branch, null, null);
        }
        model.addAttribute("r", report);
        model.addAttribute("m", report.migration());
        model.addAttribute("sel", report.selection());
        model.addAttribute("tiersDown", report.tiers().reversed());
        model.addAttribute("branches", branches.visible(user));
        return "tiers/migration";
    }

    @GetMapping("/tiers/migration/customers")
    String customers(CurrentUser user, @RequestParam(required = false) String branch,
                     @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                     @RequestParam(required = false) String fromTier, @RequestParam(required = false) String toTier,
                     @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("list", reports.customers(user, branch, from, to, fromTier, toTier, page, 50));
        return "tiers/migration-customers";
    }

    @GetMapping("/tiers/structure")
    String structure(CurrentUser user, @RequestParam(required = false) String branch,
                     @RequestParam(required = false) Integer months, @RequestParam(required = false) String to,
                     Model model, Locale locale) {
        Structure s;
        try {
            s = reports.structure(user, branch, months, to);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", errors(e));
            s = reports.structure(user, branch, null, null);
        }
        model.addAttribute("s", s);
        model.addAttribute("tiersDown", s.tiers().reversed());
        model.addAttribute("branches", branches.visible(user));
        model.addAttribute("chartCustomers", chart(s, false, locale));
        model.addAttribute("chartAum", chart(s, true, locale));
        return "tiers/structure";
    }

    /** A stacked bar per month, one dataset per retail tier (lowest at the bottom), drawn by dashboard.js. */
    private String chart(Structure s, boolean aum, Locale locale) {
        List<String> labels = s.months().stream().map(TierReports.StructureMonth::month).toList();
        // An axis of amounts is drawn in the unit of the largest month (D39), named in its title.
        BigDecimal largest = s.months().stream().map(m -> m.retail().stream().map(x -> x.aum())
                .reduce(BigDecimal.ZERO, BigDecimal::add)).reduce(BigDecimal.ZERO, BigDecimal::max);
        Formats.Scale scale = fmt.axisScale(largest, locale);
        List<Map<String, Object>> datasets = new ArrayList<>();
        List<List<String>> tips = new ArrayList<>();
        for (int i = 0; i < s.tiers().size(); i++) {
            Tier t = s.tiers().get(i);
            int at = i;
            List<Object> data = s.months().stream()
                    .map(m -> aum ? (Object) m.retail().get(at).aum().divide(scale.from(), 2, RoundingMode.HALF_UP)
                            : (Object) m.retail().get(at).customers())
                    .toList();
            tips.add(s.months().stream().map(m -> aum ? fmt.wan(m.retail().get(at).aum())
                    : fmt.count(m.retail().get(at).customers())).toList());
            datasets.add(Map.of("label", messages.getMessage("tier." + t, null, t.name(), locale), "data", data));
        }
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("type", "bar");
        cfg.put("stacked", true);
        cfg.put("integer", !aum);
        cfg.put("valueTitle", aum ? messages.getMessage("chart.axis.amount", new Object[]{scale.axisUnit()}, locale)
                : messages.getMessage("chart.axis.customers", null, locale));
        cfg.put("categoryTitle", messages.getMessage("chart.axis.month", null, locale));
        cfg.put("labels", labels);
        cfg.put("datasets", datasets);
        cfg.put("tips", tips);
        return JSON.writeValueAsString(cfg);
    }
}
