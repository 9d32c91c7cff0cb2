package org.bankcrm.web.coverage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.service.coverage.CoverageQuery.DueLine;
import org.bankcrm.service.coverage.CoverageQuery.Narrow;
import org.bankcrm.service.coverage.CoverageQuery.OwnerLine;
import org.bankcrm.service.coverage.CoverageQuery.TierLine;
import org.bankcrm.service.coverage.CoverageService;
import org.bankcrm.service.coverage.CoverageService.Coverage;
import org.bankcrm.service.dashboard.DashboardListQueries;
import org.bankcrm.service.dashboard.ExportLog;
import org.bankcrm.service.dashboard.Selection;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.BranchService;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.web.dashboard.DashboardExport;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The coverage page: a head's subtree (branch picker), any branch or the bank for an admin, an RM's own book; by
 * tier and by RM on a day, each uncovered count a link to its customers; both as Excel (or CSV).
 */
@Controller
@RequiredArgsConstructor
class CoveragePageController {

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final CoverageService coverage;
    private final BranchService branches;
    private final DashboardListQueries lists;
    private final ExportLog exportLog;
    private final MessageSource messages;
    private final org.bankcrm.web.shared.People people;

    @GetMapping("/coverage")
    String page(CurrentUser user, @RequestParam(required = false) String branch,
                @RequestParam(required = false) String owner, @RequestParam(required = false) String asOf,
                Model model) {
        Selection sel = coverage.select(user, branch, owner, asOf);
        model.addAttribute("sel", sel);
        model.addAttribute("cov", coverage.coverage(sel));
        model.addAttribute("byOwner", coverage.byOwner(sel));
        model.addAttribute("links", new CoverageLinks(sel));
        model.addAttribute("supervises", AccessPolicy.supervises(user));
        model.addAttribute("branches", AccessPolicy.supervises(user) ? branches.visible(user) : List.of());
        return "coverage/page";
    }

    @GetMapping("/coverage/uncovered")
    String uncovered(CurrentUser user, @RequestParam(required = false) String branch,
                     @RequestParam(required = false) String owner, @RequestParam(required = false) String asOf,
                     @RequestParam(required = false) String tier, @RequestParam(required = false) boolean unowned,
                     @RequestParam(required = false) Integer page, Model model) {
        return list(user, branch, owner, asOf, tier, unowned, 0, page, model);
    }

    /** The customers due for contact within {@code within} days (default 7): the "view all" of My day. */
    @GetMapping("/coverage/due")
    String due(CurrentUser user, @RequestParam(required = false) String branch,
               @RequestParam(required = false) String owner, @RequestParam(required = false) String asOf,
               @RequestParam(required = false) String tier, @RequestParam(required = false) boolean unowned,
               @RequestParam(required = false) String within, @RequestParam(required = false) Integer page,
               Model model) {
        Integer w = CoverageService.within(within);
        return list(user, branch, owner, asOf, tier, unowned, w == null ? 7 : w, page, model);
    }

    private String list(CurrentUser user, String branch, String owner, String asOf, String tier, boolean unowned,
                        int within, Integer page, Model model) {
        Tier t = CoverageService.tier(tier);
        Selection sel = coverage.select(user, branch, owner, asOf);
        CoverageLinks links = new CoverageLinks(sel);
        model.addAttribute("sel", sel);
        model.addAttribute("tier", t);
        model.addAttribute("unowned", unowned);
        model.addAttribute("within", within);
        model.addAttribute("list", coverage.due(sel, new Narrow(t, unowned), within, page, 50));
        model.addAttribute("links", links);
        String self = links.uncovered(sel.ownerRm(), t, unowned);
        if (within > 0) {
            self = self.replace("/coverage/uncovered", "/coverage/due") + "&within=" + within;
        }
        model.addAttribute("self", self);
        model.addAttribute("xlsx", self.replaceFirst("/coverage/(uncovered|due)", "/coverage/uncovered.xlsx"));
        return "coverage/uncovered";
    }

