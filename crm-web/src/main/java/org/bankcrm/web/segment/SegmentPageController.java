package org.bankcrm.web.segment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import lombok.Data;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.CompanySize;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.service.dashboard.ExportLog;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.BranchService;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.product.ProductCatalog;
import org.bankcrm.service.segment.SegmentCriteria;
import org.bankcrm.service.segment.SegmentService;
import org.bankcrm.service.segment.SegmentService.SegmentInput;
import org.bankcrm.service.segment.SegmentService.SegmentView;
import org.bankcrm.web.dashboard.DashboardExport;
import org.bankcrm.web.shared.Flashes;
import org.bankcrm.web.shared.FormErrors;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer group pages (branch heads and admins): the list with each group's size now, the editor whose count
 * follows the criteria as they change (htmx posts the form to {@code /segments/count}), the group's customers and
 * their Excel export (retail names masked, like every export).
 */
@Controller
@RequestMapping("/segments")
@RequiredArgsConstructor
class SegmentPageController {

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    /** The editor's form; field names as the API's, so a service error lands on its input. */
    @Data
    static class SegmentForm {
        private String name;
        private Integer version;
        private CriteriaForm criteria = new CriteriaForm();

        SegmentInput input() {
            return new SegmentInput(name, criteria.criteria(), version, List.of());
        }
    }

    /** The criteria as the editor has them: industries one per line (or comma-separated), owned "", true, false. */
    @Data
    static class CriteriaForm {
        private String type;
        private List<String> tiers = new ArrayList<>();
        private Integer ageMin;
        private Integer ageMax;
        private BigDecimal aumMin;
        private BigDecimal aumMax;
        private List<String> holds = new ArrayList<>();
        private List<String> lacks = new ArrayList<>();
        private String industries;
        private List<String> companySizes = new ArrayList<>();
        private String branchCode;
        /** "" (any), "true" or "false"; never null, so that "any" stays chosen when the form comes back. */
        private String owned = "";

        public void setOwned(String owned) {
            this.owned = owned == null ? "" : owned;
        }

        SegmentCriteria criteria() {
            List<String> lines = industries == null ? null
                    : Arrays.stream(industries.split("[\\r\\n,，;；]+")).map(String::strip).filter(s -> !s.isEmpty())
                    .toList();
            Boolean own = "true".equals(owned) ? Boolean.TRUE : "false".equals(owned) ? Boolean.FALSE : null;
            return new SegmentCriteria(type, tiers, ageMin, ageMax, aumMin, aumMax, holds, lacks, lines,
                    companySizes, branchCode, own);
        }

        static CriteriaForm of(SegmentCriteria c) {
            CriteriaForm f = new CriteriaForm();
            f.setType(c.type());
            f.setTiers(c.tiers() == null ? new ArrayList<>() : new ArrayList<>(c.tiers()));
            f.setAgeMin(c.ageMin());
            f.setAgeMax(c.ageMax());
            f.setAumMin(c.aumMin());
            f.setAumMax(c.aumMax());
            f.setHolds(c.holds() == null ? new ArrayList<>() : new ArrayList<>(c.holds()));
            f.setLacks(c.lacks() == null ? new ArrayList<>() : new ArrayList<>(c.lacks()));
            f.setIndustries(c.industries() == null ? null : String.join("\n", c.industries()));
            f.setCompanySizes(c.companySizes() == null ? new ArrayList<>() : new ArrayList<>(c.companySizes()));
            f.setBranchCode(c.branchCode());
            f.setOwned(c.owned() == null ? "" : c.owned().toString());
            return f;
        }
    }

    private final SegmentService segments;
    private final BranchService branches;
    private final ProductCatalog products;
    private final ExportLog exportLog;
    private final MessageSource messages;
    private final org.bankcrm.web.shared.People people;
    private final SegmentConflicts conflicts;

    @GetMapping
    String list(CurrentUser user, Model model) {
        model.addAttribute("segments", segments.list(user));
        return "segments/list";
    }

    @GetMapping("/new")
    String create(CurrentUser user, Model model, Locale locale) {
        AccessPolicy.requireMayManageSegments(user);
        SegmentForm form = new SegmentForm();
        return editor(user, form, null, segments.count(user, null, null, List.of()), model, locale);
    }

    @GetMapping("/{id}")
    String edit(CurrentUser user, @PathVariable long id, Model model, Locale locale) {
        SegmentView s = segments.get(user, id);
        SegmentForm form = new SegmentForm();
        form.setName(s.name());
        form.setVersion(s.version());
        form.setCriteria(CriteriaForm.of(s.criteria()));
        return editor(user, form, s, s.customers(), model, locale);
    }

    @PostMapping
    String save(CurrentUser user, @ModelAttribute("segmentForm") SegmentForm form, BindingResult binding, Model model,
                Locale locale, RedirectAttributes redirect) {
        AccessPolicy.requireMayManageSegments(user);
        if (!binding.hasErrors()) {
            try {
                SegmentView saved = segments.create(user, form.input());
                redirect.addFlashAttribute("flash", "segment.saved");
                return "redirect:/segments#segment-" + saved.id();
            } catch (InvalidInputException e) {
                FormErrors.apply(e, binding);
            }
        }
        return editor(user, form, null, null, model, locale);
    }

