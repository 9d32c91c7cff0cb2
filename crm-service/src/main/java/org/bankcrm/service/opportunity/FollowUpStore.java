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
 *
 * <p>The same statement marks done the open next actions (a date, not yet done) the new follow-up supersedes: those
 * on the same opportunity, or for a follow-up on the customer itself those on the customer's own follow-ups; all of
 * them when {@code supersedesAll}, else those its author wrote. Each row changed gets a new version. The update
 * reads the table as it was before the statement, so it never completes the new follow-up's own next action (D79:
 * one round trip where there were two).
 */
@Component
@RequiredArgsConstructor
class FollowUpStore {

    /** A follow-up to write; {@code opportunityId} null for one on the customer itself. */
    record NewRow(long customerId, Long opportunityId, FollowUpType type, Instant occurredAt, String summary,
                  String outcome, String nextAction, LocalDate nextActionDate, long createdBy, Instant createdAt,
                  Integer satisfaction) {
    }

    private static final String SUPERSEDED_ON_OPPORTUNITY = """
            with done as (
                update follow_up set next_action_done = true, version = version + 1
                where opportunity_id = :opportunity and next_action_date is not null and not next_action_done
                  and (:all or created_by = :by))
            """;

    private static final String SUPERSEDED_ON_CUSTOMER = """
            with done as (
                update follow_up set next_action_done = true, version = version + 1
                where customer_id = :customer and opportunity_id is null and next_action_date is not null
                  and not next_action_done and (:all or created_by = :by))
            """;

    private static final String INSERT = """
            insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, outcome, next_action,
                                   next_action_date, next_action_done, created_by, created_at, satisfaction, version)
            values (:customer, :opportunity, :type, :occurred, :summary, :outcome, :next, :nextDate,
                    false, :by, :at, :satisfaction, 0)
            returning id""";

    private final JdbcClient jdbc;

    long insert(NewRow r, boolean supersedesAll) {
        String superseded = r.opportunityId() == null ? SUPERSEDED_ON_CUSTOMER : SUPERSEDED_ON_OPPORTUNITY;
        return jdbc.sql(superseded + INSERT)
                .param("all", supersedesAll)
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
