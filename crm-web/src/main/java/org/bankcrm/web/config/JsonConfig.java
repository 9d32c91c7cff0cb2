package org.bankcrm.web.config;

import org.bankcrm.web.shared.NulParameters;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * How request bodies are read. A field the API declares whole (a scoring weight or band threshold, a need strength,
 * a version) takes a JSON integer only: Jackson would by default cut {@code 30.9} to 30 and read {@code "15"} as 15,
 * so a client's mistake would be stored as something it did not send. A number with a fraction or exponent (also
 * {@code 30.0}) or a string is refused with 400 naming the field ({@code ErrorHandling}). Amounts and rates are
 * decimals and keep taking any JSON number. A string holding a NUL character ({@code "\u0000"}), which no stored text
 * can hold, is refused the same way as it is read, before anything reaches the database ({@link NulParameters} does
 * the same for query and form parameters).
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfig {

    @Bean
    JsonMapperBuilderCustomizer wholeNumbersOnly() {
        return builder -> builder.withCoercionConfig(LogicalType.Integer, c -> c
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail));
    }

    @Bean
    JsonMapperBuilderCustomizer noNulInText() {
        SimpleModule module = new SimpleModule("no-nul-in-text");
        module.addDeserializer(String.class, new NulFreeStrings());
        return builder -> builder.addModule(module);
    }

    /**
     * Jackson's own reading of a string, then the check. The refusal is an {@link InvalidFormatException} for
     * {@code String} without the value (the client's text is neither answered nor logged).
     */
    static final class NulFreeStrings extends StdScalarDeserializer<String> {

        NulFreeStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String text = StringDeserializer.instance.deserialize(p, ctxt);
            if (NulParameters.hasNul(text)) {
                throw InvalidFormatException.from(p, "A NUL character in text", null, String.class);
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) {
            return "";
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }
}
