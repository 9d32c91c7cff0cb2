package org.bankcrm.service.customer;

import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.service.org.Scope;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.shared.Texts;
import org.springframework.data.jpa.domain.Specification;

/** Query parts for customers; {@link #visibleTo(Scope)} is part of every query a user triggers. */
final class CustomerSpecs {

    private CustomerSpecs() {
    }

    /** The user's scope over customers, by their owner and branch ({@link ScopeSql}). */
    static Specification<Customer> visibleTo(Scope scope) {
        return ScopeSql.visibleTo(scope, "owner", "branch");
    }

    static Specification<Customer> customerNo(String customerNo) {
        return (root, query, cb) -> cb.equal(root.get("customerNo"), customerNo);
    }

    /** {@code q} matches a prefix of the customer number or any part of the name. */
    static Specification<Customer> matching(String q, CustomerType type, Tier tier, String ownerUsername) {
        return (root, query, cb) -> {
            List<Predicate> all = new ArrayList<>();
            String text = Texts.clean(q);
            if (text != null) {
                String literal = Texts.likeLiteral(text);
                all.add(cb.or(cb.like(root.get("customerNo"), literal + "%", '\\'),
                        cb.like(root.get("name"), "%" + literal + "%", '\\')));
            }
            if (type != null) {
                all.add(cb.equal(root.get("type"), type));
            }
            if (tier != null) {
                all.add(cb.equal(root.get("tier"), tier));
            }
            if (Texts.clean(ownerUsername) != null) {
                all.add(cb.equal(root.get("owner").get("username"), ownerUsername.strip()));
            }
            return cb.and(all.toArray(Predicate[]::new));
        };
    }
}
