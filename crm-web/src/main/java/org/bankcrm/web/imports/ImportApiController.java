package org.bankcrm.web.imports;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.imports.ImportService;
import org.bankcrm.service.imports.ImportService.RunView;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The data feeds in the JSON API (ADMIN): queue an import, then watch it. */
@RestController
@RequestMapping("/api/v1/imports")
@RequiredArgsConstructor
class ImportApiController {

    /** A run as the contract shapes it, with the product's extra fields after the contract's. */
    record RunJson(long id, String kind, String status, long rowsRead, long inserted, long updated, long unchanged,
                   long rejected, List<ErrorJson> errors, Instant startedAt, Instant finishedAt, String fileName,
                   String phase, Long rowsTotal, long removed, long rowsPerSecond, String failure) {
    }

    /** One problem of a rejected row, translated. */
    record ErrorJson(long line, String column, String message) {
    }

    private final ImportService imports;
    private final ImportMessages messages;

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.ACCEPTED)
    @PostMapping(path = "/{kind}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<RunJson> start(CurrentUser user, @PathVariable String kind,
                                  @RequestPart(name = "file", required = false) MultipartFile file, Locale locale)
            throws IOException {
        RunView run;
        try (InputStream in = file == null ? null : file.getInputStream()) {
            run = imports.start(user, kind, file == null ? null : file.getOriginalFilename(), in);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(json(user, run, locale));
    }

    @GetMapping("/{id}")
    RunJson get(CurrentUser user, @PathVariable long id, Locale locale) {
        return json(user, imports.get(user, id), locale);
    }

    private RunJson json(CurrentUser user, RunView r, Locale locale) {
        List<ErrorJson> errors = imports.errors(user, r.id(), ImportService.ERRORS_SHOWN).stream()
                .map(e -> new ErrorJson(e.line(), e.column(), messages.text(e.messageKey(), e.messageArg(), locale)))
                .toList();
        return new RunJson(r.id(), r.kind(), r.status(), r.rowsRead(), r.inserted(), r.updated(), r.unchanged(),
                r.rejected(), errors, r.startedAt(), r.finishedAt(), r.fileName(), r.phase(), r.rowsTotal(),
                r.removed(), r.rowsPerSecond(),
                r.failure() == null ? null : messages.text(r.failure(), r.failureArg(), locale));
    }
}
