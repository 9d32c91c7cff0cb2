package org.bankcrm.service.opportunity;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.bankcrm.domain.opportunity.Opportunity;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The opportunities a read-only transaction has already found for a user, so that a page that asks for the same one
 * from several services reads and checks it once (D67). The entry lives as long as the transaction (bound to it as a
 * resource, set aside while an inner transaction of its own runs); outside a read-only transaction every look-up runs
 * its query, so a write always sees, and is checked against, the row as it is.
 */
final class FoundOpportunities {

    private record Key(long userId, long opportunityId) {
    }

    private FoundOpportunities() {
    }

    /** The opportunity {@code find} loaded earlier in this read-only transaction for this user, else {@code find}. */
    static Opportunity of(long userId, long opportunityId, Supplier<Opportunity> find) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            return find.get();
        }
        Map<Key, Opportunity> found = current();
        Key key = new Key(userId, opportunityId);
        Opportunity o = found.get(key);
        if (o == null) {
            o = find.get();
            found.put(key, o);
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    private static Map<Key, Opportunity> current() {
        Object bound = TransactionSynchronizationManager.getResource(FoundOpportunities.class);
        if (bound != null) {
            return (Map<Key, Opportunity>) bound;
        }
        Map<Key, Opportunity> found = new HashMap<>();
        TransactionSynchronizationManager.bindResource(FoundOpportunities.class, found);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResource(FoundOpportunities.class);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(FoundOpportunities.class, found);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(FoundOpportunities.class);
            }
        });
        return found;
    }
}
