package org.bankcrm.service.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code alert_setting} rows: one per code, edited by the admin, never inserted or deleted. */
@Component
@RequiredArgsConstructor
class AlertSettingStore {

    private static final String COLUMNS = "select code, enabled, days, escalate_after_days, version from alert_setting";

    private final JdbcClient jdbc;

    List<AlertSetting> all() {
        return jdbc.sql(COLUMNS + " order by sort_order").query((rs, n) -> row(rs)).list();
    }

    Optional<AlertSetting> find(AlertCode code) {
        return jdbc.sql(COLUMNS + " where code = :code").param("code", code.name()).query((rs, n) -> row(rs))
                .optional();
    }

    /** Writes the code's settings if its version is still {@code version}; answers whether it did. */
    boolean update(AlertCode code, boolean enabled, Integer days, int escalateAfterDays, int version, String by) {
        return jdbc.sql("""
                        update alert_setting
                        set enabled = :enabled, days = :days, escalate_after_days = :escalate, updated_at = now(),
                            updated_by = :by, version = version + 1
                        where code = :code and version = :version""")
                .param("enabled", enabled).param("days", days).param("escalate", escalateAfterDays)
                .param("by", by).param("code", code.name()).param("version", version).update() == 1;
    }

    private static AlertSetting row(ResultSet rs) throws SQLException {
        int days = rs.getInt("days");
        Integer d = rs.wasNull() ? null : days;
        return new AlertSetting(AlertCode.valueOf(rs.getString("code")), rs.getBoolean("enabled"), d,
                rs.getInt("escalate_after_days"), rs.getInt("version"));
    }
}
