package org.bankcrm.web.config;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.BiFunction;
import lombok.extern.slf4j.Slf4j;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.bankcrm.web.shared.Problems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What Tomcat answers by itself, before the application sees a request, in the product's own form (D42):
 * <ul>
 *   <li>an encoded {@code /} or {@code \} in a path reaches Spring Security's firewall, which refuses it like any
 *   other suspicious path ({@code SecurityConfig#requestRejectedHandler}), instead of Tomcat's HTML 400 page;</li>
 *   <li>what Tomcat still refuses itself (a NUL or broken escape in a path, a malformed request line) is answered by
 *   {@link ProblemReportValve} as problem+json in the reader's language, never Tomcat's HTML page with its
 *   version.</li>
 *   <li>what Tomcat logs of such a request is one line, without a stack trace or the client's text
 *   ({@link OneLineParseErrors}).</li>
 * </ul>
 * Runs after Spring Boot's own Tomcat customizer (lowest precedence), so that its context customizer replaces the
 * error report valve that Boot installs.
 */
@Component
class TomcatHardening implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    /** Looked up at the first error, not when the server is built (before the web beans exist). */
    private final ObjectProvider<Problems> problems;

    TomcatHardening(ObjectProvider<Problems> problems) {
        this.problems = problems;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        OneLineParseErrors.install();
        factory.addConnectorCustomizers(connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            connector.setEncodedReverseSolidusHandling("passthrough");
        });
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                for (Valve v : host.getPipeline().getValves()) {
                    if (v instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(v);
                    }
                }
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
                host.getPipeline().addValve(new ProblemReportValve(
                        (req, status) -> problems.getObject().json(req, status)));
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Tomcat's error report as problem+json: the status, its title and a translated detail; nothing else. */
    @Slf4j
    static final class ProblemReportValve extends ErrorReportValve {

        private final BiFunction<jakarta.servlet.http.HttpServletRequest, HttpStatus, String> body;

        ProblemReportValve(BiFunction<jakarta.servlet.http.HttpServletRequest, HttpStatus, String> body) {
            this.body = body;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus resolved = HttpStatus.resolve(status);
            String json = body.apply(request, resolved == null ? HttpStatus.BAD_REQUEST : resolved);
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                PrintWriter writer = response.getReporter();
                if (writer != null) {
                    writer.write(json);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                log.debug("Could not write the error report: {}", e.getClass().getSimpleName());
            }
        }
    }
}
