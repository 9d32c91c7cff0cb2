package org.bankcrm.web.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The admin's users page at bank scale: a thousand RMs searched by name, login or branch, 50 to a page. */
@CrmWebTest
class UserSearchPageTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void users() {
        BankScaleUsers.ensure(jdbc);
    }

    private Document page(String query) {
        var res = Http.session(port, "admin").get("/admin/users" + query);
        assertThat(res.status()).as(query).isEqualTo(200);
        return Jsoup.parse(res.body());
    }

    private static java.util.List<String> logins(Document d) {
        return d.select("#user-table td.user-login").eachText();
    }

    @Test
    void aBranchIsFoundByItsCodeAndPagedFiftyAtATime() {
        Document first = page("?q=ust");
        assertThat(logins(first)).hasSize(50).first().isEqualTo("ust0001");
        assertThat(first.select(".pager-summary").text()).contains("1,000").contains("/20");
        String next = first.select("a.page-link").last().attr("href");
        assertThat(next).isEqualTo("/admin/users?q=ust&page=1");
        assertThat(logins(page("?q=ust&page=1"))).hasSize(50).first().isEqualTo("ust0051");
        assertThat(logins(page("?q=ust&page=19"))).hasSize(50).last().isEqualTo("ust1000");
        Document beyond = page("?q=ust&page=20");
        assertThat(logins(beyond)).isEmpty();
        // A page past the last says so (not "page 21 of 20"), and "previous" goes to the last page.
        assertThat(beyond.select(".pager-summary").text()).isEqualTo("共 1,000 条，没有第 21 页（共 20 页）");
        assertThat(beyond.select("a.page-link").first().attr("href")).isEqualTo("/admin/users?q=ust&page=19");
    }

    @Test
    void aPersonIsFoundByAPartOfTheirNameOrLoginInAnyCase() {
        assertThat(logins(page("?q=规模测试员0777"))).containsExactly("ust0777");
        assertThat(logins(page("?q=UST0778"))).containsExactly("ust0778");
        assertThat(logins(page("?q=李晓明"))).containsExactly("rm1");
        assertThat(logins(page("?q=城西"))).contains("head2", "rm3").doesNotContain("rm1");
        Document none = page("?q=" + java.net.URLEncoder.encode("%_", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(logins(none)).isEmpty();
        assertThat(none.text()).contains("没有符合条件的用户");
    }

    @Test
    void allUsersShowWithoutAQueryAndABadPageIsRefused() {
        Document all = page("");
        assertThat(logins(all)).hasSize(50).contains("admin", "rm1", "teller1");
        Matcher total = Pattern.compile("(\\d+)").matcher(all.select(".pager-summary").text()
                .replace(",", ""));
        assertThat(total.find()).isTrue();
        assertThat(Long.parseLong(total.group(1))).isGreaterThanOrEqualTo(BankScaleUsers.COUNT + 7);
        assertThat(Http.session(port, "admin").get("/admin/users?page=-1").status()).isEqualTo(400);
        assertThat(Http.session(port, "rm1").get("/admin/users?q=ust").status()).isEqualTo(403);
    }
}
