package org.bankcrm.web.config;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * How request bodies are read. A field the API declares whole (a scoring weight or band threshold, a need strength,
 * a version) takes a JSON integer only: Jackson would by default cut {@code 30.9} to 30 and read {@code "15"} as 15,
 * so a client's mistake would be stored as something it did not send. A number with a fraction or exponent (also
 * {@code 30.0}) or a string is refused with 400 naming the field ({@code ErrorHandling}). Amounts and rates are
 * decimals and keep taking any JSON number.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfig {

    @Bean
    JsonMapperBuilderCustomizer wholeNumbersOnly() {
        return builder -> builder.withCoercionConfig(LogicalType.Integer, c -> c
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail));
    }
}
