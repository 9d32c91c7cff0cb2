package org.bankcrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The handler lookup's shortcut (D62) never refuses a mapping Spring itself would take: every mapping of the
 * application is tested against a concrete path made from every pattern (variables filled in, also encoded and with
 * a {@code ;}), with every method; and the shortcut is in use, refusing what cannot match.
 */
@CrmWebTest
class PathFirstHandlerMappingTest {

    @Autowired
    RequestMappingHandlerMapping requestMappingHandlerMapping;

    @Test
    void theApplicationLooksUpHandlersWithItsShortcutForEveryMapping() {
        assertThat(requestMappingHandlerMapping).isInstanceOf(PathFirstHandlerMapping.class);
        PathFirstHandlerMapping mapping = (PathFirstHandlerMapping) requestMappingHandlerMapping;
        assertThat(mapping.mappingsWithShortcut()).isEqualTo(mapping.getHandlerMethods().size());
    }

    @Test
    void itNeverRefusesAMappingSpringWouldTake() {
        PathFirstHandlerMapping mapping = (PathFirstHandlerMapping) requestMappingHandlerMapping;
        Set<RequestMappingInfo> infos = mapping.getHandlerMethods().keySet();
        Set<String> paths = new TreeSet<>(List.of("/", "/api/v1/opportunities/1", "/api/v1/%6Fpportunities/1",
                "/opportunities;x=1/1", "/x/y/z"));
        for (RequestMappingInfo info : infos) {
            for (PathPattern p : info.getPathPatternsCondition().getPatterns()) {
                String concrete = p.getPatternString().replaceAll("\\{\\*[^}]*}", "a/b").replaceAll("\\{[^}]*}", "7")
                        .replace("**", "a/b").replace("*", "a").replace("?", "a");
                paths.add(concrete);
                paths.add(encodeFirstLetter(concrete));
                paths.add(concrete.replaceFirst("^(/[^/]+)", "$1;jsessionid=1"));
            }
        }
        int taken = 0;
        int refused = 0;
        List<String> wrong = new ArrayList<>();
        for (String path : paths) {
            for (HttpMethod method : methods()) {
                MockHttpServletRequest request = new MockHttpServletRequest(method.name(), path);
                ServletRequestPathUtils.parseAndCache(request);
                for (RequestMappingInfo info : infos) {
                    boolean spring = info.getMatchingCondition(request) != null;
                    boolean ours = mapping.matchAsLookup(info, request) != null;
                    if (spring != ours) {
                        wrong.add(method + " " + path + " " + info);
                    }
                    taken += ours ? 1 : 0;
                    refused += ours ? 0 : 1;
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(taken).as("mappings taken").isGreaterThanOrEqualTo(infos.size());
        assertThat(refused).as("mappings refused").isGreaterThan(taken);
    }

    @Test
    void aRealLookUpFindsTheHandlerWithOrWithoutParametersInThePath() throws Exception {
        PathFirstHandlerMapping mapping = (PathFirstHandlerMapping) requestMappingHandlerMapping;
        for (String path : List.of("/api/v1/opportunities/7/follow-ups", "/api/v1;x=1/opportunities/7/follow-ups",
                "/api/v1/opportunities;y=2/7/follow-ups")) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
            ServletRequestPathUtils.parseAndCache(request);
            HandlerExecutionChain chain = mapping.getHandler(request);
            assertThat(chain).as(path).isNotNull();
            assertThat(((HandlerMethod) chain.getHandler()).getMethod().getName()).as(path).isEqualTo("logFollowUp");
        }
    }

    @Test
    void aPathRulesOutMostMappingsByItsStartAlone() {
        PathFirstHandlerMapping mapping = (PathFirstHandlerMapping) requestMappingHandlerMapping;
        Set<RequestMappingInfo> infos = mapping.getHandlerMethods().keySet();
        long possible = infos.stream().filter(i -> mapping.mayMatch(i, "/api/v1/opportunities/7/follow-ups")).count();
        assertThat(possible).isPositive().isLessThan(infos.size() / 4);
        assertThat(infos.stream().filter(i -> mapping.mayMatch(i, "/nothing/here")).count())
                .as("only patterns that start with a variable or wildcard, and \"/\"").isLessThan(infos.size() / 20);
    }

    @Test
    void theLiteralStartEndsAtTheFirstVariableOrWildcard() {
        PathPatternParser parser = PathPatternParser.defaultInstance;
        assertThat(PathFirstHandlerMapping.literalStart(parser.parse("/api/v1/opportunities/{id}/follow-ups")))
                .isEqualTo("/api/v1/opportunities/");
        assertThat(PathFirstHandlerMapping.literalStart(parser.parse("/customers"))).isEqualTo("/customers");
        assertThat(PathFirstHandlerMapping.literalStart(parser.parse("/static/**"))).isEqualTo("/static/");
        assertThat(PathFirstHandlerMapping.literalStart(parser.parse("/files/report-?.csv")))
                .isEqualTo("/files/report-");
        assertThat(PathFirstHandlerMapping.literalStart(parser.parse("/a/b*"))).isEqualTo("/a/b");
        assertThat(PathFirstHandlerMapping.literalStart(parser.parse("/caf%C3%A9/{x}"))).isEmpty();
    }

    private static String encodeFirstLetter(String path) {
        int at = 0;
        while (at < path.length() && !Character.isLetter(path.charAt(at))) {
            at++;
        }
        return at == path.length() ? path : path.substring(0, at) + "%%%02X".formatted((int) path.charAt(at))
                + path.substring(at + 1);
    }

    private static List<HttpMethod> methods() {
        List<HttpMethod> all = new ArrayList<>();
        for (RequestMethod m : RequestMethod.values()) {
            all.add(HttpMethod.valueOf(m.name()));
        }
        return all;
    }
}
