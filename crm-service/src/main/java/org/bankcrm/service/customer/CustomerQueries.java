package org.bankcrm.service.customer;

import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.product.ProductCodes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The customer read models JPA does not express: the open opportunities to re-score, the linkage counts. */
@Component
@RequiredArgsConstructor
class CustomerQueries {

    /** A corporate customer's employees: all of them, those with a credit card, those with an open opportunity. */
    record LinkageCounts(long employees, long withCreditCard, long withOpenOpportunity) {
    }

    private final JdbcClient jdbc;

    /** The customer's open opportunities, whose scores include the customer's tier. */
    List<Long> openOpportunityIds(long customerId) {
        return jdbc.sql("select id from opportunity where customer_id = :c and status = 'OPEN'")
                .param("c", customerId).query(Long.class).list();
    }

    /** The linkage counts over every retail customer naming {@code employerNo} as employer, whatever the scope. */
    LinkageCounts linkage(String employerNo) {
        return jdbc.sql("""
                        select count(*) as employees,
                               count(*) filter (where exists (select 1 from holding h where h.customer_id = e.id
                                   and h.product_code = :creditCard)) as with_card,
                               count(*) filter (where exists (select 1 from opportunity o where o.customer_id = e.id
                                   and o.status = 'OPEN')) as with_open
                        from customer e where e.employer_no = :no""")
                .param("no", employerNo).param("creditCard", ProductCodes.CREDIT_CARD)
                .query((rs, i) -> new LinkageCounts(rs.getLong("employees"), rs.getLong("with_card"),
                        rs.getLong("with_open")))
                .single();
    }
}
