package org.bankcrm.service.org;

import java.util.Map;

/**
 * The record scope as a SQL condition, for the read models that aggregate in SQL (dashboards). Entity
 * queries use the {@code *Specs} classes; both derive from the same {@link Scope}.
 *
 * @param condition a boolean SQL expression over the given owner and branch-path columns
 * @param params    its named parameters
 */
public record ScopeSql(String condition, Map<String, Object> params) {

    public static ScopeSql of(Scope scope, String ownerColumn, String branchPathColumn) {
        return switch (scope.kind()) {
            case OWN -> new ScopeSql(ownerColumn + " = :scopeUserId", Map.of("scopeUserId", scope.userId()));
            case SUBTREE -> new ScopeSql(branchPathColumn + " like :scopeBranchPattern escape '\\'",
                    Map.of("scopeBranchPattern", scope.subtreePattern()));
            case ALL -> new ScopeSql("true", Map.of());
            case NONE -> new ScopeSql("false", Map.of());
        };
    }
}
