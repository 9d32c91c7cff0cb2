package org.bankcrm.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.bankcrm.service.dashboard.DashboardListQueries;
import org.bankcrm.service.dashboard.DashboardSelector;
import org.bankcrm.service.org.UserService;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Exports longer than the limit are refused whole, never cut, and nothing is audited: a browser goes back to the page
 * with the message, any other client gets a 400 {@code problem+json}. The limit is lowered to 2 lines here, over
 * the known branch of {@link DashboardFixture} (3 open, 2 stalled, 1 won in March).
 *
 * <p>Its own context (the limit differs from {@link CrmWebTest}'s) over the same test database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "crm.dashboard.export-limit=2")
@ActiveProfiles("demo")
// Its own context: closed after the class, so its scheduled jobs stop with it.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DashboardExportLimitTest extends KnownPipelineTest {

    @Autowired
    DashboardListQueries lists;

    @Autowired
    DashboardSelector selector;

    @Autowired
    UserService users;

    /** A signed-in client that keeps its cookies and follows no redirect. */
    private HttpClient signedIn(String user) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        var login = client.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
        String csrf = Jsoup.parse(login.body()).selectFirst("input[name=_csrf]").attr("value");
        var posted = client.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password="
                        + URLEncoder.encode(Http.DEMO_PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf))
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(posted.statusCode()).isEqualTo(302);
        return client;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> get(HttpClient client, URI uri, String accept) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri);
        if (accept != null) {
            r.header("Accept", accept);
        }
        return client.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private long exportsAudited(String user) {
        return jdbc.queryForObject("select count(*) from audit_log where actor = ? and action = 'EXPORT'", Long.class,
                user);
    }

    @Test
    void aListLongerThanTheLimitIsRefusedWholeAndNotAudited() throws Exception {
        DashboardFixture f = fx();
        HttpClient head = signedIn(f.head);
        long before = exportsAudited(f.head);

        var api = get(head, uri("/dashboard/list.csv?measure=OPEN&branch=" + f.branch), "*/*");
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(api.body()).contains("共 3 行").contains("上限 2 行").contains("缩小范围");

        String listPage = "/dashboard/list?measure=OPEN&branch=" + f.branch;
        var browser = get(head, uri("/dashboard/list.xlsx?measure=OPEN&branch=" + f.branch),
                "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(browser.statusCode()).isEqualTo(303);
        String location = browser.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/dashboard/list?measure=OPEN&branch=" + f.branch);
        var back = get(head, uri(location), "text/html");
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(back.body()).selectFirst("#export-too-many").text()).contains("3").contains("2");
        // The message is shown once, not on the next visit.
        assertThat(Jsoup.parse(get(head, uri(listPage), "text/html").body()).selectFirst("#export-too-many")).isNull();
        assertThat(exportsAudited(f.head)).isEqualTo(before);

        // At the limit (2 stalled) and under it (1 won in March) the whole list is exported and audited.
        var stalled = get(head, uri("/dashboard/list.csv?measure=STALLED&branch=" + f.branch), null);
        assertThat(stalled.statusCode()).isEqualTo(200);
        assertThat(stalled.body().strip().split("\r\n")).hasSize(2 + 2);
        assertThat(get(head, uri("/dashboard/list.csv?measure=WON&branch=" + f.branch
                + "&from=2025-03-01&to=2025-03-31"), null).statusCode()).isEqualTo(200);
        assertThat(exportsAudited(f.head)).isEqualTo(before + 2);
    }

    @Test
    void theDashboardWithALongOverdueListIsRefusedBackToThePage() throws Exception {
        DashboardFixture f = fx();
        HttpClient head = signedIn(f.head);
        String query = "branch=" + f.branch + "&from=2025-03-01&to=2025-03-31";
        assertThat(get(head, uri("/dashboard/export.xlsx?" + query), null).statusCode()).isEqualTo(200);
        // Two more overdue next actions: 3 in all, one more than the limit.
        for (int i = 0; i < 2; i++) {
            jdbc.update("""
                    insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, next_action,
                                           next_action_date, next_action_done, created_by)
                    select o.customer_id, o.id, 'CALL', now() - interval '3 days', 'fixture', 'next', current_date - 1,
                           false, o.owner_id
                    from opportunity o where o.id = ?""", f.ids[2]);
        }
        long before = exportsAudited(f.head);
        var api = get(head, uri("/dashboard/export.csv?" + query), null);
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.body()).contains("共 3 行");
        var browser = get(head, uri("/dashboard/export.xlsx?" + query), "text/html");
        assertThat(browser.statusCode()).isEqualTo(303);
        String location = browser.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/dashboard?").contains("branch=" + f.branch).contains("from=2025-03-01");
        var back = Jsoup.parse(get(head, uri(location), "text/html").body());
        assertThat(back.selectFirst("#export-too-many").text()).contains("3");
        assertThat(back.selectFirst("#dash-scope").text()).contains(f.branch).contains("2025-03-01");
        assertThat(exportsAudited(f.head)).isEqualTo(before);
        var en = get(head, uri("/dashboard/export.csv?lang=en&" + query), null);
        assertThat(en.body()).contains("Narrow the selection");
    }

    @Test
    void aListThatGrewPastTheLimitAfterItWasCountedStopsInsteadOfBeingCut() {
        DashboardFixture f = fx();
        var sel = selector.select(users.current(f.head), f.branch, null, LocalDate.of(2025, 3, 1),
                LocalDate.of(2025, 3, 31));
        long[] written = new long[1];
        // Streaming without counting first: the third open line stops the export.
        assertThatThrownBy(() -> lists.each(sel, DashboardListQueries.Measure.OPEN,
                DashboardListQueries.Narrow.none(), null, line -> written[0]++))
                .isInstanceOf(DashboardListQueries.TooManyLines.class);
        assertThat(written[0]).isEqualTo(2);
        assertThat(lists.exportLimit()).isEqualTo(2);
    }
}
