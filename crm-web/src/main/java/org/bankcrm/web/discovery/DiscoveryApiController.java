package org.bankcrm.web.discovery;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.discovery.DiscoveryService;
import org.bankcrm.service.discovery.DiscoveryService.Preview;
import org.bankcrm.service.discovery.DiscoveryService.RuleCount;
import org.bankcrm.service.discovery.DiscoveryService.RunView;
import org.bankcrm.service.discovery.DiscoveryService.StartRun;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.web.shared.Problems;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Discovery runs in the JSON API (ADMIN): start one (answered at once, queued), or with {@code dryRun=true} see what
 * it would create without creating it (answered when computed), and follow a run.
 */
@RestController
@RequestMapping("/api/v1/discovery/runs")
@RequiredArgsConstructor
class DiscoveryApiController {

    /** A run as the contract has it, plus when, by whom, which rules were asked for, why it failed, its figures. */
    record RunJson(long id, LocalDate asOf, String status, Map<String, Integer> created, int skipped,
                   List<String> rules, String startedBy, Instant startedAt, Instant finishedAt, String failure,
                   List<CountJson> counts) {
    }

    /** What a run would create now: the run's {@code created} and {@code skipped}, and each rule's figures. */
    record DryRunJson(boolean dryRun, LocalDate asOf, List<String> rules, Map<String, Integer> created, int skipped,
                      List<CountJson> counts) {
    }

    /** A rule's figures; {@code matched}, {@code skippedOpen} and {@code skippedOther} are null for old runs. */
    record CountJson(String rule, Integer matched, int created, Integer skippedOpen, Integer skippedOther) {
    }

    private final DiscoveryService discovery;
    private final Problems problems;

    /**
     * {@code {"asOf"?, "rules"?}}; no body runs every enabled rule as of today. {@code ?dryRun=true}: 200 with what
     * the run would create, nothing written; 409 while another run is queued or running.
     */
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "A dry run: what the run "
            + "would create.", content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
            schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = DryRunJson.class)))
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "202", description = "The run, queued.",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
            schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = RunJson.class)))
    @PostMapping
    ResponseEntity<?> start(CurrentUser user, @RequestBody(required = false) StartRun body,
                            @RequestParam(defaultValue = "false") boolean dryRun) {
        if (dryRun) {
            Preview p = discovery.preview(user, body);
            return ResponseEntity.ok(new DryRunJson(true, p.asOf(), p.rules(), p.createdByRule(), p.skipped(),
                    counts(p.counts())));
        }
        RunJson run = json(discovery.start(user, body));
        return ResponseEntity.accepted().location(URI.create("/api/v1/discovery/runs/" + run.id())).body(run);
    }

    @GetMapping("/{id}")
    RunJson get(CurrentUser user, @PathVariable long id) {
        return json(discovery.run(user, id));
    }

    private RunJson json(RunView r) {
        return new RunJson(r.id(), r.asOf(), r.status(), r.created(), r.skipped(), r.rules(), r.startedBy(),
                r.startedAt(), r.finishedAt(), r.failure() == null ? null : problems.text(r.failure(), new Object[0],
                r.failure()), counts(r.counts()));
    }

    private static List<CountJson> counts(List<RuleCount> counts) {
        return counts.stream().map(c -> new CountJson(c.rule(), c.matched(), c.created(), c.skippedOpen(),
                c.skippedOther())).toList();
    }
}
