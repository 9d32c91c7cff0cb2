package org.bankcrm.service.org;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.data.jpa.domain.Specification;

/**
 * The one translation of a {@link Scope} into query conditions: a SQL condition with its parameters for the read
 * models that query with {@code JdbcClient} ({@link #of}), and a JPA {@link Specification} for entity queries
 * ({@link #visibleTo}). Every query a user triggers carries one of the two, so a record outside the scope is never
 * even loaded. A new kind of scope is added to {@link Scope.Kind} and translated here, in every switch (the
 * compiler asks for it), and nowhere else.
 *
 * @param condition a boolean SQL expression over the given owner and branch columns (path, or id for
 *                  {@link #ofBranchIds})
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
     * {@link #of} over a record's owner and branch id rather than its branch path: a subtree is the ids of its
     * branches, computed once per statement (an init plan), so PostgreSQL can read the records by a branch index even
     * where the condition is one side of an OR. {@code b.path like …} there could only be tested row by row: a head's
     * My day read every open opportunity and pending action of the bank, seconds at 2M opportunities (D75).
     *
     * @param branchIdColumn the column of the record's branch id ({@code o.branch_id})
     */
    public static ScopeSql ofBranchIds(Scope scope, String ownerColumn, String branchIdColumn) {
        return switch (scope.kind()) {
            case OWN -> new ScopeSql(ownerColumn + " = :scopeUserId", Map.of("scopeUserId", scope.userId()));
            case SUBTREE -> new ScopeSql(branchIdColumn + " = any(array(select sb.id from branch sb"
                    + " where sb.path like :scopeBranchPattern escape '\\'))",
                    Map.of("scopeBranchPattern", scope.subtreePattern()));
            case ALL -> new ScopeSql("true", Map.of());
            case NONE -> new ScopeSql("false", Map.of());
        };
    }

    /**
     * The scope over opportunities: {@link #of} over their owner and branch, or the user is a member of the
     * opportunity's team (D44). Membership is read here, in the query, so a removed member loses access at once;
     * a referrer (NONE) is never a member. The one place the membership clause is written in SQL; its JPA twin is
     * {@link #opportunityVisibleTo}, which takes the team's ids read by the caller in the same transaction.
     *
     * @param idColumn the column of the opportunity's id ({@code o.id})
     */
    public static ScopeSql ofOpportunity(Scope scope, String idColumn, String ownerColumn, String branchPathColumn) {
        ScopeSql own = of(scope, ownerColumn, branchPathColumn);
        if (scope.kind() == Scope.Kind.NONE || scope.kind() == Scope.Kind.ALL) {
            return own;
        }
        Map<String, Object> params = new HashMap<>(own.params());
        params.put("scopeUserId", scope.userId());
        return new ScopeSql("(" + own.condition() + " or " + memberOf(idColumn, ":scopeUserId") + ")", params);
    }

    /**
     * The opportunities whose team the user is a member of ({@code ?member=me}), as a SQL condition.
     *
     * @param idColumn the column of the opportunity's id ({@code o.id})
     */
    public static ScopeSql memberOf(long userId, String idColumn) {
        return new ScopeSql(memberOf(idColumn, ":memberUserId"), Map.of("memberUserId", userId));
    }

    /**
     * The ids of the user's teams as one array computed once per statement (an init plan), compared with
     * {@code = any}: next to an owner condition in an OR, PostgreSQL reads both from their indexes (a bitmap OR of
     * the owner index and the primary key). An {@code exists} per opportunity there made it read every opportunity
     * of the bank for an RM's own list (5 s at 2M opportunities, against 10 ms).
     */
    private static String memberOf(String idColumn, String userParam) {
        return idColumn + " = any(array(select om.opportunity_id from opportunity_member om where om.user_id = "
                + userParam + "))";
    }

    /**
     * The users who may see opportunity {@code :opportunityId} (the inverse of {@link #ofOpportunity}, D44): its
     * owner, the members of its team, the heads of its branch path and the admins, enabled ones only. Rows
     * {@code (id, username, display_name)}; used to decide whom an {@code @mention} notifies and to offer them.
     * Each kind of viewer read by its own short look-up (D63), not every user of the bank tested against the four.
     */
    public static final String VIEWERS_OF_OPPORTUNITY = """
            select u.id, u.username, u.display_name from staff_user u
            where u.enabled and u.id in (
                select vo.owner_id from opportunity vo where vo.id = :opportunityId
                union all
                select om.user_id from opportunity_member om where om.opportunity_id = :opportunityId
                union all
                select h.id from opportunity vo join branch vb on vb.id = vo.branch_id
                join branch hb on starts_with(vb.path, hb.path) join staff_user h on h.branch_id = hb.id
                where vo.id = :opportunityId and h.role = 'BRANCH_HEAD'
                union all
                select a.id from staff_user a where a.role = 'ADMIN')""";

    /**
     * The JPA twin of {@link #ofOpportunity}: the scope over an opportunity's owner and branch, or membership of one
     * of {@code teamOpportunityIds}, the ids of the user's teams read in the same transaction
     * ({@code TeamQueries.opportunityIdsOf}). Ids rather than a subquery for the same reason as {@link #memberOf}: a
     * correlated {@code exists} in the OR made every RM's list, board and detail read the whole opportunity table.
     */
    public static <T> Specification<T> opportunityVisibleTo(Scope scope, Collection<Long> teamOpportunityIds) {
        Specification<T> own = visibleTo(scope, "owner", "branch");
        if (scope.kind() == Scope.Kind.NONE || scope.kind() == Scope.Kind.ALL) {
            return own;
        }
        return own.or(withIds(teamOpportunityIds));
    }

    /** The opportunities with one of these ids (none: no opportunity), the JPA form of a team's membership. */
    public static <T> Specification<T> withIds(Collection<Long> ids) {
        return (root, query, cb) -> ids.isEmpty() ? cb.disjunction() : root.get("id").in(ids);
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
