package org.bankcrm.service.scorecard;

import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The league table's own SQL: which branch is the parent and which are its children. No figures are read here. */
@Component
@RequiredArgsConstructor
class LeagueQueries {

    /** A branch by code. */
    record Branch(long id, String code, String name, String path) {
    }

    private final JdbcClient jdbc;

    Optional<Branch> branch(String code) {
        return jdbc.sql("select id, code, name, path from branch where code = :code").param("code", code)
                .query((rs, i) -> new Branch(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("path")))
                .optional();
    }

    /** The root of the tree (HQ): the branch without a parent, the first by path if there were several. */
    Optional<Branch> root() {
        return jdbc.sql("select id, code, name, path from branch where parent_id is null order by path limit 1")
                .query((rs, i) -> new Branch(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("path")))
                .optional();
    }

    /** The enabled children of a branch, by code. */
    List<Branch> children(long parentId) {
        return jdbc.sql("select id, code, name, path from branch where parent_id = :p and enabled order by code")
                .param("p", parentId)
                .query((rs, i) -> new Branch(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("path")))
                .list();
    }

    boolean hasChildren(long branchId) {
        return jdbc.sql("select exists (select 1 from branch where parent_id = :p and enabled)").param("p", branchId)
                .query(Boolean.class).single();
    }
}
