package org.bankcrm.web.incentive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.incentive.IncentiveRates;
import org.bankcrm.service.incentive.IncentiveService;
import org.bankcrm.service.incentive.IncentiveStatement;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.web.dashboard.DashboardExport;
import org.bankcrm.web.shared.Flashes;
import org.bankcrm.web.shared.People;
import org.bankcrm.web.shared.Problems;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The statement page (month and, for heads and admins, the person), its Excel/CSV export with the same figures,
 * and the admin's page of rates. Amounts are shown exactly to the cent ({@code @fmt.money}).
 */
@Controller
@RequiredArgsConstructor
class IncentivePageController {

    /**
     * When the rates the product ships with apply from (V25): the first month a statement may have. A change an admin
     * saves applies from the month it is saved in, so rates valid from here are the shipped ones, never changed.
     */
    private static final LocalDate SHIPPED_RATES_FROM = LocalDate.of(2000, 1, 1);

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final IncentiveService incentives;
    private final MessageSource messages;
    private final People people;
    private final Problems problems;

    @GetMapping("/incentives")
    String page(CurrentUser caller, @RequestParam(required = false) String month,
                @RequestParam(name = "user", required = false) String username, Model model) {
        model.addAttribute("month", month == null || month.isBlank()
                ? incentives.currentMonth().toString().substring(0, 7) : month.strip());
        model.addAttribute("maxMonth", incentives.currentMonth().toString().substring(0, 7));
        List<IncentiveService.Person> people = incentives.readsOthers(caller) ? incentives.people(caller) : null;
        // A head or an admin reads their RMs' statements: the first RM of the picker unless one is asked for.
        String whose = username != null && !username.isBlank() ? username.strip() : people == null ? caller.username()
                : people.stream().filter(p -> "RM".equals(p.role())).map(IncentiveService.Person::username)
                .findFirst().orElse(caller.username());
        model.addAttribute("user", whose);
        model.addAttribute("opensOpportunities", AccessPolicy.mayWorkOnRecords(caller));
        model.addAttribute("people", people);
        try {
            IncentiveStatement s = incentives.statement(caller, month, whose);
            model.addAttribute("statement", s);
            // months as the API and the month picker write them (YYYY-MM)
            model.addAttribute("statementMonth", YearMonth.from(s.month()).toString());
            model.addAttribute("ratesFrom", YearMonth.from(s.ratesValidFrom()).toString());
            model.addAttribute("defaultRates", s.ratesValidFrom().equals(SHIPPED_RATES_FROM));
        } catch (InvalidInputException e) {
            model.addAttribute("monthError", problems.text(e.messageKey(), e.errors().getFirst().args(),
                    e.messageKey()));
        }
        return "incentives";
    }

    @GetMapping("/incentives/export.{format}")
    ResponseEntity<byte[]> export(CurrentUser caller, @PathVariable String format,
                                  @RequestParam(required = false) String month,
                                  @RequestParam(name = "user", required = false) String username, Locale locale)
            throws IOException {
        if (!format.equals("xlsx") && !format.equals("csv")) {
            throw new InvalidInputException("format", "export.format");
        }
        IncentiveStatement s = incentives.statement(caller, month, username);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long rows;
        try (DashboardExport x = new DashboardExport(format, bytes, messages, locale, people)) {
            String m = s.month().toString().substring(0, 7);
            x.section(x.msg("incentive.export.summary"), "export.figure", "export.value");
            x.row(x.msg("incentive.person"), s.displayName() + " (" + s.username() + ")");
            x.row(x.msg("incentive.month"), m);
            x.row(x.msg("incentive.linesTotal"), s.linesTotal());
            x.row(x.msg("incentive.rewardsTotal"), s.rewardsTotal());
            x.row(x.msg("incentive.total"), s.total());
            x.section(x.msg("incentive.lines"), "export.opportunityId", "export.product", "dashboard.category",
                    "opportunity.customer", "dashboard.closedAt", "opportunity.wonAmount", "incentive.productRate",
                    "incentive.revenue", "incentive.creditShare", "incentive.rate", "incentive.amount");
            for (IncentiveStatement.Line l : s.lines()) {
                x.row(l.opportunityId(), x.product(l.productCode()), x.msg("category." + l.category()),
                        l.customerName(), x.dateTime(l.closedAt()), l.wonAmount(),
                        new DashboardExport.Rate(l.productRate()), l.revenue(), l.creditShare(),
                        new DashboardExport.Rate(l.rate()), l.amount());
            }
            x.section(x.msg("incentive.rewards"), "incentive.referralId", "export.opportunityId",
                    "opportunity.customer", "dashboard.closedAt", "incentive.amount");
            for (IncentiveStatement.Reward r : s.referralRewards()) {
                x.row(r.referralId(), r.opportunityId(), r.customerName(), x.dateTime(r.closedAt()), r.amount());
            }
            rows = s.lines().size() + s.referralRewards().size();
        }
        incentives.exported(caller, s, format, rows);
        String name = "incentives-" + s.username() + "-" + s.month().toString().substring(0, 7) + "." + format;
        return ResponseEntity.ok()
                .contentType(format.equals("xlsx") ? XLSX : new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString())
                .body(bytes.toByteArray());
    }

