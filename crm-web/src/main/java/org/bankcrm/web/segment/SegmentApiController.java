package org.bankcrm.web.segment;

import java.net.URI;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.customer.CustomerViews.CustomerSummary;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.segment.SegmentCriteria;
import org.bankcrm.service.segment.SegmentService;
import org.bankcrm.service.segment.SegmentService.SegmentCustomer;
import org.bankcrm.service.segment.SegmentService.SegmentView;
import org.bankcrm.service.shared.Paged;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customer groups in the JSON API (docs/api.md, "Customer groups"): branch heads and admins. */
@RestController
@RequestMapping("/api/v1/segments")
@RequiredArgsConstructor
class SegmentApiController {

    private final SegmentService segments;

    @GetMapping
    Paged<SegmentView> list(CurrentUser user, @RequestParam(required = false) Integer page,
                            @RequestParam(required = false) Integer size) {
        return segments.list(user, page, size);
    }

    @GetMapping("/{id}")
    SegmentView get(CurrentUser user, @PathVariable long id) {
        return segments.get(user, id);
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping
    ResponseEntity<SegmentView> create(CurrentUser user, @RequestBody SegmentBodies.SegmentBody body) {
        SegmentView created = segments.create(user, body.input());
        return ResponseEntity.created(URI.create("/api/v1/segments/" + created.id())).body(created);
    }

    @PutMapping("/{id}")
    SegmentView update(CurrentUser user, @PathVariable long id, @RequestBody SegmentBodies.SegmentBody body) {
        return segments.update(user, id, body.input());
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(CurrentUser user, @PathVariable long id,
                                @RequestParam(required = false) Integer version) {
        segments.delete(user, id, version);
        return ResponseEntity.noContent().build();
    }

    /**
     * The size of criteria not saved yet, as if the caller created a group: {@code {"criteria"}} →
     * {@code {"customers"}}.
     */
    @PostMapping("/count")
    Map<String, Long> count(CurrentUser user, @RequestBody SegmentBodies.CountBody body) {
        return count(user, null, body);
    }

    /** The size group {@code id} would have with these criteria: counted in its creator's scope, as once saved. */
    @PostMapping("/{id}/count")
    Map<String, Long> countFor(CurrentUser user, @PathVariable long id, @RequestBody SegmentBodies.CountBody body) {
        return count(user, id, body);
    }

    private Map<String, Long> count(CurrentUser user, Long id, SegmentBodies.CountBody body) {
        SegmentCriteria criteria = body.getCriteria() == null ? null : body.getCriteria().criteria();
        return Map.of("customers", segments.count(user, id, criteria, body.allUnknown()));
    }

    /** The group's customers, as the customer list gives them. */
    @GetMapping("/{id}/customers")
    Paged<CustomerSummary> customers(CurrentUser user, @PathVariable long id,
                                     @RequestParam(required = false) Integer page,
                                     @RequestParam(required = false) Integer size) {
        Paged<SegmentCustomer> p = segments.customers(user, id, page, size);
        return p.map(SegmentCustomer::customer);
    }
}
