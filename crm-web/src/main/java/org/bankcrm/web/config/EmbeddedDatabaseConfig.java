package org.bankcrm.web.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import lombok.extern.slf4j.Slf4j;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * When no {@code spring.datasource.url} is configured, the application starts its own PostgreSQL
 * (zonky's embedded binaries for Linux x86-64, unpacked into the temp directory) so that the first run
 * needs nothing installed but a JDK. A configured URL always wins; production configures one.
 */
@Slf4j
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfig.NoDatasourceUrl.class)
public class EmbeddedDatabaseConfig {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties embedded, ReadReplicaProperties replica)
            throws IOException {
        if (replica.configured()) {
            throw new IllegalStateException("crm.read-replica.url is set but spring.datasource.url is not: a read "
                    + "replica needs the primary it replicates, not the embedded database");
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (embedded.port() > 0) {
            builder.setPort(embedded.port());
        }
        if (!embedded.dataDir().isBlank()) {
            builder.setDataDirectory(Path.of(embedded.dataDir())).setCleanDataDirectory(false);
        }
        EmbeddedPostgres pg = builder.start();
        log.info("No spring.datasource.url configured: started an embedded PostgreSQL on port {}.", pg.getPort());
        return pg;
    }

    /**
     * The pool, with {@code spring.datasource.hikari.*} bound onto it: here rather than by
     * {@code @ConfigurationProperties} on the method, which {@code ReadReplicaConfig} declares for that prefix
     * already (the configuration processor refuses a prefix declared twice).
     */
    @Bean
    HikariDataSource dataSource(EmbeddedPostgres pg, Environment environment) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        ds.setUsername("postgres");
        ds.setPoolName("crm-embedded");
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(ds));
        return ds;
    }

    /** Matches when the environment names no datasource URL. */
    static class NoDatasourceUrl implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}
