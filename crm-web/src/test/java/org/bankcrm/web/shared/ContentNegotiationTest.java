package org.bankcrm.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.bankcrm.web.testsupport.CrmWebTest;
import org.bankcrm.web.testsupport.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A body the server cannot read is 415; an answer the client will not accept is 406. */
@CrmWebTest
class ContentNegotiationTest {

    @LocalServerPort
    int port;

    @Test
    void anAnswerInNoAcceptedTypeIsNotAcceptable() {
        var res = Http.basic(port, "rm1").language("en").get("/api/v1/me", Map.of("Accept", "image/png"));
        assertThat(res.status()).isEqualTo(406);
        assertThat(res.header("Content-Type")).startsWith("application/problem+json");
        assertThat(res.json().path("status").asInt()).isEqualTo(406);
        assertThat(res.json().path("detail").asText())
                .isEqualTo("The answer cannot be given in any of the requested formats.");
    }

    @Test
    void aBodyOfAnUnreadableTypeIsUnsupported() {
        var res = Http.basic(port, "rm1").language("en").postForm("/api/v1/customers", Map.of("name", "x"));
        assertThat(res.status()).isEqualTo(415);
        assertThat(res.json().path("detail").asText()).isEqualTo("This content type is not supported.");
    }
}
