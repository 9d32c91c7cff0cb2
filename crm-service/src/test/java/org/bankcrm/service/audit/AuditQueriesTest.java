package org.bankcrm.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.LocalDate;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.shared.ForbiddenException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Paged;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit log's read model and its purge on PostgreSQL: the search filters by who, what, record and day, newest
 * first, for admins only; only the purge deletes, and only entries older than what is kept. Inside the test's
 * transaction, rolled back.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({AuditQueries.class, AuditStore.class})
class AuditQueriesTest {

    private static final CurrentUser ADMIN = new CurrentUser(1, "aqt-admin", "aqt-admin", Role.ADMIN, 1, "HQ", "/");
    private static final CurrentUser RM = new CurrentUser(2, "aqt-rm", "aqt-rm", Role.RM, 1, "HQ", "/");

    @Autowired JdbcClient jdbc;
    @Autowired AuditQueries queries;
    @Autowired AuditStore store;

    @Test
    void theSearchFiltersByWhoWhatRecordAndDayNewestFirst() {
        long older = entry("aqt-alice", "AQT_ONE", "42", "now() - interval '3 days'");
        long newer = entry("aqt-alice", "AQT_ONE", "43", "now()");
        entry("aqt-bob", "AQT_TWO", "42", "now()");

        Paged<AuditQueries.Row> alice = queries.search(ADMIN,
                new AuditQueries.Query("aqt-alice", null, null, null, null, null));
        assertThat(alice.items()).extracting(AuditQueries.Row::id).containsExactly(newer, older);
        AuditQueries.Row first = alice.items().getFirst();
        assertThat(first.actor()).isEqualTo("aqt-alice");
        assertThat(first.action()).isEqualTo("AQT_ONE");
        assertThat(first.entityType()).isEqualTo("thing");
        assertThat(first.entityId()).isEqualTo("43");
        assertThat(first.detail()).isEqualTo("detail of 43");
        assertThat(first.clientIp()).isEqualTo("192.0.2.1");

        assertThat(queries.search(ADMIN, new AuditQueries.Query(null, "AQT_TWO", "42", null, null, null)).total())
                .isEqualTo(1);
        LocalDate today = LocalDate.now(org.bankcrm.service.shared.ClockConfig.BANK_ZONE);
        assertThat(queries.search(ADMIN, new AuditQueries.Query("aqt-alice", null, null,
                today.minusDays(1).toString(), null, null)).items())
                .extracting(AuditQueries.Row::id).containsExactly(newer);
        assertThat(queries.actions(ADMIN)).contains("AQT_ONE", "AQT_TWO");
    }

    @Test
    void theUserIsFoundByLoginOrByAPartOfTheirDisplayNameAndNotByAPartOfTheLogin() {
        long branch = jdbc.sql("select id from branch where code = 'HQ'").query(Long.class).single();
        jdbc.sql("insert into staff_user (username, display_name, role, branch_id, password_hash)"
                + " values ('aqt-carol', '审计_测试员', 'RM', :b, 'x')").param("b", branch).update();
        long carol = entry("aqt-carol", "AQT_NAME", "7", "now()");
        entry("aqt-dave", "AQT_NAME", "8", "now()");

        assertThat(queries.search(ADMIN, new AuditQueries.Query("审计_测试", "AQT_NAME", null, null, null,
                null)).items()).extracting(AuditQueries.Row::id).containsExactly(carol);
        assertThat(queries.search(ADMIN, new AuditQueries.Query("aqt-carol", "AQT_NAME", null, null, null, null))
                .items()).extracting(AuditQueries.Row::id).containsExactly(carol);
        assertThat(queries.search(ADMIN, new AuditQueries.Query("aqt-", "AQT_NAME", null, null, null, null))
                .total()).isZero();
        assertThat(queries.search(ADMIN, new AuditQueries.Query("审计%", "AQT_NAME", null, null, null, null))
                .total()).as("a wildcard is a literal").isZero();
    }

    @Test
    void unreadableDaysAndAReversedRangeAreRefusedByField() {
        assertThatThrownBy(() -> queries.search(ADMIN, new AuditQueries.Query(null, null, null, "2026-13-01",
                "yesterday", null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field, FieldError::messageKey)
                        .containsExactly(tuple("from", "audit.date.unreadable"), tuple("to", "audit.date.unreadable")));
        assertThatThrownBy(() -> queries.search(ADMIN, new AuditQueries.Query(null, null, null, "2026-03-02",
                "2026-03-01", null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field, FieldError::messageKey)
                        .containsExactly(tuple("to", "audit.range.order")));
        assertThat(queries.search(ADMIN, new AuditQueries.Query(null, null, null, "2026-03-01", "2026-03-01", null)))
                .isNotNull();
    }

    @Test
    void onlyAdminsSearch() {
        assertThatThrownBy(() -> queries.search(RM, new AuditQueries.Query(null, null, null, null, null, null)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> queries.actions(RM)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void onlyThePurgeDeletesAndOnlyWhatIsOlderThanKept() {
        long old = entry("aqt-old", "AQT_OLD", "1", "now() - interval '200 days'");
        long recent = entry("aqt-old", "AQT_OLD", "2", "now() - interval '100 days'");

        assertThat(store.purgeOlderThan(Duration.ofDays(183))).isGreaterThanOrEqualTo(1);
        assertThat(ids()).doesNotContain(old).contains(recent);
    }

    @Test
    void anyOtherDeleteIsRefused() {
        long id = entry("aqt-keep", "AQT_KEEP", "1", "now() - interval '200 days'");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log where id = :id").param("id", id).update())
                .isInstanceOf(DataAccessException.class);
    }

    private long entry(String actor, String action, String entityId, String at) {
        return jdbc.sql("insert into audit_log (at, actor, action, entity_type, entity_id, detail, client_ip)"
                        + " values (" + at + ", :actor, :action, 'thing', :entity, :detail, '192.0.2.1') returning id")
                .param("actor", actor).param("action", action).param("entity", entityId)
                .param("detail", "detail of " + entityId).query(Long.class).single();
    }

    private java.util.List<Long> ids() {
        return jdbc.sql("select id from audit_log where actor = 'aqt-old'").query(Long.class).list();
    }
}
