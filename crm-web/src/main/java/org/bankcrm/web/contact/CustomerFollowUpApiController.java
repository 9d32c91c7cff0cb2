package org.bankcrm.web.contact;

import java.net.URI;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.opportunity.FollowUpService;
import org.bankcrm.service.opportunity.FollowUpService.FollowUpView;
import org.bankcrm.service.opportunity.FollowUpService.NewFollowUp;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Follow-ups on a customer itself (on no opportunity): the owner RM, heads and admins in scope. */
@RestController
@RequestMapping("/api/v1/customers/{customerNo}/follow-ups")
@RequiredArgsConstructor
class CustomerFollowUpApiController {

    private final FollowUpService followUps;

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping
    ResponseEntity<FollowUpView> log(CurrentUser user, @PathVariable String customerNo,
                                     @RequestBody NewFollowUp body) {
        FollowUpView created = followUps.logOnCustomer(user, customerNo, body);
        return ResponseEntity.created(URI.create("/api/v1/customers/" + customerNo + "/follow-ups")).body(created);
    }

    /** The customer's own follow-ups, newest first (a plain list, as an opportunity's). */
    @GetMapping
    List<FollowUpView> list(CurrentUser user, @PathVariable String customerNo) {
        return followUps.listOnCustomer(user, customerNo);
    }
}
