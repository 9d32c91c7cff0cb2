package org.bankcrm.web.dashboard;

import java.util.Locale;
import org.bankcrm.domain.opportunity.Source;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.referral.ReferralChannel;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.service.dashboard.DashboardListQueries;

/** The list parameters of a drill-down, read strictly: an unknown code is a 400 with the field, never a 500. */
final class ListParams {

    private ListParams() {
    }

    static DashboardListQueries.Measure measure(String measure) {
        if (measure == null || measure.isBlank()) {
            return DashboardListQueries.Measure.OPEN;
        }
        return parse(DashboardListQueries.Measure.class, "measure", measure);
    }

    static DashboardListQueries.Narrow narrow(String stage, String source, String category, String channel,
                                        String unassigned) {
        return narrow(stage, source, category, channel, unassigned, null);
    }

    /** As above, with a lost reason (the loss analysis's drill-downs): a reason code, or a 400. */
    static DashboardListQueries.Narrow narrow(String stage, String source, String category, String channel,
                                        String unassigned, String reason) {
        return new DashboardListQueries.Narrow(parse(Stage.class, "stage", stage),
                parse(Source.class, "source", source),
                parse(ProductCategory.class, "category", category), parse(ReferralChannel.class, "channel", channel),
                flag("unassigned", unassigned), reason(reason));
    }

    /** A lost reason's code as the settings define them (capitals, digits, underscores, up to 32), or a 400. */
    private static String reason(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip().toUpperCase(Locale.ROOT);
        if (!v.matches("[A-Z0-9_]{1,32}")) {
            throw new InvalidInputException("reason", "dashboard.list.unknownCode", value.strip());
        }
        return v;
    }

    /** {@code true} or nothing; anything else is a 400 like an unknown code. */
    private static boolean flag(String field, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        if (value.strip().equalsIgnoreCase("true")) {
            return true;
        }
        throw new InvalidInputException(field, "dashboard.list.unknownCode", value.strip());
    }

    static String key(DashboardListQueries.Narrow n) {
        return n.query().keySet().stream().findFirst().orElse(null);
    }

    static String value(DashboardListQueries.Narrow n) {
        return n.query().values().stream().findFirst().orElse(null);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "dashboard.list.unknownCode", value.strip());
        }
    }
}
