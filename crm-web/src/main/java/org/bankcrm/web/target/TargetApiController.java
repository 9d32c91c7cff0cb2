package org.bankcrm.web.target;

import java.time.LocalDate;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.dashboard.DashboardQuery;
import org.bankcrm.service.dashboard.DashboardSelector;
import org.bankcrm.service.dashboard.Selection;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.target.TargetAttainmentQuery.Attainment;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Target attainment per measure and pipeline coverage in the JSON API (D48): the targets whose period overlaps the
 * selection, the same rows as the dashboard's target section and its export; scoped as the pipeline.
 */
@RestController
@RequiredArgsConstructor
class TargetApiController {

    /** The selection as resolved and the targets' attainment. */
    record Targets(String branch, String owner, LocalDate from, LocalDate to, List<Attainment> targets) {
    }

    private final DashboardSelector selector;
    private final DashboardQuery dashboard;

    @GetMapping("/api/v1/dashboard/targets")
    Targets targets(CurrentUser user, @RequestParam(required = false) String branch,
                    @RequestParam(required = false) String owner,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Selection sel = selector.select(user, branch, owner, from, to);
        return new Targets(sel.branchCode(), sel.ownerRm(), sel.from(), sel.to(), dashboard.attainment(sel));
    }
}
