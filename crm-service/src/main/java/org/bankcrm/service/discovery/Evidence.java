package org.bankcrm.service.discovery;

import java.util.List;
import java.util.Map;
import lombok.extern.slf4j.Slf4j;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One fact a discovery rule saw, as stored in {@code opportunity.evidence}: the rule's code and the figures it
 * matched on ({@code args}: amounts as decimals, dates as {@code YYYY-MM-DD}, months as {@code YYYY-MM}). The web
 * layer says it in the reader's language.
 */
@Slf4j
public record Evidence(String rule, Map<String, Object> args) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final TypeReference<List<Evidence>> LIST = new TypeReference<>() {
    };

    public Evidence {
        args = args == null ? Map.of() : args;
    }

    /** The evidence list of an opportunity; empty for none or for JSON that cannot be read. */
    public static List<Evidence> parse(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<Evidence> list = JSON.readValue(json, LIST);
            return list == null ? List.of() : list.stream().filter(e -> e != null && e.rule() != null).toList();
        } catch (JacksonException e) {
            log.warn("Unreadable discovery evidence ignored: {}", e.getOriginalMessage());
            return List.of();
        }
    }
}
