package org.bankcrm.service.shared;

import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs what one page reads in one read-only transaction on the primary (D67). Each service call it makes joins that
 * transaction instead of opening its own (one connection, one {@code BEGIN}/{@code COMMIT} for the page), and a
 * record found once for the caller is not looked up again ({@code OpportunityService.find}). Only for reads: a write
 * inside it fails, as in any read-only transaction.
 */
@Service
public class PageReads {

    @Transactional(readOnly = true)
    public <T> T of(Supplier<T> reads) {
        return reads.get();
    }
}
