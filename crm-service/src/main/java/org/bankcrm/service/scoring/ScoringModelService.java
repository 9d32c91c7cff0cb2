package org.bankcrm.service.scoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.domain.scoring.Auc;
import org.bankcrm.domain.scoring.Factor;
import org.bankcrm.domain.scoring.ScoringModel;
import org.bankcrm.domain.scoring.ScoringModelRepository;
import org.bankcrm.domain.scoring.ScoringRules;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The scoring model as admins run it: read the active version, preview proposed weights against the
 * opportunities closed so far (AUC and conversion per band, side by side with the active model), activate a
 * new version, which re-scores every open opportunity in the background, and follow that re-scoring.
 */
@Slf4j
@Service
@RequiredArgsConstructor
public class ScoringModelService {

    /** The contract's shape of a model. */
    public record ModelView(int version, Instant activatedAt, String activatedBy, Map<String, Integer> weights,
                            Map<String, Integer> bandThresholds) {

        static ModelView of(ScoringModel m) {
            Map<String, Integer> weights = new LinkedHashMap<>();
            m.weights().forEach((f, w) -> weights.put(f.name(), w));
            Map<String, Integer> bands = new LinkedHashMap<>();
            bands.put("A", m.getBandA());
            bands.put("B", m.getBandB());
            bands.put("C", m.getBandC());
            return new ModelView(m.getVersion(), m.getActivatedAt(), m.getActivatedBy(), weights, bands);
        }
    }

    /**
     * Proposed weights (all eight factors) and optionally band thresholds (A, B, C); optionally {@code baseVersion},
     * the active version the proposal was made from: another version activated since makes it a conflict.
     */
    public record Proposal(Map<String, Integer> weights, Map<String, Integer> bandThresholds, Integer baseVersion) {
    }

    /** How one band of a model did on the closed opportunities. */
    public record BandResult(long count, long won, BigDecimal conversionRate) {
    }

    /** How a model ranks the closed opportunities. */
    public record Evaluation(Double auc, Map<String, BandResult> bands) {
    }

    /** The preview: both models on the same closed opportunities. */
    public record Preview(long closedEvaluated, Evaluation current, Evaluation proposed) {

        /**
         * Why the proposal ranks the closed opportunities worse, as a message key (its arguments:
         * {@link #warningArgs}), or null: {@code scoring.weaker.chance} below 0.5, worse than picking at random;
         * {@code scoring.weaker.current} below the active model's AUC. No AUC (nothing closed yet): no warning.
         */
        public String warning() {
            Double p = proposed == null ? null : proposed.auc();
            if (p == null) {
                return null;
            }
            if (p < 0.5) {
                return "scoring.weaker.chance";
            }
            Double c = current == null ? null : current.auc();
            return c != null && p < c ? "scoring.weaker.current" : null;
        }

        public Object[] warningArgs() {
            return new Object[]{proposed == null ? null : proposed.auc(), current == null ? null : current.auc()};
        }
    }

    /** Re-scoring after an activation: open opportunities already on the active version, of all open ones. */
    public record Progress(int version, long scored, long open) {

        public boolean done() {
            return scored >= open;
        }
    }

    private final ScoringModelRepository models;
    private final ScoringService scoring;
    private final AuditLog audit;
    private final ScoringQueries queries;
    private final Rescoring rescoring;
    private final Clock clock;

    @Transactional(readOnly = true)
    public ModelView current(CurrentUser user) {
        AccessPolicy.requireAdmin(user);
        return ModelView.of(active());
    }

    @Transactional(readOnly = true)
    public List<ModelView> history(CurrentUser user) {
        AccessPolicy.requireAdmin(user);
        return models.findAllByOrderByVersionDesc().stream().map(ModelView::of).toList();
    }

    @Transactional(readOnly = true)
    public Preview preview(CurrentUser user, Proposal proposal) {
        AccessPolicy.requireAdmin(user);
        ScoringModel m = active();
        ScoringRules current = scoring.rulesOf(m.weights(), m.getBandA(), m.getBandB(), m.getBandC());
        ScoringRules proposed = rules(proposal, m);
        Tally a = new Tally(current);
        Tally b = new Tally(proposed);
        long[] n = {0};
        scoring.forEachClosed((inputs, won) -> {
            a.add(inputs, won);
            b.add(inputs, won);
            n[0]++;
        });
        return new Preview(n[0], a.result(), b.result());
    }

    /**
     * Activates the proposal like {@link #activate(CurrentUser, Proposal)}, but refuses one that ranks the closed
     * opportunities worse than chance or than the active model unless {@code confirmedWeaker}: the admin has seen
     * the warning and ticked that they mean it (field {@code confirmWeaker}, the preview's message). The pages
     * activate through this; the API's contract has no confirmation and activates as it says (D39).
     */
    @Transactional
    public ModelView activate(CurrentUser user, Proposal proposal, boolean confirmedWeaker) {
        AccessPolicy.requireAdmin(user);
        if (!confirmedWeaker) {
            Preview p = preview(user, proposal);
            if (p.warning() != null) {
                throw new InvalidInputException("confirmWeaker", p.warning(), p.warningArgs());
            }
        }
        return activate(user, proposal);
    }

