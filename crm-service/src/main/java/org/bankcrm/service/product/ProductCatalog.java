package org.bankcrm.service.product;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.product.Product;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.product.ProductRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The product catalogue as pickers and pages need it. */
@Service
@RequiredArgsConstructor
public class ProductCatalog {

    /** A product with its name in the asker's language. */
    public record ProductView(String code, ProductCategory category, String name, BigDecimal revenueRate,
                              boolean enabled) {
    }

    private final ProductRepository products;

    @Transactional(readOnly = true)
    public List<ProductView> enabled(Locale locale) {
        return products.findByEnabledTrueOrderBySortOrder().stream().map(p -> view(p, locale)).toList();
    }

    @Transactional(readOnly = true)
    public List<ProductView> all(Locale locale) {
        return products.findAllByOrderBySortOrder().stream().map(p -> view(p, locale)).toList();
    }

    private static ProductView view(Product p, Locale locale) {
        return new ProductView(p.getCode(), p.getCategory(), p.name(locale), p.getRevenueRate(), p.isEnabled());
    }
}
