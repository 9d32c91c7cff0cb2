package org.bankcrm.web.campaign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import lombok.Data;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.opportunity.FollowUpType;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.service.campaign.CampaignService;
import org.bankcrm.service.campaign.CampaignService.CampaignInput;
import org.bankcrm.service.campaign.CampaignService.OutcomeInput;
import org.bankcrm.service.campaign.CampaignService.TargetQuery;
import org.bankcrm.service.campaign.CampaignViews.CampaignView;
import org.bankcrm.service.campaign.CampaignViews.Status;
import org.bankcrm.service.dashboard.ExportLog;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.UserService;
import org.bankcrm.service.product.ProductCatalog;
import org.bankcrm.service.product.ProductCatalog.ProductView;
import org.bankcrm.service.segment.SegmentService;
import org.bankcrm.service.segment.SegmentService.SegmentView;
import org.bankcrm.service.shared.Texts;
import org.bankcrm.web.dashboard.DashboardExport;
import org.bankcrm.web.shared.FieldConflict;
import org.bankcrm.web.shared.Flashes;
import org.bankcrm.web.shared.FormErrors;
import org.bankcrm.web.shared.Formats;
import org.bankcrm.web.shared.People;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
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
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The campaign pages (名单制营销, D33): the list with each campaign's status and figures; the create form (heads,
 * admins) from a saved group or pasted customer numbers; the campaign page with its preview before launch, the
 * launch's progress, the funnel by RM and by branch (each figure opening its list), the export and the early end;
 * the target list, where the RM records an outcome in one click and the head assigns the branch queue.
 */
@Controller
@RequestMapping("/campaigns")
@RequiredArgsConstructor
class CampaignPageController {

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    /** The create form; field names as the API's, so a service error lands on its input. */
    @Data
    static class CampaignForm {
        private String name;
        private String productCode;
        private Long segmentId;
        /** Customer numbers, one per line (or separated by commas, semicolons or spaces). */
        private String customerNos;
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate startsOn;
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate endsOn;
        private BigDecimal cost;
        private String script;
        /** The draft's version as the edit form read it (a new campaign has none). */
        private Integer version;

        /** The edit form of a saved draft: its list one number a line. */
        static CampaignForm of(CampaignService.Draft draft) {
            CampaignInput in = draft.input();
            CampaignForm f = new CampaignForm();
            f.setName(in.name());
            f.setProductCode(in.productCode());
            f.setSegmentId(in.segmentId());
            f.setCustomerNos(in.customerNos() == null ? null : String.join("\n", in.customerNos()));
            f.setStartsOn(in.startsOn());
            f.setEndsOn(in.endsOn());
            f.setCost(in.cost());
            f.setScript(in.script());
            f.setVersion(draft.version());
            return f;
        }

        CampaignInput input() {
            List<String> nos = customerNos == null || customerNos.isBlank() ? null
                    : Arrays.stream(customerNos.split("[\\s,，;；]+")).filter(s -> !s.isEmpty()).toList();
            return new CampaignInput(name, productCode, segmentId, nos, startsOn, endsOn, cost, script);
        }
    }

    /** A target list's filters, kept across an outcome's redirect. */
    @Data
    static class TargetParams {
        private String figure;
        private String outcome;
        private String owner;
        private String branch;
        private boolean queued;
        private Integer page;

        TargetQuery query(int size) {
            return new TargetQuery(outcome, owner, branch, figure, queued, page, size);
        }

        String link(long id) {
            UriComponentsBuilder b = UriComponentsBuilder.fromPath("/campaigns/{id}/targets");
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("figure", figure);
            p.put("outcome", outcome);
            p.put("owner", owner);
            p.put("branch", branch);
            p.put("queued", queued ? "true" : null);
            p.put("page", page);
            p.forEach((k, v) -> {
                if (v != null && !v.toString().isBlank()) {
                    b.queryParam(k, v);
                }
            });
            return b.buildAndExpand(id).encode().toUriString();
        }
    }

