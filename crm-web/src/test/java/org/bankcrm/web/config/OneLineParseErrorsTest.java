package org.bankcrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OneLineParseErrorsTest {

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void logToAList() {
        appender.setContext(context);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        OneLineParseErrors.install(context);
    }

    @Test
    void tomcatsParseErrorIsOneLineWithoutTheClientsText() {
        Logger tomcat = context.getLogger(OneLineParseErrors.TOMCAT_PROCESSOR);
        tomcat.info("Error parsing HTTP request header", new IllegalArgumentException(
                "Invalid character found in the request target [/x?q=<secret 110101199003077777>]"));

        List<ILoggingEvent> events = appender.list;
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().getFormattedMessage())
                .isEqualTo("Refused a request Tomcat could not parse: IllegalArgumentException");
        assertThat(events.getFirst().getThrowableProxy()).isNull();
        assertThat(events.getFirst().getLevel()).isEqualTo(ch.qos.logback.classic.Level.INFO);
        assertThat(events.getFirst().getLoggerName()).isEqualTo(OneLineParseErrors.TOMCAT_PROCESSOR);
    }

    @Test
    void tomcatsFaultsItsDebugAndOtherLoggersKeepTheirTrace() {
        IllegalStateException fault = new IllegalStateException("broken");
        Logger tomcat = context.getLogger(OneLineParseErrors.TOMCAT_PROCESSOR);
        tomcat.setLevel(ch.qos.logback.classic.Level.DEBUG);
        tomcat.error("Error processing request", fault);
        tomcat.debug("what an operator turned DEBUG on to see", fault);
        context.getLogger("org.bankcrm.web").info("kept", fault);
        tomcat.info("no throwable");

        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Error processing request", "what an operator turned DEBUG on to see", "kept", "no throwable");
        assertThat(appender.list.subList(0, 3)).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNotNull());
    }

    @Test
    void installedOnce() {
        OneLineParseErrors.install(context);
        OneLineParseErrors.install(context);

        assertThat(context.getTurboFilterList()).filteredOn(f -> f instanceof OneLineParseErrors).hasSize(1);
    }
}
