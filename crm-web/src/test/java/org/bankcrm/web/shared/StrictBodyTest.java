package org.bankcrm.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What a strict body keeps of the fields it does not declare: their names, never their values. */
class StrictBodyTest {

    static class Body extends StrictBody {
        public String name;
        Object lastSkipped = "never set";

        @Override
        void unknownField(String field, Skipped value) {
            lastSkipped = value;
            super.unknownField(field, value);
        }
    }

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anUnknownFieldIsNamedAndItsValueSkippedUnbuilt() {
        Body b = json.readValue("{\"name\": \"a\", \"nmae\": [[{\"x\": [1, 2, {\"y\": \"z\"}]}], 3], \"last\": 1}",
                Body.class);
        assertThat(b.name).isEqualTo("a");
        assertThat(b.unknown("")).containsExactly("nmae", "last");
        assertThat(b.lastSkipped).isNull();
    }

    @Test
    void theFirstTwentyUnknownFieldsAreNamed() {
        StringBuilder body = new StringBuilder("{");
        for (int i = 0; i < 500; i++) {
            body.append(i == 0 ? "" : ",").append("\"f").append(i).append("\": ").append(i);
        }
        Body b = json.readValue(body.append('}').toString(), Body.class);
        List<String> named = b.unknown("");
        assertThat(named).hasSize(StrictBody.NAMED).startsWith("f0", "f1");
        assertThat(b.unknownFields("")).hasSize(StrictBody.NAMED);
    }
}
