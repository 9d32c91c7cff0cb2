package org.bankcrm.service.imports;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The feeds importer's settings ({@code crm.imports.*}).
 *
 * @param progressInterval how often, at most, a run's progress (rows read, rejected rows) is written while reading
 * @param progressRows     ... and at least every this many rows
 * @param rescoreBatch     open opportunities re-scored per transaction after an import
 * @param rawLineBatch     rejected lines whose text is written back per statement batch
 */
@ConfigurationProperties("crm.imports")
public record ImportProperties(
        @DefaultValue("PT0.5S") Duration progressInterval,
        @DefaultValue("5000") int progressRows,
        @DefaultValue("1000") int rescoreBatch,
        @DefaultValue("1000") int rawLineBatch) {
}
