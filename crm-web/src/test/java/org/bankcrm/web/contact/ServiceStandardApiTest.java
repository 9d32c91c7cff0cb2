package org.bankcrm.web.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The service standards API: everyone reads the nine tiers, only the admin changes one, with its version; every
 * bad input is a 400 naming the field, translated, and changes nothing; the customer page's standing follows a
 * change at once. The tests change the GENERAL tier only and put its default back afterwards.
 */
@CrmWebTest
class ServiceStandardApiTest {

    private static final String PATH = "/api/v1/service-standards/GENERAL";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    /** Other tests (the fuzz) may have changed the tiers used here: each test starts from their defaults. */
    @BeforeEach
    void startFromDefaults() {
        restoreDefault();
        jdbc.update("update service_standard set contact_days = 30, contact_types = '{VISIT,MEETING}'"
                + " where tier = 'PRIVATE'");
        jdbc.update("update service_standard set contact_days = null, contact_types = '{}' where tier = 'MASS'");
    }

    @AfterEach
    void restoreDefault() {
        jdbc.update("update service_standard set contact_days = 90, contact_types = '{VISIT,MEETING,CALL}'"
                + " where tier = 'GENERAL'");
    }

    private String stored() {
        return jdbc.queryForObject("select contact_days || ' ' || array_to_string(contact_types, ',') || ' v'"
                + " || version from service_standard where tier = 'GENERAL'", String.class);
    }

    private int version() {
        return jdbc.queryForObject("select version from service_standard where tier = 'GENERAL'", Integer.class);
    }

    private static JsonNode entry(JsonNode list, String tier) {
        for (JsonNode e : list) {
            if (e.get("tier").asString().equals(tier)) {
                return e;
            }
        }
        throw new AssertionError("no " + tier);
    }

    @Test
    void everyoneSignedInReadsEveryTier() {
        JsonNode list = Http.basic(port, "rm1").get("/api/v1/service-standards").json();
        assertThat(list.size()).isEqualTo(9);
        JsonNode privateTier = entry(list, "PRIVATE");
        assertThat(privateTier.get("contactDays").asInt()).isEqualTo(30);
        assertThat(privateTier.get("contactTypes").toString()).isEqualTo("[\"VISIT\",\"MEETING\"]");
        assertThat(entry(list, "MASS").get("contactDays").isNull()).isTrue();
        assertThat(Http.anonymous(port).get("/api/v1/service-standards").status()).isEqualTo(401);
    }

    @Test
    void theAdminChangesATierDroppingDuplicateTypesAndItIsAudited() {
        int v = version();
        var res = Http.basic(port, "admin").putJson(PATH, Map.of("contactDays", 45,
                "contactTypes", List.of("VISIT", "CALL", "VISIT"), "version", v));
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().get("tier").asString()).isEqualTo("GENERAL");
        assertThat(res.json().get("contactDays").asInt()).isEqualTo(45);
        assertThat(res.json().get("contactTypes").toString()).isEqualTo("[\"VISIT\",\"CALL\"]");
        assertThat(res.json().get("version").asInt()).isEqualTo(v + 1);
        assertThat(stored()).isEqualTo("45 VISIT,CALL v" + (v + 1));
        assertThat(jdbc.queryForObject("select detail from audit_log where action = 'SERVICE_STANDARD'"
                + " and entity_id = 'GENERAL' order by id desc limit 1", String.class))
                .isEqualTo("90d [VISIT,MEETING,CALL] -> 45d [VISIT,CALL]");

