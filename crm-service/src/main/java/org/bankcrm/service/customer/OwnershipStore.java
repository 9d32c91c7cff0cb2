package org.bankcrm.service.customer;

import java.util.Collection;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The row locks that keep two changes of hands from crossing, and the count of pending next actions that follow
 * what changes hands. Every lock is taken in the caller's transaction and held until it ends.
 */
@Component
@RequiredArgsConstructor
public class OwnershipStore {

    private final JdbcClient jdbc;

    /**
     * Locks the staff user's row: two handovers of the same RM's book run one after the other, and the second reads
     * the book the first left (empty). {@code FOR NO KEY UPDATE}, as every row lock here: it still lets other
     * transactions insert rows that reference the user (an alert raised by the evaluation, D52), which waits for
     * this handover in turn only through the advisory lock its trigger takes, never in a cycle.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockUser(long userId) {
        jdbc.sql("select id from staff_user where id = :id for no key update").param("id", userId).query(Long.class)
                .optional();
    }

    /** Locks these customers' rows, in id order (no deadlock between two lockers of overlapping lists). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockCustomers(Collection<String> customerNos) {
        jdbc.sql("select id from customer where customer_no = any(:nos) order by id for no key update")
                .param("nos", customerNos.toArray(String[]::new)).query(Long.class).list();
    }

    /**
     * The pending next actions (written, not done) that belong to these open opportunities, or to these customers
     * alone (follow-ups on no opportunity): those that change hands with them.
     */
    @Transactional(readOnly = true)
    public long pendingActions(Collection<Long> opportunityIds, Collection<Long> customerIds) {
        if (opportunityIds.isEmpty() && customerIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        select count(*) from follow_up f
                        where f.next_action is not null and not f.next_action_done
                          and (f.opportunity_id = any(:opps)
                               or f.opportunity_id is null and f.customer_id = any(:customers))""")
                .param("opps", opportunityIds.toArray(Long[]::new))
                .param("customers", customerIds.toArray(Long[]::new))
                .query(Long.class).single();
    }
}
