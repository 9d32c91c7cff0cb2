package org.bankcrm.service.target;

import java.time.LocalDate;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.referral.ReferralChannel;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reading served counts. */
@Component
@RequiredArgsConstructor
public class ServedCountQueries {

    /** A served count as lists show it. */
    public record ServedView(String branch, ReferralChannel channel, LocalDate day, int served, String enteredBy) {
    }

    private final JdbcClient jdbc;

    /** Served counts in the caller's scope over [from, to], newest first, at most 500. */
    List<ServedView> between(CurrentUser user, LocalDate from, LocalDate to) {
        ScopeSql s = ScopeSql.of(user.scope(), "null", "b.path");
        return jdbc.sql("""
                        select b.code, cs.channel, cs.day, cs.served, u.username
                        from channel_served cs join branch b on b.id = cs.branch_id
                        left join staff_user u on u.id = cs.entered_by
                        where cs.day between :from and :to and %s
                        order by cs.day desc, b.code, cs.channel limit 500""".formatted(s.condition()))
                .params(s.params()).param("from", from).param("to", to)
                .query((rs, i) -> new ServedView(rs.getString("code"), ReferralChannel.valueOf(rs.getString("channel")),
                        rs.getObject("day", LocalDate.class), rs.getInt("served"), rs.getString("username")))
                .list();
    }
}
