package org.bankcrm.service.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void commonPasswordsAreRefusedEvenDressedUp() {
        for (String common : List.of("Password2026!", "P@ssw0rd12345", "Qwerty123456!", "Welcome#2026!", "Woaini1314!!",
                "Admin@123456", "Iloveyou2026!", "1qaz2wsx3edc!!", "Bankcrm#20260")) {
            assertThat(policy.problems(common, "someone")).as(common).contains("password.common");
        }
    }

    @Test
    void strongPasswordsPass() {
        for (String strong : List.of("Tr1cky&Long-Pass", "Fresh-Start#2026", "Another#Pass2027", "Demo#2026crm",
                "Zhi-Neng#Yin-Hang9")) {
            assertThat(policy.problems(strong, "someone")).as(strong).isEmpty();
        }
    }

    @Test
    void theOtherRulesStillHold() {
        assertThat(policy.problems("Short1!", "u")).containsExactly("password.tooShort");
        assertThat(policy.problems("alllowercaseletters", "u")).contains("password.tooSimple");
        assertThat(policy.problems("Xx-rm_zhang-2026", "rm_zhang")).contains("password.containsUsername");
    }
}
