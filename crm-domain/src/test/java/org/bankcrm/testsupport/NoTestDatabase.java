package org.bankcrm.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** On a Spring test that must not be pointed at {@link TestDatabase} (e.g. one that tests the fallback itself). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface NoTestDatabase {
}
