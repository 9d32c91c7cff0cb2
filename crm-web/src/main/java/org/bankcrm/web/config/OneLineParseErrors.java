package org.bankcrm.web.config;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's report of a request it could not parse, in one line. A request line or header too long, a character a
 * request target may not hold, a TLS handshake sent to the plain port: Tomcat refuses each with a 400 before the
 * application sees it, and logs the first of each connection processor's day at INFO with the whole stack trace and,
 * for some, the client's text in the message. This filter replaces such a record (an INFO with a throwable from
 * {@code Http11Processor}) by one line that names the exception's class only, as the product logs the other requests
 * it refuses. What Tomcat logs at other levels keeps its trace: its own faults (WARN and above), and what an operator
 * turns DEBUG on to see.
 * <p>
 * Tomcat logs through {@code java.util.logging} (bridged to Logback by Spring Boot), so the filter sits on that one
 * logger and costs nothing elsewhere: a Logback turbo filter, as this was first, runs on every level check of every
 * logger in the application (Thymeleaf's and Hibernate's trace checks on every page: 3 % of the list page's CPU).
 */
final class OneLineParseErrors implements Filter {

    static final String TOMCAT_PROCESSOR = "org.apache.coyote.http11.Http11Processor";

    /** Held here: {@code java.util.logging} keeps its loggers only as long as someone else does, and their filters. */
    private static final Logger PROCESSOR = Logger.getLogger(TOMCAT_PROCESSOR);
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(TOMCAT_PROCESSOR);

    /** Puts the filter on Tomcat's processor logger, once (a test JVM builds several servers). */
    static void install() {
        synchronized (PROCESSOR) {
            if (!(PROCESSOR.getFilter() instanceof OneLineParseErrors)) {
                PROCESSOR.setFilter(new OneLineParseErrors());
            }
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getThrown() == null || !Level.INFO.equals(record.getLevel())) {
            return true;
        }
        // Not through java.util.logging, so this filter is not asked again.
        LOG.info("Refused a request Tomcat could not parse: {}", record.getThrown().getClass().getSimpleName());
        return false;
    }
}
