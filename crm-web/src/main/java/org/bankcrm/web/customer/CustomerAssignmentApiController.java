package org.bankcrm.web.customer;

import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.service.customer.CustomerAssignment;
import org.bankcrm.service.customer.CustomerAssignment.Assign;
import org.bankcrm.service.customer.CustomerAssignment.Assigned;
import org.bankcrm.service.customer.CustomerAssignment.UnownedCustomer;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Paged;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Unowned high-tier customers and their assignment, in the JSON API (heads and admins). */
@RestController
@RequestMapping("/api/v1/customers")
@RequiredArgsConstructor
class CustomerAssignmentApiController {

    private final CustomerAssignment assignment;

    @GetMapping("/unowned")
    Paged<UnownedCustomer> unowned(CurrentUser user, @RequestParam(required = false) Tier tier,
                                   @RequestParam(required = false) String branch,
                                   @RequestParam(required = false) Integer page,
                                   @RequestParam(required = false) Integer size) {
        return assignment.unowned(user, tier, branch, page, size == null ? 50 : size);
    }

    /** {@code {customerNos: [...], ownerRm}}: all of them or none. */
    @PostMapping("/assignments")
    Assigned assign(CurrentUser user, @RequestBody(required = false) Assign body) {
        return assignment.assign(user, body == null ? new Assign(null, null) : body);
    }
}
