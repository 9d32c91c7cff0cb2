package org.bankcrm.web.config;

import java.time.Duration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Puts {@link QuietSessionRepository} in front of the JDBC session repository Spring Boot configures (D55), so that
 * the session filter, and whoever ends a user's sessions, use it; the repository itself (its cleanup of expired
 * sessions, its shutdown) stays as Boot made it. {@code crm.session.last-access-write-interval} (60 s unless set, a
 * thirtieth of the 30-minute idle timeout) is how far the stored last access time may fall behind.
 */
@Configuration(proxyBeanMethods = false)
class QuietSessionConfig {

    @Bean
    static BeanPostProcessor quietSessionRepository(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            @SuppressWarnings("unchecked")
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof JdbcIndexedSessionRepository jdbc) {
                    Duration interval = DurationStyle.detectAndParse(
                            environment.getProperty("crm.session.last-access-write-interval", "60s"));
                    return new QuietSessionRepository(
                            (FindByIndexNameSessionRepository<Session>) (FindByIndexNameSessionRepository<?>) jdbc,
                            interval);
                }
                return bean;
            }
        };
    }
}
