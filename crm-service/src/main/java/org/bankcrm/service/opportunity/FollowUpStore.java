package org.bankcrm.service.opportunity;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.opportunity.FollowUpType;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a new follow-up, in one statement and in the caller's transaction, and gives back its id (D73). The RM's
 * most frequent write: persisted as an entity, Hibernate's insert (its action queue, the values copied and bound one
 * by one, every column read back) took a sixth of the request threads' samples, for a row nothing in the request
 * reads again. The table's constraints hold the entity's rules on values (a next action date needs a next action, a
 * rating is 1–5, the type one of the codes), and {@link FollowUpService} checks them first for the user's message;
 * the customer of a follow-up on an opportunity is the one read from the opportunity's own row. Nullable values are
 * bound with their SQL type, so the driver is never asked for a parameter's type.
 */
@Component
@RequiredArgsConstructor
class FollowUpStore {

    /** A follow-up to write; {@code opportunityId} null for one on the customer itself. */
    record NewRow(long customerId, Long opportunityId, FollowUpType type, Instant occurredAt, String summary,
                  String outcome, String nextAction, LocalDate nextActionDate, long createdBy, Instant createdAt,
                  Integer satisfaction) {
    }

    private final JdbcClient jdbc;

    long insert(NewRow r) {
        return jdbc.sql("""
                        insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, outcome,
                                               next_action, next_action_date, next_action_done, created_by,
                                               created_at, satisfaction, version)
                        values (:customer, :opportunity, :type, :occurred, :summary, :outcome, :next, :nextDate,
                                false, :by, :at, :satisfaction, 0)
                        returning id""")
                .param("customer", r.customerId())
                .param("opportunity", new SqlParameterValue(Types.BIGINT, r.opportunityId()))
                .param("type", r.type().name())
                .param("occurred", Timestamp.from(r.occurredAt()))
                .param("summary", r.summary())
                .param("outcome", new SqlParameterValue(Types.VARCHAR, r.outcome()))
                .param("next", new SqlParameterValue(Types.VARCHAR, r.nextAction()))
                .param("nextDate", new SqlParameterValue(Types.DATE, r.nextActionDate()))
                .param("by", r.createdBy())
                .param("at", Timestamp.from(r.createdAt()))
                .param("satisfaction", new SqlParameterValue(Types.INTEGER, r.satisfaction()))
                .query(Long.class).single();
    }
}
