package org.bankcrm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The application: pages and JSON API ({@code org.bankcrm.web}) over the services
 * ({@code org.bankcrm.service}) over the domain ({@code org.bankcrm.domain}). Living in the root package,
 * it scans all three. Each feature's settings are one {@code @ConfigurationProperties} record beside its code
 * ({@code crm.<feature>.*}), validated at start, found by the scan below.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CrmApplication {

    public static void main(String[] args) {
        SpringApplication.run(CrmApplication.class, args);
    }
}
