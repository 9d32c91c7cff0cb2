package org.bankcrm.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.ForbiddenException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.NotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;

/**
 * The error mapping of {@link ErrorHandling} alone, a slice test: a controller that throws, the advice, the
 * product's messages, MockMvc without a server, a database or an application context. Under {@code /api/} every
 * failure is {@code application/problem+json} with a translated title and detail and nothing of the exception; a
 * page gets the error view for its status. (The answer to an unacceptable media type is another change's; not here.)
 */
class ErrorHandlingTest {

    /** Throws what its path names. */
    @RestController
    static class Thrower {

        @GetMapping({"/api/v1/fail/{what}", "/fail/{what}"})
        String fail(@PathVariable String what) {
            throw switch (what) {
                case "invalid" -> new InvalidInputException(List.of(
                        new InvalidInputException.FieldError("size", "validation.size.range", 500),
                        new InvalidInputException.FieldError("amount", "validation.typeMismatch")));
                case "missing" -> new NotFoundException("opportunity.notFound", 42);
                case "forbidden" -> new ForbiddenException("error.forbidden");
                case "denied" -> new AccessDeniedException("secret detail");
                case "conflict" -> new ConflictException("error.stale");
                case "stale" -> new OptimisticLockingFailureException("row 7 of opportunity was updated");
                case "constraint" -> new DataIntegrityViolationException("duplicate key value violates \"uq_x\"");
                default -> new IllegalStateException("boom: internal detail at com.example.Secret");
            };
        }
    }

    private final MockMvcTester mvc = MockMvcTester.create(MockMvcBuilders.standaloneSetup(new Thrower())
            .setControllerAdvice(new ErrorHandling(new Problems(messages(), new FixedLocaleResolver(Locale.ENGLISH),
                    tools.jackson.databind.json.JsonMapper.builder().build()),
                    new org.springframework.boot.jackson.autoconfigure.JacksonProperties(),
                    new LayoutModel(null, null)))   // no one signed in: the layout counts no bell, has no bar
            .build());

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    private MvcTestResult api(String what) {
        return mvc.get().uri("/api/v1/fail/" + what).accept(MediaType.APPLICATION_JSON).exchange();
    }

    @Test
    void badInputIs400WithEachFieldAndItsMessage() {
        MvcTestResult res = api("invalid");
        assertThat(res).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(res).bodyJson().extractingPath("$.status").asNumber().isEqualTo(400);
        assertThat(res).bodyJson().extractingPath("$.title").isEqualTo("Bad request");
        assertThat(res).bodyJson().extractingPath("$.detail").isEqualTo("The page size is 1 to 500.");
        assertThat(res).bodyJson().extractingPath("$.errors[0].field").isEqualTo("size");
        assertThat(res).bodyJson().extractingPath("$.errors[0].message").isEqualTo("The page size is 1 to 500.");
        assertThat(res).bodyJson().extractingPath("$.errors[1].field").isEqualTo("amount");
        assertThat(res).bodyJson().extractingPath("$.errors[1].message").isEqualTo("Wrong format.");
    }

    @Test
    void notFoundIs404() {
        MvcTestResult res = api("missing");
        assertThat(res).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(res).bodyJson().extractingPath("$.title").isEqualTo("Not found");
        assertThat(res).bodyJson().extractingPath("$.detail")
                .isEqualTo("Opportunity 42 does not exist or is outside your scope.");
        assertThat(res).bodyJson().extractingPath("$.status").asNumber().isEqualTo(404);
    }

    @Test
    void forbiddenIs403WhoeverSaysIt() {
        for (String what : List.of("forbidden", "denied")) {
            MvcTestResult res = api(what);
            assertThat(res).as(what).hasStatus(403).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(res).bodyJson().extractingPath("$.title").isEqualTo("Forbidden");
            assertThat(res).bodyJson().extractingPath("$.detail").isEqualTo("You may not do this.");
            assertThat(res).bodyText().doesNotContain("secret detail");
        }
    }

    @Test
    void conflictsAndStaleVersionsAre409() {
        for (String what : List.of("conflict", "stale")) {
            MvcTestResult res = api(what);
            assertThat(res).as(what).hasStatus(409).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(res).bodyJson().extractingPath("$.title").isEqualTo("Conflict");
            assertThat(res).bodyJson().extractingPath("$.detail")
                    .isEqualTo("Someone else changed this record. Reload and try again.");
            assertThat(res).bodyText().doesNotContain("row 7");
        }
        MvcTestResult constraint = api("constraint");
        assertThat(constraint).hasStatus(409);
        assertThat(constraint).bodyJson().extractingPath("$.detail")
                .isEqualTo("This conflicts with existing data; nothing was changed.");
        assertThat(constraint).bodyText().doesNotContain("uq_x").doesNotContain("duplicate key");
    }

    @Test
    void theUnexpectedIs500WithAnIncidentAndNothingOfTheException() {
        MvcTestResult res = api("surprise");
        assertThat(res).hasStatus(500).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(res).bodyJson().extractingPath("$.title").isEqualTo("Internal error");
        assertThat(res).bodyJson().extractingPath("$.detail").asString().matches(
                "Something went wrong \\(incident [0-9a-f]{8}\\)\\. Try again later or tell an administrator\\.");
        assertThat(res).bodyText().doesNotContain("boom").doesNotContain("IllegalStateException")
                .doesNotContain("com.example").doesNotContain("at org.").doesNotContain("trace");
    }

    @Test
    void pagesGetTheErrorViewOfTheirStatus() {
        assertThat(mvc.get().uri("/fail/missing")).hasStatus(404).hasViewName("error/404");
        assertThat(mvc.get().uri("/fail/forbidden")).hasStatus(403).hasViewName("error/403");
        assertThat(mvc.get().uri("/fail/stale")).hasStatus(409).hasViewName("error/409");
        assertThat(mvc.get().uri("/fail/invalid")).hasStatus(400).hasViewName("error/4xx");
        assertThat(mvc.get().uri("/fail/surprise")).hasStatus(500).hasViewName("error/5xx")
                .model().doesNotContainKeys("exception", "trace");
    }
}
