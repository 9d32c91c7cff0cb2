package org.bankcrm.service.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One evaluation: as of which bank day, what it raised per code (every code, 0 included), resolved, escalated, and
 * the notifications it wrote; {@code startedBy} null for the nightly job.
 */
public record AlertRun(long id, LocalDate asOf, Map<String, Integer> raised, int resolved, int escalated,
                       int notified, Instant startedAt, Instant finishedAt, String startedBy) {
}
