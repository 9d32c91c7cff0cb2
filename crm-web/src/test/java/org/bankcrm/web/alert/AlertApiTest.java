package org.bankcrm.web.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Early warning through the API over {@link AlertFixture}'s bank: each code's edges as of days in 2026 (time moves
 * by evaluating as of a later day), escalation once, no duplicate on a second evaluation, resolution, reassignment,
 * the scope of the alert list, notifications, and bad input. Evaluations are bank-wide: every assertion is on the
 * fixture's own records.
 */
@CrmWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    AlertFixture f;

    @BeforeAll
    void seed() {
        f = new AlertFixture(jdbc);
    }

    private JsonNode run(String asOf) {
        Http.Response r = Http.basic(port, "admin").postJson("/api/v1/alerts/runs", Map.of("asOf", asOf));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private JsonNode get(String user, String path) {
        Http.Response r = Http.basic(port, user).get(path);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    @Test
    void stalledOnTheFifteenthDayNotTheFourteenthAndAFollowUpOnTheBoundaryDayCounts() {
        long s1 = f.opportunity(f.p + " 停滞一", f.rmA, f.branchX, "2026-06-01T10:00");
        long s2 = f.opportunity(f.p + " 停滞二", f.rmA, f.branchX, "2026-05-01T10:00");
        f.followUp(s2, "2026-06-02T00:00", null);
        long s3 = f.opportunity(f.p + " 停滞三", f.rmA, f.branchX, "2026-05-01T10:00");
        f.followUp(s3, "2026-06-01T23:59", null);

        JsonNode day14 = run("2026-06-15");
        assertThat(day14.get("asOf").asText()).isEqualTo("2026-06-15");
        assertThat(day14.get("raised").has("STALLED")).isTrue();
        assertThat(f.opportunityAlerts(s1)).isEmpty();
        assertThat(f.opportunityAlerts(s2)).isEmpty();
        assertThat(f.opportunityAlerts(s3)).isEmpty();

        // Day 15 since creation: stalled. D − 14 is 06-02: a follow-up at its first minute counts, the minute
        // before does not.
        run("2026-06-16");
        assertThat(f.opportunityAlerts(s1)).containsExactly("STALLED OPEN 2026-06-16/null/null");
        assertThat(f.opportunityAlerts(s2)).isEmpty();
        assertThat(f.opportunityAlerts(s3)).containsExactly("STALLED OPEN 2026-06-16/null/null");
        assertThat(f.notifications("OPPORTUNITY", s1)).containsExactly(f.rmA + " ALERT");

        // The same day again raises nothing new and notifies nobody again.
        run("2026-06-16");
        assertThat(f.opportunityAlerts(s1)).hasSize(1);
        assertThat(f.notifications("OPPORTUNITY", s1)).hasSize(1);

        // A follow-up ends it at the next evaluation; stalled again later, a new alert is raised.
        f.followUp(s1, "2026-06-17T09:00", null);
        run("2026-06-17");
        assertThat(f.opportunityAlerts(s1)).containsExactly("STALLED RESOLVED 2026-06-16/null/2026-06-17");
        run("2026-07-02");
        assertThat(f.opportunityAlerts(s1)).containsExactly("STALLED RESOLVED 2026-06-16/null/2026-06-17",
                "STALLED OPEN 2026-07-02/null/null");
    }

    @Test
    void closeDatePassedTheDayAfterAndAClosedOpportunityResolvesItsAlerts() {
        long c1 = f.opportunity(f.p + " 成交日", f.rmA, f.branchX, "2026-06-18T10:00", LocalDate.of(2026, 6, 20),
                "RM_DISCOVERED", "PROPOSAL");
        f.followUp(c1, "2026-06-19T10:00", LocalDate.of(2026, 6, 20));
        run("2026-06-20");
        assertThat(f.opportunityAlerts(c1)).isEmpty();
        run("2026-06-21");
        assertThat(f.opportunityAlerts(c1)).containsExactlyInAnyOrder("CLOSE_DATE_PASSED OPEN 2026-06-21/null/null",
                "OVERDUE_ACTION OPEN 2026-06-21/null/null");
        jdbc.update("update opportunity set stage = 'LOST', status = 'LOST', lost_reason = 'PRICE',"
                + " closed_at = ? where id = ?", AlertFixture.bank("2026-06-21T15:00"), c1);
        run("2026-06-22");
        assertThat(f.opportunityAlerts(c1)).containsExactlyInAnyOrder(
                "CLOSE_DATE_PASSED RESOLVED 2026-06-21/null/2026-06-22",
                "OVERDUE_ACTION RESOLVED 2026-06-21/null/2026-06-22");
    }

    @Test
    void overdueActionIsOneAlertPerOpportunityAndEndsWhenTheActionsAreDone() {
        long o1 = f.opportunity(f.p + " 行动", f.rmA, f.branchX, "2026-06-08T10:00");
        long first = f.followUp(o1, "2026-06-09T10:00", LocalDate.of(2026, 6, 10));
        long second = f.followUp(o1, "2026-06-09T11:00", LocalDate.of(2026, 6, 11));
        run("2026-06-10");
        assertThat(f.opportunityAlerts(o1)).isEmpty();
        run("2026-06-12");
        assertThat(f.opportunityAlerts(o1)).containsExactly("OVERDUE_ACTION OPEN 2026-06-12/null/null");
        jdbc.update("update follow_up set next_action_done = true where id = ?", first);
        run("2026-06-13");
        assertThat(f.opportunityAlerts(o1)).containsExactly("OVERDUE_ACTION OPEN 2026-06-12/null/null");
        jdbc.update("update follow_up set next_action_done = true where id = ?", second);
        run("2026-06-14");
        assertThat(f.opportunityAlerts(o1)).containsExactly("OVERDUE_ACTION RESOLVED 2026-06-12/null/2026-06-14");
    }

    @Test
    void workDoneInTheProductSettlesItsAlertsAtOnceAndOnlyThose() throws Exception {
        long o = f.opportunity(f.p + " 即时", f.rmA, f.branchX, "2026-06-01T10:00", LocalDate.of(2026, 6, 5),
                "RM_DISCOVERED", "PROPOSAL");
        f.followUp(o, "2026-06-02T10:00", LocalDate.of(2026, 6, 3));
        long other = f.opportunity(f.p + " 旁观", f.rmA, f.branchX, "2026-06-01T10:00", LocalDate.of(2026, 6, 5),
                "RM_DISCOVERED", "PROPOSAL");
        f.followUp(other, "2026-06-02T10:00", LocalDate.of(2026, 6, 3));
        // PRIVATE: contacted by a visit or a meeting every 30 days; never contacted.
        long k = f.customer("SK", "PRIVATE", f.branchX, f.rmA);
        // As of the latest evaluation (today, or later if a test ran one for a later day).
        LocalDate today = LocalDate.now(org.bankcrm.domain.shared.Period.BANK_ZONE);
        LocalDate latest = jdbc.queryForObject("select max(as_of) from alert_run", LocalDate.class);
        String asOf = (latest != null && latest.isAfter(today) ? latest : today).toString();
        run(asOf);
        assertThat(f.opportunityAlerts(o)).containsExactlyInAnyOrder("STALLED OPEN " + asOf + "/null/null",
                "OVERDUE_ACTION OPEN " + asOf + "/null/null", "CLOSE_DATE_PASSED OPEN " + asOf + "/null/null");
        assertThat(f.opportunityAlerts(other)).hasSize(3);
        assertThat(f.alerts("CUSTOMER", k)).containsExactly("CONTACT_OVERDUE OPEN " + asOf + "/null/null");
        LocalDate day = LocalDate.parse(asOf);

        // The owner logs a follow-up with a new next action: it does the earlier one and touches the deal, so the
        // overdue action and the stall end now, their notifications read; the close date is still past, so that
        // alert stays, and nothing of the other opportunity moves.
        Http rm = Http.basic(port, f.rmA);
        Http.Response logged = rm.postJson("/api/v1/opportunities/" + o + "/follow-ups", Map.of("type", "CALL",
                "summary", "电话沟通方案", "nextAction", "发送报价", "nextActionDate", day.plusDays(3).toString()));
        assertThat(logged.status()).as(logged.toString()).isEqualTo(201);
        assertThat(f.opportunityAlerts(o)).containsExactlyInAnyOrder("STALLED RESOLVED " + asOf + "/null/" + asOf,
                "OVERDUE_ACTION RESOLVED " + asOf + "/null/" + asOf, "CLOSE_DATE_PASSED OPEN " + asOf + "/null/null");
        assertThat(jdbc.queryForList("""
                select a.code from notification n join alert a on a.id = n.alert_id
                where a.record_kind = 'OPPORTUNITY' and a.record_id = ? and n.read_at is null""", String.class, o))
                .containsExactly("CLOSE_DATE_PASSED");
        assertThat(f.opportunityAlerts(other)).allMatch(a -> a.contains(" OPEN "));

        // A new close date ends the last one.
        int version = get(f.rmA, "/api/v1/opportunities/" + o).get("version").asInt();
        Http.Response edited = rm.patchJson("/api/v1/opportunities/" + o, Map.of("expectedCloseDate",
                day.plusDays(30).toString(), "version", version));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(f.opportunityAlerts(o)).allMatch(a -> a.contains(" RESOLVED "));
        assertThat(f.opportunityAlerts(other)).allMatch(a -> a.contains(" OPEN "));

        // On the customer itself: a call does not count for PRIVATE's standard, so the alert stays; a visit ends it,
        // but not while an evaluation runs (its lock held here, as in the handover case): the check does
        // not wait for it and leaves the alert to it; the next visit, after, ends it.
        String contact = "/api/v1/customers/" + f.no("SK") + "/follow-ups";
        assertThat(rm.postJson(contact, Map.of("type", "CALL", "summary", "电话问候")).status()).isEqualTo(201);
        assertThat(f.alerts("CUSTOMER", k)).containsExactly("CONTACT_OVERDUE OPEN " + asOf + "/null/null");
        try (Connection evaluation = jdbc.getDataSource().getConnection()) {
            evaluation.setAutoCommit(false);
            try (var st = evaluation.createStatement()) {
                st.execute("select pg_advisory_xact_lock(" + 0x414C45525453L + ")");
            }
            assertThat(rm.postJson(contact, Map.of("type", "VISIT", "summary", "上门拜访")).status()).isEqualTo(201);
            assertThat(f.alerts("CUSTOMER", k)).containsExactly("CONTACT_OVERDUE OPEN " + asOf + "/null/null");
            evaluation.commit();
        }
        assertThat(rm.postJson(contact, Map.of("type", "VISIT", "summary", "再次拜访")).status()).isEqualTo(201);
        assertThat(f.alerts("CUSTOMER", k)).containsExactly("CONTACT_OVERDUE RESOLVED " + asOf + "/null/" + asOf);
    }

    @Test
    void unworkedDiscoveryAfterSevenDaysUntilSomeoneFollowsUp() {
        long u1 = f.opportunity(f.p + " 发现", f.rmA, f.branchX, "2026-06-01T10:00", LocalDate.of(2026, 12, 31),
                "DISCOVERY_RULE", "IDENTIFIED");
        run("2026-06-08");
        assertThat(f.opportunityAlerts(u1)).isEmpty();
        run("2026-06-09");
        assertThat(f.opportunityAlerts(u1)).containsExactly("UNWORKED_DISCOVERY OPEN 2026-06-09/null/null");
        f.followUp(u1, "2026-06-09T15:00", null);
        run("2026-06-10");
        assertThat(f.opportunityAlerts(u1)).containsExactly("UNWORKED_DISCOVERY RESOLVED 2026-06-09/null/2026-06-10");
    }

    @Test
    void contactOverdueByTheServiceStandardAndAnUnownedCustomerTellsTheNearestHeads() {
        // PRIVATE: 30 days, VISIT or MEETING. A visit on 06-01 covers through 06-30; 07-01 is overdue.
        long k1 = f.customer("K1", "PRIVATE", f.branchX, f.rmA);
        f.contact(k1, "VISIT", "2026-06-01T10:00");
        long k2 = f.customer("K2", "PRIVATE", f.branchX1, null);
        run("2026-06-30");
        assertThat(f.alerts("CUSTOMER", k1)).isEmpty();
        assertThat(f.alerts("CUSTOMER", k2)).containsExactly("CONTACT_OVERDUE OPEN 2026-06-30/null/null");
        // X1 has no head: X's head hears of it.
        assertThat(f.notifications("CUSTOMER", k2)).containsExactly(f.head + " ALERT");
        run("2026-07-01");
        assertThat(f.alerts("CUSTOMER", k1)).containsExactly("CONTACT_OVERDUE OPEN 2026-07-01/null/null");
        assertThat(f.notifications("CUSTOMER", k1)).containsExactly(f.rmA + " ALERT");
    }

    @Test
    void anAlertStillOpenSevenDaysLaterIsEscalatedOnceToTheHeads() {
        long e1 = f.opportunity(f.p + " 升级", f.rmB, f.branchX1, "2026-06-01T10:00");
        run("2026-06-16");
        run("2026-06-22");
        assertThat(f.opportunityAlerts(e1)).containsExactly("STALLED OPEN 2026-06-16/null/null");
        JsonNode day7 = run("2026-06-23");
        assertThat(day7.get("escalated").asInt()).isPositive();
        assertThat(f.opportunityAlerts(e1)).containsExactly("STALLED OPEN 2026-06-16/2026-06-23/null");
        run("2026-06-24");
        assertThat(f.notifications("OPPORTUNITY", e1)).containsExactly(f.rmB + " ALERT", f.head + " ESCALATION");

        long alertId = jdbc.queryForObject("select id from alert where record_id = ? and code = 'STALLED'",
                Long.class, e1);
        JsonNode mine = get(f.head, "/api/v1/notifications?size=100");
        JsonNode escalation = null;
        for (JsonNode n : mine.get("items")) {
            if (n.get("alertId").asLong() == alertId) {
                escalation = n;
            }
        }
        assertThat(escalation).isNotNull();
        assertThat(escalation.get("kind").asText()).isEqualTo("ESCALATION");
        assertThat(escalation.get("title").asText()).isEqualTo("预警升级（商机停滞仍未处理）：" + f.p + " 升级");
        assertThat(escalation.get("link").asText()).isEqualTo("/opportunities/" + e1);
        assertThat(escalation.get("readAt").isNull()).isTrue();
    }

    @Test
    void aReassignmentSendsLaterNotificationsToTheNewOwnerAndTheOldLinkSaysItIsGone() {
        long r1 = f.opportunity(f.p + " 移交", f.rmA, f.branchX, "2026-06-01T10:00", LocalDate.of(2026, 6, 20),
                "RM_DISCOVERED", "QUALIFIED");
        run("2026-06-16");
        assertThat(f.notifications("OPPORTUNITY", r1)).containsExactly(f.rmA + " ALERT");
        jdbc.update("update opportunity set owner_id = ?, branch_id = ? where id = ?", f.userId(f.rmB), f.branchX1,
                r1);
        run("2026-06-21");
        assertThat(f.notifications("OPPORTUNITY", r1)).containsExactly(f.rmA + " ALERT", f.rmB + " ALERT");

        long stalled = jdbc.queryForObject("select id from alert where record_id = ? and code = 'STALLED'",
                Long.class, r1);
        JsonNode old = null;
        for (JsonNode n : get(f.rmA, "/api/v1/notifications?unread=true&size=100").get("items")) {
            if (n.get("alertId").asLong() == stalled) {
                old = n;
            }
        }
        assertThat(old).isNotNull();
        assertThat(old.get("recordVisible").asBoolean()).isFalse();
        assertThat(old.get("link").isNull()).isTrue();
        // The list follows the record: the STALLED alert is rmB's now.
        JsonNode rmB = get(f.rmB, "/api/v1/alerts?code=STALLED&size=500");
        assertThat(ids(rmB)).contains(stalled);
        assertThat(ids(get(f.rmA, "/api/v1/alerts?code=STALLED&size=500"))).doesNotContain(stalled);
        assertThat(ids(get(f.head, "/api/v1/alerts?code=STALLED&size=500&branch=" + f.p + "X1"))).contains(stalled);
    }

    @Test
    void aCustomersAlertGoesWithTheBookAndAHandoverWaitsForARunningEvaluation() throws Exception {
        String leaving = f.user(f.p.toLowerCase() + "_rmc", "RM", f.branchX, "预警测试丁");
        long k = f.customer("K9", "PRIVATE", f.branchX, leaving);
        run("2026-06-30");
        long alert = jdbc.queryForObject("""
                select id from alert where record_kind = 'CUSTOMER' and record_id = ? and status = 'OPEN'""",
                Long.class, k);
        assertThat(ids(get(leaving, "/api/v1/alerts?status=OPEN&size=500"))).containsExactly(alert);

        // An evaluation holds its lock (the key is "ALERTS" in ASCII, AlertEvaluationStore) as a running one does:
        // the head's handover of the book waits on it, since the alerts being written could not follow otherwise.
        try (Connection evaluation = jdbc.getDataSource().getConnection()) {
            evaluation.setAutoCommit(false);
            try (var st = evaluation.createStatement()) {
                st.execute("select pg_advisory_xact_lock(" + 0x414C45525453L + ")");
            }
            CompletableFuture<Http.Response> handover = CompletableFuture.supplyAsync(() -> Http.basic(port, f.head)
                    .postJson("/api/v1/handovers", Map.of("fromRm", leaving, "toRms", List.of(f.rmA))));
            await("the handover waits for the evaluation").atMost(Duration.ofSeconds(30)).until(() ->
                    jdbc.queryForObject("""
                            select count(*) from pg_locks l join pg_database d on d.oid = l.database
                            where l.locktype = 'advisory' and not l.granted and d.datname = current_database()
                              and l.classid = ? and l.objid = ? and l.objsubid = 1""", Integer.class,
                            0x414CL, 0x45525453L) > 0);
            assertThat(handover).isNotDone();
            evaluation.commit();
            Http.Response done = handover.get(30, TimeUnit.SECONDS);
            assertThat(done.status()).as(done.toString()).isEqualTo(200);
        }
        assertThat(ids(get(f.rmA, "/api/v1/alerts?status=OPEN&size=500"))).contains(alert);
        assertThat(ids(get(leaving, "/api/v1/alerts?status=OPEN&size=500"))).isEmpty();
        assertThat(jdbc.queryForObject("select u.username from alert a join staff_user u on u.id = a.owner_id"
                + " where a.id = ?", String.class, alert)).isEqualTo(f.rmA);
    }

    @Test
    void theAlertListIsScopedLikeOpportunities() {
        long a = f.opportunity(f.p + " 范围甲", f.rmA, f.branchX, "2026-05-01T10:00");
        long b = f.opportunity(f.p + " 范围乙", f.rmB, f.branchX1, "2026-05-01T10:00");
        long y = f.opportunity(f.p + " 范围丙", f.rmY, f.branchY, "2026-05-01T10:00");
        run("2026-06-16");
        long alertA = openAlert(a);
        long alertB = openAlert(b);
        long alertY = openAlert(y);

        JsonNode ofA = get(f.rmA, "/api/v1/alerts?status=OPEN&size=500");
        assertThat(ids(ofA)).contains(alertA).doesNotContain(alertB, alertY);
        for (JsonNode i : ofA.get("items")) {
            assertThat(i.get("ownerRm").asText()).isEqualTo(f.rmA);
        }
        JsonNode item = ofA.get("items").get(0);
        assertThat(item.has("raisedOn") && item.has("escalatedOn") && item.has("resolvedOn") && item.has("customerNo")
                && item.has("opportunityId") && item.has("status") && item.has("code")).isTrue();
        JsonNode ofHead = get(f.head, "/api/v1/alerts?status=OPEN&size=500&code=STALLED");
        assertThat(ids(ofHead)).contains(alertA, alertB).doesNotContain(alertY);
        assertThat(ids(get(f.headY, "/api/v1/alerts?owner=" + f.rmA))).isEmpty();
        JsonNode byOwner = get(f.head, "/api/v1/alerts?owner=" + f.rmB + "&status=OPEN");
        assertThat(ids(byOwner)).contains(alertB).doesNotContain(alertA);
        assertThat(ids(get("admin", "/api/v1/alerts?owner=" + f.rmY + "&status=OPEN"))).contains(alertY);
    }

    @Test
    void theDashboardsAlertFiguresCountTheListsTheyOpen() {
        long a = f.opportunity(f.p + " 看板甲", f.rmA, f.branchX, "2026-05-01T10:00");
        long b = f.opportunity(f.p + " 看板乙", f.rmB, f.branchX1, "2026-05-01T10:00");
        long y = f.opportunity(f.p + " 看板丙", f.rmY, f.branchY, "2026-05-01T10:00");
        run("2026-06-16");
        run("2026-06-23");
        String x1 = f.p + "X1";
        JsonNode ofX1 = get(f.head, "/api/v1/alerts?status=OPEN&size=500&branch=" + x1);
        assertThat(ids(ofX1)).contains(openAlert(b)).doesNotContain(openAlert(a), openAlert(y));
        JsonNode escalated = get(f.head, "/api/v1/alerts?status=OPEN&size=500&branch=" + x1 + "&escalated=true");
        assertThat(ids(escalated)).contains(openAlert(b));
        for (JsonNode i : escalated.get("items")) {
            assertThat(i.get("escalatedOn").isNull()).isFalse();
        }

        Document page = Jsoup.parse(Http.session(port, f.head).get("/dashboard?branch=" + x1).body());
        Element open = page.getElementById("alerts-open");
        Element esc = page.getElementById("alerts-escalated");
        assertThat(open.text()).isEqualTo(String.valueOf(ofX1.get("total").asLong()));
        assertThat(esc.text()).isEqualTo(String.valueOf(escalated.get("total").asLong()));
        assertThat(open.attr("href")).isEqualTo("/alerts?status=OPEN&branch=" + x1);
        assertThat(esc.attr("href")).isEqualTo("/alerts?status=OPEN&branch=" + x1 + "&escalated=true");
        Document list = Jsoup.parse(Http.session(port, f.head).get(open.attr("href")).body());
        assertThat(list.select("#alert-list tbody tr")).hasSize((int) ofX1.get("total").asLong());
        assertThat(list.getElementById("alert-narrowed").text()).contains(x1);

        // The RM's own dashboard counts their own alerts, as their list does.
        Document rm = Jsoup.parse(Http.session(port, f.rmB).get("/dashboard").body());
        assertThat(rm.getElementById("alerts-open").text())
                .isEqualTo(String.valueOf(get(f.rmB, "/api/v1/alerts?status=OPEN").get("total").asLong()));

        assertThat(Http.basic(port, f.headY).get("/api/v1/alerts?branch=" + x1).status()).isEqualTo(403);
        Http.Response bad = Http.basic(port, f.head).get("/api/v1/alerts?escalated=maybe");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(field(bad)).isEqualTo("escalated");
        assertThat(bad.json().get("errors").get(0).get("message").asText()).contains("maybe");
    }

    @Test
    void notificationsAreTheCallersOwnAndMarkedReadOneByOne() {
        long n1 = f.opportunity(f.p + " 通知", f.rmA, f.branchX, "2026-05-01T10:00");
        run("2026-06-16");
        long notification = jdbc.queryForObject("""
                select n.id from notification n join alert a on a.id = n.alert_id
                where a.record_kind = 'OPPORTUNITY' and a.record_id = ?""",
                Long.class, n1);
        long before = get(f.rmA, "/api/v1/notifications/unread-count").get("count").asLong();
        assertThat(before).isPositive();
        assertThat(Http.basic(port, f.rmB).postJson("/api/v1/notifications/" + notification + "/read", Map.of())
                .status()).isEqualTo(404);
        Http.Response read = Http.basic(port, f.rmA).postJson("/api/v1/notifications/" + notification + "/read",
                Map.of());
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().get("readAt").isNull()).isFalse();
        assertThat(read.json().get("title").asText()).isEqualTo("商机停滞：" + f.p + " 通知");
        assertThat(get(f.rmA, "/api/v1/notifications/unread-count").get("count").asLong()).isEqualTo(before - 1);
        Http.Response all = Http.basic(port, f.rmA).postJson("/api/v1/notifications/read-all", Map.of());
        assertThat(all.status()).isEqualTo(200);
        assertThat(get(f.rmA, "/api/v1/notifications/unread-count").get("count").asLong()).isZero();
    }

    @Test
    void badInputIsRefusedWithATranslatedMessageAndChangesNothing() {
        int runs = jdbc.queryForObject("select count(*) from alert_run", Integer.class);
        Http.Response badDay = Http.basic(port, "admin").postJson("/api/v1/alerts/runs", Map.of("asOf", "2026-13-45"));
        assertThat(badDay.status()).isEqualTo(400);
        assertThat(field(badDay)).isEqualTo("asOf");
        assertThat(badDay.json().get("errors").get(0).get("message").asText()).contains("基准日");
        assertThat(jdbc.queryForObject("select count(*) from alert_run", Integer.class)).isEqualTo(runs);
        assertThat(Http.basic(port, f.rmA).postJson("/api/v1/alerts/runs", Map.of()).status()).isEqualTo(403);

        String settings = jdbc.queryForObject("select string_agg(code || enabled || days || escalate_after_days"
                + " || version, ',' order by code) from alert_setting", String.class);
        Http.Response negative = Http.basic(port, "admin").putJson("/api/v1/admin/alert-settings/CLOSE_DATE_PASSED",
                Map.of("days", -1, "enabled", true));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(field(negative)).isEqualTo("days");
        assertThat(negative.json().get("errors").get(0).get("message").asText()).isEqualTo("天数须在 0 到 366 之间。");
        Http.Response unknown = Http.basic(port, "admin").putJson("/api/v1/admin/alert-settings/NO_SUCH_CODE",
                Map.of("days", 3));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(field(unknown)).isEqualTo("code");
        Http.Response stale = Http.basic(port, "admin").putJson("/api/v1/admin/alert-settings/CLOSE_DATE_PASSED",
                Map.of("days", 0, "version", 9999));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(jdbc.queryForObject("select string_agg(code || enabled || days || escalate_after_days"
                + " || version, ',' order by code) from alert_setting", String.class)).isEqualTo(settings);

        Http.Response badStatus = Http.basic(port, f.rmA).get("/api/v1/alerts?status=LATE&code=NOPE");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("errors")).hasSize(2);
        Http.Response badUnread = Http.basic(port, f.rmA).get("/api/v1/notifications?unread=maybe");
        assertThat(badUnread.status()).isEqualTo(400);

        String mailUser = f.p.toLowerCase() + "_mail";
        Map<String, Object> user = new java.util.HashMap<>(Map.of("username", mailUser, "displayName", "预警邮件用户",
                "role", "RM", "branchCode", f.p + "X", "password", "Zq7#mLp2vX9r", "email", "not-an-address"));
        Http.Response badMail = Http.basic(port, "admin").postJson("/api/v1/admin/users", user);
        assertThat(badMail.status()).isEqualTo(400);
        assertThat(field(badMail)).isEqualTo("email");
        user.put("email", mailUser + "@bank.example.test");
        assertThat(Http.basic(port, "admin").postJson("/api/v1/admin/users", user).status()).isEqualTo(201);
        assertThat(jdbc.queryForObject("select email from staff_user where username = ?", String.class, mailUser))
                .isEqualTo(mailUser + "@bank.example.test");
        assertThat(Http.basic(port, "admin").postJson("/api/v1/admin/digests", Map.of()).status()).isEqualTo(409);

        JsonNode list = get("admin", "/api/v1/admin/alert-settings");
        assertThat(list).hasSize(6);
        assertThat(list.get(0).get("code").asText()).isEqualTo("STALLED");
        assertThat(list.get(5).get("code").asText()).isEqualTo("COMPLAINT_OVERDUE");
        assertThat(list.get(5).get("days").asInt()).isZero();
        assertThat(list.get(0).get("days").isNull()).isTrue();
        assertThat(list.get(3).get("days").asInt()).isEqualTo(7);
    }

    @Test
    void aChangeWithoutDaysKeepsThemAndNullDaysPutStalledBackOnThePipelinesDays() {
        String path = "/api/v1/admin/alert-settings/STALLED";
        Http admin = Http.basic(port, "admin");
        try {
            assertThat(admin.putJson(path, Map.of("days", 20)).status()).isEqualTo(200);
            JsonNode off = admin.putJson(path, Map.of("enabled", false)).json();
            assertThat(off.get("enabled").asBoolean()).isFalse();
            assertThat(off.get("days").asInt()).isEqualTo(20);
            Map<String, Object> reset = new java.util.HashMap<>();
            reset.put("days", null);
            reset.put("enabled", true);
            JsonNode back = admin.putJson(path, reset).json();
            assertThat(back.get("days").isNull()).isTrue();
            assertThat(back.get("enabled").asBoolean()).isTrue();
            // Another code keeps its days when only switched.
            JsonNode close = admin.putJson("/api/v1/admin/alert-settings/CLOSE_DATE_PASSED", Map.of("enabled", true))
                    .json();
            assertThat(close.get("days").isNull()).isFalse();
        } finally {
            jdbc.update("update alert_setting set days = null, enabled = true where code = 'STALLED'");
        }
    }

    private long openAlert(long opportunity) {
        return jdbc.queryForObject("select id from alert where record_kind = 'OPPORTUNITY' and record_id = ?"
                + " and status = 'OPEN'", Long.class, opportunity);
    }

    private static String field(Http.Response r) {
        return r.json().get("errors").get(0).get("field").asText();
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode i : page.get("items")) {
            ids.add(i.get("id").asLong());
        }
        return ids;
    }
}
