package org.bankcrm.web.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.bankcrm.domain.scoring.Factor;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.bankcrm.web.testsupport.SessionClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The scoring page refuses to activate a model that ranks the closed opportunities worse than the active one
 * (or than chance) until the admin ticks the confirmation; the refusal changes nothing and says why (D39).
 */
@CrmWebTest
class ScoringConfirmationTest {

    @LocalServerPort
    int port;

    @AfterEach
    void restoreDefaultWeights() throws InterruptedException {
        Http admin = Http.basic(port, "admin");
        int version = version();
        var restored = admin.putJson("/api/v1/scoring/model", Map.of(
                "weights", ScoringApiTest.weights(30, 15, 15, 10, 15, 5, 5, 5),
                "bandThresholds", Map.of("A", 80, "B", 60, "C", 40)));
        ScoringApiTest.waitForRescoring(admin, restored.json().get("version").asInt());
        assertThat(restored.json().get("version").asInt()).isGreaterThan(version);
    }

    private int version() {
        return Http.basic(port, "admin").get("/api/v1/scoring/model").json().get("version").asInt();
    }

    /** All weight on one factor, the others nothing. */
    private static Map<String, Integer> only(Factor factor) {
        Map<String, Integer> w = new java.util.LinkedHashMap<>();
        for (Factor f : Factor.values()) {
            w.put(f.name(), f == factor ? 100 : 0);
        }
        return w;
    }

    private static String form(Map<String, Integer> weights, boolean confirm) {
        StringJoiner body = new StringJoiner("&");
        weights.forEach((f, w) -> body.add("weights%5B" + f + "%5D=" + w));
        body.add("bandA=80").add("bandB=60").add("bandC=40");
        if (confirm) {
            body.add("confirmWeaker=true");
        }
        return body.toString();
    }

    @Test
    void aWeakerModelIsActivatedOnlyWithTheConfirmation() throws Exception {
        Http admin = Http.basic(port, "admin");
        // On the demo's closed opportunities: a one-factor model that ranks them worse than the active one, and
        // one that ranks them no worse than the active one and better than chance.
        Map<String, Integer> weaker = null;
        Map<String, Integer> notWeaker = null;
        List<String> tried = new ArrayList<>();
        for (Factor f : Factor.values()) {
            var p = admin.postJson("/api/v1/scoring/model/preview", Map.of("weights", only(f))).json();
            double proposed = p.get("proposed").get("auc").asDouble();
            double current = p.get("current").get("auc").asDouble();
            tried.add(f + " " + proposed + " vs " + current);
            if (proposed < current && weaker == null) {
                weaker = only(f);
            } else if (proposed >= current && proposed >= 0.5 && notWeaker == null) {
                notWeaker = only(f);
            }
        }
        assertThat(weaker).as("a one-factor model weaker than the active one: %s", tried).isNotNull();
        assertThat(notWeaker).as("a one-factor model not weaker: %s", tried).isNotNull();

        SessionClient page = new SessionClient(port, "admin");
        HttpResponse<String> fine = page.send("POST", "/admin/scoring/preview", "application/x-www-form-urlencoded",
                form(notWeaker, false));
        assertThat(Jsoup.parse(fine.body()).selectFirst("#preview-result")).isNotNull();
        assertThat(Jsoup.parse(fine.body()).selectFirst("#weaker-warning")).isNull();

        int before = version();
        HttpResponse<String> refused = page.send("POST", "/admin/scoring", "application/x-www-form-urlencoded",
                form(weaker, false));
        assertThat(refused.statusCode()).isEqualTo(200);
        Document doc = Jsoup.parse(refused.body());
        assertThat(doc.selectFirst("#scoring-problems").text()).contains("提议模型的 AUC 为").contains("请勾选");
        assertThat(doc.selectFirst("#weaker-warning").text()).contains("提议模型的 AUC 为");
        assertThat(doc.selectFirst("#confirm-weaker").attr("form")).isEqualTo("scoring-form");
        assertThat(doc.selectFirst("#confirm-weaker").hasClass("is-invalid")).isTrue();
        assertThat(version()).as("nothing activated").isEqualTo(before);

        // The preview warns before any activation, and offers the box in the form.
        HttpResponse<String> preview = page.send("POST", "/admin/scoring/preview", "application/x-www-form-urlencoded",
                form(weaker, false));
        assertThat(Jsoup.parse(preview.body()).selectFirst("#weaker-warning #confirm-weaker")).isNotNull();

        HttpResponse<String> confirmed = page.send("POST", "/admin/scoring", "application/x-www-form-urlencoded",
                form(weaker, true));
        assertThat(confirmed.statusCode()).isEqualTo(302);
        assertThat(version()).isEqualTo(before + 1);
        ScoringApiTest.waitForRescoring(admin, before + 1);
    }
}
