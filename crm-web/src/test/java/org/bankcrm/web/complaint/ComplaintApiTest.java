package org.bankcrm.web.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Complaints (D46) through the API over {@link ComplaintFixture}'s bank: the due date and overdue edges, routing to
 * the owner or the heads, the scope of the list and of resolving, the referrer's rules, resolving twice, the
 * COMPLAINT_OVERDUE alert's edges, and bad input.
 */
@CrmWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplaintApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ComplaintFixture f;
    LocalDate today;

    @BeforeAll
    void seed() {
        f = new ComplaintFixture(jdbc);
        today = LocalDate.now(ComplaintFixture.BANK);
    }

    private Http.Response register(String user, String customerNo, String category, String text, String receivedOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("customerNo", customerNo);
        body.put("category", category);
        body.put("text", text);
        if (receivedOn != null) {
            body.put("receivedOn", receivedOn);
        }
        return Http.basic(port, user).postJson("/api/v1/complaints", body);
    }

    private JsonNode registered(String user, String customerNo, String receivedOn) {
        Http.Response r = register(user, customerNo, "SERVICE", "柜台等候时间过长", receivedOn);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private Http.Response resolve(String user, long id, String resolution) {
        Map<String, Object> body = new HashMap<>();
        body.put("resolution", resolution);
        return Http.basic(port, user).postJson("/api/v1/complaints/" + id + "/resolve", body);
    }

    private List<Long> ids(String user, String query) {
        Http.Response r = Http.basic(port, user).get("/api/v1/complaints?size=500" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        r.json().get("items").valueStream().forEach(i -> ids.add(i.get("id").asLong()));
        return ids;
    }

    private List<String> fields(Http.Response r) {
        return r.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }

    @Test
    void dueFifteenDaysAfterReceivedAndOverdueOnlyTheDayAfterItsDueDay() {
        String c = f.customer("DUE", f.branchX, f.rmA);
        JsonNode now = registered(f.head, c, null);
        assertThat(now.get("receivedOn").asString()).isEqualTo(today.toString());
        assertThat(now.get("dueOn").asString()).isEqualTo(today.plusDays(15).toString());
        assertThat(now.get("status").asString()).isEqualTo("OPEN");
        assertThat(now.get("resolvedOn").isNull()).isTrue();

        JsonNode dueToday = registered(f.head, c, today.minusDays(15).toString());
        assertThat(dueToday.get("dueOn").asString()).isEqualTo(today.toString());
        assertThat(dueToday.get("overdue").asBoolean()).isFalse();
        JsonNode dueYesterday = registered(f.head, c, today.minusDays(16).toString());
        assertThat(dueYesterday.get("dueOn").asString()).isEqualTo(today.minusDays(1).toString());
        assertThat(dueYesterday.get("overdue").asBoolean()).isTrue();

        assertThat(ids(f.rmA, "&overdue=true")).contains(dueYesterday.get("id").asLong())
                .doesNotContain(dueToday.get("id").asLong(), now.get("id").asLong());
        assertThat(ids(f.rmA, "&status=OPEN")).contains(dueYesterday.get("id").asLong(),
                dueToday.get("id").asLong(), now.get("id").asLong());

        Http.Response future = register(f.head, c, "SERVICE", "明天的投诉", today.plusDays(1).toString());
        assertThat(future.status()).isEqualTo(400);
        assertThat(fields(future)).containsExactly("receivedOn");
        // a complaint of the year 1 would be overdue in every figure for ever; a text of a zero-width space is none
        Http.Response ancient = register(f.head, c, "SERVICE", "很早的投诉", "0001-01-01");
        assertThat(ancient.status()).isEqualTo(400);
        assertThat(fields(ancient)).containsExactly("receivedOn");
        Http.Response invisible = register(f.head, c, "SERVICE", " \u200B ", null);
        assertThat(invisible.status()).isEqualTo(400);
        assertThat(fields(invisible)).containsExactly("text");
        assertThat(f.complaints(c)).isEqualTo(3);
    }

    @Test
    void aComplaintGoesToTheCustomersOwnerOrToTheBranchHeadsWhenUnowned() {
        String owned = f.customer("OWNED", f.branchX1, f.rmB);
        String unowned = f.customer("UNOWNED", f.branchX1, null);
        JsonNode toRm = registered(f.head, owned, null);
        JsonNode toHeads = registered(f.head, unowned, null);
        assertThat(toRm.get("ownerRm").asString()).isEqualTo(f.rmB);
        assertThat(toHeads.get("ownerRm").isNull()).isTrue();

        // The RM sees their customer's complaint, not the unowned one; the heads above see both.
        assertThat(ids(f.rmB, "")).contains(toRm.get("id").asLong()).doesNotContain(toHeads.get("id").asLong());
        assertThat(ids(f.rmA, "")).doesNotContain(toRm.get("id").asLong(), toHeads.get("id").asLong());
        assertThat(ids(f.head, "")).contains(toRm.get("id").asLong(), toHeads.get("id").asLong());
        assertThat(ids(f.head, "&owner=" + f.rmB)).contains(toRm.get("id").asLong())
                .doesNotContain(toHeads.get("id").asLong());

        // A customer handed to another RM takes its complaints along.
        jdbc.update("update customer set owner_id = ? where customer_no = ?", f.userId(f.rmA), owned);
        assertThat(ids(f.rmA, "")).contains(toRm.get("id").asLong());
        assertThat(ids(f.rmB, "")).doesNotContain(toRm.get("id").asLong());
    }

    @Test
    void theCustomersNameIsShownInFullToStaffInScopeAndMaskedToTheReferrer() {
        String c = f.customer("NAME", f.branchX, f.rmA);
        long id = registered(f.refX, c, null).get("id").asLong();
        String name = "投诉客户NAME";
        for (String reveals : List.of(f.rmA, f.head, "admin")) {
            Http page = Http.session(port, reveals);
            assertThat(Jsoup.parse(page.get("/complaints").body()).select("tr:contains(" + c + ")").text())
                    .as(reveals).contains(name);
            assertThat(page.get("/complaints/" + id).body()).as(reveals).contains(name);
        }
        String shown = Http.session(port, f.refX).get("/complaints/" + id).body();
        assertThat(shown).contains(Masking.name(name)).doesNotContain(name);
    }

    @Test
    void onlyStaffInScopeSeeAndResolveAndResolvingTwiceIsAConflict() {
        String c = f.customer("SCOPE", f.branchX, f.rmA);
        String unowned = f.customer("SCOPEU", f.branchX, null);
        long id = registered(f.rmA, c, null).get("id").asLong();
        long headsOwn = registered(f.head, unowned, null).get("id").asLong();

        for (String outsider : List.of(f.rmY, f.headY, f.rmB)) {
            assertThat(Http.basic(port, outsider).get("/api/v1/complaints/" + id).status()).as(outsider)
                    .isEqualTo(404);
            assertThat(resolve(outsider, id, "不是我的").status()).as(outsider).isEqualTo(404);
            assertThat(ids(outsider, "")).as(outsider).doesNotContain(id);
        }
        // An RM of another branch cannot register on the customer either (it is not theirs to see).
        Http.Response foreign = register(f.rmY, c, "FEE", "外行登记", null);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(fields(foreign)).containsExactly("customerNo");

        Http.Response blank = resolve(f.rmA, id, "  ");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(fields(blank)).containsExactly("resolution");

        Http.Response done = resolve(f.rmA, id, "已致电客户 13812348000 道歉并减免费用");
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().get("status").asString()).isEqualTo("RESOLVED");
        assertThat(done.json().get("resolvedOn").asString()).isEqualTo(today.toString());
        assertThat(done.json().get("resolution").asString()).contains("138****8000").doesNotContain("13812348000");
        Http.Response again = resolve(f.head, id, "再处理一次");
        assertThat(again.status()).isEqualTo(409);
        assertThat(jdbc.queryForObject("select resolution from complaint where id = ?", String.class, id))
                .contains("13812348000");
        // The page says the same, naming the complaint (the refusal's number filled in, as the API's).
        Http page = Http.session(port, f.head);
        Http.Response twice = page.submit("/complaints/" + id, "/complaints/" + id + "/resolve",
                Map.of("resolution", "再处理一次", "version", "0"));
        assertThat(twice.status()).isEqualTo(302);
        assertThat(Jsoup.parse(page.get("/complaints/" + id).body()).select("div.alert-danger").text())
                .isEqualTo("投诉 " + id + " 已处理完毕，不能再次处理。");

        // The unowned customer's complaint is the heads': a head in scope and the admin resolve it.
        assertThat(resolve(f.head, headsOwn, "行长已处理").status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from audit_log where entity_type = 'complaint'"
                + " and entity_id = ?", Long.class, String.valueOf(headsOwn))).isEqualTo(2);
        assertThat(ids(f.rmA, "&status=RESOLVED")).contains(id);
        assertThat(ids(f.rmA, "&status=OPEN")).doesNotContain(id);
    }

    @Test
    void aReferrerRegistersOnTheirBranchsCustomersAndSeesOnlyWhatTheyRegistered() {
        String c = f.customer("REF", f.branchX1, f.rmB);
        String other = f.customer("REFY", f.branchY, f.rmY);
        JsonNode mine = registered(f.refX, c, null);
        assertThat(mine.get("ownerRm").isNull()).isTrue();
        assertThat(mine.get("resolution").isNull()).isTrue();
        long byHead = registered(f.head, c, null).get("id").asLong();

        Http.Response outside = register(f.refX, other, "SERVICE", "别的支行", null);
        assertThat(outside.status()).isEqualTo(400);
        assertThat(fields(outside)).containsExactly("customerNo");

        assertThat(ids(f.refX, "")).contains(mine.get("id").asLong()).doesNotContain(byHead);
        assertThat(ids(f.refY, "")).doesNotContain(mine.get("id").asLong(), byHead);
        assertThat(Http.basic(port, f.refX).get("/api/v1/complaints/" + byHead).status()).isEqualTo(404);
        assertThat(resolve(f.refX, mine.get("id").asLong(), "我自己处理").status()).isEqualTo(403);
        // The RM it went to sees and resolves it; the referrer then sees it resolved, without the resolution.
        assertThat(ids(f.rmB, "")).contains(mine.get("id").asLong());
        assertThat(resolve(f.rmB, mine.get("id").asLong(), "已回访").status()).isEqualTo(200);
        JsonNode seen = Http.basic(port, f.refX).get("/api/v1/complaints/" + mine.get("id").asLong()).json();
        assertThat(seen.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(seen.get("resolution").isNull()).isTrue();
    }

    private JsonNode run(String asOf) {
        Http.Response r = Http.basic(port, "admin").postJson("/api/v1/alerts/runs", Map.of("asOf", asOf));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void complaintOverdueIsOneAlertPerCustomerFromTheDayAfterTheDueDayUntilNoneIsLeft() {
        String c = f.customer("AL", f.branchX, f.rmA);
        String unowned = f.customer("ALU", f.branchX1, null);
        long first = f.complaint(c, LocalDate.of(2026, 5, 26));  // due 2026-06-10
        long second = f.complaint(c, LocalDate.of(2026, 5, 27)); // due 2026-06-11
        f.complaint(unowned, LocalDate.of(2026, 5, 26));

        run("2026-06-10");
        assertThat(f.alerts(c)).isEmpty();
        assertThat(run("2026-06-11").get("raised").get("COMPLAINT_OVERDUE").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(f.alerts(c)).containsExactly("COMPLAINT_OVERDUE OPEN 2026-06-11/null");
        assertThat(f.notifications(c)).containsExactly(f.rmA + " ALERT");
        assertThat(f.notifications(unowned)).containsExactly(f.head + " ALERT");

        // The second complaint falls due too: still one alert on the customer.
        run("2026-06-12");
        assertThat(f.alerts(c)).containsExactly("COMPLAINT_OVERDUE OPEN 2026-06-11/null");
        // One resolved, the other still overdue: the alert stays; both resolved: it is resolved.
        f.resolveDirectly(first);
        run("2026-06-13");
        assertThat(f.alerts(c)).containsExactly("COMPLAINT_OVERDUE OPEN 2026-06-11/null");
        f.resolveDirectly(second);
        run("2026-06-14");
        assertThat(f.alerts(c)).containsExactly("COMPLAINT_OVERDUE RESOLVED 2026-06-11/2026-06-14");

        // The code's days are grace past the due day.
        jdbc.update("update alert_setting set days = 2 where code = 'COMPLAINT_OVERDUE'");
        try {
            String late = f.customer("ALG", f.branchX, f.rmA);
            f.complaint(late, LocalDate.of(2026, 6, 1)); // due 06-16
            run("2026-06-18");
            assertThat(f.alerts(late)).isEmpty();
            run("2026-06-19");
            assertThat(f.alerts(late)).containsExactly("COMPLAINT_OVERDUE OPEN 2026-06-19/null");
        } finally {
            jdbc.update("update alert_setting set days = 0 where code = 'COMPLAINT_OVERDUE'");
        }
        Http.Response setting = Http.basic(port, "admin").get("/api/v1/admin/alert-settings");
        assertThat(setting.body()).contains("COMPLAINT_OVERDUE");
    }

    @Test
    void resolvingTheLastOverdueComplaintResolvesTheAlertAtOnce() {
        String c = f.customer("ALN", f.branchX, f.rmA);
        LocalDate today = LocalDate.now(org.bankcrm.domain.shared.Period.BANK_ZONE);
        long first = f.complaint(c, today.minusDays(40));
        long second = f.complaint(c, today.minusDays(30));
        // As of the latest evaluation (today, or later if a test ran one for a later day).
        LocalDate latest = jdbc.queryForObject("select max(as_of) from alert_run", LocalDate.class);
        String asOf = (latest != null && latest.isAfter(today) ? latest : today).toString();
        run(asOf);
        assertThat(f.alerts(c)).containsExactly("COMPLAINT_OVERDUE OPEN " + asOf + "/null");

        // One of the two resolved in the product: the other is still overdue, so the alert stays.
        assertThat(resolve(f.rmA, first, "已致电客户").status()).isEqualTo(200);
        assertThat(f.alerts(c)).containsExactly("COMPLAINT_OVERDUE OPEN " + asOf + "/null");
        // The last one: the alert resolves in the same request, not at the next evaluation, its notification read.
        assertThat(resolve(f.rmA, second, "已上门致歉").status()).isEqualTo(200);
        assertThat(f.alerts(c)).containsExactly("COMPLAINT_OVERDUE RESOLVED " + asOf + "/" + asOf);
        assertThat(jdbc.queryForObject("""
                select count(*) from notification n join alert a on a.id = n.alert_id
                join customer k on k.id = a.customer_id
                where k.customer_no = ? and n.read_at is null""", Integer.class, c)).isZero();
    }

    @Test
    void badInputGetsATranslatedMessageAndChangesNothing() {
        String c = f.customer("BAD", f.branchX, f.rmA);
        Http.Response unknown = register(f.head, c, "FOOD", "x", null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("message").asString()).contains("投诉类别 FOOD 无效");

        Http.Response empty = Http.basic(port, f.head).postJson("/api/v1/complaints", Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(fields(empty)).containsExactlyInAnyOrder("customerNo", "category", "text");

        Http.Response tooLong = register(f.head, c, "OTHER", "长".repeat(2001), "2026-02-30");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(fields(tooLong)).containsExactlyInAnyOrder("text", "receivedOn");
        assertThat(f.complaints(c)).isZero();

        Http.Response english = Http.basic(port, f.head).language("en").postJson("/api/v1/complaints",
                Map.of("customerNo", c, "category", "FOOD", "text", "x"));
        assertThat(english.json().get("errors").get(0).get("message").asString())
                .contains("Complaint category FOOD is not valid");

        assertThat(Http.basic(port, f.head).get("/api/v1/complaints?status=DONE").status()).isEqualTo(400);
        assertThat(Http.basic(port, f.head).get("/api/v1/complaints?overdue=maybe").status()).isEqualTo(400);
        assertThat(Http.basic(port, f.head).get("/api/v1/complaints?size=0").status()).isEqualTo(400);
        assertThat(Http.basic(port, f.head).get("/api/v1/complaints?page=-1").status()).isEqualTo(400);
        assertThat(Http.basic(port, f.head).get("/api/v1/complaints?page=2147483647&size=500").status())
                .isEqualTo(400);
        Http.Response missing = resolve(f.head, Long.MAX_VALUE, "没有这件");
        assertThat(missing.status()).isEqualTo(404);
        // A record's number is named as it is written, not as an amount (9223372036854775807, no separators).
        assertThat(missing.json().get("detail").asString()).contains(String.valueOf(Long.MAX_VALUE));
        assertThat(Http.basic(port, f.head).postJson("/api/v1/complaints/1/resolve", "[]").status())
                .isEqualTo(400);
        // The text is kept as written and shown masked; markup is only text.
        JsonNode k = registered(f.head, c, null);
        Http.Response shown = register(f.head, c, "SERVICE", "<script>alert(1)</script> 电话 13812348000", null);
        assertThat(shown.json().get("text").asString()).isEqualTo("<script>alert(1)</script> 电话 138****8000");
        assertThat(k.get("category").asString()).isEqualTo("SERVICE");
    }
}
