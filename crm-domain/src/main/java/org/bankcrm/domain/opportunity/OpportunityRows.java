package org.bankcrm.domain.opportunity;

import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;

/**
 * {@link OpportunityRow}s, the columns of the API's list and the customer page's list, and {@link OpportunityBrief}s,
 * the fewer the opportunity list page and the board read, selected by the same {@link Specification}s as the entities
 * (scope and filters), without loading an entity (D70, D78). Part of {@link OpportunityRepository}.
 */
public interface OpportunityRows {

    /**
     * A page of the rows {@code spec} selects, in {@code pageable}'s order; the total is counted only when the page
     * does not tell it (as {@code findAll(spec, pageable)} does).
     */
    Page<OpportunityRow> findRows(Specification<Opportunity> spec, Pageable pageable);

    /** A page of the {@link OpportunityBrief}s {@code spec} selects, ordered and counted as {@link #findRows}. */
    Page<OpportunityBrief> findBriefs(Specification<Opportunity> spec, Pageable pageable);

    /** The first {@code limit} briefs {@code spec} selects in this order, not counting the rest (a board column). */
    List<OpportunityBrief> findFirstBriefs(Specification<Opportunity> spec, Sort sort, int limit);
}