    /**
     * Activates the proposal as the next version and, once that has committed, re-scores every open
     * opportunity in the background. A proposal made from a version that is no longer active (another admin
     * activated one since) is refused ({@code scoring.model.stale}, 409) rather than replacing weights its author
     * never saw.
     */
    @Transactional
    public ModelView activate(CurrentUser user, Proposal proposal) {
        AccessPolicy.requireAdmin(user);
        ScoringModel old = active();
        if (proposal.baseVersion() != null && proposal.baseVersion() != old.getVersion()) {
            throw new ConflictException("scoring.model.stale");
        }
        rules(proposal, old);
        Map<Factor, Integer> weights = weights(proposal);
        int[] bands = bands(proposal, old);
        old.deactivate();
        models.saveAndFlush(old);
        ScoringModel next = models.save(ScoringModel.next(old.getVersion() + 1, weights, bands[0], bands[1], bands[2],
                user.username(), clock.instant()));
        audit.record(user.username(), "SCORING_MODEL_ACTIVATED", "scoring_model", String.valueOf(next.getVersion()),
                "weights=" + weights + ", bands=" + bands[0] + "/" + bands[1] + "/" + bands[2]);
        rescoring.allOpen("model-v" + next.getVersion());
        return ModelView.of(next);
    }

    @Transactional(readOnly = true)
    public Progress progress(CurrentUser user) {
        AccessPolicy.requireAdmin(user);
        return queries.progress(active().getVersion());
    }

    private ScoringModel active() {
        return models.findByActiveTrue().orElseThrow(() -> new IllegalStateException("no active scoring model"));
    }

    /** Validates the proposal with field-level messages and turns it into rules. */
    private ScoringRules rules(Proposal proposal, ScoringModel fallback) {
        Map<Factor, Integer> weights = weights(proposal);
        int[] bands = bands(proposal, fallback);
        return scoring.rulesOf(weights, bands[0], bands[1], bands[2]);
    }

    private static Map<Factor, Integer> weights(Proposal proposal) {
        List<FieldError> errors = new ArrayList<>();
        Map<Factor, Integer> weights = new EnumMap<>(Factor.class);
        Map<String, Integer> given = proposal == null || proposal.weights() == null ? Map.of() : proposal.weights();
        for (String key : given.keySet()) {
            try {
                Factor.valueOf(key);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("weights." + key, "scoring.weights.unknownFactor", key));
            }
        }
        for (Factor f : Factor.values()) {
            Integer w = given.get(f.name());
            if (w == null) {
                errors.add(new FieldError("weights." + f.name(), "scoring.weights.missing", f.name()));
            } else if (w < 0 || w > 100) {
                errors.add(new FieldError("weights." + f.name(), "scoring.weights.range", f.name()));
            } else {
                weights.put(f, w);
            }
        }
        if (errors.isEmpty()) {
            int sum = weights.values().stream().mapToInt(Integer::intValue).sum();
            if (sum != 100) {
                errors.add(new FieldError("weights", "scoring.weights.sum", sum));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return weights;
    }

    private static int[] bands(Proposal proposal, ScoringModel fallback) {
        Map<String, Integer> given = proposal == null ? null : proposal.bandThresholds();
        if (given == null || given.isEmpty()) {
            return new int[]{fallback.getBandA(), fallback.getBandB(), fallback.getBandC()};
        }
        Integer a = given.get("A");
        Integer b = given.get("B");
        Integer c = given.get("C");
        if (a == null || b == null || c == null || given.size() != 3 || !(100 >= a && a > b && b > c && c > 0)) {
            throw new InvalidInputException("bandThresholds", "scoring.bands.order");
        }
        return new int[]{a, b, c};
    }

    /** Scores won and lost opportunities with one model and counts them per band. */
    private static final class Tally {
        private final ScoringRules rules;
        private final List<Double> won = new ArrayList<>();
        private final List<Double> lost = new ArrayList<>();
        private final Map<String, long[]> bands = new LinkedHashMap<>();

        Tally(ScoringRules rules) {
            this.rules = rules;
            for (String band : List.of("A", "B", "C", "D")) {
                bands.put(band, new long[2]);
            }
        }

        void add(org.bankcrm.domain.scoring.ScoreInputs inputs, boolean isWon) {
            ScoringRules.Result r = rules.score(inputs);
            (isWon ? won : lost).add(r.score().doubleValue());
            long[] counts = bands.get(r.band());
            counts[0]++;
            if (isWon) {
                counts[1]++;
            }
        }

        Evaluation result() {
            Map<String, BandResult> out = new LinkedHashMap<>();
            bands.forEach((band, c) -> out.put(band, new BandResult(c[0], c[1], c[0] == 0 ? null
                    : BigDecimal.valueOf(c[1]).divide(BigDecimal.valueOf(c[0]), 4, RoundingMode.HALF_UP))));
            Double auc = Auc.of(won, lost);
            return new Evaluation(auc == null ? null : Math.round(auc * 10_000) / 10_000.0, out);
        }
    }
}
