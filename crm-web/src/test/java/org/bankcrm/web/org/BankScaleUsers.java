package org.bankcrm.web.org;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A thousand RMs of one branch of their own ({@code UST}, 规模测试支行), disabled so that no picker of the demo
 * branches changes: 规模测试员0001 … 1000, logins ust0001 … ust1000. Created once, whoever asks first.
 */
final class BankScaleUsers {

    static final int COUNT = 1000;

    private BankScaleUsers() {
    }

    static synchronized void ensure(JdbcTemplate jdbc) {
        jdbc.update("""
                insert into branch (code, name, parent_id, path)
                select 'UST', '规模测试支行', id, '/HQ/UST/' from branch where code = 'HQ'
                on conflict do nothing""");
        jdbc.update("""
                insert into staff_user (username, display_name, role, branch_id, password_hash, enabled)
                select 'ust' || lpad(n::text, 4, '0'), '规模测试员' || lpad(n::text, 4, '0'), 'RM', b.id, 'x', false
                from generate_series(1, ?) n, branch b where b.code = 'UST'
                on conflict do nothing""", COUNT);
    }
}