        // No standard: contactDays null, and the types may then be empty.
        var none = Http.basic(port, "admin").putJson(PATH, new HashMap<>(Map.of("contactTypes", List.of())));
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().get("contactDays").isNull()).isTrue();
        assertThat(jdbc.queryForObject("select contact_days is null and cardinality(contact_types) = 0"
                + " from service_standard where tier = 'GENERAL'", Boolean.class)).isTrue();
    }

    @Test
    void anRmOrAHeadMayNotChangeAStandard() {
        String before = stored();
        Map<String, Object> body = Map.of("contactDays", 45, "contactTypes", List.of("VISIT"));
        assertThat(Http.basic(port, "rm1").putJson(PATH, body).status()).isEqualTo(403);
        assertThat(Http.basic(port, "head1").putJson(PATH, body).status()).isEqualTo(403);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        int v = version();
        assertThat(Http.basic(port, "admin").putJson(PATH, Map.of("contactDays", 60,
                "contactTypes", List.of("VISIT"), "version", v)).status()).isEqualTo(200);
        String before = stored();
        var stale = Http.basic(port, "admin").putJson(PATH, Map.of("contactDays", 20,
                "contactTypes", List.of("CALL"), "version", v));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void anUnknownTierIsNotFoundWithAMessage() {
        var res = Http.basic(port, "admin").putJson("/api/v1/service-standards/GOLDEN",
                Map.of("contactDays", 30, "contactTypes", List.of("VISIT")));
        assertThat(res.status()).isEqualTo(404);
        assertThat(res.body()).contains("没有这个客户层级：GOLDEN");
    }

    static List<Object[]> badInputs() {
        return List.of(
                new Object[]{"{\"contactDays\": 0, \"contactTypes\": [\"VISIT\"]}", "contactDays",
                    "联系周期应为 1 到 366 天之间的整数。"},
                new Object[]{"{\"contactDays\": 400, \"contactTypes\": [\"VISIT\"]}", "contactDays",
                    "联系周期应为 1 到 366 天之间的整数。"},
                new Object[]{"{\"contactDays\": 30.5, \"contactTypes\": [\"VISIT\"]}", "contactDays",
                    "请填写整数"},
                new Object[]{"{\"contactDays\": \"30\", \"contactTypes\": [\"VISIT\"]}", "contactDays",
                    "请填写整数"},
                new Object[]{"{\"contactDays\": 30, \"contactTypes\": []}", "contactTypes",
                    "至少选择一种计入联系的跟进方式"},
                new Object[]{"{\"contactDays\": 30}", "contactTypes", "至少选择一种计入联系的跟进方式"},
                new Object[]{"{\"contactDays\": 30, \"contactTypes\": [\"VISIT\", \"PHONE\"]}", "contactTypes",
                    "没有这种跟进方式：PHONE。"},
                new Object[]{"{\"contactDays\": 30, \"contactTypes\": [\"VISIT\"], \"days\": 30}", "days",
                    "不支持这个字段。"});
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputIsRefusedWithTheFieldAndChangesNothing(String json, String field, String message) throws Exception {
        String before = stored();
        var client = java.net.http.HttpClient.newHttpClient();
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + PATH))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString(("admin:" + Http.DEMO_PASSWORD).getBytes()))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build();
        var res = client.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(res.body()).contains("\"field\":\"" + field + "\"").contains(message);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void messagesComeInEnglishToo() {
        var res = Http.basic(port, "admin").language("en").putJson(PATH, Map.of("contactDays", 0,
                "contactTypes", List.of("FAX")));
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.body()).contains("The contact rhythm must be a whole number of days from 1 to 366.")
                .contains("There is no follow-up type FAX.");
    }

    @Test
    void aChangedStandardChangesTheCustomersStandingAtOnce() {
        String no = "T-STD-" + ThreadLocalRandom.current().nextInt(1_000_000);
        Map<String, Object> customer = new HashMap<>(Map.of("customerNo", no, "type", "CORPORATE",
                "name", "标准测试企业", "branchCode", "BR001", "industry", "制造业", "aum", 0));
        Http rm1 = Http.basic(port, "rm1");
        assertThat(rm1.postJson("/api/v1/customers", customer).status()).isEqualTo(201);
        jdbc.update("update customer set tier = 'GENERAL' where customer_no = ?", no);
        assertThat(rm1.postJson("/api/v1/customers/" + no + "/follow-ups",
                Map.of("type", "CALL", "summary", "电话回访")).status()).isEqualTo(201);
        Http page = Http.session(port, "rm1");
        assertThat(page.get("/customers/" + no).body()).contains("id=\"standing-badge\">已覆盖</span>")
                .contains("每 90 天，拜访/会议/电话");

        assertThat(Http.basic(port, "admin").putJson(PATH, Map.of("contactDays", 45,
                "contactTypes", List.of("VISIT"))).status()).isEqualTo(200);
        assertThat(page.get("/customers/" + no).body()).contains("id=\"standing-badge\">尚无达标联系</span>")
                .contains("每 45 天，拜访");
    }
}
