package org.bankcrm.web.handover;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Book handover (D32) through the API, on PostgreSQL: exact counts and owners after, to one RM and to several;
 * closed opportunities, done visits and other RMs' records stay; one audit entry; the scope; bad input; two
 * handovers of the same book at once.
 */
@CrmWebTest
class HandoverApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aBookGoesToOneRmWithWhatFollowsItAndClosedOpportunitiesStay() {
        HandoverFixture f = new HandoverFixture(port, jdbc);
        String leaving = f.rm("leave", "BR001");
        String taker = f.rm("take", "BR001");
        String other = f.rm("other", "BR001");
        String a = f.customer("A", 3_000_000, "BR001", leaving);
        String b = f.customer("B", 1_000_000, "BR001", leaving);
        String x = f.customer("X", 200_000, "BR001", other);
        long ownOpen = f.opportunity(a, leaving);
        long ownClosed = f.opportunity(a, leaving);
        f.lose(ownClosed);
        long othersOnA = f.opportunity(a, other);
        long unownedOnA = f.opportunity(a, null);
        long looseOnX = f.opportunity(x, leaving);
        long plannedA = f.visit(leaving, a, "PLANNED");
        long doneA = f.visit(leaving, a, "DONE");
        long plannedX = f.visit(leaving, x, "PLANNED");
        long othersVisitA = f.visit(other, a, "PLANNED");
        f.nextAction(ownOpen, leaving, false);
        f.nextAction(ownOpen, leaving, true);
        f.nextAction(ownClosed, leaving, false);
        f.nextAction(othersOnA, other, false);
        f.customerNextAction(b, leaving);
        f.nextAction(looseOnX, leaving, false);

