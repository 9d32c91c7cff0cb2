package org.bankcrm.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bankcrm.service.org.PersonQueries;
import org.junit.jupiter.api.Test;

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

    @Test
    void learnsAListInOneLookUpAndNamesFromItWithoutAsking() {
        Staff staff = new Staff();
        People people = new People(staff);

        people.learn(Arrays.asList("rm1", null, "rm2", "rm1", " ", "system"));

        assertThat(staff.asked).containsExactly(List.of("rm1", "rm2", "system"));
        assertThat(people.name("rm1")).isEqualTo("Name of rm1");
        assertThat(people.name("rm2")).isEqualTo("Name of rm2");
        // A login with no user (a system name) is shown as itself, and is not asked for again either.
        assertThat(people.name("system")).isEqualTo("system");
        assertThat(staff.asked).hasSize(1);
    }

    @Test
    void asksOnlyForWhomItDoesNotKnowYet() {
        Staff staff = new Staff();
        People people = new People(staff);
        assertThat(people.name("rm1")).isEqualTo("Name of rm1");

        people.learn(List.of("rm1", "rm3"));
        people.learn(List.of("rm1", "rm3"));

        assertThat(staff.asked).containsExactly(List.of("rm1"), List.of("rm3"));
        assertThat(people.name("rm3")).isEqualTo("Name of rm3");
        assertThat(people.name(null)).isNull();
        assertThat(staff.asked).hasSize(2);
    }
}
