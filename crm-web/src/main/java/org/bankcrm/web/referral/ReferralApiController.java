package org.bankcrm.web.referral;

import java.net.URI;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.referral.Referral;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.referral.ReferralQueries;
import org.bankcrm.service.referral.ReferralQueries.ReferralView;
import org.bankcrm.service.referral.ReferralService;
import org.bankcrm.service.referral.ReferralService.Acceptance;
import org.bankcrm.service.referral.ReferralService.NewReferral;
import org.bankcrm.service.shared.Paged;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Referrals in the JSON API: referrers see their own, RMs those suggested to them, heads their subtree's. */
@RestController
@RequestMapping("/api/v1/referrals")
@RequiredArgsConstructor
class ReferralApiController {

    /** A rejection: {@code {"reason", "version"?}}. */
    record Rejection(String reason, Integer version) {
    }

    /** A routing: {@code {"ownerRm", "version"?}}. */
    record Routing(String ownerRm, Integer version) {
    }

    private final ReferralService referrals;
    private final ReferralQueries queries;

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping
    ResponseEntity<ReferralView> create(CurrentUser user, @RequestBody NewReferral body) {
        ReferralView created = referrals.create(user, body);
        return ResponseEntity.created(URI.create("/api/v1/referrals/" + created.id())).body(created);
    }

    @GetMapping
    Paged<ReferralView> list(CurrentUser user, @RequestParam(required = false) Referral.Status status,
                             @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return queries.visible(user, status, page, size == null ? 50 : size);
    }

    @PostMapping("/{id}/accept")
    ReferralView accept(CurrentUser user, @PathVariable long id, @RequestBody Acceptance body) {
        return referrals.accept(user, id, body);
    }

    @PostMapping("/{id}/reject")
    ReferralView reject(CurrentUser user, @PathVariable long id, @RequestBody Rejection body) {
        return referrals.reject(user, id, body == null ? null : body.reason(), body == null ? null : body.version());
    }

    @PostMapping("/{id}/route")
    ReferralView route(CurrentUser user, @PathVariable long id, @RequestBody Routing body) {
        return referrals.route(user, id, body == null ? null : body.ownerRm(), body == null ? null : body.version());
    }
}
