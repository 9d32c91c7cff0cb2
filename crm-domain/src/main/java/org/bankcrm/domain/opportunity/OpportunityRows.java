package org.bankcrm.domain.opportunity;

import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;

/**
 * {@link OpportunityRow}s, the columns the API's list shows, and {@link OpportunityLine}s, the fewer a list page or
 * the board shows, selected by the same {@link Specification}s as the entities (scope and filters), without loading
 * an entity (D70, D78). Part of {@link OpportunityRepository}.
 */
public interface OpportunityRows {

    /**
     * A page of the rows {@code spec} selects, in {@code pageable}'s order; the total is counted only when the page
     * does not tell it (as {@code findAll(spec, pageable)} does).
     */
    Page<OpportunityRow> findRows(Specification<Opportunity> spec, Pageable pageable);

    /** The first {@code limit} rows {@code spec} selects in this order, without counting the rest (a board column). */
    List<OpportunityRow> findFirstRows(Specification<Opportunity> spec, Sort sort, int limit);

    /** A page of the {@link OpportunityLine}s {@code spec} selects, counted as {@link #findRows} counts (D78). */
    Page<OpportunityLine> findLines(Specification<Opportunity> spec, Pageable pageable);

    /** The first {@code limit} lines {@code spec} selects in this order, without counting the rest (D78). */
    List<OpportunityLine> findFirstLines(Specification<Opportunity> spec, Sort sort, int limit);
}