        // Disabling the leaving RM offers the handover.
        Http admin = Http.basic(port, "admin");
        var disabled = admin.postJson("/api/v1/admin/users/" + leaving + "/disable", Map.of());
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.header("Link")).isEqualTo("</handover?from=" + leaving + ">; rel=\"handover\"");

        Http head = Http.basic(port, "head1");
        JsonNode book = head.get("/api/v1/handovers/book?rm=" + leaving).json();
        assertThat(book.get("customers").asInt()).isEqualTo(2);
        assertThat(book.get("opportunities").asInt()).isEqualTo(3);
        assertThat(book.get("visits").asInt()).isEqualTo(2);
        assertThat(book.get("nextActions").asInt()).isEqualTo(3);
        assertThat(book.get("aum").decimalValue()).isEqualByComparingTo("4000000.00");

        var res = head.postJson("/api/v1/handovers", Map.of("fromRm", leaving, "toRms", List.of(taker)));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        JsonNode r = res.json();
        assertThat(r.get("customers").asInt()).isEqualTo(2);
        assertThat(r.get("opportunities").asInt()).isEqualTo(3);
        assertThat(r.get("visits").asInt()).isEqualTo(2);
        assertThat(r.get("nextActions").asInt()).isEqualTo(3);
        assertThat(r.get("byTarget")).hasSize(1);
        assertThat(r.get("byTarget").get(0).get("ownerRm").asString()).isEqualTo(taker);

        assertThat(f.ownerOf(a)).isEqualTo(taker);
        assertThat(f.ownerOf(b)).isEqualTo(taker);
        assertThat(f.ownerOf(x)).isEqualTo(other);
        assertThat(f.ownerOf(ownOpen)).isEqualTo(taker);
        assertThat(f.ownerOf(unownedOnA)).isEqualTo(taker);
        assertThat(f.ownerOf(looseOnX)).isEqualTo(taker);
        assertThat(f.ownerOf(ownClosed)).isEqualTo(leaving);
        assertThat(f.ownerOf(othersOnA)).isEqualTo(other);
        assertThat(f.rmOfVisit(plannedA)).isEqualTo(taker);
        assertThat(f.rmOfVisit(plannedX)).isEqualTo(taker);
        assertThat(f.rmOfVisit(doneA)).isEqualTo(leaving);
        assertThat(f.rmOfVisit(othersVisitA)).isEqualTo(other);
        assertThat(f.ownerEvents(ownOpen)).containsExactly(leaving + "->" + taker);
        assertThat(f.ownerEvents(unownedOnA)).containsExactly("-->" + taker);
        assertThat(f.ownerEvents(ownClosed)).isEmpty();
        assertThat(f.ownerEvents(othersOnA)).isEmpty();

        List<Map<String, Object>> audit = jdbc.queryForList(
                "select actor, detail from audit_log where action = 'BOOK_HANDOVER' and entity_id = ?", leaving);
        assertThat(audit).hasSize(1);
        assertThat(audit.getFirst().get("actor")).isEqualTo("head1");
        assertThat((String) audit.getFirst().get("detail")).startsWith(
                "customers=2, aum=4000000.00, opportunities=3, visits=2, nextActions=3; to " + taker + " (2/3/2)");

        // Nothing is left: a second handover is a conflict, and moves nothing.
        var again = head.postJson("/api/v1/handovers", Map.of("fromRm", leaving, "toRms", List.of(other)));
        assertThat(again.status()).isEqualTo(409);
        assertThat(f.ownerOf(a)).isEqualTo(taker);
    }

    @Test
    void disablingAnRmWhoStillOwnsABookOnTheUsersPageOffersTheHandover() {
        HandoverFixture f = new HandoverFixture(port, jdbc);
        String leaving = f.rm("leave", "BR001");
        String idle = f.rm("idle", "BR001");
        f.customer("C", 100_000, "BR001", leaving);
        Http admin = Http.session(port, "admin");

        var res = admin.submit("/admin/users", "/admin/users/" + leaving + "/disable", Map.of());
        assertThat(res.status()).isEqualTo(302);
        String page = admin.get("/admin/users").body();
        assertThat(page).contains("id=\"handover-offer\"").contains("href=\"/handover?from=" + leaving + "\"");

        admin.submit("/admin/users", "/admin/users/" + idle + "/disable", Map.of());
        assertThat(admin.get("/admin/users").body()).doesNotContain("handover-offer");
        assertThat(Http.basic(port, "admin").postJson("/api/v1/admin/users/" + idle + "/disable", Map.of())
                .header("Link")).isEmpty();
    }

    @Test
    void aBookSpreadOverTwoRmsIsDealtByAumAndThePreviewMatches() {
        HandoverFixture f = new HandoverFixture(port, jdbc);
        String leaving = f.rm("leave", "BR001");
        String t1 = f.rm("t1", "BR001");
        String t2 = f.rm("t2", "BR001");
        String other = f.rm("other", "BR001");
        String c1 = f.customer("C1", 5_000_000, "BR001", leaving);
        String c2 = f.customer("C2", 4_000_000, "BR001", leaving);
        String c3 = f.customer("C3", 3_000_000, "BR001", leaving);
        String c4 = f.customer("C4", 2_000_000, "BR001", leaving);
        String c5 = f.customer("C5", 1_000_000, "BR001", leaving);
        String y = f.customer("Y", 500_000, "BR001", other);
        long onC1 = f.opportunity(c1, leaving);
        long onC2 = f.opportunity(c2, leaving);
        long looseOnY = f.opportunity(y, leaving);
        long visitC4 = f.visit(leaving, c4, "PLANNED");

        Http head = Http.basic(port, "head1");
        Map<String, Object> body = Map.of("fromRm", leaving, "toRms", List.of(t1, t2));
        JsonNode preview = head.postJson("/api/v1/handovers/preview", body).json();
        assertThat(f.ownerOf(c1)).isEqualTo(leaving);

        var res = head.postJson("/api/v1/handovers", body);
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        JsonNode r = res.json();
        assertThat(r).isEqualTo(preview);
        assertThat(r.get("customers").asInt()).isEqualTo(5);
        assertThat(r.get("opportunities").asInt()).isEqualTo(3);
        JsonNode first = r.get("byTarget").get(0);
        JsonNode second = r.get("byTarget").get(1);
        assertThat(first.get("ownerRm").asString()).isEqualTo(t1);
        assertThat(first.get("customers").asInt()).isEqualTo(3);
        assertThat(first.get("aum").decimalValue()).isEqualByComparingTo("9000000");
        assertThat(first.get("opportunities").asInt()).isEqualTo(1);
        assertThat(first.get("visits").asInt()).isZero();
        assertThat(second.get("ownerRm").asString()).isEqualTo(t2);
        assertThat(second.get("customers").asInt()).isEqualTo(2);
        assertThat(second.get("aum").decimalValue()).isEqualByComparingTo("6000000");
        assertThat(second.get("opportunities").asInt()).isEqualTo(2);
        assertThat(second.get("visits").asInt()).isEqualTo(1);

        assertThat(List.of(f.ownerOf(c1), f.ownerOf(c2), f.ownerOf(c3), f.ownerOf(c4), f.ownerOf(c5)))
                .containsExactly(t1, t2, t1, t2, t1);
        assertThat(f.ownerOf(onC1)).isEqualTo(t1);
        assertThat(f.ownerOf(onC2)).isEqualTo(t2);
        // The sixth turn (5 customers dealt) falls to the second RM.
        assertThat(f.ownerOf(looseOnY)).isEqualTo(t2);
        assertThat(f.ownerOf(y)).isEqualTo(other);
        assertThat(f.rmOfVisit(visitC4)).isEqualTo(t2);
    }

    @Test
    void badTargetsAreRefusedWithTranslatedFieldMessagesAndChangeNothing() {
        HandoverFixture f = new HandoverFixture(port, jdbc);
        String leaving = f.rm("leave", "BR001");
        String gone = f.rm("gone", "BR001");
        String c = f.customer("C", 100_000, "BR001", leaving);
        Http admin = Http.basic(port, "admin");
        assertThat(admin.postJson("/api/v1/admin/users/" + gone + "/disable", Map.of()).status()).isEqualTo(200);
        Http head = Http.basic(port, "head1").language("en");

        var empty = head.postJson("/api/v1/handovers", Map.of("fromRm", leaving, "toRms", List.of()));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("errors").get(0).get("field").asString()).isEqualTo("toRms");
        assertThat(empty.json().get("errors").get(0).get("message").asString())
                .isEqualTo("Choose at least one RM to take over.");

        var bad = head.postJson("/api/v1/handovers", Map.of("fromRm", leaving,
                "toRms", List.of(leaving, gone, "head1", "rm3", f.tag + "_nobody")));
        assertThat(bad.status()).isEqualTo(400);
        List<String> messages = new ArrayList<>();
        bad.json().get("errors").forEach(e -> messages.add(e.get("message").asString()));
        assertThat(messages).containsExactly(
                leaving + " is the leaving RM and cannot take over their own book.",
                gone + " is not an active relationship manager in your branch subtree.",
                "head1 is not an active relationship manager in your branch subtree.",
                "rm3 is not an active relationship manager in your branch subtree.",
                f.tag + "_nobody is not an active relationship manager in your branch subtree.");

        var zh = Http.basic(port, "head1").language("zh-CN").postJson("/api/v1/handovers",
                Map.of("fromRm", leaving, "toRms", List.of("rm3")));
        assertThat(zh.json().get("errors").get(0).get("message").asString())
                .isEqualTo("rm3 不是您所辖机构内在岗的客户经理。");
        assertThat(head.postJson("/api/v1/handovers", Map.of("toRms", List.of("rm1"))).status()).isEqualTo(400);

        assertThat(f.ownerOf(c)).isEqualTo(leaving);
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'BOOK_HANDOVER'"
                + " and entity_id = ?", Long.class, leaving)).isZero();
    }

    @Test
    void anRmOutsideTheHeadsSubtreeIsNotFoundAndAnRmMayNotHandOver() {
        HandoverFixture f = new HandoverFixture(port, jdbc);
        String leaving = f.rm("leave", "BR001");
        String taker = f.rm("take", "BR001");
        String c = f.customer("C", 100_000, "BR001", leaving);
        Map<String, Object> body = Map.of("fromRm", leaving, "toRms", List.of(taker));

        assertThat(Http.basic(port, "head2").postJson("/api/v1/handovers", body).status()).isEqualTo(404);
        assertThat(Http.basic(port, "head2").get("/api/v1/handovers/book?rm=" + leaving).status()).isEqualTo(404);
        assertThat(Http.basic(port, "head2").postJson("/api/v1/handovers",
                Map.of("fromRm", f.tag + "_nobody", "toRms", List.of("rm3"))).status()).isEqualTo(404);
        assertThat(Http.basic(port, "rm1").postJson("/api/v1/handovers", body).status()).isEqualTo(403);
        assertThat(Http.session(port, "head2").get("/handover?from=" + leaving).status()).isEqualTo(404);
        assertThat(f.ownerOf(c)).isEqualTo(leaving);
    }

    @Test
    void twoHandoversOfTheSameBookAtOnceMoveItOnce() throws Exception {
        HandoverFixture f = new HandoverFixture(port, jdbc);
        String leaving = f.rm("leave", "BR001");
        String t1 = f.rm("t1", "BR001");
        String t2 = f.rm("t2", "BR001");
        List<String> book = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            book.add(f.customer("C" + i, 100_000L * (i + 1), "BR001", leaving));
        }
        long opp = f.opportunity(book.getFirst(), leaving);
        Http head = Http.basic(port, "head1");
        Http admin = Http.basic(port, "admin");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> calls = List.of(
                () -> {
                    start.await();
                    return head.postJson("/api/v1/handovers", Map.of("fromRm", leaving, "toRms", List.of(t1)))
                            .status();
                },
                () -> {
                    start.await();
                    return admin.postJson("/api/v1/handovers", Map.of("fromRm", leaving, "toRms", List.of(t2)))
                            .status();
                });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> answers = calls.stream().map(pool::submit).toList();
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> a : answers) {
                statuses.add(a.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdown();
        }
        String taker = f.ownerOf(book.getFirst());
        assertThat(taker).isIn(t1, t2);
        for (String c : book) {
            assertThat(f.ownerOf(c)).isEqualTo(taker);
        }
        assertThat(f.ownerEvents(opp)).containsExactly(leaving + "->" + taker);
        assertThat(jdbc.queryForObject("select count(*) from audit_log where action = 'BOOK_HANDOVER'"
                + " and entity_id = ?", Long.class, leaving)).isEqualTo(1);
    }
}
