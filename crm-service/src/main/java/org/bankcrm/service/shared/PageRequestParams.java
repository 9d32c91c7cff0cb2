package org.bankcrm.service.shared;

import org.bankcrm.domain.shared.InvalidInputException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * Paging as the contract has it: {@code page} from 0, {@code size} 1 to 500, and the first row of the page within
 * what a query can skip (an offset beyond {@link Integer#MAX_VALUE} rows is no page of anything: a 400 on
 * {@code page}, not an overflow in the query).
 */
public final class PageRequestParams {

    private PageRequestParams() {
    }

    public static PageRequest of(Integer page, Integer size, int defaultSize, Sort sort) {
        int p = page == null ? 0 : page;
        int s = size == null ? defaultSize : size;
        if (p < 0) {
            throw new InvalidInputException("page", "validation.page.range");
        }
        if (s < 1 || s > Paged.MAX_SIZE) {
            throw new InvalidInputException("size", "validation.size.range", Paged.MAX_SIZE);
        }
        if ((long) p * s > Integer.MAX_VALUE) {
            throw new InvalidInputException("page", "validation.page.tooFar", Integer.MAX_VALUE / s);
        }
        return PageRequest.of(p, s, sort);
    }
}
