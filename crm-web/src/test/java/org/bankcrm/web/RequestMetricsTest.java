package org.bankcrm.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.noop.NoopTimer;
import java.util.Set;
import java.util.TreeSet;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every mapped pattern gets its own request timer: Boot's limit on the {@code uri} tag (100 by default, which the
 * fuzz test's sweep over every endpoint reached) leaves room for all of them and the few constant values.
 */
@CrmWebTest
class RequestMetricsTest {

    @Autowired
    MeterRegistry registry;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyMappedPatternHasRoomForItsOwnRequestTimer() {
        Set<String> patterns = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> patterns.addAll(info.getPatternValues()));
        patterns.addAll(Set.of("NOT_FOUND", "REDIRECTION", "UNKNOWN", "root"));
        assertThat(patterns).hasSizeGreaterThan(100);
        for (String uri : patterns) {
            Timer timer = registry.timer("http.server.requests", "uri", uri, "method", "GET", "status", "200",
                    "outcome", "SUCCESS", "exception", "none");
            assertThat(timer).as(uri).isNotInstanceOf(NoopTimer.class);
        }
    }
}
