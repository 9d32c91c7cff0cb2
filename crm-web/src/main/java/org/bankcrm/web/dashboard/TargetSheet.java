package org.bankcrm.web.dashboard;

import java.io.IOException;
import java.util.List;
import org.bankcrm.service.target.TargetAttainmentQuery.Attainment;
import org.bankcrm.service.target.TargetAttainmentQuery.Coverage;

/**
 * The dashboard export's target section (D48): one row per target with the same figures as the page's target
 * section and {@code GET /api/v1/dashboard/targets}.
 */
final class TargetSheet {

    private TargetSheet() {
    }

    static void write(DashboardExport x, List<Attainment> attainment) throws IOException {
        if (attainment.isEmpty()) {
            return;
        }
        x.section(x.msg("dashboard.targets"), "dashboard.target.measure", "dashboard.target.who",
                "dashboard.target.period", "dashboard.target.category", "dashboard.target.amount",
                "dashboard.target.count", "dashboard.target.weeks", "dashboard.target.expected",
                "dashboard.target.actualAmount", "dashboard.target.actualCount", "dashboard.target.amountRate",
                "dashboard.target.countRate", "kpi.weighted", "dashboard.target.remaining",
                "dashboard.target.coverage");
        for (Attainment a : attainment) {
            Object coverage = a.coverageState() == null ? null
                    : a.coverageState() == Coverage.RATIO ? new DashboardExport.Multiple(a.coverage())
                    : x.msg("dashboard.target.coverage." + a.coverageState());
            x.row(x.msg("target.measure." + a.measure()),
                    a.rm() == null ? x.msg("dashboard.target.branch") + " " + a.branch()
                            : a.displayName() + " (" + a.rm() + ")",
                    x.date(a.periodStart()) + " " + x.msg("target.periodType." + a.periodType()),
                    a.category() == null ? x.msg("dashboard.target.allCategories")
                            : x.msg("category." + a.category()),
                    a.targetAmount(), a.targetCount(), a.weeks(), a.expectedCount(), a.actualAmount(),
                    a.actualCount(), new DashboardExport.Rate(a.amountRate()), new DashboardExport.Rate(a.countRate()),
                    a.weightedPipeline(), a.remaining(), coverage);
        }
    }
}