    @PostMapping("/{id}")
    String update(CurrentUser user, @PathVariable long id, @ModelAttribute("segmentForm") SegmentForm form,
                  BindingResult binding, Model model, Locale locale, RedirectAttributes redirect) {
        SegmentView current = segments.get(user, id);
        if (!binding.hasErrors()) {
            try {
                segments.update(user, id, form.input());
                redirect.addFlashAttribute("flash", "segment.saved");
                return "redirect:/segments#segment-" + id;
            } catch (InvalidInputException e) {
                FormErrors.apply(e, binding);
            } catch (ConflictException e) {
                // Someone saved the group meanwhile (D11): the panel lists what differs, and the form stays as
                // entered, now on the latest version, so that saving again replaces theirs knowingly.
                current = segments.get(user, id);
                model.addAttribute("conflict", conflicts.between(form.input(), current));
                form.setVersion(current.version());
            }
        }
        return editor(user, form, current, null, model, locale);
    }

    @PostMapping("/{id}/delete")
    String delete(CurrentUser user, @PathVariable long id, @RequestParam(required = false) Integer version,
                  RedirectAttributes redirect) {
        try {
            segments.delete(user, id, version);
        } catch (ConflictException e) {
            // changed since the editor was shown: the group as it is now, and the word that it stays
            Flashes.error(redirect, e);
            return "redirect:/segments/" + id;
        }
        redirect.addFlashAttribute("flash", "segment.deleted");
        return "redirect:/segments";
    }

    /** The editor's live count of a new group: the fragment that replaces {@code #segment-count}. */
    @PostMapping("/count")
    String count(CurrentUser user, @ModelAttribute("segmentForm") SegmentForm form, BindingResult binding,
                 Model model, Locale locale) {
        return count(user, null, form, binding, model, locale);
    }

    /** The editor's live count of saved group {@code id}: in its creator's scope, whoever edits it. */
    @PostMapping("/{id}/count")
    String countFor(CurrentUser user, @PathVariable long id, @ModelAttribute("segmentForm") SegmentForm form,
                    BindingResult binding, Model model, Locale locale) {
        return count(user, id, form, binding, model, locale);
    }

    private String count(CurrentUser user, Long id, SegmentForm form, BindingResult binding, Model model,
                         Locale locale) {
        AccessPolicy.requireMayManageSegments(user);
        if (id != null && binding.hasErrors()) {
            // The count below checks the group itself; a form it never reaches, for a group the caller cannot see
            // (or deleted meanwhile), is a 404 all the same.
            segments.requireVisible(user, id);
        }
        List<String> problems = new ArrayList<>();
        binding.getFieldErrors().forEach(f -> problems.add(messages.getMessage(f, locale)));
        Long count = null;
        if (problems.isEmpty()) {
            try {
                count = segments.count(user, id, form.getCriteria().criteria(), List.of());
            } catch (InvalidInputException e) {
                e.errors().forEach(f -> problems.add(messages.getMessage(f.messageKey(), f.args(), locale)));
            }
        }
        model.addAttribute("count", count);
        model.addAttribute("problems", problems);
        return "segments/edit :: count";
    }

    @GetMapping("/{id}/customers")
    String customers(CurrentUser user, @PathVariable long id, @RequestParam(required = false) Integer page,
                     Model model) {
        model.addAttribute("segment", segments.get(user, id));
        var customers = segments.customers(user, id, page, 50);
        // The customers' RMs by name: one look-up for the page, not one an RM as it renders.
        people.learn(customers.items().stream().map(line -> line.customer().ownerRm()).toList());
        model.addAttribute("page", customers);
        return "segments/customers";
    }

    @GetMapping("/{id}/customers.xlsx")
    ResponseEntity<byte[]> export(CurrentUser user, @PathVariable long id, Locale locale) throws IOException {
        SegmentView s = segments.get(user, id);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long rows;
        try (DashboardExport x = new DashboardExport("xlsx", bytes, messages, locale, people)) {
            x.section(s.name(), "customer.no", "customer.name", "customer.type", "customer.tier", "customer.aum",
                    "customer.branch", "customer.owner");
            rows = segments.eachCustomer(user, id, c -> {
                try {
                    x.row(c.customerNo(), Masking.customerName(c.name(), c.type().name()),
                            x.msg("customerType." + c.type()), x.msg("tier." + c.tier()), c.aum(), c.branchCode(),
                            x.person(c.ownerRm()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        exportLog.exported(user, "SEGMENT", "xlsx", rows, "segment=" + id);
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("segment-" + id + ".xlsx").build().toString())
                .body(bytes.toByteArray());
    }

    private String editor(CurrentUser user, SegmentForm form, SegmentView segment, Long count, Model model,
                          Locale locale) {
        if (!model.containsAttribute("segmentForm")) {
            model.addAttribute("segmentForm", form);
        }
        model.addAttribute("segment", segment);
        model.addAttribute("count", count);
        model.addAttribute("problems", List.of());
        model.addAttribute("types", CustomerType.values());
        model.addAttribute("tiers", Tier.values());
        model.addAttribute("sizes", CompanySize.values());
        model.addAttribute("products", products.all(locale));
        model.addAttribute("branches", branches.visible(user));
        return "segments/edit";
    }
}
