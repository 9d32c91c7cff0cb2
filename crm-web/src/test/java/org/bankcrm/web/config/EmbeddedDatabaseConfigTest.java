package org.bankcrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Without {@code spring.datasource.url} the application starts its own PostgreSQL: the pool takes the
 * {@code spring.datasource.hikari.*} settings, {@code crm.embedded-db.*} is bound and checked, and a read replica
 * without a primary is refused. Only the configuration class, no application.
 */
class EmbeddedDatabaseConfigTest {

    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("org.bankcrm.web.config")
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, EmbeddedDatabaseConfig.class);

    @Test
    void startsPostgreSqlWithThePoolSettings() {
        runner.withPropertyValues("spring.datasource.hikari.maximum-pool-size=3",
                "spring.datasource.hikari.connection-timeout=4000").run(context -> {
                    assertThat(context).hasNotFailed();
                    HikariDataSource ds = context.getBean(HikariDataSource.class);
                    assertThat(ds.getPoolName()).isEqualTo("crm-embedded");
                    assertThat(ds.getMaximumPoolSize()).isEqualTo(3);
                    assertThat(ds.getConnectionTimeout()).isEqualTo(4000);
                    assertThat(new JdbcTemplate(ds).queryForObject("show server_version", String.class)).isNotBlank();
                });
    }

    @Test
    void refusesAReplicaWithoutAPrimaryAndAPortOutOfRange() {
        runner.withPropertyValues("crm.read-replica.url=jdbc:postgresql://127.0.0.1:1/x").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("crm.read-replica.url is set");
        });
        runner.withPropertyValues("crm.embedded-db.port=70000").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("port");
        });
    }
}
