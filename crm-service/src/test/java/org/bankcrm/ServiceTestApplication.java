package org.bankcrm;

import org.bankcrm.service.org.UserSessions;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The services and the domain without the web, for this module's tests. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ServiceTestApplication {

    /** Without the web layer there are no HTTP sessions to end. */
    @Bean
    UserSessions noSessions() {
        return username -> 0;
    }
}