    /** How many of a pasted list's numbers, and of a script's characters, a stale form's panel shows. */
    private static final int LIST_SHOWN = 8;
    private static final int SCRIPT_SHOWN = 60;

    private final CampaignService campaigns;
    private final SegmentService segments;
    private final ProductCatalog products;
    private final UserService users;
    private final ExportLog exportLog;
    private final MessageSource messages;
    private final Formats fmt;
    private final People people;

    @GetMapping
    String list(CurrentUser user, Model model) {
        model.addAttribute("campaigns", campaigns.list(user));
        model.addAttribute("mayManage", AccessPolicy.mayManageCampaigns(user));
        return "campaigns/list";
    }

    @GetMapping("/new")
    String create(CurrentUser user, Model model, Locale locale) {
        AccessPolicy.requireMayManageCampaigns(user);
        CampaignForm form = new CampaignForm();
        form.setStartsOn(LocalDate.now());
        form.setEndsOn(LocalDate.now().plusMonths(1));
        form.setCost(BigDecimal.ZERO);
        return form(user, form, model, locale);
    }

    @PostMapping
    String save(CurrentUser user, @ModelAttribute("campaignForm") CampaignForm form, BindingResult binding,
                Model model, Locale locale, RedirectAttributes redirect) {
        AccessPolicy.requireMayManageCampaigns(user);
        if (!binding.hasErrors()) {
            try {
                CampaignView saved = campaigns.create(user, form.input());
                redirect.addFlashAttribute("flash", "campaign.saved");
                return "redirect:/campaigns/" + saved.id();
            } catch (InvalidInputException e) {
                FormErrors.apply(e, binding);
            }
        }
        return form(user, form, model, locale);
    }

    /** A draft's edit form; a campaign launched or ended meanwhile goes back to its page, saying why. */
    @GetMapping("/{id}/edit")
    String edit(CurrentUser user, @PathVariable long id, Model model, Locale locale, RedirectAttributes redirect) {
        Optional<CampaignService.Draft> draft = editable(user, id, redirect);
        if (draft.isEmpty()) {
            return "redirect:/campaigns/" + id;
        }
        model.addAttribute("campaignForm", CampaignForm.of(draft.get()));
        return editor(draft.get(), id, null, model, locale);
    }

    @PostMapping("/{id}")
    String update(CurrentUser user, @PathVariable long id, @ModelAttribute("campaignForm") CampaignForm form,
                  BindingResult binding, Model model, Locale locale, RedirectAttributes redirect) {
        // The draft first, whatever the form holds: one out of reach is a 404, one launched or ended meanwhile goes
        // back to its page, saying why.
        Optional<CampaignService.Draft> read = editable(user, id, redirect);
        if (read.isEmpty()) {
            return "redirect:/campaigns/" + id;
        }
        CampaignService.Draft draft = read.get();
        if (!binding.hasErrors()) {
            try {
                campaigns.update(user, id, form.input(), form.getVersion());
                redirect.addFlashAttribute("flash", "campaign.saved");
                return "redirect:/campaigns/" + id;
            } catch (InvalidInputException e) {
                FormErrors.apply(e, binding);
            } catch (ConflictException e) {
                if (!"error.stale".equals(e.messageKey())) {
                    Flashes.error(redirect, e);     // launched or ended meanwhile: nothing left to edit
                    return "redirect:/campaigns/" + id;
                }
                // Someone saved the draft meanwhile (D11): the panel lists what differs, and the form stays as
                // entered, now on the latest version, so that saving again replaces theirs knowingly.
                draft = campaigns.draft(user, id);
                form.setVersion(draft.version());
                return editor(draft, id, form.input(), model, locale);
            }
        }
        return editor(draft, id, null, model, locale);
    }

