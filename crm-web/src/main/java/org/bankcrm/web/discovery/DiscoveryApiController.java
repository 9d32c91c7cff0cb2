package org.bankcrm.web.discovery;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.discovery.DiscoveryService;
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
import org.springframework.web.bind.annotation.RestController;

/** Discovery runs in the JSON API (ADMIN): start one (answered at once, queued) and follow it. */
@RestController
@RequestMapping("/api/v1/discovery/runs")
@RequiredArgsConstructor
class DiscoveryApiController {

    /** A run as the contract has it, plus when, by whom, which rules were asked for and why it failed. */
    record RunJson(long id, LocalDate asOf, String status, Map<String, Integer> created, int skipped,
                   List<String> rules, String startedBy, Instant startedAt, Instant finishedAt, String failure) {
    }

    private final DiscoveryService discovery;
    private final Problems problems;

    /** {@code {"asOf"?, "rules"?}}; no body runs every enabled rule as of today. */
    @PostMapping
    ResponseEntity<RunJson> start(CurrentUser user, @RequestBody(required = false) StartRun body) {
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
                r.failure()));
    }
}
