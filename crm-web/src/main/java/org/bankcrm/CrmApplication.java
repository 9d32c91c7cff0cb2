package org.bankcrm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application: pages and JSON API ({@code org.bankcrm.web}) over the services
 * ({@code org.bankcrm.service}) over the domain ({@code org.bankcrm.domain}). Living in the root package,
 * it scans all three.
 */
@SpringBootApplication
public class CrmApplication {

    public static void main(String[] args) {
        SpringApplication.run(CrmApplication.class, args);
    }
}
