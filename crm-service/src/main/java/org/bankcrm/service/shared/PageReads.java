package org.bankcrm.service.shared;

import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs what one page reads in one read-only transaction: on the primary ({@link #of}, D67), or, for a list, on the
 * read replica when it may ({@link #fromReplica}, D71). Each service call it makes joins that transaction instead of
 * opening its own (one connection, one {@code BEGIN}/{@code COMMIT} for the page), and a record found once for the
 * caller is not looked up again ({@code OpportunityService.find}). Only for reads: a write inside it fails, as in any
 * read-only transaction. An exception from a service call marks the shared transaction for rollback, so let it leave
 * the callback: caught inside, the page would end in Spring's {@code UnexpectedRollbackException} at the commit.
 */
@Service
public class PageReads {

    @Transactional(readOnly = true)
    public <T> T of(Supplier<T> reads) {
        return reads.get();
    }

    /**
     * The same for a page whose reads may all be a few seconds old, a list's ({@link ReadFromReplica}, D19): the
     * replica when one is configured and the user has not just written, else the primary; one transaction either way.
     * Every read in the callback goes with it, marked or not: nothing that must read the primary belongs in it.
     */
    @ReadFromReplica
    @Transactional(readOnly = true)
    public <T> T fromReplica(Supplier<T> reads) {
        return reads.get();
    }
}
