package org.bankcrm.web.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.bankcrm.web.config.ChunkedThymeleafView;
import org.bankcrm.web.testsupport.CountingWriter;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.View;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * Pages reach the response a chunk at a time (D74): the application's own view resolver renders test templates into
 * a response that counts the writes it is handed and keeps every character at once; a real page of several chunks
 * still carries the headers the security filters set before the response commits.
 */
@CrmWebTest
class PageRenderingTest {

    /** The second half of the short test page: it fails when asked for its value. */
    public static final class Failing {
        public String value() {
            throw new IllegalStateException("the second half fails");
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ThymeleafViewResolver views;

    @Autowired
    WebApplicationContext context;

    @Test
    void aLongPageReachesTheResponseInAFewWholeChunks() throws Exception {
        View view = view("test/long-page");
        assertThat(view).isInstanceOf(ChunkedThymeleafView.class);
        Counting response = new Counting(new MockHttpServletResponse());

        view.render(Map.of(), request(), response);
        String page = response.mock().getContentAsString();
        assertThat(page).contains("<li>1</li>").contains("<li>3000</li>").endsWith("</html>\n");
        assertThat(page.split("<li>", -1)).hasSize(3001);
        assertThat(page.length()).as("more than four chunks").isGreaterThan(4 * 8192);
        // Each chunk goes on when the next small piece of the page (a tag, a number, white space) does not fit.
        assertThat(response.writes()).as("writes for %d characters", page.length())
                .isBetween(page.length() / 8192, page.length() / (8192 - 64) + 1);
    }

    @Test
    void aPageOfSeveralChunksKeepsTheHardeningHeadersAndEndsWhole() {
        Http.Response board = Http.session(port, "admin").get("/opportunities/board");
        assertThat(board.status()).isEqualTo(200);
        assertThat(board.body().length()).as("more than two chunks").isGreaterThan(2 * 8192);
        assertThat(board.body().strip()).endsWith("</html>");
        assertThat(board.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(board.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(board.header("Referrer-Policy")).isNotEmpty();
    }

    @Test
    void aShortPageThatFailsHalfWayHasWrittenNothing() throws Exception {
        View view = view("test/fails-half-way");
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThatThrownBy(() -> view.render(Map.of("failing", new Failing()), request(), response))
                .hasStackTraceContaining("the second half fails");
        assertThat(response.getContentAsString()).as("nothing of the first half").isEmpty();
    }

    private View view(String name) throws Exception {
        View view = views.resolveViewName(name, Locale.SIMPLIFIED_CHINESE);
        assertThat(view).isNotNull();
        return view;
    }

    private MockHttpServletRequest request() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/test");
        request.setAttribute(DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE, context);
        return request;
    }

    /** A response whose writer counts the writes handed to it. */
    private static final class Counting extends HttpServletResponseWrapper {

        private CountingWriter counter;
        private PrintWriter writer;

        Counting(MockHttpServletResponse response) {
            super(response);
        }

        int writes() {
            return counter == null ? 0 : counter.writes();
        }

        MockHttpServletResponse mock() {
            return (MockHttpServletResponse) getResponse();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                counter = new CountingWriter(getResponse().getWriter());
                writer = new PrintWriter(counter);
            }
            return writer;
        }
    }
}
