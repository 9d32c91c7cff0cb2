package org.bankcrm.web.incentive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Loss analysis (issue 17, {@code /api/v1/dashboard/lost}) against a hand-built set in {@link IncentiveFixture}'s
 * bank: lost in the period by reason, by category × reason and by RM; the period's bank-day edges; scope as the
 * pipeline's, and the same count as the pipeline's {@code closed.lost}.
 */
@CrmWebTest
class LossAnalysisApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void lostDealsByReasonByCategoryAndReasonAndByRmForThePeriod() {
        IncentiveFixture f = new IncentiveFixture(jdbc);
        f.lost(f.rm, "WEALTH", "1000.10", "PRICE", "2025-03-01T00:00:00");
        f.lost(f.rm, "FUND", "2000.20", "PRICE", "2025-03-15T12:00:00");
        f.lost(f.rm, "LOAN_CONSUMER", "3000.00", "COMPETITOR", "2025-03-31T23:59:59");
        f.lost(f.rm, "WEALTH", "9999.00", "PRICE", "2025-02-28T23:59:59");
        f.lost(f.rm, "WEALTH", "9999.00", "PRICE", "2025-04-01T00:00:00");
        f.won(f.rm, "WEALTH", "5000.00", "2025-03-10T10:00:00");
        f.lost(f.rmY, "WEALTH", "7000.00", "NO_NEED", "2025-03-10T10:00:00");
        String q = "?branch=" + f.p + "X&from=2025-03-01&to=2025-03-31";

        Http.Response r = Http.basic(port, f.head).get("/api/v1/dashboard/lost" + q);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode lost = r.json();
        assertThat(lost.get("lost").asLong()).isEqualTo(3);
        assertThat(lost.get("amount").decimalValue()).isEqualByComparingTo("6000.30");
        assertThat(lines(lost.get("byReason"), "reason", "count", "amount"))
                .containsExactly("PRICE 2 3000.30", "COMPETITOR 1 3000.00");
        assertThat(lines(lost.get("byCategory"), "category", "reason", "count"))
                .containsExactly("LOAN COMPETITOR 1", "WEALTH PRICE 2");
        assertThat(lost.get("byOwner")).hasSize(1);
        assertThat(lost.get("byOwner").get(0).get("ownerRm").asText()).isEqualTo(f.rm);
        assertThat(lost.get("byOwner").get(0).get("lost").asLong()).isEqualTo(3);

        // The pipeline counts the same lost deals.
        assertThat(Http.basic(port, f.head).get("/api/v1/dashboard/pipeline" + q).json().get("closed").get("lost")
                .asLong()).isEqualTo(3);
        // An RM their own figures only; another branch's head is refused, as for the pipeline.
        assertThat(Http.basic(port, f.rm).get("/api/v1/dashboard/lost?from=2025-03-01&to=2025-03-31").json()
                .get("lost").asLong()).isEqualTo(3);
        assertThat(Http.basic(port, f.headY).get("/api/v1/dashboard/lost" + q).status()).isEqualTo(403);
        assertThat(Http.basic(port, f.teller).get("/api/v1/dashboard/lost" + q).status()).isIn(403, 404);
        assertThat(Http.basic(port, f.head).get("/api/v1/dashboard/lost?from=2025-03-31&to=2025-03-01").status())
                .isEqualTo(400);
        assertThat(Http.basic(port, f.head).get("/api/v1/dashboard/lost?from=nope").status()).isEqualTo(400);
    }

    private static List<String> lines(JsonNode array, String... fields) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            List<String> parts = new ArrayList<>();
            for (String field : fields) {
                parts.add(n.get(field).isNumber() && field.equals("amount")
                        ? n.get(field).decimalValue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()
                        : n.get(field).asText());
            }
            out.add(String.join(" ", parts));
        }
        return out;
    }
}
