package org.bankcrm.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A signed-in user's 403, 404 and 409 pages are pages of the product: the navigation bar with its user menu, so the
 * user can go on or sign out from there, whichever way the error arose (an exception in a handler, a path nothing
 * maps, a role refused by the security rules). A stranger's gets none.
 */
@CrmWebTest
class ErrorPageTest {

    @LocalServerPort
    int port;

    private Document page(Http http, String path, int status) {
        var res = http.get(path);
        assertThat(res.status()).as(path).isEqualTo(status);
        return Jsoup.parse(res.body());
    }

    @Test
    void aSignedInUsersErrorPagesKeepTheNavigationAndTheUserMenu() {
        Http rm = Http.session(port, "rm1");
        for (String path : new String[] {"/opportunities/999999999", "/no/such/page", "/customers/999999999"}) {
            Document d = page(rm, path, 404);
            assertThat(d.select("nav.crm-navbar")).as(path).hasSize(1);
            assertThat(d.select("#logout")).as(path).hasSize(1);
            assertThat(d.select("#bell")).as(path).hasSize(1);
            assertThat(d.select(".error-page h1").text()).as(path).isEqualTo("未找到");
        }
        // Refused by the handler (an RM may not manage campaigns) and by the security rules (the admin's pages).
        for (String path : new String[] {"/campaigns/new", "/admin/users"}) {
            Document d = page(rm, path, 403);
            assertThat(d.select("nav.crm-navbar")).as(path).hasSize(1);
            assertThat(d.select("#logout")).as(path).hasSize(1);
        }
        // In English too: the menu and the page in the reader's language.
        Document en = page(rm, "/opportunities/999999999?lang=en", 404);
        assertThat(en.select("#current-user").text()).isNotBlank();
        assertThat(en.select(".error-page h1").text()).isEqualTo("Not found");
    }

    @Test
    void aStrangersErrorPageHasNoNavigation() {
        Document d = page(Http.anonymous(port), "/css/no-such-sheet.css", 404);
        assertThat(d.select("nav.crm-navbar")).isEmpty();
    }
}
