package org.bankcrm.service.dashboard;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code crm.dashboard.*}: what the dashboard's lists may cost.
 *
 * @param exportLimit the most lines one export (CSV or Excel) writes; a longer list is refused whole with a message
 *                    that asks to narrow the selection, never cut. At most 1,048,575: an Excel sheet's rows less
 *                    its header.
 * @param compactEvery how often the read model's rows written by finished transactions are folded into its settled
 *                    sums (D57, {@code rollup_compact()}): the rows a dashboard reads beyond the settled ones are
 *                    what the bank wrote in this time.
 */
@Validated
@ConfigurationProperties("crm.dashboard")
public record DashboardProperties(
        @DefaultValue("100000") @Min(1) @Max(1_048_575) int exportLimit,
        @DefaultValue("PT5S") Duration compactEvery) {
}
