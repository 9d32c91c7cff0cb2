package org.bankcrm.service.coverage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.opportunity.FollowUpType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The follow-up that is a customer's last contact on a day (the one {@link CoverageQuery#LAST_CONTACT_AT} dates),
 * with its type and author, for the customer page. The same rule, one index range on {@code follow_up_contact_idx}.
 */
@Component
@RequiredArgsConstructor
public class CustomerContactQuery {

    /** A contact as the customer page names it. */
    public record LastContact(FollowUpType type, Instant occurredAt, String byName, Long opportunityId) {
    }

    private final JdbcClient jdbc;

    public Optional<LastContact> lastContact(long customerId, LocalDate asOf) {
        return jdbc.sql("""
                        select f.type, f.occurred_at, u.display_name, f.opportunity_id
                        from customer c join service_standard s on s.tier = c.tier
                        join follow_up f on f.customer_id = c.id and f.type = any(s.contact_types)
                                        and f.occurred_at < :contactBefore
                        join staff_user u on u.id = f.created_by
                        where c.id = :id
                        order by f.occurred_at desc, f.id desc limit 1""")
                .param("id", customerId).param("contactBefore", CoverageQuery.contactBefore(asOf))
                .query((rs, n) -> new LastContact(FollowUpType.valueOf(rs.getString("type")),
                        rs.getTimestamp("occurred_at").toInstant(), rs.getString("display_name"),
                        (Long) rs.getObject("opportunity_id")))
                .optional();
    }
}
