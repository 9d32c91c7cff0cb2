package org.bankcrm.service.opportunity;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The lock between the ways an opportunity is opened: one by a user (a form, the API, a referral converted, a campaign
 * target's interest) takes it shared, so users never wait on each other; discovery takes it exclusively from the
 * moment it checks which of its matches an open opportunity already covers until its new opportunities commit. So
 * an RM who opens an opportunity for a customer and product while a run is under way either commits first, and the
 * run sees it and makes none, or waits the few seconds until the run's opportunities are there. Held until the
 * caller's transaction ends (a transaction-scoped advisory lock).
 */
@Component
@RequiredArgsConstructor
public class OpeningStore {

    /** An arbitrary key of this product's own ("CRMOPEN1" in ASCII), distinct from the other advisory locks. */
    public static final long LOCK_KEY = 0x4352_4D4F_5045_4E31L;

    private final JdbcClient jdbc;

    /** A user opens an opportunity: waits only while discovery inserts. */
    public void share() {
        jdbc.sql("select pg_advisory_xact_lock_shared(:key)").param("key", LOCK_KEY).query().listOfRows();
    }

    /** Discovery checks and inserts: waits for the users' openings under way, and holds new ones off. */
    public void exclude() {
        jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query().listOfRows();
    }
}
