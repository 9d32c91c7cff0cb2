package org.bankcrm.service.shared;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lets the statements of the current transaction keep one plan each (D89). PostgreSQL plans a prepared statement
 * again on every execution while it judges its generic plan dearer than the plans for the values at hand; for an
 * RM's list and board (the owner's index, whatever the values) the plans are the same, and planning them again cost
 * 0.4 ms a board column on the generated bank. Only for statements whose plan does not depend on their values: a
 * branch subtree's {@code path like} does (a generic plan cannot read the path index for an unknown pattern).
 */
@Component
@RequiredArgsConstructor
public class GenericPlans {

    private final JdbcClient jdbc;

    /** For the rest of the caller's transaction ({@code set local}); an error outside one. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void forThisTransaction() {
        jdbc.sql("set local plan_cache_mode = force_generic_plan").update();
    }
}
