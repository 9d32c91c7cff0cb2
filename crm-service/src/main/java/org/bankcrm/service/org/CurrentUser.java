package org.bankcrm.service.org;

import java.io.Serializable;
import org.bankcrm.domain.org.Role;
import org.bankcrm.domain.org.StaffUser;

/**
 * Who is asking: the signed-in user as the services see it. Every service method that reads or
 * changes records takes one, and derives the record scope from it ({@link Scope#of(CurrentUser)}).
 * {@code branchName} is for the header of the pages: null where a user is read only to check a right (a list's
 * creator), and in a session signed in before it was added (a record's missing component deserialises as null).
 */
public record CurrentUser(
        long id,
        String username,
        String displayName,
        Role role,
        long branchId,
        String branchCode,
        String branchPath,
        String branchName) implements Serializable {

    /** A user read to check what they may do, without their branch's name. */
    public CurrentUser(long id, String username, String displayName, Role role, long branchId, String branchCode,
                       String branchPath) {
        this(id, username, displayName, role, branchId, branchCode, branchPath, null);
    }

    public static CurrentUser of(StaffUser u) {
        return new CurrentUser(u.getId(), u.getUsername(), u.getDisplayName(), u.getRole(), u.getBranch().getId(),
                u.getBranch().getCode(), u.getBranch().getPath(), u.getBranch().getName());
    }

    public boolean is(Role r) {
        return role == r;
    }

    public Scope scope() {
        return Scope.of(this);
    }
}
