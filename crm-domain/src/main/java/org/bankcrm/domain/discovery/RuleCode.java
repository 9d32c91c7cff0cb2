package org.bankcrm.domain.discovery;

import java.util.Map;
import java.util.Optional;

/**
 * The discovery rules of the contract, in the order they run: for one customer and product the first rule that
 * matches makes the opportunity and later ones only add their evidence.
 */
public enum RuleCode {

    MATURITY("到期"),
    OUTFLOW("资金流失预警"),
    TIER_UPGRADE("客户升级"),
    PAYROLL_LINK("公私联动"),
    EMPLOYEE_CARD("公私联动"),
    CROSS_SELL_CARD("交叉销售"),
    CROSS_SELL_WEALTH("交叉销售"),
    DORMANT("睡眠客户激活");

    /** What kind of number a parameter is, which decides how it is validated. */
    public enum ParamKind {
        /** Whole days, 0 to 3650. */
        DAYS,
        /** A whole number of customers or products, 0 or more. */
        COUNT,
        /** Whole years of age, 0 to 150. */
        AGE,
        /** CNY, 0 or more, at most two decimals. */
        AMOUNT,
        /** A fraction in (0, 1], at most four decimals. */
        RATIO
    }

    private static final Map<String, ParamKind> KINDS = Map.ofEntries(
            Map.entry("window-days", ParamKind.DAYS),
            Map.entry("close-in-days", ParamKind.DAYS),
            Map.entry("inactive-days", ParamKind.DAYS),
            Map.entry("min-employees", ParamKind.COUNT),
            Map.entry("max-distinct-products", ParamKind.COUNT),
            Map.entry("min-age", ParamKind.AGE),
            Map.entry("max-age", ParamKind.AGE),
            Map.entry("min-average-aum", ParamKind.AMOUNT),
            Map.entry("min-aum", ParamKind.AMOUNT),
            Map.entry("amount", ParamKind.AMOUNT),
            Map.entry("amount-per-employee", ParamKind.AMOUNT),
            Map.entry("max-ratio", ParamKind.RATIO),
            Map.entry("near-ratio", ParamKind.RATIO),
            Map.entry("amount-ratio", ParamKind.RATIO));

    private final String titleZh;

    RuleCode(String titleZh) {
        this.titleZh = titleZh;
    }

    /** The Chinese words an opportunity's title starts with, e.g. 到期 in "到期: 定期存款". */
    public String titleZh() {
        return titleZh;
    }

    /** The rule's position in the run order, from 1. */
    public int order() {
        return ordinal() + 1;
    }

    public static Optional<RuleCode> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (RuleCode r : values()) {
            if (r.name().equals(code.strip())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The kind of a parameter by its name; unknown names are treated as amounts. */
    public static ParamKind kindOf(String paramName) {
        return KINDS.getOrDefault(paramName, ParamKind.AMOUNT);
    }
}