    /** Draft {@code id} to edit, or empty when launched or ended meanwhile (the refusal flashed for its page). */
    private Optional<CampaignService.Draft> editable(CurrentUser user, long id, RedirectAttributes redirect) {
        try {
            return Optional.of(campaigns.draft(user, id));
        } catch (ConflictException e) {
            Flashes.error(redirect, e);
            return Optional.empty();
        }
    }

    /**
     * The edit form of draft {@code id}: the groups offered are those its creator sees. After a stale save,
     * {@code typed} is what the form held, and the panel above it lists where that and the saved draft differ.
     */
    private String editor(CampaignService.Draft draft, long id, CampaignInput typed, Model model, Locale locale) {
        List<SegmentView> offered = segments.visibleTo(draft.creator());
        List<ProductView> productList = products.all(locale);
        model.addAttribute("editing", id);
        model.addAttribute("editingName", draft.input().name());
        model.addAttribute("products", productList);
        model.addAttribute("segments", offered);
        if (typed != null) {
            model.addAttribute("conflict", conflict(typed, draft.input(), productList, offered, locale));
        }
        return "campaigns/form";
    }

    /** The fields where what was typed and the saved draft differ, each as the form names it. */
    private List<FieldConflict> conflict(CampaignInput mine, CampaignInput now, List<ProductView> productList,
                                         List<SegmentView> offered, Locale locale) {
        String typedScript = Texts.clean(mine.script());
        String savedScript = Texts.clean(now.script());
        FieldConflict.Rows rows = new FieldConflict.Rows()
                .differing("campaign.name", mine.name(), now.name())
                .differing("campaign.product", productName(mine.productCode(), productList),
                        productName(now.productCode(), productList))
                .differing("campaign.startsOn", fmt.date(mine.startsOn()), fmt.date(now.startsOn()))
                .differing("campaign.endsOn", fmt.date(mine.endsOn()), fmt.date(now.endsOn()))
                .amount("campaign.cost", mine.cost(), now.cost(), fmt)
                // compared in full, shown by its start
                .when(!Objects.equals(typedScript, savedScript), "campaign.script", excerpt(typedScript),
                        excerpt(savedScript))
                .differing("campaign.segment", segmentName(mine.segmentId(), offered, locale),
                        segmentName(now.segmentId(), offered, locale));
        Set<String> typedNos = mine.customerNos() == null ? Set.of() : new LinkedHashSet<>(mine.customerNos());
        Set<String> savedNos = now.customerNos() == null ? Set.of() : new LinkedHashSet<>(now.customerNos());
        return rows.when(!typedNos.equals(savedNos), "campaign.customerNos", numbers(typedNos, savedNos, locale),
                numbers(savedNos, typedNos, locale)).list();
    }

    /** A product by the name the form's list gives it; the code when it is not (or no longer) in the list. */
    private static String productName(String code, List<ProductView> productList) {
        return code == null || code.isBlank() ? null : productList.stream().filter(p -> p.code().equals(code))
                .map(ProductView::name).findFirst().orElse(code);
    }

    private String segmentName(Long segmentId, List<SegmentView> offered, Locale locale) {
        if (segmentId == null) {
            return null;
        }
        return offered.stream().filter(s -> s.id() == segmentId).map(SegmentView::name).findFirst()
                .orElseGet(() -> messages.getMessage("campaign.fromNothing", null, locale));
    }

    /** A pasted list as its count and the first of its numbers the other list lacks. */
    private String numbers(Set<String> list, Set<String> other, Locale locale) {
        if (list.isEmpty()) {
            return null;
        }
        List<String> only = list.stream().filter(no -> !other.contains(no)).toList();
        if (only.isEmpty()) {
            return messages.getMessage("campaign.listOf", new Object[]{list.size()}, locale);
        }
        List<String> first = new java.util.ArrayList<>(only.subList(0, Math.min(only.size(), LIST_SHOWN)));
        if (only.size() > LIST_SHOWN) {
            first.add("…");
        }
        String shown = fmt.joined(first);
        return messages.getMessage("campaign.listOnly", new Object[]{list.size(), shown}, locale);
    }

