package org.bankcrm.web.shared;

import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means the database cannot be reached (down, restarting, the pool timed out): the user gets a
 * translated 503 "try again shortly", not an incident, and the application recovers by itself once PostgreSQL
 * accepts connections again (the pool opens new ones; nothing is cached that would need a restart).
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    public static boolean is(Object failure) {
        Throwable t = failure instanceof Throwable e ? e : null;
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException || t instanceof ConnectException
                    || t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("57P01")
                    || sql.getSQLState().equals("57P03"))) {
                return true;   // connection exceptions; admin shutdown; cannot connect now (starting up)
            }
            if (t instanceof java.sql.SQLException && "Connection is closed".equals(t.getMessage())) {
                return true;   // the pool's word for a connection the database dropped (e.g. a rollback after it)
            }
        }
        return false;
    }
}
