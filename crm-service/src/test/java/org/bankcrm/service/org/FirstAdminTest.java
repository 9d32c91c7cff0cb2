package org.bankcrm.service.org;

import static org.assertj.core.api.Assertions.assertThat;

import org.bankcrm.domain.org.BranchRepository;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.org.StaffUserRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Outside the demo profile: no demo branch, user or password exists, and the first admin comes from the
 * bootstrap setting alone. This module's test JVM has a database of its own, so it starts empty.
 */
@SpringBootTest(properties = "crm.bootstrap.admin-password=Fresh-Start#2026")
class FirstAdminTest {

    @Autowired StaffUserRepository users;
    @Autowired BranchRepository branches;
    @Autowired PasswordEncoder encoder;
    @Autowired PasswordPolicy policy;

    @Test
    void theFirstAdminIsCreatedFromTheBootstrapPasswordAndNothingElse() {
        assertThat(users.count()).isEqualTo(1);
        assertThat(users.findByUsername("admin")).get().satisfies(u -> {
            assertThat(u.getUsername()).isEqualTo("admin");
            assertThat(u.getRole()).isEqualTo(Role.ADMIN);
            assertThat(u.getBranch().getCode()).isEqualTo("HQ");
            assertThat(encoder.matches("Fresh-Start#2026", u.getPasswordHash())).isTrue();
            assertThat(encoder.matches("Demo#2026crm", u.getPasswordHash())).isFalse();
        });
        assertThat(branches.existsByCode("BR001")).isFalse();
        assertThat(users.existsByUsername("rm1")).isFalse();
    }

    @Test
    void thePolicyAcceptsLongMixedPasswordsAndRefusesWeakOnes() {
        assertThat(policy.problems("Aa1!Aa1!Aa1!", "rm9")).isEmpty();
        assertThat(policy.problems("Demo#2026crm", "rm1")).isEmpty();
        assertThat(policy.problems("Short1!", "x")).containsExactly("password.tooShort");
        assertThat(policy.problems("onlylowercaseletters", "x")).containsExactly("password.tooSimple");
        assertThat(policy.problems("Xadmin-2026-long", "admin")).containsExactly("password.containsUsername");
    }
}
