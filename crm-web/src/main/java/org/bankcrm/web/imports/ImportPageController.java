package org.bankcrm.web.imports;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.imports.ImportKind;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.imports.ImportService;
import org.bankcrm.service.imports.ImportService.RunView;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin's import page: upload a feed, watch its progress bar (an htmx fragment the page polls while the run
 * is active), read the report and download the rejected rows to fix and import again.
 */
@Controller
@RequestMapping("/admin/imports")
@RequiredArgsConstructor
class ImportPageController {

    private final ImportService imports;
    private final ImportMessages importMessages;

    @GetMapping
    String page(CurrentUser user, @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("runs", imports.list(user, page, 20));
        model.addAttribute("kinds", ImportKind.values());
        return "admin/imports";
    }

    @PostMapping
    String upload(CurrentUser user, @RequestParam(required = false) String kind,
                  @RequestParam(required = false) MultipartFile file, RedirectAttributes redirect) throws IOException {
        if (kind == null || ImportKind.ofPath(kind).isEmpty()) {
            redirect.addFlashAttribute("flashError", "import.kind.required");
            return "redirect:/admin/imports";
        }
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("flashError", "import.file.required");
            return "redirect:/admin/imports";
        }
        RunView run;
        try (InputStream in = file.getInputStream()) {
            run = imports.start(user, kind, file.getOriginalFilename(), in);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("flashError", e.errors().getFirst().messageKey());
            return "redirect:/admin/imports";
        }
        return "redirect:/admin/imports/" + run.id();
    }

    @GetMapping("/{id}")
    String run(CurrentUser user, @PathVariable long id, Model model) {
        fill(user, id, model);
        return "admin/import";
    }

    /** The run's progress and report, polled by the page while the run is active. */
    @GetMapping("/{id}/progress")
    String progress(CurrentUser user, @PathVariable long id, Model model) {
        fill(user, id, model);
        return "admin/import :: report";
    }

    @GetMapping("/{id}/rejected.csv")
    void rejected(CurrentUser user, @PathVariable long id, HttpServletResponse response) throws IOException {
        RunView run = imports.get(user, id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"rejected-" + run.kind() + "-" + id + ".csv\"");
        Locale locale = LocaleContextHolder.getLocale();
        imports.writeRejectedRows(user, id, response.getOutputStream(),
                (key, arg) -> importMessages.text(key, arg, locale));
    }

    private void fill(CurrentUser user, long id, Model model) {
        RunView run = imports.get(user, id);
        model.addAttribute("run", run);
        model.addAttribute("errors", imports.errors(user, id, 200));
    }
}
