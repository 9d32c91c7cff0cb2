package org.bankcrm.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * The page links written by {@link StaticLinkEncodingFilter} are those Spring's ResourceUrlEncodingFilter wrote
 * (D56): a path the filter does not ask the resource chain about is one the chain would have left alone.
 */
@CrmWebTest
class StaticLinkEncodingFilterTest {

    private static final Pattern LINK = Pattern.compile("@\\{(/[^}(?#$]*)");

    @LocalServerPort
    int port;

    @Autowired
    ResourceUrlProvider mvcResourceUrlProvider;

    @Autowired
    List<FilterRegistrationBean<?>> registrations;

    @Test
    void itIsTheOnlyLinkEncodingFilter() {
        var encoders = registrations.stream().map(FilterRegistrationBean::getFilter)
                .filter(f -> f instanceof ResourceUrlEncodingFilter).toList();
        assertThat(encoders).hasSize(1);
        assertThat(encoders.get(0)).isInstanceOf(StaticLinkEncodingFilter.class);
    }

    @Test
    void everyLinkOfEveryTemplateIsWrittenAsTheResourceChainWouldWriteIt() throws IOException {
        var resolver = new PathMatchingResourcePatternResolver();
        var paths = new TreeSet<String>();
        for (Resource template : resolver.getResources("classpath*:/templates/**/*.html")) {
            Matcher m = LINK.matcher(template.getContentAsString(StandardCharsets.UTF_8));
            while (m.find()) {
                paths.add(m.group(1));
            }
        }
        // Links made of an id or a code, as templates build them.
        paths.addAll(List.of("/opportunities/42", "/opportunities/board/42/move", "/customers/C0001000",
                "/campaigns/7/export", "/", "/opportunities/board"));
        assertThat(paths).contains("/webjars/bootstrap/css/bootstrap.min.css", "/css/app.css", "/opportunities");
        StaticLinkEncodingFilter filter = new StaticLinkEncodingFilter();
        List<String> differing = new ArrayList<>();
        for (String path : paths) {
            String before = mvcResourceUrlProvider.getForLookupPath(path);
            String now = StaticLinkEncodingFilter.mayBeStatic(path)
                    ? filter.resolve(mvcResourceUrlProvider, path) : null;
            if (!java.util.Objects.equals(before, now)) {
                differing.add(path + ": " + before + " → " + now);
            }
        }
        assertThat(differing).isEmpty();
        // Asked twice, the chain's answer comes from memory.
        int cached = filter.cached();
        filter.resolve(mvcResourceUrlProvider, "/css/app.css");
        assertThat(filter.cached()).isEqualTo(cached).isPositive();
    }

    @Test
    void everyFileTheApplicationServesHasADotInItsName() throws IOException {
        var resolver = new PathMatchingResourcePatternResolver();
        List<String> without = new ArrayList<>();
        int files = 0;
        for (String location : List.of("static", "public", "resources", "META-INF/resources")) {
            for (Resource r : resolver.getResources("classpath*:/" + location + "/**/*")) {
                if (r.isReadable() && !r.getURL().toString().contains("/webjars/") && r.contentLength() > 0) {
                    files++;
                    String path = r.getURL().toString();
                    if (!StaticLinkEncodingFilter.mayBeStatic(path)) {
                        without.add(path);
                    }
                }
            }
        }
        assertThat(files).isPositive();
        assertThat(without).isEmpty();
    }

    @Test
    void aPageLinksTheVersionedWebjarsAndItsRecordsAsBefore() {
        Http http = Http.session(port, "rm1");
        String html = http.get("/opportunities/board").body();
        Matcher css = Pattern.compile("href=\"(/webjars/bootstrap/\\d+\\.\\d+\\.\\d+/css/bootstrap\\.min\\.css)\"")
                .matcher(html);
        assertThat(css.find()).as("versioned bootstrap").isTrue();
        assertThat(http.get(css.group(1)).status()).isEqualTo(200);
        assertThat(html).containsPattern("src=\"/webjars/htmx\\.org/\\d+\\.\\d+\\.\\d+/dist/htmx\\.min\\.js\"")
                .contains("href=\"/css/app.css\"", "href=\"/opportunities/board\"")
                .containsPattern("href=\"/opportunities/\\d+\"");
    }

    @Test
    void onlyAPathWhoseLastSegmentHasADotMayBeStatic() {
        assertThat(StaticLinkEncodingFilter.mayBeStatic("/css/app.css")).isTrue();
        assertThat(StaticLinkEncodingFilter.mayBeStatic("/manifest.webmanifest")).isTrue();
        assertThat(StaticLinkEncodingFilter.mayBeStatic("/opportunities/42")).isFalse();
        assertThat(StaticLinkEncodingFilter.mayBeStatic("/v1.2/opportunities")).isFalse();
        assertThat(StaticLinkEncodingFilter.mayBeStatic("/")).isFalse();
    }
}
