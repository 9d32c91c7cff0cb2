package org.bankcrm.web.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * An opportunity opened from a referral says who referred it and through which channel, in the reader's
 * language, on its page and in the API, whether it came from the inbox or from the demo data.
 */
@CrmWebTest
class ReferralCreditTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAcceptedReferralsOpportunityCreditsTheReferrerAndTheChannel() {
        String customer = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id join branch b
                on b.id = c.branch_id where u.username = 'rm2' and b.code = 'BR001' order by 1 desc limit 1""",
                String.class);
        var created = Http.basic(port, "teller1").postJson("/api/v1/referrals", Map.of("customerNo", customer,
                "channel", "LOBBY", "productCode", "FUND", "need", "咨询基金定投"));
        assertThat(created.status()).isEqualTo(201);
        long referral = created.json().get("id").asLong();
        var accepted = Http.basic(port, "rm2").postJson("/api/v1/referrals/" + referral + "/accept", Map.of(
                "amount", 120000, "expectedCloseDate", LocalDate.now().plusDays(30).toString()));
        assertThat(accepted.status()).isEqualTo(200);
        long opp = accepted.json().get("opportunityId").asLong();

        JsonNode zh = Http.basic(port, "rm2").language("zh-CN").get("/api/v1/opportunities/" + opp).json();
        assertThat(zh.get("sourceDetail").asString()).isEqualTo("转介人 陈静 · 大堂");
        assertThat(zh.get("referredBy").get("referrer").asString()).isEqualTo("teller1");
        assertThat(zh.get("referredBy").get("referrerName").asString()).isEqualTo("陈静");
        assertThat(zh.get("referredBy").get("channel").asString()).isEqualTo("LOBBY");
        JsonNode en = Http.basic(port, "rm2").language("en").get("/api/v1/opportunities/" + opp).json();
        assertThat(en.get("sourceDetail").asString()).isEqualTo("Referred by 陈静 · Lobby");
        var listed = Http.basic(port, "rm2").language("en")
                .get("/api/v1/opportunities?source=REFERRAL&customerNo=" + customer).json().get("items");
        assertThat(listed.valueStream().filter(i -> i.get("id").asLong() == opp)
                .map(i -> i.get("sourceDetail").asString())).containsExactly("Referred by 陈静 · Lobby");

        Http page = Http.session(port, "rm2");
        assertThat(page.get("/opportunities/" + opp).body()).contains("转介人 陈静 · 大堂");
        assertThat(page.get("/opportunities/" + opp + "?lang=en").body()).contains("Referred by 陈静 · Lobby");
        page.get("/?lang=zh-CN");
    }

    @Test
    void theDemoDatasReferredOpportunitiesLookLikeRealOnes() {
        Integer referred = jdbc.queryForObject("""
                select count(*) from referral r join opportunity o on o.id = r.opportunity_id""", Integer.class);
        assertThat(referred).isPositive();
        assertThat(jdbc.queryForList("""
                select o.source_detail from referral r join opportunity o on o.id = r.opportunity_id
                join staff_user u on u.id = r.referrer_id
                where o.source_detail is distinct from 'referral:' || r.id || ':' || u.username || ':' || r.channel""",
                String.class)).isEmpty();
        Map<String, Object> demo = jdbc.queryForMap("""
                select o.id, u.display_name, r.channel from referral r join opportunity o on o.id = r.opportunity_id
                join staff_user u on u.id = r.referrer_id where r.channel = 'COUNTER' order by o.id limit 1""");
        JsonNode o = Http.basic(port, "admin").language("zh-CN").get("/api/v1/opportunities/" + demo.get("id")).json();
        assertThat(o.get("sourceDetail").asString()).isEqualTo("转介人 " + demo.get("display_name") + " · 柜面");
        assertThat(Http.session(port, "head1").get("/opportunities/" + demo.get("id")).body())
                .contains("转介人 " + demo.get("display_name") + " · 柜面");
    }
}
