package org.bankcrm.service.coverage;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.opportunity.FollowUpType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code service_standard} rows: one per tier, edited by the admin, never inserted or deleted. */
@Component
@RequiredArgsConstructor
public class ServiceStandardStore {

    private final JdbcClient jdbc;

    /** Every tier's standard, in the order of {@link Tier}. */
    public List<ServiceStandard> all() {
        return jdbc.sql("select tier, contact_days, contact_types, version from service_standard")
                .query((rs, n) -> row(rs)).list().stream()
                .sorted((a, b) -> a.tier().compareTo(b.tier())).toList();
    }

    public Optional<ServiceStandard> find(Tier tier) {
        return jdbc.sql("select tier, contact_days, contact_types, version from service_standard where tier = :tier")
                .param("tier", tier.name()).query((rs, n) -> row(rs)).optional();
    }

    /**
     * Writes the tier's standard if its version is still {@code version}; answers whether it did (false: someone
     * saved it meanwhile).
     */
    boolean update(Tier tier, Integer contactDays, List<FollowUpType> types, int version, String by) {
        // A Postgres array literal of enum names: a Java array would be expanded into a list of parameters.
        String codes = "{" + String.join(",", types.stream().map(Enum::name).toList()) + "}";
        return jdbc.sql("""
                        update service_standard
                        set contact_days = :days, contact_types = cast(:types as varchar(16)[]),
                            updated_at = now(), updated_by = :by, version = version + 1
                        where tier = :tier and version = :version""")
                .param("days", contactDays).param("types", codes).param("by", by)
                .param("tier", tier.name()).param("version", version).update() == 1;
    }

    private static ServiceStandard row(ResultSet rs) throws SQLException {
        Array array = rs.getArray("contact_types");
        List<FollowUpType> types = Arrays.stream((Object[]) array.getArray())
                .map(o -> FollowUpType.valueOf(o.toString())).toList();
        int days = rs.getInt("contact_days");
        // wasNull speaks of the last column read: asked before any other.
        Integer contactDays = rs.wasNull() ? null : days;
        return new ServiceStandard(Tier.valueOf(rs.getString("tier")), contactDays, types, rs.getInt("version"));
    }
}
