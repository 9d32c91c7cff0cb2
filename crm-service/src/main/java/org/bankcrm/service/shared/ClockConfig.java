package org.bankcrm.service.shared;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bank's clock: Asia/Shanghai, one bean so tests can move time. */
@Configuration(proxyBeanMethods = false)
public class ClockConfig {

    public static final ZoneId BANK_ZONE = ZoneId.of("Asia/Shanghai");

    @Bean
    Clock clock() {
        return Clock.system(BANK_ZONE);
    }
}
