package org.bankcrm.web.tiers;

import lombok.RequiredArgsConstructor;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.service.tiers.TierReports;
import org.bankcrm.service.tiers.TierReports.Migration;
import org.bankcrm.service.tiers.TierReports.MigrationCustomer;
import org.bankcrm.service.tiers.TierReports.Structure;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The tier migration, its cells' customers and the customer structure in the JSON API: heads and admins. */
@RestController
@RequestMapping("/api/v1/tiers")
@RequiredArgsConstructor
class TierApiController {

    private final TierReports reports;

    @GetMapping("/migration")
    Migration migration(CurrentUser user, @RequestParam(required = false) String branch,
                        @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return reports.migration(user, branch, from, to).migration();
    }

    @GetMapping("/migration/customers")
    Paged<MigrationCustomer> customers(CurrentUser user, @RequestParam(required = false) String branch,
                                       @RequestParam(required = false) String from,
                                       @RequestParam(required = false) String to,
                                       @RequestParam(required = false) String fromTier,
                                       @RequestParam(required = false) String toTier,
                                       @RequestParam(required = false) Integer page,
                                       @RequestParam(required = false) Integer size) {
        return reports.customers(user, branch, from, to, fromTier, toTier, page, size).page();
    }

    @GetMapping("/structure")
    Structure structure(CurrentUser user, @RequestParam(required = false) String branch,
                        @RequestParam(required = false) Integer months, @RequestParam(required = false) String to) {
        return reports.structure(user, branch, months, to);
    }
}
