package org.bankcrm.domain.product;

/** Product families, used for targets and dashboards by category. */
public enum ProductCategory {
    DEPOSIT, WEALTH, CARD, LOAN, SETTLEMENT, CHANNEL, FX
}
