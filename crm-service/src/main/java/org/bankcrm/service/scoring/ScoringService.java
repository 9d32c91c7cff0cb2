package org.bankcrm.service.scoring;

import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.opportunity.RiskLevel;
import org.bankcrm.domain.scoring.Factor;
import org.bankcrm.domain.scoring.ScoreInputs;
import org.bankcrm.domain.scoring.ScoringRules;
import org.bankcrm.domain.settings.AppSettingRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scores opportunities with the active model (dynamic evaluation): whenever an opportunity's own fields,
 * its follow-ups or its customer change, and in the nightly refresh for the time-based factors. A closed
 * opportunity keeps the score and model version it closed with.
 */
@Slf4j
@Service
@RequiredArgsConstructor
public class ScoringService {

    /** One factor's part as it is stored with the score and served by the API. */
    public record Part(String factor, BigDecimal value, int weight, BigDecimal contribution) {

        /** A rule's part as stored. */
        static Part of(ScoringRules.Part p) {
            return new Part(p.factor().name(), p.value(), p.weight(), p.contribution());
        }

        /** The same factor, weight, value and contribution, numbers compared by value (5 is 5.0). */
        boolean sameAs(Part other) {
            return factor.equals(other.factor) && weight == other.weight && value != null && other.value != null
                    && value.compareTo(other.value) == 0 && contribution != null && other.contribution != null
                    && contribution.compareTo(other.contribution) == 0;
        }
    }

    /** The active model as rules, with its version. */
    public record ActiveModel(int version, ScoringRules rules) {
    }

    /** The rules built from an active model's row: the same row gives the same (immutable) rules. */
    private record Built(ScoringQueries.ActiveRow row, ActiveModel model) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REVENUE_FLOOR = "scoring.revenue-floor";
    private static final String REVENUE_CEILING = "scoring.revenue-ceiling";
    private static final String DEFAULT_FLOOR = "100";
    private static final String DEFAULT_CEILING = "1000000";
    private static final TypeReference<List<Part>> PARTS = new TypeReference<>() {
    };

    private final AppSettingRepository settings;
    private final ScoringQueries queries;
    private final ScoringStore store;
    private final EntityManager entityManager;
    private final Clock clock;

    /**
     * The rules last built and the row they came from. The row is read in every re-scoring (so a model another node
     * activated counts at once); only the rules, checked and copied on construction, are kept while it is the same.
     */
    private volatile Built lastBuilt;

    /**
     * The active model as rules, with the admin's revenue scale, in one statement (a re-scoring reads the model with
     * the inputs instead: {@link #rescore}).
     */
    @Transactional(readOnly = true)
    public ActiveModel active() {
        return built(queries.activeModel());
    }

    /** The rules of the active model's row, built again only when the row is not the one last built. */
    private ActiveModel built(Optional<ScoringQueries.ActiveRow> row) {
        ScoringQueries.ActiveRow m = row.orElseThrow(() -> new IllegalStateException("no active model"));
        Built built = lastBuilt;
        if (built != null && built.row().equals(m)) {
            return built.model();
        }
        ActiveModel model = new ActiveModel(m.version(), new ScoringRules(m.weights(), m.bandA(), m.bandB(),
                m.bandC(), new BigDecimal(m.revenueFloor() == null ? DEFAULT_FLOOR : m.revenueFloor()),
                new BigDecimal(m.revenueCeiling() == null ? DEFAULT_CEILING : m.revenueCeiling())));
        lastBuilt = new Built(m, model);
        return model;
    }

    /** Rules for given weights and bands with the admin's revenue scale (for previews too). */
    public ScoringRules rulesOf(Map<Factor, Integer> weights, int bandA, int bandB, int bandC) {
        Map<String, String> scale = new java.util.HashMap<>();
        settings.findAllById(List.of(REVENUE_FLOOR, REVENUE_CEILING)).forEach(s -> scale.put(s.getKey(), s.getValue()));
        return new ScoringRules(weights, bandA, bandB, bandC,
                new BigDecimal(scale.getOrDefault(REVENUE_FLOOR, DEFAULT_FLOOR)),
                new BigDecimal(scale.getOrDefault(REVENUE_CEILING, DEFAULT_CEILING)));
    }

