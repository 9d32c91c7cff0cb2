package org.bankcrm.domain.product;

/**
 * Product codes that rules name one by one. The codes are reference data of the contract (the {@code product}
 * table, migration V2) and never change meaning, so a rule may name them; a rule that means a whole family names
 * a {@link ProductCategory} instead.
 */
public final class ProductCodes {

    /**
     * The retail credit card. Corporate–retail linkage (公私联动) measures card cross-sell to a company's employees,
     * which is this one product: the CARD category as a whole is not meant.
     */
    public static final String CREDIT_CARD = "CARD_CREDIT";

    private ProductCodes() {
    }
}
