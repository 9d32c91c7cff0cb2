package org.bankcrm.web.config;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.function.Predicate;
import org.bankcrm.domain.shared.Decimals;
import org.bankcrm.domain.shared.IsoDates;
import org.bankcrm.web.shared.NulParameters;
import org.bankcrm.web.shared.RefusedValue;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.ext.javatime.deser.LocalDateDeserializer;
import tools.jackson.databind.ext.javatime.deser.LocalDateTimeDeserializer;
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
     * Dates and times in a body are read by Jackson's own readers, then refused outside the years 1 to 9999
     * ({@link IsoDates}): 400 naming the field, as for any value Jackson cannot read.
     */
    @Bean
    JsonMapperBuilderCustomizer datesWithinYears() {
        SimpleModule module = new SimpleModule("dates-within-years");
        withinYears(module, LocalDate.class, LocalDateDeserializer.INSTANCE);
        withinYears(module, LocalDateTime.class, LocalDateTimeDeserializer.INSTANCE);
        withinYears(module, OffsetDateTime.class, InstantDeserializer.OFFSET_DATE_TIME);
        withinYears(module, Instant.class, InstantDeserializer.INSTANT);
        return builder -> builder.addModule(module);
    }

    /**
     * Decimals in a body are read by Jackson, then refused beyond {@link Decimals#MAX_DIGITS} digits either side of the
     * point ({@code 1e999999999}): 400 naming the field, before any rounding or statement could overflow on it.
     */
    @Bean
    JsonMapperBuilderCustomizer decimalsWithinDigits() {
        SimpleModule module = new SimpleModule("decimals-within-digits");
        addWrapped(module, BigDecimal.class, new Checked(NumberDeserializers.BigDecimalDeserializer.instance,
                v -> !(v instanceof BigDecimal d) || Decimals.withinDigits(d)));
        return builder -> builder.addModule(module);
    }

    private static <T> void withinYears(SimpleModule module, Class<T> type, ValueDeserializer<T> jacksons) {
        addWrapped(module, type, new Checked(jacksons, IsoDates::withinYears));
    }

    @SuppressWarnings("unchecked")   // a wrapper reads what its delegate reads: a T
    private static <T> void addWrapped(SimpleModule module, Class<T> type, DelegatingDeserializer wrapper) {
        module.addDeserializer(type, (ValueDeserializer<T>) (ValueDeserializer<?>) wrapper);
    }

    /**
     * Jackson's own reader of a value, then a check of what it read ({@link IsoDates#withinYears},
     * {@link Decimals#withinDigits}): a value the check refuses is a 400 naming the field, as one Jackson cannot read.
     */
    static final class Checked extends DelegatingDeserializer {

        private final Predicate<Object> accepted;

        Checked(ValueDeserializer<?> delegate, Predicate<Object> accepted) {
            super(delegate);
            this.accepted = accepted;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new Checked(delegate, accepted);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            Object value = super.deserialize(p, ctxt);
            if (!accepted.test(value)) {
                throw new RefusedValue(p, "validation.typeMismatch", handledType());
            }
            return value;
        }
    }

    /**
     * Jackson's own reading of a string, then the check. The refusal ({@link RefusedValue}) carries no value: the
     * client's text is neither answered nor logged.
     */
    static final class NulFreeStrings extends StdScalarDeserializer<String> {

        NulFreeStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String text = StringDeserializer.instance.deserialize(p, ctxt);
            if (NulParameters.hasNul(text)) {
                throw new RefusedValue(p, NulParameters.MESSAGE, String.class);
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