    private static String excerpt(String text) {
        String start = Texts.firstCodePoints(text, SCRIPT_SHOWN);
        return start == null || start.equals(text) ? start : start + "…";
    }

    @PostMapping("/{id}/delete")
    String delete(CurrentUser user, @PathVariable long id, @RequestParam(required = false) Integer version,
                  RedirectAttributes redirect) {
        try {
            campaigns.delete(user, id, version);
        } catch (ConflictException e) {
            Flashes.error(redirect, e);
            return "redirect:/campaigns/" + id;
        }
        redirect.addFlashAttribute("flash", "campaign.deleted");
        return "redirect:/campaigns";
    }

    @GetMapping("/{id}")
    String page(CurrentUser user, @PathVariable long id, Model model) {
        var funnel = campaigns.funnel(user, id);
        CampaignView c = funnel.campaign();
        boolean manage = AccessPolicy.mayManageCampaigns(user);
        model.addAttribute("c", c);
        model.addAttribute("funnel", funnel);
        model.addAttribute("mayManage", manage);
        model.addAttribute("preview", manage && c.status() == Status.DRAFT ? campaigns.preview(user, id) : null);
        return "campaigns/page";
    }

    /** The launch's progress, polled by the campaign page while it runs. */
    @GetMapping("/{id}/progress")
    String progress(CurrentUser user, @PathVariable long id, Model model) {
        model.addAttribute("c", campaigns.get(user, id));
        return "campaigns/page :: progress";
    }

    @PostMapping("/{id}/launch")
    String launch(CurrentUser user, @PathVariable long id, Locale locale, RedirectAttributes redirect) {
        act(() -> campaigns.launch(user, id), "campaign.launching", "campaign.change.invalid", locale, redirect);
        return "redirect:/campaigns/" + id;
    }

    @PostMapping("/{id}/end")
    String end(CurrentUser user, @PathVariable long id, Locale locale, RedirectAttributes redirect) {
        act(() -> campaigns.end(user, id), "campaign.endedNow", "campaign.change.invalid", locale, redirect);
        return "redirect:/campaigns/" + id;
    }

    /**
     * Runs one change of a campaign or of a target and leaves its message for the page it returns to: done, the
     * field problems in the reader's language after {@code refused} (what was not done), or why it was refused.
     */
    private void act(Runnable change, String done, String refused, Locale locale, RedirectAttributes redirect) {
        try {
            change.run();
            redirect.addFlashAttribute("flash", done);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("flashError", refused);
            redirect.addFlashAttribute("problems", e.errors().stream()
                    .map(f -> messages.getMessage(f.messageKey(), f.args(), locale)).toList());
        } catch (ConflictException e) {
            Flashes.error(redirect, e);
        }
    }

    @GetMapping("/{id}/targets")
    String targets(CurrentUser user, @PathVariable long id, @ModelAttribute("params") TargetParams params,
                   Model model) {
        CampaignView c = campaigns.get(user, id);
        boolean manage = AccessPolicy.mayManageCampaigns(user);
        model.addAttribute("c", c);
        model.addAttribute("page", campaigns.targets(user, id, params.query(50)));
        model.addAttribute("mayManage", manage);
        model.addAttribute("active", c.status() == Status.ACTIVE);
        model.addAttribute("followUpTypes", FollowUpType.values());
        model.addAttribute("rms", manage ? users.ownerChoices(user) : List.of());
        model.addAttribute("self", params.link(id));
        params.setPage(null);
        model.addAttribute("base", params.link(id));
        return "campaigns/targets";
    }

