package org.bankcrm.web.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * The SQL Hibernate sends, kept for a test that asks what was sent (not how long it took): set it as the context's
 * {@code hibernate.session_factory.statement_inspector}. It changes no statement.
 */
public class SqlRecorder implements StatementInspector {

    private static final List<String> SENT = new CopyOnWriteArrayList<>();

    @Override
    public String inspect(String sql) {
        SENT.add(sql);
        return sql;
    }

    /** Forgets what was sent so far. */
    public static void clear() {
        SENT.clear();
    }

    /** What was sent since the last {@link #clear()}, in order. */
    public static List<String> sent() {
        return List.copyOf(SENT);
    }
}
