package org.bankcrm.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Each role's navigation bar (D94): the pages it offers, in its order and menus; every entry opens for that role, and
 * on its page its entry, and only it, is marked as the page shown, with the toggle of the menu the entry is in.
 */
@CrmWebTest
class NavigationTest {

    private static final List<String> STAFF = List.of("/", "/customers", "/opportunities", "/opportunities/board");
    private static final List<String> ADMIN_PAGES = List.of("/admin/branches", "/admin/users", "/admin/scoring",
            "/admin/discovery", "/admin/settings", "/admin/service-standards", "/admin/alerts",
            "/admin/incentive-rates", "/admin/approval-rules", "/admin/imports", "/admin/audit");

    @LocalServerPort
    int port;

    @Test
    void anRmsBarHasTheirDailyWorkAndTwoMenus() {
        assertThat(bar("rm1", "/")).containsExactlyElementsOf(concat(STAFF, List.of("/visits", "/dashboard",
                "/alerts", "/campaigns", "/referrals", "/coverage", "/scorecards", "/incentives", "/complaints")));
        Document home = Jsoup.parse(Http.session(port, "rm1").get("/").body());
        assertThat(home.select("#nav-tiers + .dropdown-menu a").eachAttr("href")).containsExactly("/coverage");
        assertThat(home.select("#nav-sales + .dropdown-menu a").eachText())
                .containsExactly("我的记分卡", "我的提成", "投诉");
        opensAndIsMarked("rm1", bar("rm1", "/"));
        Document complaints = Jsoup.parse(Http.session(port, "rm1").get("/complaints").body());
        assertThat(complaints.select("#nav-sales").hasClass("active")).isTrue();
        assertThat(complaints.select("#nav-tiers").hasClass("active")).isFalse();
    }

    @Test
    void aHeadsBarAddsTheBranchsPagesAndTheAdminsItsSettings() {
        List<String> head = concat(STAFF, List.of("/dashboard", "/alerts", "/campaigns", "/referrals", "/coverage",
                "/segments", "/customers/unowned", "/handover", "/tiers/migration", "/tiers/structure", "/scorecards",
                "/incentives", "/complaints", "/approvals"));
        assertThat(bar("head1", "/")).containsExactlyElementsOf(head);
        opensAndIsMarked("head1", head);
        assertThat(bar("admin", "/")).containsExactlyElementsOf(concat(head, ADMIN_PAGES));
        opensAndIsMarked("admin", ADMIN_PAGES);
    }

    @Test
    void aTellerHasFourPagesAndARiskOfficerOne() {
        List<String> teller = List.of("/", "/referrals", "/incentives", "/complaints");
        assertThat(bar("teller1", "/")).containsExactlyElementsOf(teller);
        opensAndIsMarked("teller1", teller);
        assertThat(bar("risk1", "/approvals")).containsExactly("/approvals");
        opensAndIsMarked("risk1", List.of("/approvals"));
    }

    @Test
    void theBarSpeaksTheReadersLanguage() {
        Document en = Jsoup.parse(Http.session(port, "rm1").get("/opportunities?lang=en").body());
        Element marked = en.selectFirst("#nav a[aria-current=page]");
        assertThat(marked).isNotNull();
        assertThat(marked.attr("href")).isEqualTo("/opportunities");
        assertThat(marked.classNames()).contains("nav-link", "active");
        assertThat(en.select("#nav-tiers").text()).isEqualTo("Customer book");
        assertThat(en.select("#nav a[href=/scorecards]").text()).isEqualTo("My scorecard");
    }

    /** The links of {@code user}'s bar on page {@code path}, menus' entries in place, toggles left out. */
    private List<String> bar(String user, String path) {
        var page = Http.session(port, user).get(path);
        assertThat(page.status()).as(user + " " + path).isEqualTo(200);
        return Jsoup.parse(page.body()).select("#nav .navbar-nav.me-auto a[href]").eachAttr("href").stream()
                .filter(h -> !"#".equals(h)).toList();
    }

    /**
     * Each of {@code paths} opens for {@code user}, its own entry the one marked; an entry may lead on to a page of
     * its section (an RM's scorecards to their own).
     */
    private void opensAndIsMarked(String user, List<String> paths) {
        Http http = Http.session(port, user);
        for (String path : paths) {
            var page = http.get(path);
            if (page.status() == 302) {
                String next = URI.create(page.header("Location")).getPath();
                assertThat(next).as(user + " " + path).startsWith(path + "/");
                page = http.get(next);
            }
            assertThat(page.status()).as(user + " " + path).isEqualTo(200);
            Document d = Jsoup.parse(page.body());
            assertThat(d.select("#nav .me-auto a[aria-current=page]").eachAttr("href")).as(user + " " + path)
                    .containsExactly(path);
            assertThat(d.select("#nav .me-auto a.active:not(.dropdown-toggle)").eachAttr("href")).as(user + " " + path)
                    .containsExactly(path);
            Element inMenu = d.selectFirst("#nav .me-auto .dropdown-menu a.active");
            List<Element> toggles = d.select("#nav .me-auto .dropdown-toggle.active");
            if (inMenu == null) {
                assertThat(toggles).as(user + " " + path).isEmpty();
            } else {
                assertThat(toggles).as(user + " " + path)
                        .containsExactly(inMenu.closest(".dropdown").selectFirst(".dropdown-toggle"));
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
