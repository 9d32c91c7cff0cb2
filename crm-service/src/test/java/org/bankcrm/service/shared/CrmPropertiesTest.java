package org.bankcrm.service.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.bankcrm.service.dashboard.DashboardProperties;
import org.bankcrm.service.org.BootstrapProperties;
import org.bankcrm.service.security.SecuritySettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code crm.*} settings records: their defaults, and a value out of bounds stops the start with a message that
 * names the property. No database, no application: only the binding.
 */
class CrmPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({SecuritySettings.class, DashboardProperties.class, BootstrapProperties.class})
    static class Records {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Records.class);

    @Test
    void defaults() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            SecuritySettings security = context.getBean(SecuritySettings.class);
            assertThat(security.maxAccountFailures()).isEqualTo(5);
            assertThat(security.maxAddressFailures()).isEqualTo(50);
            assertThat(security.failureWindow()).isEqualTo(Duration.ofMinutes(15));
            assertThat(security.lockout()).isEqualTo(Duration.ofMinutes(15));
            assertThat(security.absoluteSessionTimeout()).isEqualTo(Duration.ofHours(12));
            assertThat(security.auditRetention()).isEqualTo(Duration.ofDays(183));
            assertThat(context.getBean(DashboardProperties.class).exportLimit()).isEqualTo(100_000);
            assertThat(context.getBean(BootstrapProperties.class).adminUsername()).isEqualTo("admin");
            assertThat(context.getBean(BootstrapProperties.class).adminPassword()).isEmpty();
        });
    }

    @Test
    void durationsAndNumbersBindFromTheUsualForms() {
        runner.withPropertyValues("crm.security.lockout=PT30M", "crm.security.failure-window=1h",
                "crm.dashboard.export-limit=2").run(context -> {
                    assertThat(context.getBean(SecuritySettings.class).lockout()).isEqualTo(Duration.ofMinutes(30));
                    assertThat(context.getBean(SecuritySettings.class).failureWindow()).isEqualTo(Duration.ofHours(1));
                    assertThat(context.getBean(DashboardProperties.class).exportLimit()).isEqualTo(2);
                });
    }

    @Test
    void aValueOutOfBoundsStopsTheStartAndNamesTheProperty() {
        assertRefused("crm.security.audit-retention=30d", "auditRetention");
        assertRefused("crm.security.max-account-failures=0", "maxAccountFailures");
        assertRefused("crm.security.lockout=0s", "lockout");
        assertRefused("crm.dashboard.export-limit=0", "exportLimit");
        assertRefused("crm.dashboard.export-limit=2000000", "exportLimit");
        assertRefused("crm.bootstrap.admin-username=a b", "adminUsername");
    }

    private void assertRefused(String property, String field) {
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).as(property).hasFailed();
            assertThat(context.getStartupFailure()).as(property).rootCause().hasMessageContaining(field);
        });
    }
}
