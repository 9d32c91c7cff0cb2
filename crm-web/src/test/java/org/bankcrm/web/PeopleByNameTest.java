package org.bankcrm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * People by name (D35): signed in as each demo role, every page reachable from the start page by links (two clicks
 * deep, a few of each kind of page) shows staff by display name, never by a login name that has one. A login may
 * appear in a {@code title} (on hover), in a picker's options, where it tells two namesakes apart, and as the
 * record itself on the users page (marked {@code user-login}), where the admin manages logins.
 */
@CrmWebTest
class PeopleByNameTest {

    private static final int DEPTH = 2;
    private static final int PER_KIND = 2;
    private static final Pattern SKIP = Pattern.compile(
            "^/(logout|api/|webjars/|css/|js/|actuator)|\\.(csv|xlsx|json|png|ico)(\\?|$)|[?&]lang=|/export");
    private static final Pattern ID = Pattern.compile("/[A-Z]?[0-9][0-9A-Za-z-]*");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rm1", "head1", "teller1", "admin"})
    void noPageShowsALoginNameWhereThereIsADisplayName(String user) {
        Http http = Http.session(port, user);
        Map<String, Pattern> logins = logins();
        List<String> names = namesHoldingLogins(logins);
        List<String> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, Integer> kinds = new HashMap<>();
        Deque<String[]> queue = new ArrayDeque<>();
        queue.add(new String[] {"/", "0"});
        int pages = 0;
        while (!queue.isEmpty()) {
            String[] next = queue.poll();
            String path = next[0];
            int depth = Integer.parseInt(next[1]);
            var res = http.get(path);
            if (res.status() != 200 || res.header("Content-Type") == null
                    || !res.header("Content-Type").startsWith("text/html")) {
                continue;
            }
            pages++;
            Document doc = Jsoup.parse(res.body());
            if (depth < DEPTH) {
                for (Element a : doc.select("a[href]")) {
                    String href = a.attr("href");
                    if (!href.startsWith("/") || href.startsWith("//") || SKIP.matcher(href).find()) {
                        continue;
                    }
                    href = href.replaceAll("#.*$", "");
                    String kind = ID.matcher(href.replaceAll("\\?.*$", "")).replaceAll("/{id}")
                            + href.replaceAll("^[^?]*", "").replaceAll("=[^&]*", "=");
                    if (seen.add(href) && kinds.merge(kind, 1, Integer::sum) <= PER_KIND) {
                        queue.add(new String[] {href, String.valueOf(depth + 1)});
                    }
                }
            }
            found.addAll(loginsShown(path, doc, logins, names));
        }
        assertThat(pages).as("pages visited as " + user).isGreaterThan(user.equals("teller1") ? 2 : 10);
        assertThat(found).as("login names shown as " + user).isEmpty();
    }

    @Test
    void exportsNamePeopleByDisplayName() {
        Http head = Http.session(port, "head1");
        for (String path : List.of("/dashboard/list.csv?measure=OPEN", "/dashboard/list.csv?measure=STALLED",
                "/dashboard/list.csv?measure=OVERDUE", "/coverage/uncovered.csv")) {
            var res = head.get(path);
            assertThat(res.status()).as(path).isEqualTo(200);
            Map<String, Pattern> logins = logins();
            String body = res.body();
            for (String name : namesHoldingLogins(logins)) {
                body = body.replace(name, " ");
            }
            String text = body;
            List<String> shown = new ArrayList<>();
            logins.forEach((login, p) -> {
                if (p.matcher(text).find()) {
                    shown.add(login);
                }
            });
            assertThat(shown).as(path).isEmpty();
            assertThat(res.body()).as(path).containsAnyOf("李晓明", "王芳");
        }
    }

    @Test
    void theCheckSeesALoginNameWhenOneIsShown() {
        Document doc = Jsoup.parse("<p title='rm1'>李晓明</p><select><option>李晓明 (rm1)</option></select>"
                + "<td>rm2</td>");
        assertThat(loginsShown("/x", doc, logins(), List.of())).singleElement().asString().contains("rm2");
    }

    private Map<String, Pattern> logins() {
        Map<String, Pattern> logins = new HashMap<>();
        jdbc.query("select username from staff_user where display_name <> username", rs -> {
            String u = rs.getString(1);
            logins.put(u, Pattern.compile("(?<![A-Za-z0-9_.@-])" + Pattern.quote(u) + "(?![A-Za-z0-9_@-])"));
        });
        return logins;
    }

    /** Display names that hold a login (经理wldrmkid, a test's user): shown as names, they are no login shown. */
    private List<String> namesHoldingLogins(Map<String, Pattern> logins) {
        List<String> names = new ArrayList<>();
        jdbc.query("select distinct display_name from staff_user", rs -> {
            String name = rs.getString(1);
            if (logins.values().stream().anyMatch(p -> p.matcher(name).find())) {
                names.add(name);
            }
        });
        names.sort((a, b) -> b.length() - a.length());
        return names;
    }

    private static List<String> loginsShown(String path, Document doc, Map<String, Pattern> logins,
                                            List<String> names) {
        Document copy = doc.clone();
        copy.select("select, option, datalist, script, style, template, .user-login").remove();
        String shown = copy.body().text();
        for (String name : names) {
            shown = shown.replace(name, " ");
        }
        String text = shown;
        List<String> found = new ArrayList<>();
        logins.forEach((login, p) -> {
            var m = p.matcher(text);
            if (m.find()) {
                found.add(path + ": " + login + " in «"
                        + text.substring(Math.max(0, m.start() - 40), Math.min(text.length(), m.end() + 40)) + "»");
            }
        });
        return found;
    }
}
