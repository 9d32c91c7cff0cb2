package org.bankcrm.web.config;

import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.function.SingletonSupplier;

/**
 * The transactions Spring Session's JDBC repository runs its statements in (D79). Each of its writes gets a new
 * transaction, as with Spring Session's own default (saving a session writes its row and its attributes together);
 * a look-up of one session by id, which {@link QuietSessionRepository} marks with {@link #reading}, gets none: it is
 * one {@code SELECT} of the session joined with its attributes, which reads a consistent state on its own, and its
 * own transaction was a {@code COMMIT}, one more round trip to the database, on every request. (Should the session
 * found have expired, the repository deletes it, also with one statement and no transaction of its own.) A look-up
 * made inside another transaction keeps a new one, as before.
 */
final class SessionTransactions implements TransactionOperations {

    private static final ThreadLocal<Boolean> READING = new ThreadLocal<>();

    /** A new transaction for each write, whatever the caller is in (Spring Session's default propagation). */
    private final SingletonSupplier<TransactionTemplate> writes;

    SessionTransactions(ObjectProvider<PlatformTransactionManager> managers) {
        this.writes = SingletonSupplier.of(() -> {
            TransactionTemplate template = new TransactionTemplate(managers.getObject());
            template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            return template;
        });
    }

    /** Runs {@code read}, a look-up of sessions, with no transaction of its own (unless inside another). */
    static <T> T reading(Supplier<T> read) {
        Boolean before = READING.get();
        READING.set(Boolean.TRUE);
        try {
            return read.get();
        } finally {
            if (before == null) {
                READING.remove();
            }
        }
    }

    @Override
    public <T> T execute(TransactionCallback<T> action) {
        // Inside another transaction (none does so today: the filters read the session first) the read keeps a new
        // one of its own, so that it never joins a read-only transaction routed to a replica (D19).
        if (READING.get() != null && !TransactionSynchronizationManager.isActualTransactionActive()) {
            return action.doInTransaction(new SimpleTransactionStatus(false));
        }
        return writes.obtain().execute(action);
    }
}
