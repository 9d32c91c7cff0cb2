package org.bankcrm.service.discovery;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.domain.discovery.RuleCode;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.RiskLevel;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.service.opportunity.OpeningStore;
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
     * What a run did, or what a dry run found it would do.
     *
     * @param counts  per rule that ran, in run order: its matches, the opportunities it created (or would create)
     *                and the matches an open opportunity covered
     * @param matched every match of every rule that ran, one per rule, customer and product
     * @param skipped the matches that made no opportunity: {@code matched} minus the opportunities created
     */
    record Outcome(List<RuleCount> counts, int matched, int skipped) {

        /** The opportunities created per rule, in run order. */
        Map<RuleCode, Integer> created() {
            Map<RuleCode, Integer> created = new EnumMap<>(RuleCode.class);
            counts.forEach(c -> created.put(c.rule(), c.created()));
            return created;
        }
    }

    /**
     * One rule's figures in a run.
     *
     * @param matched    its matches (customer and product)
     * @param created    the opportunities it made (the first rule of a customer and product makes it)
     * @param openBefore its matches that an open opportunity of the same customer and product already covered
     */
    record RuleCount(RuleCode rule, int matched, int created, int openBefore) {
    }

    /** A dry run found another run under way (queued, running, or holding the run lock on some node). */
    static final String BUSY = "discovery.preview.busy";

    static final String COOLDOWN_SETTING = "discovery.closed-cooldown-days";
    /** New opportunities are scored and inserted this many at a time. */
    private static final int WRITE_BATCH = 5000;
    private static final int NEED_STRENGTH = 3;

    private final DiscoveryQueries queries;
    private final DiscoveryStore store;
    private final ScoringService scoring;
    private final OpeningStore opening;
    private final Clock clock;

    /**
     * Runs the given rules (null: every enabled one; a rule switched off meanwhile does not run) as of {@code asOf}
     * for run {@code runId}, in the caller's transaction, after taking the run lock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Outcome run(long runId, LocalDate asOf, Collection<RuleCode> asked) {
        store.lockRuns();
        long started = System.nanoTime();
        Staging staging = stage(asOf, asked, true);
        long staged = System.nanoTime();
        int created = staging.created();
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);

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

        for (RuleCount count : staging.counts()) {
            store.insertCount(runId, count);
        }
        long done = System.nanoTime();
        Outcome outcome = new Outcome(staging.counts(), staging.matched(), staging.matched() - created);
        log.info("Discovery run {} as of {}: {} matches, {} opportunities created {} (rules and staging {} ms,"
                        + " scoring and insert {} ms, history and counts {} ms)", runId, asOf, staging.matched(),
                created, outcome.created(), (staged - started) / 1_000_000, (inserted - staged) / 1_000_000,
                (done - inserted) / 1_000_000);
        return outcome;
    }

    /**
     * The dry run: exactly the statements of {@link #run} up to the staged new opportunities and their counts per
     * rule, nothing inserted. The caller's transaction must be rolled back (it only leaves temporary tables, which
     * go with it). Refused with {@link #BUSY} when another run holds the run lock, since its opportunities, not yet
     * committed, would be counted as new here.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Outcome dryRun(LocalDate asOf, Collection<RuleCode> asked) {
        if (!store.tryLockRuns()) {
            throw new ConflictException(BUSY);
        }
        Staging staging = stage(asOf, asked, false);
        return new Outcome(staging.counts(), staging.matched(), staging.matched() - staging.created());
    }

    /** The matches of the rules and the new opportunities they make, staged; counted per rule. */
    private record Staging(List<RuleCount> counts, int matched, int created) {
    }

    /**
     * Stages the matches and the new opportunities. With {@code toInsert}, the check against open opportunities runs
     * under the exclusive opening lock ({@link OpeningStore}), held until the new opportunities commit: an RM's
     * opportunity for the same customer and product is either seen by the check or opened after them.
     */
    private Staging stage(LocalDate asOf, Collection<RuleCode> asked, boolean toInsert) {
        Map<RuleCode, Map<String, BigDecimal>> rules = queries.enabledRules();
        if (asked != null) {
            rules.keySet().retainAll(asked);
        }
        int cooldown = queries.cooldownDays();
        store.createMatches();
        for (Map.Entry<RuleCode, Map<String, BigDecimal>> rule : rules.entrySet()) {
            RuleSql sql = RuleSql.of(rule.getKey(), rule.getValue());
            long ruleStarted = System.nanoTime();
            int n = store.addMatches(rule.getKey(), sql, asOf);
            log.debug("Discovery rule {} as of {}: {} matches in {} ms", rule.getKey(), asOf, n,
                    (System.nanoTime() - ruleStarted) / 1_000_000);
        }
        int matched = store.countMatches();
        if (toInsert) {
            opening.exclude();
        }
        int created = store.stageNew(
                asOf.minusDays(cooldown).atStartOfDay(ClockConfig.BANK_ZONE).toOffsetDateTime());
        // Counted before anything is inserted: afterwards the new opportunities would cover their own matches.
        Map<String, DiscoveryStore.Counted> byRule = store.countedByRule();
        List<RuleCount> counts = new ArrayList<>();
        for (RuleCode rule : rules.keySet()) {
            DiscoveryStore.Counted c = byRule.getOrDefault(rule.name(), new DiscoveryStore.Counted(0, 0, 0));
            counts.add(new RuleCount(rule, c.matched(), c.created(), c.openBefore()));
        }
        return new Staging(List.copyOf(counts), matched, created);
    }
}
