package org.bankcrm.service.shared;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Several nodes may start at the same moment on an empty database (two replicas brought up together). The one-off
 * seeding of a first start (the first administrator, the demo data) checks "is it there yet?" and then writes; two
 * nodes doing that at once would both write, and the loser would fail to start on a unique key. Each of them takes
 * this transaction-scoped advisory lock first, so the second node waits for the first one's commit and then finds
 * the work done.
 */
@Component
@RequiredArgsConstructor
public class FirstStart {

    /** An arbitrary key of this product's own ("CRMSEED" in ASCII), distinct from the other advisory locks. */
    static final long LOCK_KEY = 0x43524D53454544L;

    private final JdbcClient jdbc;

    /** Waits for, then holds until the caller's transaction ends, the first-start lock. Needs a transaction. */
    public void lock() {
        jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query().listOfRows();
    }
}
