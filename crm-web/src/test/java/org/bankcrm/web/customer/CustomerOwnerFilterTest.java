package org.bankcrm.web.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The customer list narrows to one RM for heads and admins (RMs of their scope only, kept by the pager); an RM
 * has no such filter, and no owner parameter shows anyone anything outside their scope.
 */
@CrmWebTest
class CustomerOwnerFilterTest {

    /** The owner cell: the owner's display name with their login in the title (D35), or 未分配. */
    private static final Pattern OWNER_CELL = Pattern.compile(
            "<td(?: class=\"[^\"]*\")?(?: title=\"([a-z0-9]+)\")?>([^<]*)</td>\\s*</tr>");
    private static final Pattern CUSTOMER_LINK = Pattern.compile("href=\"/customers/([A-Z0-9]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private static List<String> owners(String page) {
        List<String> found = new java.util.ArrayList<>();
        Matcher m = OWNER_CELL.matcher(page);
        while (m.find()) {
            found.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return found;
    }

    @Test
    void aHeadFiltersByAnRmOfTheirBranchAndThePagerKeepsIt() {
        Http head = Http.session(port, "head1");
        // The demo's corporate customers (C000…): other tests add customers of their own RMs, sorting first.
        String all = head.get("/customers?q=C000").body();
        assertThat(all).contains("id=\"customer-owner-filter\"").contains("value=\"rm1\"").contains("value=\"rm2\"")
                .doesNotContain("value=\"rm3\"");
        assertThat(owners(all)).contains("rm1", "rm2");

        String rm2s = head.get("/customers?owner=rm2").body();
        assertThat(owners(rm2s)).hasSize(20).containsOnly("rm2");
        assertThat(rm2s).contains("value=\"rm2\" selected=\"selected\"");
        long total = jdbc.queryForObject("select count(*) from customer c join staff_user u on u.id = c.owner_id"
                + " where u.username = 'rm2'", Long.class);
        assertThat(total).isGreaterThan(20);
        assertThat(rm2s).contains("owner=rm2&amp;page=1");
        assertThat(owners(head.get("/customers?owner=rm2&page=1").body())).isNotEmpty().containsOnly("rm2");

        // An RM of another branch is outside the head's scope: nothing, on the page and in the API.
        assertThat(owners(head.get("/customers?owner=rm3").body())).isEmpty();
        assertThat(Http.basic(port, "head1").get("/api/v1/customers?owner=rm3").json().get("items").size()).isZero();
        assertThat(Http.basic(port, "head1").get("/api/v1/customers?owner=rm2&size=500").json().get("items")
                .valueStream().map(i -> i.get("ownerRm").asString()).distinct().toList()).containsExactly("rm2");
    }

    @Test
    void anRmHasNoOwnerFilterAndSeesNobodyElsesCustomers() {
        Http rm1 = Http.session(port, "rm1");
        String own = rm1.get("/customers").body();
        assertThat(own).doesNotContain("customer-owner-filter");
        assertThat(owners(own)).isNotEmpty().containsOnly("rm1");
        String asked = rm1.get("/customers?owner=rm2").body();
        assertThat(owners(asked)).isNotEmpty().containsOnly("rm1");
        List<String> rm2Customers = jdbc.queryForList("select c.customer_no from customer c join staff_user u"
                + " on u.id = c.owner_id where u.username = 'rm2'", String.class);
        Matcher m = CUSTOMER_LINK.matcher(asked);
        while (m.find()) {
            assertThat(rm2Customers).doesNotContain(m.group(1));
        }
        assertThat(Http.basic(port, "rm1").get("/api/v1/customers?owner=rm2").json().get("items").size()).isZero();
        assertThat(Http.basic(port, "rm1").get("/api/v1/customers?owner=rm1").json().get("items").size())
                .isPositive();
    }
}
