package org.bankcrm.service.shared;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How PostgreSQL plans the prepared statements of the caller's transaction ({@code set local plan_cache_mode}, which
 * ends with the transaction: the pooled connection serves the next request with the server's default, under which a
 * statement keeps a generic plan only while it looks no dearer than the plans made for the values at hand).
 */
@Component
@RequiredArgsConstructor
public class QueryPlans {

    private final JdbcClient jdbc;

    /**
     * One plan a statement, made once (D89): for statements whose plan does not depend on their values, such as an
     * RM's list and board (the owner's index, whatever the values), which PostgreSQL otherwise planned again on every
     * execution. Not for a branch subtree's {@code path like}: a generic plan cannot read the path index for an
     * unknown pattern.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void genericForThisTransaction() {
        set("force_generic_plan");
    }

    /**
     * A plan for each execution's values (D60): for reports over skewed values (today, one owner, one subtree), where
     * a generic plan made for average values goes badly wrong.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void customForThisTransaction() {
        set("force_custom_plan");
    }

    private void set(String mode) {
        jdbc.sql("set local plan_cache_mode = " + mode).update();
    }
}