    @GetMapping("/coverage/export.{format}")
    ResponseEntity<byte[]> export(CurrentUser user, @PathVariable String format,
                                  @RequestParam(required = false) String branch,
                                  @RequestParam(required = false) String owner,
                                  @RequestParam(required = false) String asOf, Locale locale) throws IOException {
        String f = format(format);
        Selection sel = coverage.select(user, branch, owner, asOf);
        Coverage c = coverage.coverage(sel);
        List<OwnerLine> byOwner = coverage.byOwner(sel);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long rows;
        try (DashboardExport x = new DashboardExport(f, bytes, messages, locale, people)) {
            x.section(x.msg("coverage.byTier"), "dashboard.tier", "coverage.contactDays", "dashboard.customers",
                    "coverage.covered", "coverage.uncovered", "coverage.rate");
            for (TierLine t : c.byTier()) {
                x.row(x.msg("tier." + t.tier()), t.contactDays(), t.customers(), t.covered(), t.uncovered(),
                        new DashboardExport.Rate(t.coverageRate()));
            }
            x.row(x.msg("coverage.total"), null, c.total().customers(), c.total().covered(), c.total().uncovered(),
                    new DashboardExport.Rate(c.total().coverageRate()));
            x.section(x.msg("coverage.byRm"), "dashboard.rm", "export.username", "dashboard.customers",
                    "coverage.covered", "coverage.uncovered", "coverage.rate");
            for (OwnerLine o : byOwner) {
                x.row(o.ownerRm() == null ? x.msg("dashboard.unassigned") : o.displayName(), o.ownerRm(),
                        o.customers(), o.covered(), o.uncovered(), new DashboardExport.Rate(o.coverageRate()));
            }
            rows = x.rows();
        }
        return answer(user, "COVERAGE", f, sel, bytes, rows);
    }

    @GetMapping("/coverage/uncovered.{format}")
    ResponseEntity<byte[]> exportUncovered(CurrentUser user, @PathVariable String format,
                                           @RequestParam(required = false) String branch,
                                           @RequestParam(required = false) String owner,
                                           @RequestParam(required = false) String asOf,
                                           @RequestParam(required = false) String tier,
                                           @RequestParam(required = false) boolean unowned,
                                           @RequestParam(required = false) String within,
                                           Locale locale) throws IOException {
        String f = format(format);
        Tier t = CoverageService.tier(tier);
        Integer w = CoverageService.within(within);
        int days = w == null ? 0 : w;
        Selection sel = coverage.select(user, branch, owner, asOf);
        Narrow narrow = new Narrow(t, unowned);
        lists.checkExportable(coverage.countDue(sel, narrow, days));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long rows;
        try (DashboardExport x = new DashboardExport(f, bytes, messages, locale, people)) {
            x.section(x.msg("coverage.uncoveredTitle"), "export.customerNo", "opportunity.customer",
                    "dashboard.tier", "opportunity.owner", "coverage.lastContact", "coverage.dueOn",
                    "coverage.overdueDays");
            coverage.eachDue(sel, narrow, days, l -> row(x, l));
            rows = x.rows();
        }
        return answer(user, "COVERAGE_UNCOVERED" + (t == null ? "" : " " + t) + (unowned ? " unowned" : ""), f, sel,
                bytes, rows);
    }

    private void row(DashboardExport x, DueLine l) {
        try {
            x.row(l.customerNo(), Masking.customerName(l.name(), l.customerType()), x.msg("tier." + l.tier()),
                    x.person(l.ownerRm()),
                    l.lastContactOn() == null ? x.msg("coverage.never") : x.date(l.lastContactOn()),
                    x.date(l.dueOn()), l.overdueDays());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String format(String format) {
        if (!format.equals("xlsx") && !format.equals("csv")) {
            throw new InvalidInputException("format", "export.format");
        }
        return format;
    }

    private ResponseEntity<byte[]> answer(CurrentUser user, String what, String format, Selection sel,
                                          ByteArrayOutputStream bytes, long rows) {
        Map<String, String> q = new LinkedHashMap<>();
        if (sel.branchCode() != null) {
            q.put("branch", sel.branchCode());
        }
        if (sel.ownerRm() != null) {
            q.put("owner", sel.ownerRm());
        }
        q.put("asOf", sel.to().toString());
        exportLog.exported(user, what, format, rows, q.toString());
        String name = what.toLowerCase(Locale.ROOT).replace(' ', '-') + "-"
                + (sel.branchCode() == null ? "bank" : sel.branchCode()) + "-" + sel.to() + "." + format;
        return ResponseEntity.ok()
                .contentType(format.equals("xlsx") ? XLSX : new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .body(bytes.toByteArray());
    }
}
