package org.bankcrm.service.discovery;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bankcrm.domain.discovery.RuleCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What discovery reads in SQL: the enabled rules with their parameters, the cool-down, whether a run is under way,
 * the runs' figures per rule.
 */
@Component
class DiscoveryQueries {

    /** The cool-down in days when the setting is missing. */
    static final int DEFAULT_COOLDOWN_DAYS = 90;

    private final JdbcClient jdbc;

    DiscoveryQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The enabled rules with their parameters, in run order. */
    Map<RuleCode, Map<String, BigDecimal>> enabledRules() {
        Map<RuleCode, Map<String, BigDecimal>> rules = new EnumMap<>(RuleCode.class);
        jdbc.sql("""
                        select r.code, p.name, p.value from discovery_rule r
                        left join discovery_rule_param p on p.rule_code = r.code
                        where r.enabled order by r.sort_order, p.name""")
                .query((rs, i) -> new String[]{rs.getString("code"), rs.getString("name"), rs.getString("value")})
                .list()
                .forEach(row -> RuleCode.parse(row[0]).ifPresent(code -> {
                    Map<String, BigDecimal> params = rules.computeIfAbsent(code, c -> new LinkedHashMap<>());
                    if (row[1] != null) {
                        params.put(row[1], new BigDecimal(row[2]));
                    }
                }));
        return rules;
    }

    /** Days after a rule's opportunity closed during which the rule stays silent on its customer and product. */
    int cooldownDays() {
        return jdbc.sql("select value from app_setting where key = :key")
                .param("key", DiscoveryEngine.COOLDOWN_SETTING)
                .query(String.class).optional().map(v -> new BigDecimal(v.strip()).intValue())
                .orElse(DEFAULT_COOLDOWN_DAYS);
    }

    /** Whether a run is queued or running. */
    boolean anyActiveRun() {
        return jdbc.sql("select exists (select 1 from discovery_run where status in ('QUEUED', 'RUNNING'))")
                .query(Boolean.class).single();
    }

    /** The figures of each run of {@code runIds} per rule, in rule order, by run. */
    Map<Long, List<DiscoveryService.RuleCount>> countsPerRule(List<Long> runIds) {
        Map<Long, List<DiscoveryService.RuleCount>> counts = new LinkedHashMap<>();
        if (runIds.isEmpty()) {
            return counts;
        }
        jdbc.sql("""
                        select c.run_id, c.rule_code, c.created, c.matched, c.skipped_open
                        from discovery_run_count c
                        join discovery_rule r on r.code = c.rule_code
                        where c.run_id in (:ids) order by c.run_id, r.sort_order""")
                .param("ids", runIds)
                .query(rs -> {
                    counts.computeIfAbsent(rs.getLong("run_id"), k -> new ArrayList<>())
                            .add(new DiscoveryService.RuleCount(rs.getString("rule_code"),
                                    rs.getObject("matched", Integer.class), rs.getInt("created"),
                                    rs.getObject("skipped_open", Integer.class)));
                });
        return counts;
    }
}
