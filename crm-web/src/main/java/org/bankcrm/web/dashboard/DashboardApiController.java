package org.bankcrm.web.dashboard;

import java.time.LocalDate;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.dashboard.DashboardSelector;
import org.bankcrm.service.dashboard.LostQuery;
import org.bankcrm.service.dashboard.PipelineQuery;
import org.bankcrm.service.dashboard.PipelineQuery.Pipeline;
import org.bankcrm.service.dashboard.SatisfactionQuery;
import org.bankcrm.service.dashboard.SatisfactionQuery.Satisfaction;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pipeline figures and the loss analysis in the JSON API: a head's subtree, any branch or the bank for an admin,
 * an RM's own.
 */
@RestController
@RequestMapping("/api/v1/dashboard")
@RequiredArgsConstructor
class DashboardApiController {

    private final DashboardSelector selector;
    private final PipelineQuery pipeline;
    private final LostQuery lost;
    private final SatisfactionQuery satisfaction;

    @GetMapping("/pipeline")
    Pipeline pipeline(CurrentUser user, @RequestParam(required = false) String branch,
                      @RequestParam(required = false) String owner,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return pipeline.of(selector.select(user, branch, owner, from, to));
    }

    /** Loss analysis (issue 17): lost in the period by reason, by category × reason, by RM; scoped as the pipeline. */
    @GetMapping("/lost")
    LostQuery.Lost lost(CurrentUser user, @RequestParam(required = false) String branch,
                        @RequestParam(required = false) String owner,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return lost.of(selector.select(user, branch, owner, from, to));
    }

    /** Satisfaction (D46): responses and average, by author, branch and month, for the same selection. */
    @GetMapping("/satisfaction")
    Satisfaction satisfaction(CurrentUser user, @RequestParam(required = false) String branch,
                              @RequestParam(required = false) String owner,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                              LocalDate from,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                              LocalDate to) {
        return satisfaction.of(selector.select(user, branch, owner, from, to));
    }
}
