package org.bankcrm.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Points every Spring test context at {@link TestDatabase}, and turns its nightly jobs off ({@link NightlyJobsOff}),
 * before the context refreshes, so that no test can forget it. Registered in {@code META-INF/spring.factories} of this test-jar.
 */
public class TestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, NoTestDatabase.class) ? null : new Customizer();
    }

    /** Stateless, so all contexts share a cache key for it. */
    private record Customizer() implements ContextCustomizer {

        @Override
        public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
                                     org.springframework.test.context.MergedContextConfiguration merged) {
            TestDatabase.Connection db = TestDatabase.get();
            Map<String, Object> properties = new HashMap<>(Map.of(
                    "spring.datasource.url", db.url(),
                    "spring.datasource.username", db.username(),
                    "spring.datasource.password", db.password()));
            for (String setting : NightlyJobsOff.ALL) {
                properties.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("crmTestDatabase", properties));
        }
    }
}
