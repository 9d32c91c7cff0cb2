package org.bankcrm.web.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A decision on a referral names the version it was made from (D11): a head accepting "for the suggested RM", or
 * routing or rejecting, from a view older than someone else's routing is refused and changes nothing, in the API
 * and from the inbox's forms; a decision without a version applies to the referral as it is.
 */
@CrmWebTest
class ReferralDecisionTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private String suggested(long referral) {
        return jdbc.queryForObject("select u.username from referral r join staff_user u on u.id = r.suggested_rm_id"
                + " where r.id = ?", String.class, referral);
    }

    @Test
    void aDecisionFromAnOlderViewOfTheReferralIsRefused() {
        String customer = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id join branch b
                on b.id = c.branch_id where u.username = 'rm2' and b.code = 'BR001' order by 1 limit 1""",
                String.class);
        var created = Http.basic(port, "teller1").postJson("/api/v1/referrals", Map.of("customerNo", customer,
                "channel", "LOBBY", "productCode", "FUND", "need", "咨询基金定投，版本"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        int seen = created.json().get("version").asInt();
        assertThat(suggested(id)).isEqualTo("rm2");
        String path = "/api/v1/referrals/" + id;
        Http head = Http.basic(port, "head1");

        var routed = head.postJson(path + "/route", Map.of("ownerRm", "rm1", "version", seen));
        assertThat(routed.status()).as(routed.toString()).isEqualTo(200);
        int now = routed.json().get("version").asInt();
        assertThat(now).isGreaterThan(seen);

        var accept = head.postJson(path + "/accept", Map.of("amount", 80000,
                "expectedCloseDate", LocalDate.now().plusDays(20).toString(), "version", seen));
        assertThat(accept.status()).as(accept.toString()).isEqualTo(409);
        assertThat(head.postJson(path + "/route", Map.of("ownerRm", "rm2", "version", seen)).status()).isEqualTo(409);
        assertThat(head.postJson(path + "/reject", Map.of("reason", "重复", "version", seen)).status())
                .isEqualTo(409);
        assertThat(jdbc.queryForObject("select status from referral where id = ?", String.class, id))
                .isEqualTo("NEW");
        assertThat(suggested(id)).isEqualTo("rm1");

        // the inbox's route form, shown before another routing
        Http page = Http.session(port, "head1");
        var inbox = Jsoup.parse(page.get("/referrals?status=NEW").body());
        var form = inbox.selectFirst("form[action=/referrals/" + id + "/route]");
        assertThat(form).isNotNull();
        assertThat(form.selectFirst("input[name=version]").val()).isEqualTo(String.valueOf(now));
        assertThat(head.postJson(path + "/route", Map.of("ownerRm", "rm2", "version", now)).status())
                .isEqualTo(200);
        var stale = page.postForm("/referrals/" + id + "/route", Map.of("_csrf",
                form.selectFirst("input[name=_csrf]").val(), "ownerRm", "rm1", "version", String.valueOf(now)));
        assertThat(stale.status()).isEqualTo(302);
        assertThat(Jsoup.parse(page.get("/referrals?status=NEW").body()).select(".alert-danger").text())
                .contains("已被他人修改");
        assertThat(suggested(id)).isEqualTo("rm2");

        // an accept from the inbox whose version is no number is refused too, not taken for "no version"
        var inbox2 = Jsoup.parse(page.get("/referrals?status=NEW").body());
        var acceptForm = inbox2.selectFirst("form[action=/referrals/" + id + "/accept]");
        var garbled = page.postForm("/referrals/" + id + "/accept", Map.of("_csrf",
                acceptForm.selectFirst("input[name=_csrf]").val(), "amount", "1000", "expectedCloseDate",
                LocalDate.now().plusDays(20).toString(), "productCode", "FUND", "version", "abc"));
        assertThat(garbled.status()).isEqualTo(302);
        assertThat(jdbc.queryForObject("select status from referral where id = ?", String.class, id))
                .isEqualTo("NEW");

        var unversioned = head.postJson(path + "/accept", Map.of("amount", 80000,
                "expectedCloseDate", LocalDate.now().plusDays(20).toString()));
        assertThat(unversioned.status()).as(unversioned.toString()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select u.username from opportunity o join staff_user u on u.id = o.owner_id"
                + " where o.id = ?", String.class, unversioned.json().get("opportunityId").asLong()))
                .isEqualTo("rm2");
    }
}
