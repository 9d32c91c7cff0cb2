package org.bankcrm.service.dashboard;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The dashboards' read model (D54) as a whole: what is done to it outside the triggers that keep it. */
@Component
@RequiredArgsConstructor
public class ReadModelStore {

    private final JdbcClient jdbc;

    /**
     * Folds the rows of finished transactions into the settled sums ({@code rollup_compact()}, D57); the figures are
     * the same before and after. Returns the rows folded.
     */
    public long compact() {
        return jdbc.sql("select rollup_compact()").query(Long.class).single();
    }
}
