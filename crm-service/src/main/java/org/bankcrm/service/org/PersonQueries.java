package org.bankcrm.service.org;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff by login name → display name, for showing a person wherever a record names one by login (D35). Staff names
 * are no customer data: anyone signed in may read them, so there is no scope here.
 */
@Service
@RequiredArgsConstructor
public class PersonQueries {

    private final JdbcClient jdbc;

    /** The display names of the given login names that exist; unknown ones are left out. */
    @Transactional(readOnly = true)
    public Map<String, String> displayNames(Collection<String> usernames) {
        List<String> wanted = usernames.stream().filter(u -> u != null && !u.isBlank()).distinct().toList();
        Map<String, String> names = new HashMap<>();
        if (wanted.isEmpty()) {
            return names;
        }
        jdbc.sql("select username, display_name from staff_user where username in (:names)")
                .param("names", wanted)
                .query((rs, i) -> names.put(rs.getString("username"), rs.getString("display_name")))
                .list();
        return names;
    }
}