    @GetMapping("/admin/incentive-rates")
    String rates(CurrentUser user, Model model) {
        IncentiveRates r = incentives.rates(user);
        Map<String, String> values = new LinkedHashMap<>();
        r.rates().forEach((c, v) -> values.put(c, IncentiveApiController.plain(v).toPlainString()));
        return renderRates(user, model, values, r.referralReward().toPlainString(), Map.of());
    }

    @PostMapping("/admin/incentive-rates")
    String save(CurrentUser user, @RequestParam Map<String, String> form, Model model,
                RedirectAttributes redirect) {
        AccessPolicy.requireAdmin(user);
        List<FieldError> errors = new ArrayList<>();
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        Map<String, String> sent = new LinkedHashMap<>();
        for (ProductCategory c : ProductCategory.values()) {
            String text = form.get("rate." + c.name());
            sent.put(c.name(), text == null ? "" : text);
            BigDecimal v = RatesInput.text(text, "rates." + c.name(), "incentive.rate.range", errors);
            if (v != null) {
                rates.put(c.name(), v);
            } else if (text == null || text.isBlank()) {
                errors.add(new FieldError("rates." + c.name(), "incentive.rate.range"));
            }
        }
        String rewardText = form.get("referralReward");
        BigDecimal reward = RatesInput.text(rewardText, "referralReward", "incentive.reward.range", errors);
        if (reward == null && (rewardText == null || rewardText.isBlank())) {
            errors.add(new FieldError("referralReward", "incentive.reward.range"));
        }
        Integer version = null;
        try {
            version = form.get("version") == null || form.get("version").isBlank() ? null
                    : Integer.valueOf(form.get("version").strip());
        } catch (NumberFormatException e) {
            errors.add(new FieldError("version", "validation.wholeNumber"));
        }
        try {
            if (!errors.isEmpty()) {
                try {
                    incentives.checkRates(user, rates, reward);
                } catch (InvalidInputException e) {
                    errors.addAll(e.errors());
                }
                throw new InvalidInputException(errors);
            }
            incentives.setRates(user, rates, reward, version);
            redirect.addFlashAttribute("flash", "incentive.rates.saved");
            return "redirect:/admin/incentive-rates";
        } catch (InvalidInputException e) {
            Map<String, List<String>> messagesByField = new LinkedHashMap<>();
            for (FieldError f : e.errors()) {
                List<String> list = messagesByField.computeIfAbsent(f.field() == null ? "" : f.field(),
                        k -> new ArrayList<>());
                String text = problems.text(f.messageKey(), f.args(), f.messageKey());
                if (!list.contains(text)) {
                    list.add(text);
                }
            }
            return renderRates(user, model, sent, rewardText == null ? "" : rewardText, messagesByField);
        } catch (ConflictException e) {
            Flashes.error(redirect, e);
            return "redirect:/admin/incentive-rates";
        }
    }

    private String renderRates(CurrentUser user, Model model, Map<String, String> values, String reward,
                               Map<String, List<String>> errors) {
        IncentiveRates r = incentives.rates(user);
        model.addAttribute("current", r);
        model.addAttribute("validFrom", YearMonth.from(r.validFrom()).toString());
        model.addAttribute("defaultRates", r.validFrom().equals(SHIPPED_RATES_FROM));
        model.addAttribute("values", values);
        model.addAttribute("reward", reward);
        model.addAttribute("errors", errors);
        model.addAttribute("categories", ProductCategory.values());
        return "admin/incentive-rates";
    }
}
