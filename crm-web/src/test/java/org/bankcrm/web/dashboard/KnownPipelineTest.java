package org.bankcrm.web.dashboard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A test over a known pipeline ({@link DashboardFixture}) of its own: each test class builds one on first use (the
 * fixture needs the running application's port) and keeps it for all its tests.
 */
abstract class KnownPipelineTest {

    private static final Map<Class<?>, DashboardFixture> BUILT = new ConcurrentHashMap<>();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected DashboardFixture fx() {
        return BUILT.computeIfAbsent(getClass(), c -> DashboardFixture.build(port, jdbc));
    }
}
