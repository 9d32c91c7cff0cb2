package org.bankcrm.web.myday;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.bankcrm.service.myday.MyDayQuery;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.DemoRows;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * My day's two lists of next actions come from one statement (D75): the day's and the overdue, each the first 50 by
 * due date, so a long overdue list never pushes today's actions off the page; done actions and later ones are in
 * neither.
 */
@CrmWebTest
class MyDayActionListsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MyDayQuery myDay;

    @Autowired
    Clock clock;

    @Test
    void todaysActionsStayBesideAnOverdueListLongerThanThePage() {
        LocalDate today = LocalDate.now(clock);
        String tag = Long.toString(System.nanoTime() % 1_000_000, 36);
        String rm = "mdl" + tag;
        Http admin = Http.basic(port, "admin");
        assertThat(admin.postJson("/api/v1/admin/users", Map.of("username", rm, "displayName", "经理" + tag,
                "role", "RM", "branchCode", "BR001", "password", Http.DEMO_PASSWORD)).status()).isEqualTo(201);
        String customerNo = "CMDL" + tag;
        assertThat(admin.postJson("/api/v1/customers", Map.of("customerNo", customerNo, "type", "RETAIL",
                "name", "客户" + tag, "branchCode", "BR001", "ownerRm", rm, "aum", 120000, "birthDate", "1985-05-05"))
                .status()).isEqualTo(201);
        var created = Http.basic(port, rm).postJson("/api/v1/opportunities", Map.of("customerNo", customerNo,
                "productCode", "FUND", "amount", 100000, "expectedCloseDate", today.plusDays(30).toString()));
        assertThat(created.status()).isEqualTo(201);
        long opportunity = created.json().get("id").asLong();

        // 55 overdue on the customer alone, a day apart; three due today on the customer, two on the opportunity;
        // one done today and one due tomorrow, which neither list shows.
        for (int k = 1; k <= 55; k++) {
            action(customerNo, null, rm, "逾期" + k, today.minusDays(k), false);
        }
        for (int k = 1; k <= 3; k++) {
            action(customerNo, null, rm, "今日客户" + k, today, false);
        }
        for (int k = 1; k <= 2; k++) {
            action(customerNo, opportunity, rm, "今日商机" + k, today, false);
        }
        action(customerNo, opportunity, rm, "已办", today, true);
        action(customerNo, null, rm, "明日", today.plusDays(1), false);

        MyDayQuery.Day day = myDay.of(DemoRows.currentUser(jdbc, rm));

        assertThat(day.dueToday()).extracting(MyDayQuery.Action::nextAction)
                .containsExactlyInAnyOrder("今日客户1", "今日客户2", "今日客户3", "今日商机1", "今日商机2");
        assertThat(day.dueToday()).isSortedAccordingTo(Comparator.comparingLong(MyDayQuery.Action::followUpId));
        assertThat(day.dueToday()).filteredOn(a -> a.opportunityId() != null)
                .allSatisfy(a -> assertThat(a.opportunityId()).isEqualTo(opportunity));
        // The overdue list: the 50 longest overdue, the oldest first.
        List<MyDayQuery.Action> overdue = day.overdue();
        assertThat(overdue).hasSize(50);
        assertThat(overdue.getFirst().nextAction()).isEqualTo("逾期55");
        assertThat(overdue.getLast().nextAction()).isEqualTo("逾期6");
        assertThat(overdue).isSortedAccordingTo(Comparator.comparing(MyDayQuery.Action::due));
    }

    private void action(String customerNo, Long opportunityId, String author, String text, LocalDate due,
                        boolean done) {
        jdbc.update("""
                insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, next_action,
                                       next_action_date, next_action_done, created_by)
                select c.id, ?, 'CALL', now(), '沟通', ?, ?, ?, u.id
                from customer c, staff_user u where c.customer_no = ? and u.username = ?""",
                opportunityId, text, due, done, customerNo, author);
    }
}
