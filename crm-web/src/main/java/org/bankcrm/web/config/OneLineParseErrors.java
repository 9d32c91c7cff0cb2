package org.bankcrm.web.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.spi.LocationAwareLogger;

/**
 * Tomcat's report of a request it could not parse, in one line. A request line or header too long, a character a
 * request target may not hold, a TLS handshake sent to the plain port: Tomcat refuses each with a 400 before the
 * application sees it, and logs the first of each connection processor's day at INFO with the whole stack trace and,
 * for some, the client's text in the message. This filter replaces such an event (an INFO with a throwable from
 * {@code Http11Processor}) by one line that names the exception's class only, as the product logs the other requests
 * it refuses. What Tomcat logs at other levels keeps its trace: its own faults (WARN and above), and what an operator
 * turns DEBUG on to see. Spring Boot resets Logback's filters when it initialises logging again (a second application
 * context in one JVM); every server this application builds installs the filter anew.
 */
final class OneLineParseErrors extends TurboFilter {

    static final String TOMCAT_PROCESSOR = "org.apache.coyote.http11.Http11Processor";
    private static final String NAME = OneLineParseErrors.class.getName();

    /** Adds the filter to Logback's context once (a test JVM builds several servers); nothing on another binding. */
    static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            install(context);
        }
    }

    static void install(LoggerContext context) {
        synchronized (context) {
            if (context.getTurboFilterList().stream().noneMatch(f -> NAME.equals(f.getName()))) {
                OneLineParseErrors filter = new OneLineParseErrors();
                filter.setName(NAME);
                filter.setContext(context);
                filter.start();
                context.addTurboFilter(filter);
            }
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (t == null || level != Level.INFO || !TOMCAT_PROCESSOR.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        // Logged again without the throwable, so this filter lets it through.
        logger.log(marker, Logger.FQCN, LocationAwareLogger.INFO_INT, "Refused a request Tomcat could not parse: {}",
                new Object[] {t.getClass().getSimpleName()}, null);
        return FilterReply.DENY;
    }
}
