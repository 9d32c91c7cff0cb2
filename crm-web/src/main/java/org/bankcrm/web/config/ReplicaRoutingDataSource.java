package org.bankcrm.web.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.service.shared.ReplicaReads;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

/**
 * The application's data source when a read replica is configured: the primary, except for the transactions that
 * {@link ReplicaReads#replicaWanted()} allows on the replica. Used behind a {@link LazyConnectionDataSourceProxy}
 * (see {@link #behindLazyProxy}), so the choice is made at a transaction's first statement, after the transaction
 * manager has declared it read-only, and holds for the rest of it.
 *
 * <p>When the replica cannot give a connection, the read goes to the primary: the first failure of an outage is
 * logged as a warning, and for {@code retryAfter} every replica read goes straight to the primary; then one read
 * tries the replica again. Its return is logged once too.
 */
@Slf4j
final class ReplicaRoutingDataSource extends AbstractDataSource {

    private final DataSource primary;
    private final DataSource replica;
    private final long retryAfterNanos;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong retryAt = new AtomicLong();

    ReplicaRoutingDataSource(DataSource primary, DataSource replica, Duration retryAfter) {
        this.primary = primary;
        this.replica = replica;
        this.retryAfterNanos = retryAfter.toNanos();
    }

    /** This router behind a lazy proxy, with the primary's defaults (read once from the primary at start-up). */
    static LazyConnectionDataSourceProxy behindLazyProxy(DataSource primary, DataSource replica, Duration retryAfter) {
        LazyConnectionDataSourceProxy lazy = new LazyConnectionDataSourceProxy(
                new ReplicaRoutingDataSource(primary, replica, retryAfter));
        try (Connection c = primary.getConnection()) {
            lazy.setDefaultAutoCommit(c.getAutoCommit());
            lazy.setDefaultTransactionIsolation(c.getTransactionIsolation());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the primary database's connection defaults", e);
        }
        return lazy;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return ReplicaReads.replicaWanted() ? replicaOrPrimary() : primary.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLException("the routed data source takes its credentials from configuration");
    }

    private Connection replicaOrPrimary() throws SQLException {
        if (down.get()) {
            long at = retryAt.get();
            // While the replica is down, one read per interval tries it; all others go straight to the primary.
            if (System.nanoTime() - at < 0 || !retryAt.compareAndSet(at, System.nanoTime() + retryAfterNanos)) {
                return primary.getConnection();
            }
        }
        Connection c;
        try {
            c = replica.getConnection();
        } catch (SQLException e) {
            retryAt.set(System.nanoTime() + retryAfterNanos);
            if (down.compareAndSet(false, true)) {
                log.warn("The read replica cannot be reached ({}): dashboards and lists read the primary and the "
                        + "replica is tried again every {} s.", e.getMessage(), retryAfterNanos / 1_000_000_000L);
            }
            return primary.getConnection();
        }
        if (down.compareAndSet(true, false)) {
            log.info("The read replica answers again: dashboards and lists read from it.");
        }
        return c;
    }
}
