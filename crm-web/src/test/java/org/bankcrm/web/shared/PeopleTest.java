package org.bankcrm.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.bankcrm.service.org.PersonQueries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.StaticMessageSource;

/** A page that names many people learns them in one look-up, and asks again only for those it did not know. */
class PeopleTest {

    /** The staff table as two users; records every look-up it is asked. */
    static final class Staff extends PersonQueries {

        final List<List<String>> asked = new ArrayList<>();

        Staff() {
            super(null);
        }

        @Override
        public Map<String, String> displayNames(Collection<String> usernames) {
            asked.add(List.copyOf(usernames));
            Map<String, String> names = new java.util.HashMap<>();
            usernames.stream().filter(u -> u.startsWith("rm")).forEach(u -> names.put(u, "Name of " + u));
            return names;
        }
    }

    private static StaticMessageSource messages() {
        StaticMessageSource messages = new StaticMessageSource();
        messages.addMessage("history.system", Locale.SIMPLIFIED_CHINESE, "系统");
        messages.addMessage("history.system", Locale.ENGLISH, "System");
        return messages;
    }

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void learnsAListInOneLookUpAndNamesFromItWithoutAsking() {
        Staff staff = new Staff();
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        People people = new People(staff, messages());

        people.learn(Arrays.asList("rm1", null, "rm2", "rm1", " ", "system"));

        assertThat(staff.asked).containsExactly(List.of("rm1", "rm2", "system"));
        assertThat(people.name("rm1")).isEqualTo("Name of rm1");
        assertThat(people.name("rm2")).isEqualTo("Name of rm2");
        // The migrations' "system" is no user: named as the system, in the reader's language, and not asked again.
        assertThat(people.name("system")).isEqualTo("系统");
        assertThat(staff.asked).hasSize(1);
    }

    @Test
    void aLoginWithNoUserIsShownAsItselfAndTheSystemInEnglishToo() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        People people = new People(new Staff(), messages());

        assertThat(people.name("system")).isEqualTo("System");
        assertThat(people.name("gone.user")).isEqualTo("gone.user");
    }

    @Test
    void asksOnlyForWhomItDoesNotKnowYet() {
        Staff staff = new Staff();
        People people = new People(staff, messages());
        assertThat(people.name("rm1")).isEqualTo("Name of rm1");

        people.learn(List.of("rm1", "rm3"));
        people.learn(List.of("rm1", "rm3"));

        assertThat(staff.asked).containsExactly(List.of("rm1"), List.of("rm3"));
        assertThat(people.name("rm3")).isEqualTo("Name of rm3");
        assertThat(people.name(null)).isNull();
        assertThat(staff.asked).hasSize(2);
    }
}
