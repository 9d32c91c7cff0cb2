package org.bankcrm.web.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.service.dashboard.ExportLog;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.tiers.TierReports;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customers of a tier-migration cell as .xlsx or CSV, written by the dashboard's {@link DashboardExport} (which
 * is why it sits in this package): retail names masked, audited like every export, refused whole above the export
 * limit (400).
 */
@Controller
@RequiredArgsConstructor
class TierMigrationExportController {

    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final TierReports reports;
    private final ExportLog exportLog;
    private final MessageSource messages;
    private final org.bankcrm.web.shared.People people;

    @GetMapping("/tiers/migration/customers.{format}")
    ResponseEntity<byte[]> export(CurrentUser user, @PathVariable String format,
                                  @RequestParam(required = false) String branch,
                                  @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to,
                                  @RequestParam(required = false) String fromTier,
                                  @RequestParam(required = false) String toTier, Locale locale) throws IOException {
        if (!format.equals("xlsx") && !format.equals("csv")) {
            throw new org.bankcrm.domain.shared.InvalidInputException("format", "export.format");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TierReports.CustomerList list;
        long rows;
        try (DashboardExport x = new DashboardExport(format, bytes, messages, locale, people)) {
            x.section(x.msg("tiers.migration.customers.title"), "export.customerNo", "opportunity.customer",
                    "export.branch", "export.username", "opportunity.owner", "tiers.fromTier", "tiers.toTier",
                    "tiers.aumFrom", "tiers.aumTo");
            list = reports.eachCustomer(user, branch, from, to, fromTier, toTier, l -> {
                try {
                    x.row(l.customerNo(), Masking.customerName(l.name(), l.type()), l.branchCode(),
                            l.ownerRm(), l.ownerName(), x.msg("tier." + l.fromTier()), x.msg("tier." + l.toTier()),
                            l.aumFrom(), l.aumTo());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            rows = x.rows();
        }
        String cell = (list.fromTier() == null ? "ANY" : list.fromTier().name()) + "-"
                + (list.toTier() == null ? "ANY" : list.toTier().name());
        exportLog.exported(user, "TIER_MIGRATION " + cell, format, rows, "branch="
                + list.selection().branchCode() + " from=" + list.from() + " to=" + list.to());
        String name = "tier-migration-" + (list.selection().branchCode() == null ? "bank"
                : list.selection().branchCode()) + "-" + list.from() + "_" + list.to() + "-" + cell + "." + format;
        return ResponseEntity.ok()
                .contentType(format.equals("xlsx") ? XLSX : new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .body(bytes.toByteArray());
    }
}
