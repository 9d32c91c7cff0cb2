package org.bankcrm.web.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Tomcat's report of a request it could not parse, in one line. A request line or header too long, a character a
 * request target may not hold, a TLS handshake sent to the plain port: Tomcat refuses each with a 400 before the
 * application sees it, and logs the first of each connection processor's day at INFO with the whole stack trace and,
 * for some, the client's text in the message. This filter replaces such an event (a throwable below WARN from
 * {@code Http11Processor}) by one line that names the exception's class only, as the product logs the other requests
 * it refuses; what Tomcat logs at WARN or above (its own faults) keeps its trace.
 */
final class OneLineParseErrors extends TurboFilter {

    static final String TOMCAT_PROCESSOR = "org.apache.coyote.http11.Http11Processor";
    private static final String NAME = OneLineParseErrors.class.getName();

    /** Adds the filter to Logback's context once (a test JVM builds several servers); nothing without Logback. */
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
        if (t == null || level == null || level.isGreaterOrEqual(Level.WARN)
                || !TOMCAT_PROCESSOR.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        // Logged again without the throwable, so this filter lets it through.
        logger.log(marker, Logger.FQCN, Level.toLocationAwareLoggerInteger(level),
                "Refused a request Tomcat could not parse: {}", new Object[] {t.getClass().getSimpleName()}, null);
        return FilterReply.DENY;
    }
}
