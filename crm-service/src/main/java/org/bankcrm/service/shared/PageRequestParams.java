package org.bankcrm.service.shared;

import org.bankcrm.domain.shared.InvalidInputException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** Paging as the contract has it: {@code page} from 0, {@code size} 1 to 500. */
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
        return PageRequest.of(p, s, sort);
    }
}
