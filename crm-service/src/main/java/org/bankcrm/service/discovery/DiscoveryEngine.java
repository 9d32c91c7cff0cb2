package org.bankcrm.service.discovery;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.domain.discovery.RuleCode;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.RiskLevel;
import org.bankcrm.service.scoring.ScoringService;
import org.bankcrm.service.shared.ClockConfig;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The discovery rules as set-based SQL. Each rule is one INSERT ... SELECT of its matches into a temporary table
 * (customer, product, amount, expected close, evidence); then one statement drops the matches that an open
 * opportunity or the rule's own cool-down blocks, keeps the first rule per customer and product with every later
 * rule's evidence appended, and stages the new opportunities; they are scored with the active model and inserted
 * a few thousand per statement, and their history rows follow in one statement, all in the caller's transaction.
 * Nothing here loops over customers in SQL round trips; the only per-row work is the score's arithmetic in Java.
 * The statements are {@link DiscoveryStore}'s, the rules' SELECTs {@link RuleSql}'s.
 */
@Slf4j
@Component
@RequiredArgsConstructor
class DiscoveryEngine {

    /**
     * What a run did.
     *
     * @param created opportunities created per rule that ran (the rule that made each one), in run order
     * @param matched every match of every rule that ran, one per rule, customer and product
     * @param skipped the matches that made no opportunity: {@code matched} minus the opportunities created
     */
    record Outcome(Map<RuleCode, Integer> created, int matched, int skipped) {
    }

    static final String COOLDOWN_SETTING = "discovery.closed-cooldown-days";
    /** New opportunities are scored and inserted this many at a time. */
    private static final int WRITE_BATCH = 5000;
    private static final int NEED_STRENGTH = 3;

    private final DiscoveryQueries queries;
    private final DiscoveryStore store;
    private final ScoringService scoring;
    private final Clock clock;

    /**
     * Runs the given rules (null: every enabled one; a rule switched off meanwhile does not run) as of {@code asOf}
     * for run {@code runId}, in the caller's transaction, after taking the run lock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Outcome run(long runId, LocalDate asOf, Collection<RuleCode> asked) {
        store.lockRuns();
        Map<RuleCode, Map<String, BigDecimal>> rules = queries.enabledRules();
        if (asked != null) {
            rules.keySet().retainAll(asked);
        }
        int cooldown = queries.cooldownDays();
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        long started = System.nanoTime();

        store.createMatches();
        for (Map.Entry<RuleCode, Map<String, BigDecimal>> rule : rules.entrySet()) {
            RuleSql sql = RuleSql.of(rule.getKey(), rule.getValue());
            long ruleStarted = System.nanoTime();
            int n = store.addMatches(rule.getKey(), sql, asOf);
            log.debug("Discovery rule {} as of {}: {} matches in {} ms", rule.getKey(), asOf, n,
                    (System.nanoTime() - ruleStarted) / 1_000_000);
        }
        long selected = System.nanoTime();
        int matched = store.countMatches();
        int created = store.stageNew(
                asOf.minusDays(cooldown).atStartOfDay(ClockConfig.BANK_ZONE).toOffsetDateTime());
        long staged = System.nanoTime();

        // Scored in Java with the active model (the same inputs ScoringService.rescore reads), then written once:
        // updating freshly inserted rows would write every one of them, and all their index entries, twice.
        ScoringService.ActiveModel model = scoring.active();
        for (int from = 1; from <= created; from += WRITE_BATCH) {
            int to = Math.min(created, from + WRITE_BATCH - 1);
            List<DiscoveryStore.Scored> rows = store.staged(from, to).stream().map(s -> {
                ScoringService.NewScore score = scoring.scoreNew(model, s.expectedRevenue(), RiskLevel.MEDIUM,
                        NEED_STRENGTH, Competition.NONE, s.tier(), s.products(), s.closeDate());
                return new DiscoveryStore.Scored(s.n(), score.score(), score.band(), score.breakdown());
            }).toList();
            store.insertScored(runId, NEED_STRENGTH, model.version(), now, rows);
        }
        long inserted = System.nanoTime();
        store.insertHistory(runId, now);

        Map<String, Integer> byRule = store.stagedByRule();
        Map<RuleCode, Integer> counts = new EnumMap<>(RuleCode.class);
        for (RuleCode rule : rules.keySet()) {
            counts.put(rule, byRule.getOrDefault(rule.name(), 0));
            store.insertCount(runId, rule, counts.get(rule));
        }
        long done = System.nanoTime();
        log.info("Discovery run {} as of {}: {} matches, {} opportunities created {} (rules {} ms, staging {} ms,"
                        + " scoring and insert {} ms, history and counts {} ms)", runId, asOf, matched, created, counts,
                (selected - started) / 1_000_000, (staged - selected) / 1_000_000, (inserted - staged) / 1_000_000,
                (done - inserted) / 1_000_000);
        return new Outcome(counts, matched, matched - created);
    }
}
