package org.bankcrm.web.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@CrmWebTest
class CustomerApiTest {

    private static final AtomicInteger SEQ = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    static Map<String, Object> retail(String no) {
        Map<String, Object> m = new HashMap<>();
        m.put("customerNo", no);
        m.put("type", "RETAIL");
        m.put("name", "测试客户");
        m.put("idNo", "110105199001010021");
        m.put("phone", "13812348000");
        m.put("birthDate", "1990-01-01");
        m.put("branchCode", "BR001");
        m.put("aum", 600000.5);
        return m;
    }

    private long customers() {
        return jdbc.queryForObject("select count(*) from customer", Long.class);
    }

    @Test
    void anRmRegistersACustomerOfTheirBranchAndOwnsIt() {
        String no = "T-CUST-" + SEQ.incrementAndGet();
        var res = Http.basic(port, "rm1").postJson("/api/v1/customers", retail(no));
        assertThat(res.status()).isEqualTo(201);
        assertThat(res.header("Location")).endsWith("/api/v1/customers/" + no);
        var body = res.json();
        assertThat(body.get("ownerRm").asString()).isEqualTo("rm1");
        assertThat(body.get("tier").asString()).isEqualTo("PLATINUM");
        assertThat(body.get("idNoMasked").asString()).isEqualTo("110105********0021");
        assertThat(body.get("phoneMasked").asString()).isEqualTo("138****8000");
        assertThat(res.body()).doesNotContain("110105199001010021").doesNotContain("13812348000");

        var read = Http.basic(port, "rm1").get("/api/v1/customers/" + no);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("holdings").isArray()).isTrue();
        assertThat(Http.basic(port, "rm2").get("/api/v1/customers/" + no).status()).isEqualTo(404);
        assertThat(Http.basic(port, "head1").get("/api/v1/customers/" + no).status()).isEqualTo(200);
    }

    @Test
    void searchMatchesNumberPrefixOrNamePart() {
        Http rm1 = Http.basic(port, "rm1");
        String no = "T-SRCH-" + SEQ.incrementAndGet();
        Map<String, Object> c = retail(no);
        c.put("name", "欧阳查询");
        assertThat(rm1.postJson("/api/v1/customers", c).status()).isEqualTo(201);
        assertThat(rm1.get("/api/v1/customers?q=" + no).json().get("total").asInt()).isEqualTo(1);
        assertThat(rm1.get("/api/v1/customers?q=%E6%9F%A5%E8%AF%A2").json().get("items").get(0)
                .get("customerNo").asString()).isEqualTo(no);
        assertThat(rm1.get("/api/v1/customers?q=%25").json().get("total").asInt()).isZero();
        var page = rm1.get("/api/v1/customers?page=0&size=3").json();
        assertThat(page.get("size").asInt()).isEqualTo(3);
        assertThat(page.get("items").size()).isLessThanOrEqualTo(3);
    }

    @ParameterizedTest(name = "{0}={1} → 400 on {0}")
    @CsvSource(delimiter = '|', value = {
            "customerNo|bad no!", "customerNo|''", "type|PERSON", "name|''", "birthDate|2999-01-01",
            "birthDate|1990-13-45", "aum|-5", "aum|1.234", "aum|'1,000.00'", "branchCode|NOPE999",
            "branchCode|BR002", "ownerRm|rm2", "employerNo|R00020001", "industry|制造业", "phone|abc"})
    void badInputIsRefusedWithTheFieldAndChangesNothing(String field, String value) {
        long before = customers();
        Map<String, Object> body = retail("T-BAD-" + SEQ.incrementAndGet());
        body.put(field, value);
        var res = Http.basic(port, "rm1").postJson("/api/v1/customers", body);
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.header("Content-Type")).startsWith("application/problem+json");
        assertThat(res.body()).contains("\"field\":\"" + field + "\"");
        assertThat(res.body()).doesNotContain("Exception").doesNotContain("org.");
        assertThat(customers()).isEqualTo(before);
    }

    @Test
    void aDuplicateNumberIsRefused() {
        String no = "T-DUP-" + SEQ.incrementAndGet();
        assertThat(Http.basic(port, "rm1").postJson("/api/v1/customers", retail(no)).status()).isEqualTo(201);
        var again = Http.basic(port, "rm1").postJson("/api/v1/customers", retail(no));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("errors").get(0).get("message").asString()).contains(no);
    }

    @Test
    void aHeadRegistersForAnRmOfTheirBranch() {
        Map<String, Object> body = retail("T-HEAD-" + SEQ.incrementAndGet());
        body.put("ownerRm", "rm2");
        var res = Http.basic(port, "head1").postJson("/api/v1/customers", body);
        assertThat(res.status()).isEqualTo(201);
        assertThat(res.json().get("ownerRm").asString()).isEqualTo("rm2");
        body = retail("T-HEAD-" + SEQ.incrementAndGet());
        body.put("ownerRm", "rm3");
        assertThat(Http.basic(port, "head1").postJson("/api/v1/customers", body).status()).isEqualTo(400);
    }

    @Test
    void malformedJsonAndWrongTypesAre400() {
        assertThat(Http.basic(port, "rm1").postJson("/api/v1/customers", "{not json").status()).isEqualTo(400);
        assertThat(Http.basic(port, "rm1").get("/api/v1/customers?type=PERSON").status()).isEqualTo(400);
        assertThat(Http.basic(port, "rm1").get("/api/v1/customers?size=501").status()).isEqualTo(400);
        assertThat(Http.basic(port, "rm1").get("/api/v1/customers?page=-1").status()).isEqualTo(400);
    }

    @Test
    void aCorporateCustomerTakesCorporateFieldsOnly() {
        Map<String, Object> body = new HashMap<>();
        body.put("customerNo", "T-CORP-" + SEQ.incrementAndGet());
        body.put("type", "CORPORATE");
        body.put("name", "测试科技有限公司");
        body.put("industry", "信息技术");
        body.put("companySize", "SMALL");
        body.put("branchCode", "BR001");
        body.put("aum", 1000000);
        body.put("annualContribution", 150000);
        var res = Http.basic(port, "rm1").postJson("/api/v1/customers", body);
        assertThat(res.status()).isEqualTo(201);
        assertThat(res.json().get("tier").asString()).isEqualTo("GENERAL");
        body.put("customerNo", "T-CORP-" + SEQ.incrementAndGet());
        body.put("birthDate", LocalDate.of(1990, 1, 1).toString());
        assertThat(Http.basic(port, "rm1").postJson("/api/v1/customers", body).status()).isEqualTo(400);
    }
}
