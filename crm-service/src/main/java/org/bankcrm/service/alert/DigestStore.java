package org.bankcrm.service.alert;

import java.util.List;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.org.Role;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who gets a digest and what it lists. */
@Component
@RequiredArgsConstructor
class DigestStore {

    /** A user to write to: their address, language and unread count. */
    record Recipient(CurrentUser user, String email, String language, long unread) {

        long id() {
            return user.id();
        }

        String username() {
            return user.username();
        }

        String displayName() {
            return user.displayName();
        }
    }


    /** A user's digest preferences. */
    record Preferences(String email, boolean digestEnabled, String language) {
    }

    private final JdbcClient jdbc;

    Preferences preferences(long userId) {
        return jdbc.sql("select email, digest_enabled, language from staff_user where id = :u").param("u", userId)
                .query((rs, n) -> new Preferences(rs.getString("email"), rs.getBoolean("digest_enabled"),
                        rs.getString("language"))).single();
    }

    void savePreferences(long userId, Preferences p) {
        jdbc.sql("update staff_user set email = :email, digest_enabled = :digest, language = :language,"
                        + " updated_at = now() where id = :u")
                .param("email", p.email()).param("digest", p.digestEnabled()).param("language", p.language())
                .param("u", userId).update();
    }

    /** Enabled users with an address, the digest on, and at least one unread notification. */
    List<Recipient> recipients() {
        return jdbc.sql("""
                        select u.id, u.username, u.display_name, u.role, u.email, u.language, b.id as branch_id,
                               b.code as branch_code, b.path as branch_path, x.n
                        from staff_user u join branch b on b.id = u.branch_id
                        cross join lateral (select count(*) as n from notification n
                                            where n.user_id = u.id and n.read_at is null) x
                        where u.enabled and u.digest_enabled and u.email is not null and x.n > 0
                        order by u.id""")
                .query((rs, n) -> new Recipient(new CurrentUser(rs.getLong("id"), rs.getString("username"),
                        rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getLong("branch_id"),
                        rs.getString("branch_code"), rs.getString("branch_path")), rs.getString("email"),
                        rs.getString("language"), rs.getLong("n"))).list();
    }
}
