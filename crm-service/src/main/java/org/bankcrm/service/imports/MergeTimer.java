package org.bankcrm.service.imports;

import java.util.function.LongSupplier;
import lombok.extern.slf4j.Slf4j;

/** Times the statements of a merge at DEBUG level, to see where a big import spends its time. */
@Slf4j
final class MergeTimer {

    private MergeTimer() {
    }

    static long timed(String what, LongSupplier statement) {
        long t0 = System.nanoTime();
        long result = statement.getAsLong();
        log.debug("{}: {} rows in {} ms", what, result, (System.nanoTime() - t0) / 1_000_000);
        return result;
    }
}
