package org.bankcrm.web.coverage;

import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.coverage.CoverageQuery.DueLine;
import org.bankcrm.service.coverage.CoverageQuery.Narrow;
import org.bankcrm.service.coverage.CoverageQuery.OwnerLine;
import org.bankcrm.service.coverage.CoverageService;
import org.bankcrm.service.coverage.CoverageService.Coverage;
import org.bankcrm.service.dashboard.Selection;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Paged;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Coverage in the JSON API: the figures by tier, by owner RM, and the due (or uncovered) customers. */
@RestController
@RequestMapping("/api/v1/coverage")
@RequiredArgsConstructor
class CoverageApiController {

    /** A due customer as the contract has it (no customer type, no personal data). */
    record DueItem(String customerNo, String name, String tier, String ownerRm, String lastContactOn, String dueOn,
                   Long overdueDays) {
        static DueItem of(DueLine l) {
            return new DueItem(l.customerNo(), l.name(), l.tier().name(), l.ownerRm(),
                    l.lastContactOn() == null ? null : l.lastContactOn().toString(),
                    l.dueOn() == null ? null : l.dueOn().toString(), l.overdueDays());
        }
    }

    /** The figures per owner RM of a selection ({@code ownerRm} null: the customers with no owner). */
    record ByOwner(String asOf, String branch, List<OwnerLine> byOwner) {
    }

    private final CoverageService coverage;

    @GetMapping
    Coverage figures(CurrentUser user, @RequestParam(required = false) String branch,
                     @RequestParam(required = false) String owner, @RequestParam(required = false) String asOf) {
        return coverage.coverage(coverage.select(user, branch, owner, asOf));
    }

    @GetMapping("/by-rm")
    ByOwner byOwner(CurrentUser user, @RequestParam(required = false) String branch,
                    @RequestParam(required = false) String asOf) {
        Selection sel = coverage.select(user, branch, null, asOf);
        return new ByOwner(sel.to().toString(), sel.branchCode(), coverage.byOwner(sel));
    }

    @GetMapping("/due")
    Paged<DueItem> due(CurrentUser user, @RequestParam(required = false) String branch,
                       @RequestParam(required = false) String owner, @RequestParam(required = false) String asOf,
                       @RequestParam(required = false) String within, @RequestParam(required = false) String tier,
                       @RequestParam(required = false) boolean unowned,
                       @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Integer w = CoverageService.within(within);
        var t = CoverageService.tier(tier);
        Selection sel = coverage.select(user, branch, owner, asOf);
        Paged<DueLine> p = coverage.due(sel, new Narrow(t, unowned), w, page, size);
        return p.map(DueItem::of);
    }

    /** The customers not covered on {@code asOf}: the due list with {@code within} 0. */
    @GetMapping("/uncovered")
    Paged<DueItem> uncovered(CurrentUser user, @RequestParam(required = false) String branch,
                             @RequestParam(required = false) String owner,
                             @RequestParam(required = false) String asOf,
                             @RequestParam(required = false) String tier,
                             @RequestParam(required = false) boolean unowned,
                             @RequestParam(required = false) Integer page,
                             @RequestParam(required = false) Integer size) {
        return due(user, branch, owner, asOf, "0", tier, unowned, page, size);
    }
}
