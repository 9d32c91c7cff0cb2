package org.bankcrm.web.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crm.embedded-db.*}: the PostgreSQL the application starts itself when no {@code spring.datasource.url} is
 * set ({@link EmbeddedDatabaseConfig}); ignored otherwise.
 *
 * @param port    its port; 0 picks a free one
 * @param dataDir where it keeps its data between starts; empty: a new temporary directory each start
 */
@Validated
@ConfigurationProperties("crm.embedded-db")
record EmbeddedDatabaseProperties(
        @DefaultValue("0") @Min(0) @Max(65535) int port,
        @DefaultValue("") String dataDir) {
}
