package org.bankcrm.testsupport;

import java.util.List;

/**
 * The nightly jobs' cron settings, each turned off ("-"), for every test context. A test run that spans 01:30,
 * 02:30 or 03:15 in Shanghai (17:30 to 19:15 UTC) would otherwise re-score, discover or purge in the middle of
 * tests that count what they made. Tests that need a nightly job call its method directly. MultiNodeTest starts
 * its nodes outside the test context and keeps the crons, since it fires the jobs the scheduler registered.
 */
public final class NightlyJobsOff {

    public static final String DISCOVERY = "crm.discovery.cron=-";
    public static final String RESCORING = "crm.scoring.refresh-cron=-";
    public static final String AUDIT_PURGE = "crm.audit.purge-cron=-";

    /** All three, as {@code key=value}. */
    public static final List<String> ALL = List.of(DISCOVERY, RESCORING, AUDIT_PURGE);

    private NightlyJobsOff() {
    }
}
