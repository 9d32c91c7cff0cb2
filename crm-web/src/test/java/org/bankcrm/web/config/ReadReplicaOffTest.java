package org.bankcrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Without {@code crm.read-replica.url} nothing of D19 exists: the application's data source is the primary's own
 * pool, nothing marks {@code @ReadFromReplica} calls, so every read, lists and dashboards included, reads the primary.
 */
@CrmWebTest
class ReadReplicaOffTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    @Test
    void withoutAReplicaEverythingReadsThePrimarysOwnPool() {
        assertThat(dataSource).isInstanceOf(HikariDataSource.class);
        assertThat(context.getBeanNamesForType(DataSource.class)).containsExactly("dataSource");
        assertThat(context.containsBean("replicaDataSource")).isFalse();
        assertThat(context.containsBean("readFromReplicaAdvisor")).isFalse();
    }
}
