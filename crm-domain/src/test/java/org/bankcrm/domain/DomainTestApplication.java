package org.bankcrm.domain;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The smallest Boot application that brings up JPA and Flyway over the domain, for this module's tests. */
@SpringBootApplication
public class DomainTestApplication {
}
