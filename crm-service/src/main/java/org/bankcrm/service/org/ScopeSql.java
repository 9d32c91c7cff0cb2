package org.bankcrm.service.org;

import java.util.Map;
import org.springframework.data.jpa.domain.Specification;

/**
 * The one translation of a {@link Scope} into query conditions: a SQL condition with its parameters for the read
 * models that query with {@code JdbcClient} ({@link #of}), and a JPA {@link Specification} for entity queries
 * ({@link #visibleTo}). Every query a user triggers carries one of the two, so a record outside the scope is never
 * even loaded. A new kind of scope is added to {@link Scope.Kind} and translated here, in both switches (the
 * compiler asks for it), and nowhere else.
 *
 * @param condition a boolean SQL expression over the given owner and branch-path columns
 * @param params    its named parameters
 */
public record ScopeSql(String condition, Map<String, Object> params) {

    /**
     * @param ownerColumn      the column of the owning user's id ({@code o.owner_id})
     * @param branchPathColumn the column of the record's branch path ({@code b.path})
     */
    public static ScopeSql of(Scope scope, String ownerColumn, String branchPathColumn) {
        return switch (scope.kind()) {
            case OWN -> new ScopeSql(ownerColumn + " = :scopeUserId", Map.of("scopeUserId", scope.userId()));
            case SUBTREE -> new ScopeSql(branchPathColumn + " like :scopeBranchPattern escape '\\'",
                    Map.of("scopeBranchPattern", scope.subtreePattern()));
            case ALL -> new ScopeSql("true", Map.of());
            case NONE -> new ScopeSql("false", Map.of());
        };
    }

    /**
     * Records of a branch subtree, whatever the user's scope, as a SQL condition (a referrer's customers to refer);
     * the SQL twin of {@link #underBranch(String, String)}.
     *
     * @param branchPath       the subtree's root path ({@code /HQ/BR001/})
     * @param branchPathColumn the column of the record's branch path ({@code b.path})
     */
    public static ScopeSql underBranchPath(String branchPath, String branchPathColumn) {
        return new ScopeSql(branchPathColumn + " like :scopeBranchPattern escape '\\'",
                Map.of("scopeBranchPattern", Scope.subtreePattern(branchPath)));
    }

    /**
     * The same condition over an entity.
     *
     * @param owner  the entity's association to its owning user ({@code owner})
     * @param branch the entity's association to its branch ({@code branch})
     */
    public static <T> Specification<T> visibleTo(Scope scope, String owner, String branch) {
        return (root, query, cb) -> switch (scope.kind()) {
            case OWN -> cb.equal(root.get(owner).get("id"), scope.userId());
            case SUBTREE -> cb.like(root.get(branch).get("path"), scope.subtreePattern(), '\\');
            case ALL -> cb.conjunction();
            case NONE -> cb.disjunction();
        };
    }

    /**
     * Entities of a branch subtree, whatever the user's scope (a referrer's customers to refer, for one).
     *
     * @param branchPath the subtree's root path ({@code /HQ/BR001/})
     * @param branch     the entity's association to its branch
     */
    public static <T> Specification<T> underBranch(String branchPath, String branch) {
        return (root, query, cb) -> cb.like(root.get(branch).get("path"), Scope.subtreePattern(branchPath), '\\');
    }
}
