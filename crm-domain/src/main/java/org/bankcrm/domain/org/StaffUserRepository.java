package org.bankcrm.domain.org;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface StaffUserRepository extends JpaRepository<StaffUser, Long> {

    @Query("select u from StaffUser u left join fetch u.branch where u.username = :username")
    Optional<StaffUser> findByUsername(@Param("username") String username);

    boolean existsByUsername(String username);

    /**
     * The user named {@code username} if they are an active RM of the branch subtree at {@code branchPath}
     * ({@link StaffUser#isActiveRmUnder}); every owner check of customers, opportunities, referrals and handovers
     * asks this.
     */
    default Optional<StaffUser> findActiveRmUnder(String username, String branchPath) {
        if (username == null || branchPath == null) {
            return Optional.empty();
        }
        return findByUsername(username.strip()).filter(u -> u.isActiveRmUnder(branchPath));
    }

    /**
     * Users of a branch subtree ({@code pathPattern} like {@code /HQ/BR001/%}, the path's own {@code _} and
     * {@code %} escaped with a backslash), for pickers and admin lists.
     */
    @Query("""
            select u from StaffUser u join fetch u.branch b
            where b.path like :pathPattern escape '\\' order by b.path, u.username""")
    List<StaffUser> findInSubtree(@Param("pathPattern") String pathPattern);

    @Query("""
            select u from StaffUser u join fetch u.branch b
            where u.role = :role and u.enabled = true and b.path like :pathPattern escape '\\'
            order by u.username""")
    List<StaffUser> findEnabledByRoleInSubtree(@Param("role") Role role, @Param("pathPattern") String pathPattern);

    /**
     * The users page's search (D35): users whose login, display name, branch code or branch name matches
     * {@code pattern} (lower case, LIKE wildcards of the user's text escaped with a backslash), by branch and login.
     */
    @Query(value = """
            select u from StaffUser u join fetch u.branch b
            where lower(u.username) like :pattern escape '\\' or lower(u.displayName) like :pattern escape '\\'
               or lower(b.code) like :pattern escape '\\' or lower(b.name) like :pattern escape '\\'
            order by b.path, u.username""",
            countQuery = """
            select count(u) from StaffUser u join u.branch b
            where lower(u.username) like :pattern escape '\\' or lower(u.displayName) like :pattern escape '\\'
               or lower(b.code) like :pattern escape '\\' or lower(b.name) like :pattern escape '\\'""")
    Page<StaffUser> search(@Param("pattern") String pattern, Pageable pageable);

    long countByEnabledTrue();
}