    /**
     * Scores the given open opportunities with the active model, in the caller's transaction; closed ones
     * keep what they had. The inputs are read, and the scores written, in SQL for the whole list at once. A score
     * that comes out as it is stored (the same value, band, model and parts) is not written again (D79): most
     * follow-ups on an opportunity already followed up today move nothing, and a row written costs its table's
     * checks, a new row version and the read model's triggers.
     *
     * @return how many were scored (open), written or not
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int rescore(List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        ScoringQueries.Scoring read = queries.openInputs(ids, now, LocalDate.now(clock));
        ActiveModel model = built(read.model());
        List<ScoringStore.Scored> changed = new ArrayList<>();
        for (ScoringQueries.OpenInputs o : read.open()) {
            ScoringRules.Result r = model.rules().score(o.inputs());
            if (!isStored(o.stored(), model.version(), r)) {
                changed.add(new ScoringStore.Scored(o.id(), r.score(), r.band(), toJson(r.breakdown())));
            }
        }
        if (!changed.isEmpty()) {
            store.write(model.version(), now, changed);
        }
        return read.open().size();
    }

    /** Whether {@code r}, scored with model {@code version}, is what {@code stored} already holds, part for part. */
    static boolean isStored(ScoringQueries.Stored stored, int version, ScoringRules.Result r) {
        if (stored.version() == null || stored.version() != version || stored.score() == null
                || stored.score().compareTo(r.score()) != 0 || !r.band().equals(stored.band())) {
            return false;
        }
        List<Part> parts;
        try {
            parts = parse(stored.breakdown());
        } catch (RuntimeException unreadable) {
            return false; // written again, as it is now
        }
        if (parts.size() != r.breakdown().size()) {
            return false;
        }
        for (int i = 0; i < parts.size(); i++) {
            if (!Part.of(r.breakdown().get(i)).sameAs(parts.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The score of an opportunity not yet written: value, band and the breakdown as stored (JSON). */
    public record NewScore(BigDecimal score, String band, String breakdown) {
    }

    /**
     * Scores an opportunity the system is about to create, with no follow-ups yet, from the same inputs
     * {@link #rescore} reads: so that many new rows (discovery) are written once, already scored, instead of being
     * inserted and then updated. {@code products} counts the distinct products the customer holds (a balance above
     * zero, or any row of EBANK, CARD_CREDIT or PAYROLL).
     */
    public NewScore scoreNew(ActiveModel model, BigDecimal expectedRevenue, RiskLevel risk, int needStrength,
                             Competition competition, Tier tier, int products, LocalDate expectedCloseDate) {
        ScoringRules.Result r = model.rules().score(new ScoreInputs(expectedRevenue, risk, needStrength, competition,
                tier, products, ChronoUnit.DAYS.between(LocalDate.now(clock), expectedCloseDate), null, 0));
        return new NewScore(r.score(), r.band(), toJson(r.breakdown()));
    }

    /**
     * Feeds every closed opportunity's inputs, as they stood when it closed (days to the expected close date
     * and follow-ups up to the close), to {@code sink} with whether it was won. Streams; keeps nothing.
     */
    @Transactional(readOnly = true)
    public void forEachClosed(BiConsumer<ScoreInputs, Boolean> sink) {
        queries.forEachClosed(sink);
    }

    /** Scores one opportunity now and reloads its state, for the answer to the request that changed it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void rescoreNow(Opportunity o) {
        entityManager.flush();
        rescore(List.of(o.getId()));
        entityManager.refresh(o);
    }

    public static List<Part> parse(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        return JSON.readValue(json, PARTS);
    }

    static String toJson(List<ScoringRules.Part> parts) {
        return JSON.writeValueAsString(parts.stream().map(Part::of).toList());
    }
}
