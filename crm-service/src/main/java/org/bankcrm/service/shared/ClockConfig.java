package org.bankcrm.service.shared;

import java.time.Clock;
import java.time.ZoneId;
import org.bankcrm.domain.shared.Period;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bank's clock in the bank's zone ({@link Period#BANK_ZONE}), one bean so tests can move time. */
@Configuration(proxyBeanMethods = false)
public class ClockConfig {

    public static final ZoneId BANK_ZONE = Period.BANK_ZONE;

    @Bean
    Clock clock() {
        return Clock.system(BANK_ZONE);
    }
}
