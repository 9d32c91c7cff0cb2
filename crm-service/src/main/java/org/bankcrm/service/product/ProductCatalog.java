package org.bankcrm.service.product;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.product.Product;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.product.ProductRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The product catalogue as pickers and pages need it: codes and names. The catalogue's codes, categories, names and
 * order are set by the migrations and changed by nothing at run time (an admin changes a product's rate and whether it
 * is on sale), so they are read once and kept (D95); whether a product is on sale is read when asked.
 */
@Service
@RequiredArgsConstructor
public class ProductCatalog {

    /** A product with its name in the asker's language. */
    public record ProductView(String code, ProductCategory category, String name) {
    }

    /** A product as the migrations made it: what never changes while the application runs. */
    private record Entry(String code, ProductCategory category, String nameZh, String nameEn) {

        ProductView view(Locale locale) {
            return new ProductView(code, category, Product.name(locale, nameZh, nameEn));
        }
    }

    private final ProductRepository products;

    /** The catalogue in its order, read on first use; two first uses at once read the same rows. */
    private volatile List<Entry> catalogue;

    /** The products on sale now, in the catalogue's order. */
    @Transactional(readOnly = true)
    public List<ProductView> enabled(Locale locale) {
        Set<String> onSale = products.findCodesOnSale();
        return catalogue().stream().filter(e -> onSale.contains(e.code())).map(e -> e.view(locale)).toList();
    }

    /** Every product, on sale or not (a filter finds old opportunities of a product no longer sold). */
    public List<ProductView> all(Locale locale) {
        return catalogue().stream().map(e -> e.view(locale)).toList();
    }

    private List<Entry> catalogue() {
        List<Entry> read = catalogue;
        if (read == null) {
            read = products.findAllByOrderBySortOrder().stream()
                    .map(p -> new Entry(p.getCode(), p.getCategory(), p.getNameZh(), p.getNameEn())).toList();
            catalogue = read;
        }
        return read;
    }
}
