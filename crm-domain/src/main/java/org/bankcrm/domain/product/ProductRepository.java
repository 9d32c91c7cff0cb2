package org.bankcrm.domain.product;

import java.util.List;
import java.util.Set;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface ProductRepository extends JpaRepository<Product, String> {

    List<Product> findAllByOrderBySortOrder();

    /** The codes of the products on sale now. */
    @Query("select p.code from Product p where p.enabled = true")
    Set<String> findCodesOnSale();
}
