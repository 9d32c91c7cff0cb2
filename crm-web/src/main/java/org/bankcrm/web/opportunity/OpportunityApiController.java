package org.bankcrm.web.opportunity;

import java.net.URI;
import java.time.LocalDate;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.opportunity.Source;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.domain.opportunity.Status;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.opportunity.FollowUpService;
import org.bankcrm.service.opportunity.OpportunityLifecycle;
import org.bankcrm.service.opportunity.OpportunityService;
import org.bankcrm.service.opportunity.OpportunityService.NewOpportunity;
import org.bankcrm.service.opportunity.OpportunityService.OpportunityQuery;
import org.bankcrm.service.opportunity.OpportunityView;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.web.shared.EvidenceText;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Opportunities in the JSON API, in the caller's scope. A system-discovered opportunity's {@code sourceDetail} is its
 * evidence said in the request's language.
 */
@RestController
@RequestMapping("/api/v1/opportunities")
@RequiredArgsConstructor
class OpportunityApiController {

    private static final java.util.regex.Pattern IDEMPOTENCY_KEY = java.util.regex.Pattern.compile("[!-~]{1,64}");


    private final OpportunityService opportunities;
    private final OpportunityLifecycle lifecycle;
    private final FollowUpService followUps;
    private final EvidenceText evidence;

    @GetMapping
    Paged<OpportunityView> list(CurrentUser user,
                                @RequestParam(required = false) Status status,
                                @RequestParam(required = false) Stage stage,
                                @RequestParam(required = false) String owner,
                                @RequestParam(required = false) String branch,
                                @RequestParam(required = false) Source source,
                                @RequestParam(required = false) String band,
                                @RequestParam(required = false) String productCode,
                                @RequestParam(required = false) String customerNo,
                                @RequestParam(required = false) LocalDate closeFrom,
                                @RequestParam(required = false) LocalDate closeTo,
                                @RequestParam(required = false) String q,
                                @RequestParam(required = false) String sort,
                                @RequestParam(required = false) Integer page,
                                @RequestParam(required = false) Integer size,
                                @RequestParam(required = false) String member) {
        Paged<OpportunityView> found = opportunities.search(user, new OpportunityQuery(status, stage, owner, branch,
                source, band, productCode, customerNo, closeFrom, closeTo, q, sort, page, size == null ? 50 : size,
                member));
        return found.map(evidence::localized);
    }

    /**
     * One opportunity. A risk officer, who works on no records, reads those under approval in their approval scope
     * (reference-data.md: "reads those opportunities"), as the approval inbox shows them: read-only, the customer's
     * name masked; the same goes for their follow-ups and history below.
     */
    @GetMapping("/{id}")
    OpportunityView get(CurrentUser user, @PathVariable long id) {
        return evidence.localized(AccessPolicy.mayWorkOnRecords(user) ? opportunities.get(user, id)
                : opportunities.getUnderApproval(user, id));
    }

    @PatchMapping("/{id}")
    OpportunityView patch(CurrentUser user, @PathVariable long id, @RequestBody OpportunityLifecycle.Changes body) {
        return evidence.localized(lifecycle.edit(user, id, body));
    }

    @PostMapping("/{id}/transitions")
    OpportunityView transition(CurrentUser user, @PathVariable long id, @RequestBody OpportunityLifecycle.Move body) {
        return evidence.localized(lifecycle.move(user, id, body));
    }

    @PostMapping("/{id}/owner")
    OpportunityView owner(CurrentUser user, @PathVariable long id, @RequestBody OpportunityLifecycle.Reassign body) {
        return evidence.localized(lifecycle.reassign(user, id, body));
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping("/{id}/follow-ups")
    ResponseEntity<FollowUpService.FollowUpView> logFollowUp(CurrentUser user, @PathVariable long id,
                                                            @RequestBody FollowUpService.NewFollowUp body) {
        FollowUpService.FollowUpView created = followUps.log(user, id, body);
        return ResponseEntity.created(URI.create("/api/v1/opportunities/" + id + "/follow-ups")).body(created);
    }

    @GetMapping("/{id}/follow-ups")
    java.util.List<FollowUpService.FollowUpView> followUps(CurrentUser user, @PathVariable long id) {
        return AccessPolicy.mayWorkOnRecords(user) ? followUps.list(user, id) : followUps.listUnderApproval(user, id);
    }

    @GetMapping("/{id}/history")
    java.util.List<OpportunityService.HistoryEntry> history(CurrentUser user, @PathVariable long id) {
        return AccessPolicy.mayWorkOnRecords(user) ? opportunities.history(user, id)
                : opportunities.historyUnderApproval(user, id);
    }

    /**
     * An {@code Idempotency-Key} header makes a retried create return the first opportunity. It is 1–64 visible
     * ASCII characters (a UUID, say); anything else is a 400 on the header, not a key.
     */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping
    ResponseEntity<OpportunityView> create(CurrentUser user, @RequestBody NewOpportunity body,
                                           @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new InvalidInputException("Idempotency-Key", "validation.idempotencyKey");
        }
        NewOpportunity cmd = key == null ? body : new NewOpportunity(body.customerNo(), body.productCode(),
                body.title(), body.amount(), body.expectedCloseDate(), body.source(), body.riskLevel(),
                body.competition(), body.needStrength(), body.ownerRm(), key);
        OpportunityView created = opportunities.create(user, cmd);
        return ResponseEntity.created(URI.create("/api/v1/opportunities/" + created.id())).body(created);
    }
}
