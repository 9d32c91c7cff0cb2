package org.bankcrm.web.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * The SQL Hibernate sends on one thread between {@link #start()} and {@link #stop()}, for a test that asks what was
 * sent (not how long it took): set it as the context's {@code hibernate.session_factory.statement_inspector}. It
 * changes no statement, and keeps nothing of other threads or outside a recording.
 */
public class SqlRecorder implements StatementInspector {

    private static final List<String> SENT = new CopyOnWriteArrayList<>();
    private static volatile Thread recording;

    @Override
    public String inspect(String sql) {
        if (Thread.currentThread() == recording) {
            SENT.add(sql);
        }
        return sql;
    }

    /** Starts recording what the calling thread sends, forgetting an earlier recording. */
    public static void start() {
        SENT.clear();
        recording = Thread.currentThread();
    }

    /** Stops recording and returns what was sent, in order. */
    public static List<String> stop() {
        recording = null;
        return List.copyOf(SENT);
    }
}
