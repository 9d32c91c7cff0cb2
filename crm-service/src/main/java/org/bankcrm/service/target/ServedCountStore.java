package org.bankcrm.service.target;

import java.time.LocalDate;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.referral.ReferralChannel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writing served counts: one number per branch, channel and day, entered or corrected as a whole. A correction
 * replaces the number (the last entry is the count; no version is asked, since entering the day's count again is
 * the correction, and the audit log keeps every entry).
 */
@Component
@RequiredArgsConstructor
class ServedCountStore {

    private final JdbcClient jdbc;

    void upsert(long branchId, ReferralChannel channel, LocalDate day, int served, long enteredBy) {
        jdbc.sql("""
                        insert into channel_served (branch_id, channel, day, served, entered_by)
                        values (:b, :c, :d, :s, :u)
                        on conflict (branch_id, channel, day)
                        do update set served = excluded.served, entered_by = excluded.entered_by, entered_at = now(),
                                      version = channel_served.version + 1""")
                .param("b", branchId).param("c", channel.name()).param("d", day).param("s", served)
                .param("u", enteredBy)
                .update();
    }
}