    /** One click: the outcome of a target, back to the same list. */
    @PostMapping("/{id}/targets/{customerNo}")
    String record(CurrentUser user, @PathVariable long id, @PathVariable String customerNo,
                  @RequestParam(required = false) String outcome, @RequestParam(required = false) String note,
                  @RequestParam(required = false) BigDecimal amount,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                  LocalDate expectedCloseDate,
                  @RequestParam(required = false) String followUpType,
                  @RequestParam(required = false) Integer version,
                  @RequestParam(required = false) String back, Locale locale, RedirectAttributes redirect) {
        act(() -> campaigns.record(user, id, customerNo, new OutcomeInput(outcome, note, amount, expectedCloseDate,
                followUpType, version)), "campaign.outcome.saved", "campaign.outcome.invalid", locale, redirect);
        return "redirect:" + backTo(id, back);
    }

    @PostMapping("/{id}/targets/{customerNo}/assign")
    String assign(CurrentUser user, @PathVariable long id, @PathVariable String customerNo,
                  @RequestParam(required = false) String ownerRm, @RequestParam(required = false) String back,
                  Locale locale, RedirectAttributes redirect) {
        act(() -> campaigns.assign(user, id, customerNo, ownerRm), "campaign.assigned", "campaign.assign.invalid",
                locale, redirect);
        return "redirect:" + backTo(id, back);
    }

    /** The target list (as filtered) in Excel: retail names masked, like every export. */
    @GetMapping("/{id}/targets.xlsx")
    ResponseEntity<byte[]> export(CurrentUser user, @PathVariable long id,
                                  @ModelAttribute("params") TargetParams params, Locale locale) throws IOException {
        CampaignView c = campaigns.get(user, id);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long rows;
        try (DashboardExport x = new DashboardExport("xlsx", bytes, messages, locale, people)) {
            x.section(c.name(), "campaign.figure.targets", "campaign.excluded", "campaign.figure.attempted",
                    "campaign.figure.reached", "campaign.figure.interested", "campaign.figure.won",
                    "campaign.wonAmount", "campaign.revenue", "campaign.cost", "campaign.roi");
            // the ROI sets the whole cost against revenue: over the whole list only, as on the page
            boolean whole = AccessPolicy.mayManageCampaigns(user);
            x.row(c.targets(), c.excluded(), c.attempted(), c.reached(), c.interested(), c.won(), c.wonAmount(),
                    c.revenue(), c.cost(), c.roi() == null || !whole ? null : new DashboardExport.Rate(c.roi()));
            x.section(x.msg("campaign.targets"), "customer.no", "customer.name", "customer.tier", "customer.aum",
                    "customer.branch", "campaign.owner", "campaign.outcome", "campaign.recordedAt",
                    "campaign.opportunity");
            rows = campaigns.eachTarget(user, id, params.query(1000), t -> {
                try {
                    x.row(t.customerNo(), Masking.customerName(t.customerName(), t.type()),
                            x.msg("tier." + t.tier()), t.aum(), t.branchCode(),
                            t.ownerRm() == null ? x.msg("campaign.queue") : x.person(t.ownerRm()),
                            x.msg("campaignOutcome." + (t.excluded() ? "EXCLUDED" : t.outcome().name())),
                            t.recordedAt() == null ? null : fmt.dateTime(t.recordedAt()),
                            t.opportunityId());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        exportLog.exported(user, "CAMPAIGN", "xlsx", rows, "campaign=" + id);
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("campaign-" + id + ".xlsx").build().toString())
                .body(bytes.toByteArray());
    }

    /** Back to the list the form was on (only this campaign's target lists), else the campaign's list. */
    private static String backTo(long id, String back) {
        String prefix = "/campaigns/" + id + "/targets";
        return back != null && back.startsWith(prefix) && !back.contains("//") && !back.contains("\\") ? back
                : prefix;
    }

    private String form(CurrentUser user, CampaignForm form, Model model, Locale locale) {
        if (!model.containsAttribute("campaignForm")) {
            model.addAttribute("campaignForm", form);
        }
        model.addAttribute("products", products.all(locale));
        model.addAttribute("segments", segments.list(user));
        return "campaigns/form";
    }
}
