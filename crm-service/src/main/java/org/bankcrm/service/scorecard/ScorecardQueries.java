package org.bankcrm.service.scorecard;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.shared.Period;
import org.bankcrm.service.dashboard.Selection;
import org.bankcrm.service.opportunity.PipelineRules;
import org.bankcrm.service.org.ScopeSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The scorecard's own SQL: the RM asked for, their weekly activity and their complaints resolved in time. */
@Component
@RequiredArgsConstructor
class ScorecardQueries {

    /** A staff member by username: their role and branch. */
    record Person(long id, String username, String displayName, String role, String branchCode, String branchName) {
    }

    /** One week (Monday, bank time) of the RM's follow-ups written in the period, and of them visits. */
    record WeekRow(LocalDate monday, long followUps, long visits) {
    }

    private final JdbcClient jdbc;

    Optional<Person> person(String username) {
        return jdbc.sql("""
                        select u.id, u.username, u.display_name, u.role, b.code, b.name from staff_user u
                        join branch b on b.id = u.branch_id where u.username = :name""")
                .param("name", username)
                .query((rs, i) -> new Person(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                        rs.getString("role"), rs.getString("code"), rs.getString("name")))
                .optional();
    }

    /** The follow-ups of the selection (its RM's, as the dashboard's leaderboard counts them) by week. */
    List<WeekRow> weeks(Selection sel) {
        ScopeSql fu = sel.followUps("f", "b");
        String monday = "date_trunc('week', f.occurred_at at time zone '" + Period.BANK_ZONE.getId() + "')::date";
        return jdbc.sql("select " + monday + " as monday, count(*) as n,"
                        + " count(*) filter (where f.type = 'VISIT') as visits" + PipelineRules.FROM_FOLLOW_UP
                        + " where f.occurred_at >= :start and f.occurred_at < :end and " + fu.condition()
                        + " group by 1 order by 1")
                .params(fu.params()).param("start", sel.start()).param("end", sel.end())
                .query((rs, i) -> new WeekRow(rs.getObject("monday", LocalDate.class), rs.getLong("n"),
                        rs.getLong("visits")))
                .list();
    }

    /** The complaints on the selection's customers resolved in the period: how many, and of them by their due day. */
    long[] resolved(Selection sel) {
        ScopeSql c = sel.customers("c", "b");
        return jdbc.sql("""
                        select count(*) as n, count(*) filter (where k.resolved_on <= k.due_on) as in_time
                        from complaint k join customer c on c.id = k.customer_id join branch b on b.id = c.branch_id
                        where k.status = 'RESOLVED' and k.resolved_on >= :from and k.resolved_on <= :to and """
                        + c.condition())
                .params(c.params()).param("from", sel.from()).param("to", sel.to())
                .query((rs, i) -> new long[] {rs.getLong("n"), rs.getLong("in_time")}).single();
    }
}
