package org.bankcrm.web.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bankcrm.service.opportunity.OpportunityLifecycle.Changes;
import org.bankcrm.service.opportunity.OpportunityLifecycle;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.DemoRows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two users save the same opportunity at the same moment, each with the version they read: exactly one wins and
 * the other is told of the conflict, 1,000 times over; no update is lost (the final amount is always the winner's,
 * and the version rose by exactly one per round).
 */
@CrmWebTest
class ConcurrentEditTest {

    private static final int ROUNDS = Integer.getInteger("race.rounds", 1000);

    @Autowired
    OpportunityLifecycle lifecycle;

    @Autowired
    JdbcTemplate jdbc;

    private CurrentUser user(String username) {
        return DemoRows.currentUser(jdbc, username);
    }

    @Test
    void ofTwoSimultaneousSavesExactlyOneWinsAndNoUpdateIsLost() throws Exception {
        CurrentUser rm = user("rm1");
        CurrentUser head = user("head1");
        long id = jdbc.queryForObject("""
                select o.id from opportunity o join staff_user u on u.id = o.owner_id
                where u.username = 'rm1' and o.status = 'OPEN' order by o.id limit 1""", Long.class);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int conflicts = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                int version = jdbc.queryForObject("select version from opportunity where id = ?", Integer.class, id);
                BigDecimal mine = BigDecimal.valueOf(100_000 + round * 2L);
                BigDecimal theirs = BigDecimal.valueOf(100_001 + round * 2L);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<BigDecimal>> saves = new ArrayList<>();
                saves.add(pool.submit(save(start, rm, id, version, mine)));
                saves.add(pool.submit(save(start, head, id, version, theirs)));
                List<BigDecimal> winners = new ArrayList<>();
                for (Future<BigDecimal> f : saves) {
                    BigDecimal won = f.get();
                    if (won != null) {
                        winners.add(won);
                    } else {
                        conflicts++;
                    }
                }
                assertThat(winners).as("round %d", round).hasSize(1);
                assertThat(jdbc.queryForObject("select amount from opportunity where id = ?", BigDecimal.class, id))
                        .as("round %d", round).isEqualByComparingTo(winners.getFirst());
                assertThat(jdbc.queryForObject("select version from opportunity where id = ?", Integer.class, id))
                        .as("round %d", round).isEqualTo(version + 1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(conflicts).isEqualTo(ROUNDS);
        System.out.printf("RACE rounds=%d winners=%d conflicts=%d lost updates=0%n", ROUNDS, ROUNDS, conflicts);
    }

    /** One save; answers the amount it wrote, or null when it was refused as stale. */
    private Callable<BigDecimal> save(CyclicBarrier start, CurrentUser who, long id, int version, BigDecimal amount) {
        return () -> {
            start.await();
            try {
                lifecycle.edit(who, id, new Changes(version, null, amount, null, null, null, null));
                return amount;
            } catch (org.bankcrm.domain.shared.ConflictException | OptimisticLockingFailureException
                     | jakarta.persistence.OptimisticLockException e) {
                return null;
            }
        };
    }
}
