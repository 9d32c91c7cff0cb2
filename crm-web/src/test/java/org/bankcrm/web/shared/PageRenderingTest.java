package org.bankcrm.web.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Map;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.View;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * A page is rendered whole before anything of it is written (D74): the application's own view resolver renders a
 * test template whose second half fails, into a response that keeps every character written to it at once.
 */
@CrmWebTest
class PageRenderingTest {

    /** The second half of the test template: it fails when asked for its value. */
    public static final class Failing {
        public String value() {
            throw new IllegalStateException("the second half fails");
        }
    }

    /** The same template's second half when it does not fail. */
    public static final class Fine {
        public String value() {
            return "second half";
        }
    }

    @Autowired
    ThymeleafViewResolver views;

    @Autowired
    WebApplicationContext context;

    @Test
    void aPageThatFailsHalfWayHasWrittenNothing() throws Exception {
        View view = views.resolveViewName("test/fails-half-way", Locale.SIMPLIFIED_CHINESE);
        assertThat(view).isNotNull();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/test");
        request.setAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, context);
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThatThrownBy(() -> view.render(Map.of("failing", new Failing()), request, response))
                .hasStackTraceContaining("the second half fails");
        assertThat(response.getContentAsString()).as("nothing of the first half").isEmpty();
        assertThat(response.isCommitted()).isFalse();
    }

    @Test
    void aPageThatRendersIsWrittenWhole() throws Exception {
        View view = views.resolveViewName("test/fails-half-way", Locale.SIMPLIFIED_CHINESE);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/test");
        request.setAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, context);
        MockHttpServletResponse response = new MockHttpServletResponse();

        view.render(Map.of("failing", new Fine()), request, response);
        assertThat(response.getContentAsString()).contains("<p>first half</p>").contains("<p>second half</p>");
    }
}
