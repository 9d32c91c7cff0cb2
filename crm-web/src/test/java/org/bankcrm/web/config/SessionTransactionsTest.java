package org.bankcrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Session's JDBC repository reads a session without a transaction of its own and writes one in a new
 * transaction (D79): the application's repository runs in {@link SessionTransactions}, and the same repository over
 * this PostgreSQL, behind {@link QuietSessionRepository}, begins no transaction to find a session it saved in one
 * (unless asked inside another transaction).
 */
@CrmWebTest
class SessionTransactionsTest {

    @Autowired
    SessionRepository<?> sessions;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void theApplicationsSessionRepositoryRunsInSessionTransactions() {
        Object jdbc = ReflectionTestUtils.getField(sessions, "delegate");
        assertThat(jdbc).isInstanceOf(JdbcIndexedSessionRepository.class);
        assertThat(ReflectionTestUtils.getField(jdbc, "transactionOperations"))
                .isInstanceOf(SessionTransactions.class);
    }

    @Test
    void aSessionIsWrittenInATransactionAndReadWithout() {
        AtomicInteger begun = new AtomicInteger();
        PlatformTransactionManager counting = new PlatformTransactionManager() {
            @Override
            public TransactionStatus getTransaction(TransactionDefinition definition) {
                begun.incrementAndGet();
                return transactionManager.getTransaction(definition);
            }

            @Override
            public void commit(TransactionStatus status) {
                transactionManager.commit(status);
            }

            @Override
            public void rollback(TransactionStatus status) {
                transactionManager.rollback(status);
            }
        };
        var managers = new StaticListableBeanFactory(Map.of("transactionManager", counting))
                .getBeanProvider(PlatformTransactionManager.class);
        var jdbc = new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource), new SessionTransactions(managers));
        @SuppressWarnings("unchecked")
        var store = (FindByIndexNameSessionRepository<Session>) (FindByIndexNameSessionRepository<?>) jdbc;
        var quiet = new QuietSessionRepository(store, Duration.ofSeconds(60), new SavedSessionMemo());

        QuietSessionRepository.QuietSession session = quiet.createSession();
        session.setAttribute("user", "rm1");
        quiet.save(session);
        assertThat(begun).as("the write").hasValue(1);

        QuietSessionRepository.QuietSession found = quiet.findById(session.getId());
        assertThat(found).isNotNull();
        assertThat(found.<String>getAttribute("user")).isEqualTo("rm1");
        assertThat(begun).as("the read begins none").hasValue(1);

        new TransactionTemplate(transactionManager).executeWithoutResult(s ->
                assertThat(quiet.findById(session.getId())).isNotNull());
        assertThat(begun).as("inside another transaction, a read keeps a new one of its own").hasValue(2);

        quiet.deleteById(session.getId());
        assertThat(quiet.findById(session.getId())).isNull();
        assertThat(begun).as("the delete, and no more for the read").hasValue(3);
    }
}
