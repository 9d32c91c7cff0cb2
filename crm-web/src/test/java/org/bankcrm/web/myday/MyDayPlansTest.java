package org.bankcrm.web.myday;

import static org.assertj.core.api.Assertions.assertThat;

import org.bankcrm.service.myday.MyDayQuery;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.DemoRows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * D60: My day's statements are planned for the day and the user they are run for (a cached generic plan read every
 * action due today at bank size), and the setting ends with My day's transaction: the pooled connection goes back to
 * the next request as it was.
 */
@CrmWebTest
class MyDayPlansTest {

    @Autowired
    MyDayQuery myDay;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void myDaysStatementsArePlannedForTheirValuesAndOnlyInItsTransaction() {
        CurrentUser rm = DemoRows.currentUser(jdbc, "rm1");
        String during = new TransactionTemplate(transactions).execute(status -> {
            assertThat(jdbc.queryForObject("show plan_cache_mode", String.class)).isEqualTo("auto");
            assertThat(myDay.of(rm).today()).isNotNull();
            return jdbc.queryForObject("show plan_cache_mode", String.class);
        });
        assertThat(during).isEqualTo("force_custom_plan");
        for (int i = 0; i < 12; i++) {
            // Every connection of the pool, after the transaction: back to the server's default.
            assertThat(jdbc.queryForObject("show plan_cache_mode", String.class)).isEqualTo("auto");
            myDay.of(rm);
        }
    }
}
