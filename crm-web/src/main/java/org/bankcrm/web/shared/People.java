package org.bankcrm.web.shared;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bankcrm.service.org.PersonQueries;
import org.springframework.stereotype.Component;
import org.springframework.web.context.annotation.RequestScope;

/**
 * A person as the pages and exports show them: by display name, wherever a record names them by login
 * ({@code ${@people.name(o.owner)}}, with the login at most in a {@code title}). One lookup per login name and
 * request (D35).
 */
@Component("people")
@RequestScope
public class People {

    private final PersonQueries persons;
    private final Map<String, String> known = new HashMap<>();

    public People(PersonQueries persons) {
        this.persons = persons;
    }

    /** The display name of a login name; the login itself when no such user exists (a system name), null for null. */
    public String name(String username) {
        if (username == null || username.isBlank()) {
            return username;
        }
        String name = known.get(username);
        if (name == null) {
            name = persons.displayNames(List.of(username)).getOrDefault(username, username);
            known.put(username, name);
        }
        return name;
    }
}
