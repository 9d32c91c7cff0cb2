package org.bankcrm.service.coverage;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.ContactStatus;
import org.bankcrm.domain.shared.Period;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Coverage read model (D29). A customer's last contact on day D is the latest follow-up of one of its tier's
 * contact types that occurred before the end of bank day D, logged on the customer or on any of its opportunities
 * (every follow-up carries its customer). {@link #LAST_CONTACT_AT} is that rule in SQL, for every list and count;
 * {@link ContactStatus} the rest of it (covered, due, overdue).
 */
@Component
@RequiredArgsConstructor
public class CoverageQuery {

    /**
     * The instant of the last contact of customer {@code c} under standard {@code s}, before {@code :contactBefore}
     * (the start of the day after D in the bank's zone); one index range per type on {@code follow_up_contact_idx}.
     */
    static final String LAST_CONTACT_AT = """
            (select max(f.occurred_at) from follow_up f
             where f.customer_id = c.id and f.type = any(s.contact_types) and f.occurred_at < :contactBefore)""";

    /** {@link #LAST_CONTACT_AT} as a bank day. */
    static final String LAST_CONTACT_ON = "(" + LAST_CONTACT_AT + " at time zone '" + Period.BANK_ZONE.getId()
            + "')::date";

    private final JdbcClient jdbc;

    /** The customer's standing on {@code asOf}; empty when there is no such customer. */
    public Optional<ContactStatus> contactOf(long customerId, LocalDate asOf) {
        return jdbc.sql("select s.contact_days, " + LAST_CONTACT_ON + " as last_contact_on"
                        + " from customer c left join service_standard s on s.tier = c.tier where c.id = :id")
                .param("id", customerId).param("contactBefore", contactBefore(asOf))
                .query((rs, n) -> {
                    int days = rs.getInt("contact_days");
                    Integer contactDays = rs.wasNull() ? null : days;
                    LocalDate last = rs.getObject("last_contact_on", LocalDate.class);
                    return new ContactStatus(contactDays, last, asOf);
                }).optional();
    }

    /** The end of bank day {@code asOf}, the exclusive bound of the follow-ups that count on it. */
    static Timestamp contactBefore(LocalDate asOf) {
        return Timestamp.from(asOf.plusDays(1).atStartOfDay(Period.BANK_ZONE).toInstant());
    }
}
