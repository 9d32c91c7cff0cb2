package org.bankcrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.apache.juli.logging.Log;
import org.apache.juli.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Logs as Tomcat does (through its own logging facade, which writes to {@code java.util.logging}) and looks at what
 * reaches {@code java.util.logging}'s handlers and what the filter writes to Logback instead.
 */
class OneLineParseErrorsTest {

    private final java.util.logging.Logger jul =
            java.util.logging.Logger.getLogger(OneLineParseErrors.TOMCAT_PROCESSOR);
    private final List<LogRecord> passed = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            passed.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final ListAppender<ILoggingEvent> written = new ListAppender<>();
    private Logger logback;

    @BeforeEach
    void listen() {
        OneLineParseErrors.install();
        jul.addHandler(handler);
        jul.setUseParentHandlers(false);
        jul.setLevel(java.util.logging.Level.FINE);
        logback = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(OneLineParseErrors.TOMCAT_PROCESSOR);
        written.setContext(logback.getLoggerContext());
        written.start();
        logback.addAppender(written);
    }

    @AfterEach
    void stopListening() {
        jul.removeHandler(handler);
        jul.setUseParentHandlers(true);
        jul.setLevel(null);
        logback.detachAppender(written);
    }

    @Test
    void tomcatsParseErrorIsOneLineWithoutTheClientsText() {
        Log tomcat = LogFactory.getLog(OneLineParseErrors.TOMCAT_PROCESSOR);
        tomcat.info("Error parsing HTTP request header", new IllegalArgumentException(
                "Invalid character found in the request target [/x?q=<secret 110101199003077777>]"));

        assertThat(passed).isEmpty();
        assertThat(written.list).hasSize(1);
        ILoggingEvent line = written.list.getFirst();
        assertThat(line.getFormattedMessage())
                .isEqualTo("Refused a request Tomcat could not parse: IllegalArgumentException");
        assertThat(line.getThrowableProxy()).isNull();
        assertThat(line.getLevel()).isEqualTo(ch.qos.logback.classic.Level.INFO);
        assertThat(line.getLoggerName()).isEqualTo(OneLineParseErrors.TOMCAT_PROCESSOR);
    }

    @Test
    void tomcatsFaultsItsDebugAndItsLinesWithoutATraceAreLeftAlone() {
        IllegalStateException fault = new IllegalStateException("broken");
        Log tomcat = LogFactory.getLog(OneLineParseErrors.TOMCAT_PROCESSOR);
        tomcat.error("Error processing request", fault);
        tomcat.debug("what an operator turned DEBUG on to see", fault);
        tomcat.info("no throwable");

        assertThat(written.list).isEmpty();
        assertThat(passed).extracting(LogRecord::getMessage).containsExactly(
                "Error processing request", "what an operator turned DEBUG on to see", "no throwable");
        assertThat(passed.subList(0, 2)).allSatisfy(r -> assertThat(r.getThrown()).isSameAs(fault));
    }

    @Test
    void aCookieHeaderTomcatCannotReadIsOneLineWithoutTheHeader() {
        java.util.logging.Logger cookies = java.util.logging.Logger.getLogger(OneLineParseErrors.TOMCAT_COOKIES);
        Logger cookieLog = ((LoggerContext) LoggerFactory.getILoggerFactory())
                .getLogger(OneLineParseErrors.TOMCAT_COOKIES);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.setContext(cookieLog.getLoggerContext());
        lines.start();
        cookieLog.addAppender(lines);
        cookies.addHandler(handler);
        try {
            LogFactory.getLog(OneLineParseErrors.TOMCAT_COOKIES).info("A cookie header was received [SESSION="
                    + "0c6e1f6a-4b1e-4c59-9a57-2f1e3f0b7d11; crm-lang=en US] that contained an invalid cookie.");

            assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                    .containsExactly("Ignored a cookie header Tomcat could not read");
            assertThat(passed).isEmpty();
        } finally {
            cookies.removeHandler(handler);
            cookieLog.detachAppender(lines);
        }
    }

    @Test
    void installedOnce() {
        OneLineParseErrors.install();
        java.util.logging.Filter first = jul.getFilter();
        OneLineParseErrors.install();

        assertThat(jul.getFilter()).isInstanceOf(OneLineParseErrors.class).isSameAs(first);
    }
}
