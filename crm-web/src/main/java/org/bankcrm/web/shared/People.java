package org.bankcrm.web.shared;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bankcrm.service.org.PersonQueries;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.annotation.RequestScope;

/**
 * A person as the pages and exports show them: by display name, wherever a record names them by login
 * ({@code ${@people.name(o.owner)}}, with the login at most in a {@code title}). One lookup per login name and
 * request (D35); a page that names many people learns them first ({@link #learn}), in one statement. Rows the
 * migrations seeded (the first scoring weights, the first incentive rates) name {@value #SYSTEM}, no user: shown as
 * the system, in the reader's language.
 */
@Component("people")
@RequestScope
public class People {

    static final String SYSTEM = "system";

    private final PersonQueries persons;
    private final MessageSource messages;
    private final Map<String, String> known = new HashMap<>();

    public People(PersonQueries persons, MessageSource messages) {
        this.persons = persons;
        this.messages = messages;
    }

    /**
     * Looks up the display names of the given login names not yet known, in one statement, so that a page naming many
     * people (a list's owners) does not ask for them one by one while it renders. Nulls and repeats are ignored.
     */
    public void learn(Collection<String> usernames) {
        List<String> unknown = usernames.stream()
                .filter(u -> u != null && !u.isBlank() && !known.containsKey(u)).distinct().toList();
        if (unknown.isEmpty()) {
            return;
        }
        Map<String, String> found = persons.displayNames(unknown);
        unknown.forEach(u -> known.put(u, found.getOrDefault(u, SYSTEM.equals(u)
                ? messages.getMessage("history.system", null, LocaleContextHolder.getLocale()) : u)));
    }

    /**
     * The display name of a login name; for a login no user has, the system's name for {@value #SYSTEM}, else the
     * login itself; null for null.
     */
    public String name(String username) {
        if (username == null || username.isBlank()) {
            return username;
        }
        learn(List.of(username));
        return known.get(username);
    }
}
