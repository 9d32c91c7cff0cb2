package org.bankcrm.service.org;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crm.bootstrap.*}: the first administrator, created at the first start outside the demo profile when no
 * user exists yet ({@link FirstAdmin}).
 *
 * @param adminUsername its username ({@code CRM_BOOTSTRAP_ADMIN_USERNAME})
 * @param adminPassword its password ({@code CRM_BOOTSTRAP_ADMIN_PASSWORD}); empty: nobody is created and the log
 *                      says how to set it. The password policy is checked when the user is created.
 */
@Validated
@ConfigurationProperties("crm.bootstrap")
public record BootstrapProperties(
        @DefaultValue("admin") @Pattern(regexp = "[A-Za-z0-9_.-]{2,50}",
                message = "2 to 50 letters, digits, '_', '.' or '-'") String adminUsername,
        @DefaultValue("") String adminPassword) {
}
