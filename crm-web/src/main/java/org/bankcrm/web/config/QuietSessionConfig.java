package org.bankcrm.web.config;

import jakarta.servlet.DispatcherType;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.JdbcHttpSessionConfiguration;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Puts {@link QuietSessionRepository} in front of the JDBC session repository Spring Boot configures (D55), so that
 * the session filter, and whoever ends a user's sessions, use it; the repository itself (its cleanup of expired
 * sessions, its shutdown) stays as Boot made it. {@code crm.session.last-access-write-interval} (60 s unless set, a
 * thirtieth of the 30-minute idle timeout) is how far the stored last access time may fall behind. The repository
 * keeps what a request saved for the rest of that request ({@link SavedSessionMemo}, D69), whose filter runs just
 * outside Spring Session's, for the same kinds of dispatch. The repository's statements run in the transactions of
 * {@link SessionTransactions} (D79): none for a read of one session.
 */
@Configuration(proxyBeanMethods = false)
class QuietSessionConfig {

    @Bean
    static SavedSessionMemo savedSessionMemo() {
        return new SavedSessionMemo();
    }

    @Bean
    static BeanPostProcessor quietSessionRepository(Environment environment, ObjectProvider<SavedSessionMemo> memo,
                                                    ObjectProvider<PlatformTransactionManager> transactionManagers) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof JdbcHttpSessionConfiguration configuration) {
                    configuration.setTransactionOperations(new SessionTransactions(transactionManagers));
                }
                return bean;
            }

            @Override
            @SuppressWarnings("unchecked")
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof JdbcIndexedSessionRepository jdbc) {
                    Duration interval = DurationStyle.detectAndParse(
                            environment.getProperty("crm.session.last-access-write-interval", "60s"));
                    return new QuietSessionRepository(
                            (FindByIndexNameSessionRepository<Session>) (FindByIndexNameSessionRepository<?>) jdbc,
                            interval, memo.getObject());
                }
                return bean;
            }
        };
    }

    /** Just outside Spring Session's filter, wherever {@code spring.session.servlet.filter-order} puts that. */
    @Bean
    FilterRegistrationBean<SavedSessionMemo> savedSessionMemoFilter(SavedSessionMemo memo, Environment environment) {
        FilterRegistrationBean<SavedSessionMemo> registration = new FilterRegistrationBean<>(memo);
        registration.setOrder(environment.getProperty("spring.session.servlet.filter-order", Integer.class,
                SessionRepositoryFilter.DEFAULT_ORDER) - 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return registration;
    }
}
