package org.bankcrm.service.shared;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Which reads of the current thread may go to the read replica: those inside a call to a {@link ReadFromReplica}
 * method that began the (read-only) transaction, unless the thread was told to stay on the primary. The routing
 * data source asks {@link #replicaWanted()} when a transaction takes its first connection, which is at its first
 * statement, so the decision covers the whole transaction, JPA and {@code JdbcClient} alike.
 */
public final class ReplicaReads {

    private static final ThreadLocal<Boolean> MARKED = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> PRIMARY_ONLY = new ThreadLocal<>();

    private ReplicaReads() {
    }

    /** True when the statement about to run belongs to a marked, read-only transaction that may read the replica. */
    public static boolean replicaWanted() {
        return MARKED.get() != null && PRIMARY_ONLY.get() == null
                && TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isCurrentTransactionReadOnly();
    }

    /**
     * Keeps every read of this thread on the primary until the returned scope is closed, for a user who has just
     * written something and must see it (read-your-writes).
     */
    public static Scope primaryOnly() {
        Boolean before = PRIMARY_ONLY.get();
        PRIMARY_ONLY.set(Boolean.TRUE);
        return () -> {
            if (before == null) {
                PRIMARY_ONLY.remove();
            }
        };
    }

    /** A scope that ends without a checked exception. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Around a {@link ReadFromReplica} method, outside its transaction: marks the call unless a transaction is
     * already active, because a call that joins a transaction reads through that transaction's connection, and a
     * transaction that began on the primary must not switch to the replica at its first statement.
     */
    public static final class Interceptor implements MethodInterceptor {

        @Override
        public Object invoke(MethodInvocation invocation) throws Throwable {
            if (MARKED.get() != null || TransactionSynchronizationManager.isActualTransactionActive()) {
                return invocation.proceed();
            }
            MARKED.set(Boolean.TRUE);
            try {
                return invocation.proceed();
            } finally {
                MARKED.remove();
            }
        }
    }
}
