package org.bankcrm.service.org;

import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.domain.org.Branch;
import org.bankcrm.domain.org.BranchRepository;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.org.StaffUserRepository;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.bankcrm.service.shared.FirstStart;
import org.springframework.context.annotation.Profile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Outside the demo profile there is no default password anywhere. At the first start (no user yet) the
 * first admin is created from {@code CRM_BOOTSTRAP_ADMIN_PASSWORD} (and {@code CRM_BOOTSTRAP_ADMIN_USERNAME},
 * default {@code admin}) in the root branch; without the variable nobody can log in until it is set.
 */
@Slf4j
@Component
@Profile("!demo")
@RequiredArgsConstructor
public class FirstAdmin implements ApplicationRunner {

    private final StaffUserRepository users;
    private final BranchRepository branches;
    private final PasswordEncoder encoder;
    private final PasswordPolicy policy;
    private final FirstStart firstStart;
    private final BootstrapProperties bootstrap;

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        // Two nodes starting together on an empty database: the second waits here and then finds the admin.
        firstStart.lock();
        if (users.count() > 0) {
            return;
        }
        String username = bootstrap.adminUsername();
        String password = bootstrap.adminPassword();
        if (password == null || password.isBlank()) {
            log.warn("No user exists yet. Set CRM_BOOTSTRAP_ADMIN_PASSWORD (12+ characters) and restart to create the"
                    + " first administrator.");
            return;
        }
        var problems = policy.problems(password, username);
        if (!problems.isEmpty()) {
            // Refuse to start rather than run with no way in, and say why in words an operator reads.
            throw new IllegalStateException("CRM_BOOTSTRAP_ADMIN_PASSWORD does not meet the password policy " + problems
                    + ": it needs at least " + PasswordPolicy.MIN_LENGTH + " characters, three of upper case, lower"
                    + " case, digits and symbols, and must not contain the username '" + username + "'.");
        }
        Branch root = branches.findAllByOrderByPath().getFirst();
        users.save(new StaffUser(username, "系统管理员", Role.ADMIN, root, encoder.encode(password)));
        log.info("Created the first administrator '{}' in branch {}.", username, root.getCode());
    }
}
