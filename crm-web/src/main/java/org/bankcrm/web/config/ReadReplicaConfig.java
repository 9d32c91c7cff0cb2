package org.bankcrm.web.config;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.aopalliance.aop.Advice;
import org.bankcrm.service.shared.ReadFromReplica;
import org.bankcrm.service.shared.ReplicaReads;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The optional read replica (docs/architecture.md, D19), active only when both {@code spring.datasource.url} and
 * {@code crm.read-replica.url} are set. The application's {@code dataSource} then becomes a lazy proxy over
 * {@link ReplicaRoutingDataSource}: JPA, {@code JdbcClient}, Spring Session, the jobs and the login throttle all
 * use it, and it gives them the primary unless a {@link ReadFromReplica} method began a read-only transaction.
 * Flyway migrates the primary's own pool. The two pools are not candidates for plain injection, so nothing takes
 * one of them by accident.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ReadReplicaConfig.ReplicaConfigured.class)
class ReadReplicaConfig implements WebMvcConfigurer {

    private final ReadReplicaProperties replica;

    ReadReplicaConfig(ReadReplicaProperties replica) {
        this.replica = replica;
    }

    /**
     * Settings of every database session the application opens (D58): no JIT compilation. PostgreSQL compiles a
     * statement whose estimated cost passes {@code jit_above_cost}, and the estimates of the dashboards' lateral
     * queries pass it by far: the whole-bank target attainment spent 1.3 s compiling and 0.03 s running. The
     * primary's sessions take the same from {@code spring.datasource.hikari.connection-init-sql}.
     */
    static final String SESSION_SETTINGS = "set jit = off";

    /** The primary's pool, built as Spring Boot builds it from {@code spring.datasource.*}. */
    @Bean(defaultCandidate = false)
    @FlywayDataSource
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource primaryDataSource(DataSourceProperties properties) {
        HikariDataSource ds = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        ds.setPoolName("crm-primary");
        return ds;
    }

    /**
     * The replica's pool: read-only connections, a short wait for one (then the read falls back), and it may be
     * unreachable at start-up without stopping the application.
     */
    @Bean(defaultCandidate = false)
    HikariDataSource replicaDataSource() {
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName("crm-replica");
        ds.setJdbcUrl(replica.url().strip());
        ds.setUsername(replica.username());
        ds.setPassword(replica.password());
        ds.setReadOnly(true);
        ds.setMaximumPoolSize(replica.poolSize());
        long wait = Math.max(250, replica.connectionTimeout().toMillis());
        ds.setConnectionTimeout(wait);
        ds.setValidationTimeout(Math.max(250, wait / 2));
        ds.setInitializationFailTimeout(-1);
        ds.setKeepaliveTime(60_000);
        ds.setMaxLifetime(1_800_000);
        ds.addDataSourceProperty("connectTimeout", Math.max(1, wait / 1000));
        ds.addDataSourceProperty("loginTimeout", Math.max(1, wait / 1000));
        ds.addDataSourceProperty("socketTimeout", 600);
        ds.addDataSourceProperty("tcpKeepAlive", true);
        ds.setConnectionInitSql(SESSION_SETTINGS);
        return ds;
    }

    /** What everything else injects. */
    @Bean
    DataSource dataSource(@Qualifier("primaryDataSource") HikariDataSource primary,
                          @Qualifier("replicaDataSource") HikariDataSource replicaPool) {
        return ReplicaRoutingDataSource.behindLazyProxy(primary, replicaPool, replica.retryAfter());
    }

    /** Marks calls of {@link ReadFromReplica} methods; it must run outside (before) the transaction interceptor. */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor readFromReplicaAdvisor() {
        Advice advice = new ReplicaReads.Interceptor();
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(
                AnnotationMatchingPointcut.forMethodAnnotation(ReadFromReplica.class), advice);
        advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return advisor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PrimaryAfterWrite(replica.primaryAfterWrite()));
    }

    /** Both the primary's and the replica's URL are set. */
    static class ReplicaConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment env = context.getEnvironment();
            return hasText(env.getProperty("crm.read-replica.url")) && hasText(env.getProperty("spring.datasource.url"));
        }

        private static boolean hasText(String s) {
            return s != null && !s.isBlank();
        }
    }
}
