package org.bankcrm.web.config;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's reports of what a client sent that it could not parse, in one line without the client's text.
 * <ul>
 *   <li>A request line or header too long, a character a request target may not hold, a TLS handshake sent to the
 *   plain port: Tomcat refuses each with a 400 before the application sees it, and logs the first of each connection
 *   processor's day at INFO with the whole stack trace and, for some, the client's text in the message. Such a record
 *   (an INFO with a throwable from {@code Http11Processor}) becomes one line naming the exception's class only.</li>
 *   <li>A cookie header Tomcat cannot read (a space in a value, say) is ignored, and the first of the day logged at
 *   INFO with the whole header, which may hold the session's id. Such a record becomes one line without it.</li>
 * </ul>
 * What Tomcat logs at other levels is left alone: its own faults (WARN and above), and what an operator turns DEBUG on
 * to see.
 * <p>
 * Tomcat logs through {@code java.util.logging} (bridged to Logback by Spring Boot), so the filter sits on those two
 * loggers and costs nothing elsewhere: a Logback turbo filter, as this was first, runs on every level check of every
 * logger in the application (Thymeleaf's and Hibernate's trace checks on every page: 3 % of the list page's CPU).
 */
final class OneLineParseErrors implements Filter {

    static final String TOMCAT_PROCESSOR = "org.apache.coyote.http11.Http11Processor";
    static final String TOMCAT_COOKIES = "org.apache.tomcat.util.http.parser.Cookie";

    /** Held here: {@code java.util.logging} keeps its loggers only as long as someone else does, and their filters. */
    private static final Logger PROCESSOR = Logger.getLogger(TOMCAT_PROCESSOR);
    private static final Logger COOKIES = Logger.getLogger(TOMCAT_COOKIES);

    private final org.slf4j.Logger log;
    private final boolean cookies;

    private OneLineParseErrors(String logger, boolean cookies) {
        this.log = LoggerFactory.getLogger(logger);
        this.cookies = cookies;
    }

    /** Puts the filters on Tomcat's loggers, once (a test JVM builds several servers). */
    static void install() {
        synchronized (OneLineParseErrors.class) {
            if (!(PROCESSOR.getFilter() instanceof OneLineParseErrors)) {
                PROCESSOR.setFilter(new OneLineParseErrors(TOMCAT_PROCESSOR, false));
            }
            if (!(COOKIES.getFilter() instanceof OneLineParseErrors)) {
                COOKIES.setFilter(new OneLineParseErrors(TOMCAT_COOKIES, true));
            }
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!Level.INFO.equals(record.getLevel())) {
            return true;
        }
        // Written to Logback directly, not through java.util.logging, so this filter is not asked again.
        if (cookies) {
            log.info("Ignored a cookie header Tomcat could not read");
            return false;
        }
        if (record.getThrown() == null) {
            return true;
        }
        log.info("Refused a request Tomcat could not parse: {}", record.getThrown().getClass().getSimpleName());
        return false;
    }
}
