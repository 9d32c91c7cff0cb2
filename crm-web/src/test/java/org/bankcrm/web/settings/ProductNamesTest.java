package org.bankcrm.web.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.bankcrm.service.product.ProductCatalog;
import org.bankcrm.service.product.ProductCatalog.ProductView;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

/**
 * A product's name is written twice: in the {@code product} table (the pickers and filters read it) and as the
 * message {@code product.<code>} (lines, pages, exports and dashboards read that). Both languages of every product
 * must say the same in both places, so that a product is called one thing wherever it is shown.
 */
@CrmWebTest
class ProductNamesTest {

    @Autowired
    ProductCatalog catalogue;

    @Autowired
    MessageSource messages;

    @Test
    void everyProductHasTheSameNameInTheCatalogueAndTheMessagesInBothLanguages() {
        for (Locale locale : new Locale[] {Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH}) {
            assertThat(catalogue.all(locale)).hasSizeGreaterThanOrEqualTo(14).allSatisfy((ProductView p) ->
                    assertThat(messages.getMessage("product." + p.code(), null, locale)).as(p.code() + " " + locale)
                            .isEqualTo(p.name()));
        }
    }
}
