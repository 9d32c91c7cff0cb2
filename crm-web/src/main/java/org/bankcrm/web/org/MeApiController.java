package org.bankcrm.web.org;

import org.bankcrm.domain.org.Role;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is. */
@RestController
class MeApiController {

    record Me(String username, String displayName, Role role, String branchCode) {
    }

    @GetMapping("/api/v1/me")
    Me me(CurrentUser user) {
        return new Me(user.username(), user.displayName(), user.role(), user.branchCode());
    }
}
