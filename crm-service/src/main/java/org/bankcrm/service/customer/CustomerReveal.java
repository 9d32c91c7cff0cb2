package org.bankcrm.service.customer;

import java.util.ArrayList;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Texts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Showing one personal datum of a customer in full, to those who may, with a reason, audited. */
@Service
@RequiredArgsConstructor
public class CustomerReveal {

    /** Which personal datum to reveal. */
    public enum RevealedField { ID_NO, PHONE }

    private final CustomerService customers;
    private final AuditLog audit;

    /**
     * Shows one personal datum in full, once, to the customer's owning RM or a branch head whose subtree holds the
     * customer (JR/T 0171-2020: least exposure; everyone else sees it masked). The reason is required and the
     * reveal is audited with it; the value itself never goes to the audit log, nor any phone or ID-like number typed
     * into the reason (masked as free text is).
     *
     * @return the full value, or null when the customer has none
     */
    @Transactional
    public String reveal(CurrentUser user, String customerNo, RevealedField field, String reason) {
        Customer c = customers.find(user, customerNo);
        // find() has already checked the subtree; the policy says who of those may see the datum in full.
        AccessPolicy.requireMayReveal(user, c.getOwner() == null ? null : c.getOwner().getUsername());
        List<FieldError> errors = new ArrayList<>();
        if (field == null) {
            errors.add(new FieldError("field", "validation.required"));
        }
        String why = Texts.clean(reason);
        if (why == null || why.length() < 4 || why.length() > 200) {
            errors.add(new FieldError("reason", "customer.reveal.reason"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        audit.record(user.username(), "PII_REVEALED", "customer", customerNo,
                field.name() + ": " + Masking.inText(why));
        return field == RevealedField.ID_NO ? c.idNo() : c.phone();
    }
}
