package org.bankcrm.web.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Satisfaction (D46): a follow-up's rating through the API (1–5, else a translated 400 and nothing logged), and
 * {@code /api/v1/dashboard/satisfaction} against a hand-built set of ratings in March 2025, in the fixture's branches.
 */
@CrmWebTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SatisfactionApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ComplaintFixture f;

    @BeforeAll
    void seed() {
        f = new ComplaintFixture(jdbc);
        String a = f.customer("SA", f.branchX, f.rmA);
        String b = f.customer("SB", f.branchX1, f.rmB);
        // rmA: eight ratings summing 33 (4.125: 4.13 half-up, where half-even would say 4.12).
        for (int r : new int[] {5, 4, 4, 4, 4, 4, 4, 4}) {
            f.rated(a, f.rmA, "2025-03-10T10:00", r);
        }
        // rmB: 3 on the period's first minute and 4 on its last, 7 ÷ 2 = 3.50; just outside, and unrated, ignored.
        f.rated(b, f.rmB, "2025-03-01T00:00", 3);
        f.rated(b, f.rmB, "2025-03-31T23:59", 4);
        f.rated(b, f.rmB, "2025-02-28T23:59", 1);
        f.rated(b, f.rmB, "2025-04-01T00:00", 1);
        f.rated(b, f.rmB, "2025-03-15T10:00", null);
        // The head rates a call on rmA's customer: credited to the head, its author.
        f.rated(a, f.head, "2025-03-20T10:00", 1);
    }

    private JsonNode figures(String user, String query) {
        Http.Response r = Http.basic(port, user).get("/api/v1/dashboard/satisfaction?from=2025-03-01&to=2025-03-31"
                + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private String owners(JsonNode s) {
        StringBuilder b = new StringBuilder();
        s.get("byOwner").valueStream().forEach(o -> b.append(o.get("ownerRm").asString()).append('=')
                .append(o.get("responses").asLong()).append('/')
                .append(o.get("average").decimalValue().setScale(2).toPlainString()).append(' '));
        return b.toString().strip();
    }

    @Test
    void figuresMatchTheHandBuiltSet() {
        JsonNode branch = figures(f.head, "&branch=" + f.branchXCode);
        assertThat(branch.get("responses").asLong()).isEqualTo(11);
        // (33 + 7 + 1) ÷ 11 = 3.7272… → 3.73
        assertThat(branch.get("average").decimalValue()).isEqualByComparingTo("3.73");
        assertThat(owners(branch)).isEqualTo(f.head + "=1/1.00 " + f.rmA + "=8/4.13 " + f.rmB + "=2/3.50");
        Http.Response raw = Http.basic(port, f.head).get("/api/v1/dashboard/satisfaction?from=2025-03-01"
                + "&to=2025-03-31&owner=" + f.head);
        assertThat(raw.body()).contains("\"responses\":1,\"average\":1.00");
        assertThat(branch.get("byMonth").get(0).get("month").asString()).isEqualTo("2025-03");
        assertThat(branch.get("byMonth").size()).isEqualTo(1);

        JsonNode rmA = figures(f.rmA, "");
        assertThat(rmA.get("responses").asLong()).isEqualTo(8);
        assertThat(rmA.get("average").decimalValue()).isEqualByComparingTo("4.13");
        JsonNode narrowed = figures(f.head, "&owner=" + f.rmB);
        assertThat(owners(narrowed)).isEqualTo(f.rmB + "=2/3.50");

        // No ratings: no responses and no average.
        Http.Response none = Http.basic(port, f.head).get("/api/v1/dashboard/satisfaction?from=2024-01-01"
                + "&to=2024-01-31&branch=" + f.branchXCode);
        assertThat(none.json().get("responses").asLong()).isZero();
        assertThat(none.json().get("average").isNull()).isTrue();
        assertThat(none.json().get("byOwner").size()).isZero();

        // Out of scope as on the pipeline dashboard.
        assertThat(Http.basic(port, f.headY).get("/api/v1/dashboard/satisfaction?branch=" + f.branchXCode)
                .status()).isEqualTo(403);
        assertThat(Http.basic(port, f.refX).get("/api/v1/dashboard/satisfaction").status()).isEqualTo(403);
    }

    @Test
    void aBranchListsItsOwnPeopleWithWhatEachWroteAndNoOneElse() {
        // May 2025: rmY (branch Y) rates a customer of X as a team member would, and one of Y's own.
        String x = f.customer("SX5", f.branchX, f.rmA);
        String y = f.customer("SY5", f.branchY, f.rmY);
        f.rated(x, f.rmY, "2025-05-10T10:00", 2);
        f.rated(y, f.rmY, "2025-05-12T10:00", 4);
        String may = "/api/v1/dashboard/satisfaction?from=2025-05-01&to=2025-05-31";
        // X counts its customer's rating, but rmY is none of X's people: not listed on X's page.
        JsonNode branchX = Http.basic(port, f.head).get(may + "&branch=" + f.branchXCode).json();
        assertThat(branchX.get("responses").asLong()).isEqualTo(1);
        assertThat(owners(branchX)).isEmpty();
        // Y's line for rmY is rmY's own figure (both ratings), as rmY and Y's head read it with owner set.
        JsonNode branchY = Http.basic(port, f.headY).get(may).json();
        assertThat(branchY.get("responses").asLong()).isEqualTo(1);
        assertThat(owners(branchY)).isEqualTo(f.rmY + "=2/3.00");
        assertThat(owners(Http.basic(port, f.headY).get(may + "&owner=" + f.rmY).json()))
                .isEqualTo(f.rmY + "=2/3.00");
        JsonNode own = Http.basic(port, f.rmY).get(may).json();
        assertThat(own.get("responses").asLong()).isEqualTo(2);
        assertThat(own.get("average").decimalValue()).isEqualByComparingTo("3.00");
    }

    @Test
    void aFollowUpCarriesARatingOfOneToFiveAndNothingElse() {
        String c = f.customer("SF", f.branchX, f.rmA);
        String path = "/api/v1/customers/" + c + "/follow-ups";
        Map<String, Object> body = new HashMap<>(Map.of("type", "CALL", "summary", "回访"));
        body.put("satisfaction", 5);
        Http.Response ok = Http.basic(port, f.rmA).postJson(path, body);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
        assertThat(ok.json().get("satisfaction").asInt()).isEqualTo(5);
        for (Object bad : new Object[] {0, 6, "x", 4.5}) {
            body.put("satisfaction", bad);
            Http.Response r = Http.basic(port, f.rmA).postJson(path, body);
            assertThat(r.status()).as(bad + ": " + r).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("satisfaction");
        }
        body.put("satisfaction", 0);
        assertThat(Http.basic(port, f.rmA).postJson(path, body).json().get("errors").get(0).get("message")
                .asString()).isEqualTo("满意度应为 1 到 5 的整数。");
        body.remove("satisfaction");
        assertThat(Http.basic(port, f.rmA).postJson(path, body).json().get("satisfaction").isNull()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from follow_up fu join customer cu on cu.id = fu.customer_id"
                + " where cu.customer_no = ?", Long.class, c)).isEqualTo(2);
    }
}
