package org.bankcrm.service.alert;

import java.sql.Array;
import java.util.Arrays;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who gets a digest and what it lists. */
@Component
@RequiredArgsConstructor
class DigestStore {

    /** A user to write to: their address, language and unread count. */
    record Recipient(long id, String username, String displayName, String email, String language, long unread) {
    }

    /** One line of a digest. */
    record Line(String titleKey, List<String> titleArgs, String titleText, String link) {
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
                        select u.id, u.username, u.display_name, u.email, u.language, x.n
                        from staff_user u
                        cross join lateral (select count(*) as n from notification n
                                            where n.user_id = u.id and n.read_at is null) x
                        where u.enabled and u.digest_enabled and u.email is not null and x.n > 0
                        order by u.id""")
                .query((rs, n) -> new Recipient(rs.getLong("id"), rs.getString("username"),
                        rs.getString("display_name"), rs.getString("email"), rs.getString("language"),
                        rs.getLong("n"))).list();
    }

    /** The user's newest unread notifications, at most {@code limit}. */
    List<Line> unread(long userId, int limit) {
        return jdbc.sql("""
                        select title_key, title_args, title_text, link from notification
                        where user_id = :u and read_at is null order by created_at desc, id desc limit :limit""")
                .param("u", userId).param("limit", limit).query((rs, n) -> {
                    Array a = rs.getArray("title_args");
                    List<String> args = a == null ? List.of()
                            : Arrays.stream((Object[]) a.getArray()).map(String::valueOf).toList();
                    return new Line(rs.getString("title_key"), args, rs.getString("title_text"), rs.getString("link"));
                }).list();
    }
}
