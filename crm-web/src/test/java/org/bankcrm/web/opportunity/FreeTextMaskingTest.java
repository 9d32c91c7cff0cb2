package org.bankcrm.web.opportunity;

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
 * Free text on screen (issue 18 §4): a follow-up's summary, outcome and next action and a history line's comment
 * are shown in full to whoever may reveal the customer's personal data (the owning RM, a branch head) and with the
 * phone, landline, card and ID numbers in them masked to everyone else who sees the opportunity (a team member of
 * another branch, an admin), on the opportunity page and in the API alike.
 */
@CrmWebTest
class FreeTextMaskingTest {

    private static final String SUMMARY = "客户手机 +86 138 1234 8000";
    private static final String OUTCOME = "卡号 6222 0212 3456 7890 123";
    private static final String NEXT = "致电总机 010-1234-5678";
    private static final String COMMENT = "身份证 110105 19900101 002X 已核";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    /** A new open opportunity of rm1's on {@code customer}, titled {@code label} and a number of its own. */
    private Http.Response open(String customer, String label) {
        Http.Response created = Http.basic(port, "rm1").postJson("/api/v1/opportunities", Map.of("customerNo",
                customer, "productCode", "FUND", "title", label + System.nanoTime() % 1_000_000, "amount", 300000,
                "expectedCloseDate", LocalDate.now().plusDays(30).toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    private String customerOfRm1() {
        return jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id
                where u.username = 'rm1' order by c.customer_no limit 1""", String.class);
    }

    @Test
    void numbersInFreeTextAreMaskedForThoseWhoMayNotReveal() {
        String customer = customerOfRm1();
        Http rm1 = Http.basic(port, "rm1");
        Http.Response created = open(customer, "自由文本脱敏 ");
        long id = created.json().get("id").asLong();
        assertThat(rm1.postJson("/api/v1/opportunities/" + id + "/team", Map.of("username", "rm3", "role",
                "SUPPORT")).status()).isEqualTo(201);
        assertThat(rm1.postJson("/api/v1/opportunities/" + id + "/follow-ups", Map.of("type", "CALL", "summary",
                SUMMARY, "outcome", OUTCOME, "nextAction", NEXT, "nextActionDate",
                LocalDate.now().plusDays(3).toString())).status()).isEqualTo(201);
        Http.Response moved = rm1.postJson("/api/v1/opportunities/" + id + "/transitions", Map.of("toStage",
                "CONTACTED", "version", created.json().get("version").asInt(), "comment", COMMENT));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);

        // the owner (and the head) read what was written
        for (String clear : new String[]{"rm1", "head1"}) {
            JsonNode f = Http.basic(port, clear).get("/api/v1/opportunities/" + id + "/follow-ups").json().get(0);
            assertThat(f.get("summary").asString()).isEqualTo(SUMMARY);
            assertThat(f.get("outcome").asString()).isEqualTo(OUTCOME);
            assertThat(f.get("nextAction").asString()).isEqualTo(NEXT);
            assertThat(comments(clear, id)).contains(COMMENT);
        }
        // a team member of another branch and the admin see the numbers masked
        for (String masked : new String[]{"rm3", "admin"}) {
            JsonNode f = Http.basic(port, masked).get("/api/v1/opportunities/" + id + "/follow-ups").json().get(0);
            assertThat(f.get("summary").asString()).isEqualTo("客户手机 +86 138****8000");
            assertThat(f.get("outcome").asString()).isEqualTo("卡号 622202*********0123");
            assertThat(f.get("nextAction").asString()).isEqualTo("致电总机 010-****5678");
            assertThat(comments(masked, id)).contains("身份证 110105********002X 已核").doesNotContain(COMMENT);
        }

        String ownerPage = Http.session(port, "rm1").get("/opportunities/" + id).body();
        assertThat(ownerPage).contains("138 1234 8000", "6222 0212 3456 7890 123", "010-1234-5678",
                "110105 19900101 002X");
        String memberPage = Http.session(port, "rm3").get("/opportunities/" + id).body();
        assertThat(memberPage).contains("+86 138****8000", "622202*********0123", "010-****5678",
                "110105********002X");
        assertThat(memberPage).doesNotContain("1234 8000", "3456 7890", "1234-5678", "19900101");
    }

    /**
     * A next action is the same free text wherever it is listed: My day and the dashboard's overdue list show it in
     * full to whoever may reveal the customer and masked to a team member or an admin, and the answer to a
     * follow-up's own creation is masked as its author will read it back.
     */
    @Test
    void nextActionsAndAFollowUpsOwnAnswerAreMaskedForThoseWhoMayNotReveal() {
        String customer = customerOfRm1();
        Http rm1 = Http.basic(port, "rm1");
        Http.Response created = open(customer, "待办脱敏 ");
        long id = created.json().get("id").asLong();
        assertThat(rm1.postJson("/api/v1/opportunities/" + id + "/team", Map.of("username", "rm3", "role",
                "SUPPORT")).status()).isEqualTo(201);
        String next = "回拨 13712345678 " + id;
        Http.Response byMember = Http.basic(port, "rm3").postJson("/api/v1/opportunities/" + id + "/follow-ups",
                Map.of("type", "CALL", "summary", SUMMARY, "nextAction", next,
                        "nextActionDate", LocalDate.now().toString()));
        assertThat(byMember.status()).as(byMember.toString()).isEqualTo(201);
        assertThat(byMember.json().get("summary").asString()).isEqualTo("客户手机 +86 138****8000");
        assertThat(byMember.json().get("nextAction").asString()).isEqualTo("回拨 137****5678 " + id);
        assertThat(Http.session(port, "rm3").get("/").body()).contains("回拨 137****5678 " + id)
                .doesNotContain(next);
        assertThat(Http.session(port, "rm1").get("/").body()).contains(next);

        jdbc.update("update follow_up set next_action_date = current_date - 1 where opportunity_id = ?"
                + " and next_action is not null", id);
        String list = "/dashboard/list?measure=OVERDUE&owner=rm1&from=" + LocalDate.now().minusDays(30) + "&to="
                + LocalDate.now();
        assertThat(Http.session(port, "admin").get(list).body()).contains("回拨 137****5678 " + id)
                .doesNotContain(next);
        assertThat(Http.session(port, "head1").get(list).body()).contains(next);

        // a head of another subtree on the team reads as any member does, not as a head of the customer's branch
        assertThat(rm1.postJson("/api/v1/opportunities/" + id + "/team", Map.of("username", "head2", "role",
                "SUPPORT")).status()).isEqualTo(201);
        JsonNode asHead2 = Http.basic(port, "head2").get("/api/v1/opportunities/" + id + "/follow-ups").json().get(0);
        assertThat(asHead2.get("nextAction").asString()).isEqualTo("回拨 137****5678 " + id);
        assertThat(Http.basic(port, "head2").postJson("/api/v1/opportunities/" + id + "/follow-ups", Map.of("type",
                "CALL", "summary", SUMMARY)).json().get("summary").asString()).isEqualTo("客户手机 +86 138****8000");

        // the owner's own follow-up (which completes the member's next action) comes back as written
        Http.Response byOwner = rm1.postJson("/api/v1/opportunities/" + id + "/follow-ups", Map.of("type", "CALL",
                "summary", SUMMARY));
        assertThat(byOwner.json().get("summary").asString()).isEqualTo(SUMMARY);

        // a loss's comment on the LOST list, as on the opportunity's history
        Http.Response lost = rm1.postJson("/api/v1/opportunities/" + id + "/transitions", Map.of("toStage", "LOST",
                "version", rm1.get("/api/v1/opportunities/" + id).json().get("version").asInt(), "lostReason",
                "PRICE", "comment", "客户改用他行 " + next));
        assertThat(lost.status()).as(lost.toString()).isEqualTo(200);
        String losses = list.replace("OVERDUE", "LOST");
        assertThat(Http.session(port, "admin").get(losses).body()).contains("客户改用他行 回拨 137****5678 " + id)
                .doesNotContain(next);
        assertThat(Http.session(port, "head1").get(losses).body()).contains("客户改用他行 " + next);
    }

    /**
     * A visit's purpose is free text too: planned by the customer's RM and carried to another RM with the
     * opportunity, it is masked for them on the week plan, as the follow-ups of a customer they do not own are.
     */
    @Test
    void aVisitsPurposeIsMaskedForAnRmWhoDoesNotOwnTheCustomer() {
        String customer = customerOfRm1();
        Http.Response created = open(customer, "拜访脱敏 ");
        long id = created.json().get("id").asLong();
        String day = LocalDate.now().plusDays(2).toString();
        String purpose = "面谈，先打 13698765432 " + id;
        assertThat(Http.session(port, "rm1").submit("/visits", "/visits", Map.of("customerNo", customer,
                "plannedOn", day, "purpose", purpose, "opportunityId", String.valueOf(id))).status()).isEqualTo(302);
        assertThat(Http.session(port, "rm1").get("/visits?week=" + day).body()).contains(purpose);

        Http.Response moved = Http.basic(port, "head1").postJson("/api/v1/opportunities/" + id + "/owner",
                Map.of("ownerRm", "rm2", "version", created.json().get("version").asInt()));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        String week = Http.session(port, "rm2").get("/visits?week=" + day).body();
        assertThat(week).contains("面谈，先打 136****5432 " + id).doesNotContain(purpose);
    }

    private String comments(String who, long id) {
        StringBuilder all = new StringBuilder();
        Http.basic(port, who).get("/api/v1/opportunities/" + id + "/history").json()
                .forEach(h -> all.append(h.get("comment").isNull() ? "" : h.get("comment").asString()).append('\n'));
        return all.toString();
    }

    /**
     * A title is shown in every list to everyone who sees the opportunity: a phone or ID number in it is refused, at
     * creation and at an edit, with the field named and nothing saved.
     */
    @Test
    void aTitleWithAPhoneOrIdNumberIsRefused() {
        String customer = customerOfRm1();
        Http rm1 = Http.basic(port, "rm1");
        for (String title : new String[]{"谢 13912345678", "王 330106196705116503", "+86 139 1234 5678 回访",
                "tel13912345678", "１３９１２３４５６７８", "139.1234.5678", "110105.19900101.0021"}) {
            Http.Response refused = rm1.postJson("/api/v1/opportunities", Map.of("customerNo", customer,
                    "productCode", "FUND", "title", title, "amount", 1000,
                    "expectedCloseDate", LocalDate.now().plusDays(30).toString()));
            assertThat(refused.status()).as(title).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("title");
            assertThat(refused.json().get("errors").get(0).get("message").asString()).contains("手机号");
        }
        assertThat(jdbc.queryForObject("select count(*) from opportunity where title like '%13912345678%'",
                Integer.class)).isZero();
        Http.Response created = rm1.postJson("/api/v1/opportunities", Map.of("customerNo", customer,
                "productCode", "FUND", "title", "2026 年第 4 季度 500000 元定投", "amount", 1000,
                "expectedCloseDate", LocalDate.now().plusDays(30).toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        Http.Response edit = rm1.patchJson("/api/v1/opportunities/" + id, Map.of("title", "回访 13912345678",
                "version", created.json().get("version").asInt()));
        assertThat(edit.status()).as(edit.toString()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select title from opportunity where id = ?", String.class, id))
                .isEqualTo("2026 年第 4 季度 500000 元定投");
    }

    /**
     * A referral's need and a reveal's reason are free text too: the need is shown masked to everyone (the teller who
     * wrote it, the head, the admin), in the API, the referrals page and My day; a reveal's reason reaches the audit
     * log masked.
     */
    @Test
    void aReferralsNeedAndARevealsReasonAreMasked() {
        String customer = jdbc.queryForObject("""
                select c.customer_no from customer c join staff_user u on u.id = c.owner_id join branch b
                on b.id = c.branch_id where u.username = 'rm2' and b.code = 'BR001' order by 1 limit 1""",
                String.class);
        String need = "客户手机13912345678，身份证330106196705116503 " + System.nanoTime();
        var created = Http.basic(port, "teller1").postJson("/api/v1/referrals", Map.of("customerNo", customer,
                "channel", "COUNTER", "need", need));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body()).contains("139****5678").doesNotContain("13912345678");
        for (String user : new String[]{"teller1", "head1", "admin"}) {
            String shown = Http.basic(port, user).get("/api/v1/referrals?size=100").body()
                    + Http.session(port, user).get("/referrals").body() + Http.session(port, user).get("/").body();
            assertThat(shown).as(user).doesNotContain("13912345678").doesNotContain("330106196705116503");
        }
        assertThat(Http.basic(port, "head1").get("/api/v1/referrals?size=100").body())
                .contains("客户手机139****5678，身份证330106********6503");

        var revealed = Http.basic(port, "rm2").postJson("/api/v1/customers/" + customer + "/reveal",
                Map.of("field", "PHONE", "reason", "客户来电 13911112222 核实"));
        assertThat(revealed.status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("""
                select detail from audit_log where action = 'PII_REVEALED' and actor = 'rm2'
                order by id desc limit 1""", String.class)).isEqualTo("PHONE: 客户来电 139****2222 核实");
        assertThat(Http.session(port, "admin").get("/admin/audit").body()).doesNotContain("13911112222");
    }
}
