package org.bankcrm.web.customer;

import java.net.URI;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.service.customer.CustomerReveal;
import org.bankcrm.service.customer.CustomerService;
import org.bankcrm.service.customer.CustomerService.CustomerQuery;
import org.bankcrm.service.customer.CustomerService.NewCustomer;
import org.bankcrm.service.customer.CustomerViews.CustomerDetail;
import org.bankcrm.service.customer.CustomerViews.CustomerSummary;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Paged;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customers in the JSON API, in the caller's scope. */
@RestController
@RequestMapping("/api/v1/customers")
@RequiredArgsConstructor
class CustomerApiController {

    private final CustomerService customers;
    private final CustomerReveal reveals;

    @GetMapping
    Paged<CustomerSummary> list(CurrentUser user, @RequestParam(required = false) String q,
                                @RequestParam(required = false) CustomerType type,
                                @RequestParam(required = false) Tier tier,
                                @RequestParam(required = false) String owner,
                                @RequestParam(required = false) Integer page,
                                @RequestParam(required = false) Integer size) {
        return customers.search(user, new CustomerQuery(q, type, tier, owner, page, size == null ? 50 : size));
    }

    @GetMapping("/{customerNo}")
    CustomerDetail get(CurrentUser user, @PathVariable String customerNo) {
        return customers.get(user, customerNo);
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PostMapping
    ResponseEntity<CustomerDetail> create(CurrentUser user, @RequestBody NewCustomer body) {
        CustomerDetail created = customers.create(user, body);
        return ResponseEntity.created(URI.create("/api/v1/customers/" + created.customerNo())).body(created);
    }

    /** A reveal request: which datum ({@code ID_NO} or {@code PHONE}) and why. */
    record RevealRequest(CustomerReveal.RevealedField field, String reason) {
    }

    /** The revealed datum. */
    record Revealed(String field, String value) {
    }

    /** Reveals one personal datum in full to the owning RM or a head of the customer's branch, audited. */
    @PostMapping("/{customerNo}/reveal")
    Revealed reveal(CurrentUser user, @PathVariable String customerNo, @RequestBody RevealRequest body) {
        String value = reveals.reveal(user, customerNo, body == null ? null : body.field(),
                body == null ? null : body.reason());
        return new Revealed(body.field().name(), value);
    }
}
