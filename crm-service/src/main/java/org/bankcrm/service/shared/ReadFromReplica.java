package org.bankcrm.service.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a read-only service method whose answer may be a few seconds old: a dashboard figure or a list that nobody
 * reads right after changing it. When a read replica is configured ({@code crm.read-replica.url}), such a call reads
 * from it, unless it runs inside a transaction that has already begun (it then joins that transaction on the primary)
 * or the user has just written something ({@link ReplicaReads#primaryOnly()}). Without a replica it means nothing.
 *
 * <p>Put it only on methods that are {@code @Transactional(readOnly = true)}: the routing also asks for a read-only
 * transaction, so a write reached from such a method still goes to the primary. Detail pages, whatever a form or
 * an API call shows back after a change, and every write stay unmarked (docs/architecture.md, D19).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ReadFromReplica {
}
