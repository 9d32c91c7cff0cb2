package org.bankcrm.service.org;

import java.io.Serializable;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.org.StaffUser;

/**
 * Who is asking: the signed-in user as the services see it. Every service method that reads or
 * changes records takes one, and derives the record scope from it ({@link Scope#of(CurrentUser)}).
 */
public record CurrentUser(
        long id,
        String username,
        String displayName,
        Role role,
        long branchId,
        String branchCode,
        String branchPath) implements Serializable {

    public static CurrentUser of(StaffUser u) {
        return new CurrentUser(u.getId(), u.getUsername(), u.getDisplayName(), u.getRole(), u.getBranch().getId(),
                u.getBranch().getCode(), u.getBranch().getPath());
    }

    public boolean is(Role r) {
        return role == r;
    }

    public Scope scope() {
        return Scope.of(this);
    }
}
