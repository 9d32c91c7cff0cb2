package org.bankcrm.domain.customer;

/**
 * Customer tiers (客户层级). Retail tiers follow AUM, corporate tiers annual contribution; the
 * thresholds are the admin's ({@link TierPolicy}).
 */
public enum Tier {
    MASS(CustomerType.RETAIL),
    GOLD(CustomerType.RETAIL),
    PLATINUM(CustomerType.RETAIL),
    DIAMOND(CustomerType.RETAIL),
    PRIVATE(CustomerType.RETAIL),
    LONG_TAIL(CustomerType.CORPORATE),
    GENERAL(CustomerType.CORPORATE),
    KEY(CustomerType.CORPORATE),
    STRATEGIC(CustomerType.CORPORATE);

    private final CustomerType type;

    Tier(CustomerType type) {
        this.type = type;
    }

    public CustomerType type() {
        return type;
    }
}
