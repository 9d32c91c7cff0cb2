package org.bankcrm.service.discovery;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.discovery.DiscoveryRule;
import org.bankcrm.domain.discovery.DiscoveryRuleParam;
import org.bankcrm.domain.discovery.DiscoveryRuleRepository;
import org.bankcrm.domain.discovery.DiscoveryRun;
import org.bankcrm.domain.discovery.DiscoveryRunRepository;
import org.bankcrm.domain.discovery.RuleCode;
import org.bankcrm.domain.discovery.RuleCode.ParamKind;
import org.bankcrm.domain.settings.AppSetting;
import org.bankcrm.domain.settings.AppSettingRepository;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.service.shared.Versions;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The admin's side of discovery: the rules (on/off and thresholds, validated and audited), the cool-down after a
 * closed opportunity, dry runs, starting runs and reading them. Only an ADMIN may use any of it.
 *
 * <p>Over 250 lines: most of it is checking each rule's thresholds, reporting every bad field at once; the runs
 * themselves are {@link DiscoveryRunner} and {@link DiscoveryEngine}, their SQL {@link DiscoveryStore} and
 * {@link DiscoveryQueries}.
 */
@Service
@RequiredArgsConstructor
public class DiscoveryService {

    /** What to run: as of a date (default today, bank time) and a subset of the rules (default every enabled one). */
    public record StartRun(LocalDate asOf, List<String> rules) {
    }

    /**
     * A run as the API and the page show it.
     *
     * @param created opportunities created per rule that ran, in run order; empty until the run is done
     * @param skipped matches that created no opportunity (an open one existed, the rule's cool-down, a later rule
     *                of the same customer and product whose evidence was appended to the first rule's, a product
     *                switched off)
     * @param rules   the rule codes asked for, null for every enabled rule
     * @param failure a messages key saying why the run failed, else null
     * @param counts  each rule's figures, in run order; empty until the run is done
     */
    public record RunView(long id, LocalDate asOf, String status, Map<String, Integer> created, int skipped,
                          List<String> rules, String startedBy, Instant startedAt, Instant finishedAt, String failure,
                          List<RuleCount> counts) {

        public boolean active() {
            return "QUEUED".equals(status) || "RUNNING".equals(status);
        }

        /** The opportunities it created. */
        public int createdTotal() {
            return created.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * One rule's figures in a run or a dry run.
     *
     * @param matched     its matches (customer and product); null for a run recorded before these were kept
     * @param created     the opportunities it created, or would create
     * @param skippedOpen its matches an open opportunity of the same customer and product already covers; null like
     *                    {@code matched}
     */
    public record RuleCount(String rule, Integer matched, int created, Integer skippedOpen) {

        /**
         * The rest of its matches that make nothing: the rule's cool-down, an earlier rule of the same customer and
         * product (which gets this rule's evidence), a product switched off; null when not known.
         */
        public Integer skippedOther() {
            return matched == null || skippedOpen == null ? null : matched - created - skippedOpen;
        }
    }

    /**
     * What a run would do now, found by a dry run (nothing written).
     *
     * @param asOf    the date it was computed as of, which the run it confirms takes
     * @param rules   the rule codes asked for, null for every enabled rule
     * @param counts  each rule's figures, in run order
     * @param skipped matches that would create no opportunity
     */
    public record Preview(LocalDate asOf, List<String> rules, List<RuleCount> counts, int skipped) {

        /** The opportunities the run would create. */
        public int created() {
            return counts.stream().mapToInt(RuleCount::created).sum();
        }

        /** The opportunities it would create per rule, in run order, as a run reports them. */
        public Map<String, Integer> createdByRule() {
            Map<String, Integer> created = new LinkedHashMap<>();
            counts.forEach(c -> created.put(c.rule(), c.created()));
            return created;
        }
    }

    /** A rule parameter as the page shows it. */
    public record ParamView(String name, ParamKind kind, BigDecimal value) {

        /** The value without trailing zeros, for the form. */
        public String display() {
            return value == null ? "" : value.stripTrailingZeros().toPlainString();
        }

        /** The step of the form's number input. */
        public String step() {
            return switch (kind) {
                case DAYS, COUNT, AGE -> "1";
                case AMOUNT -> "0.01";
                case RATIO -> "0.0001";
            };
        }
    }

    /** A rule, whether it runs, and its parameters. */
    /** A rule as the page shows it; {@code version} is what its form sends back ({@link #versionOf}). */
    public record RuleView(String code, boolean enabled, List<ParamView> params, String version) {
    }

    /** Everything the admin page edits, with the versions its forms send back. */
    public record Rules(List<RuleView> rules, int cooldownDays, int cooldownVersion) {
    }

    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2099, 12, 31);
    static final int MAX_DAYS = 3650;
    static final int MAX_AGE = 150;
    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000");

    private final DiscoveryRuleRepository rules;
    private final DiscoveryRunRepository runs;
    private final AppSettingRepository settings;
    private final DiscoveryRunner runner;
    private final AuditLog audit;
    private final DiscoveryQueries queries;
    private final DiscoveryEngine engine;
    private final TransactionTemplate dryRunTx;
    private final Clock clock;

    /**
     * Queues a run and starts it once the request's transaction has committed; answers at once with the run, queued.
     *
     * @throws InvalidInputException an unknown or switched-off rule, or an as-of date outside 2000–2099
     */
    @Transactional
    public RunView start(CurrentUser user, StartRun cmd) {
        AccessPolicy.requireAdmin(user);
        Asked asked = check(cmd);
        DiscoveryRun run = runs.saveAndFlush(new DiscoveryRun(asked.asOf(), asked.codes(), user.username(),
                clock.instant()));
        audit.record(user.username(), "DISCOVERY_RUN_STARTED", "discovery_run", String.valueOf(run.getId()),
                "asOf=" + asked.asOf() + ", rules=" + (asked.codes() == null ? "all enabled" : asked.codes()));
        runner.submit(run.getId());
        return view(run, List.of());
    }

    /**
     * The dry run of {@link #start}: what a run asked for the same way would create now, per rule, by the run's own
     * statements in a transaction that is rolled back (D41). Nothing is written, not even a run record.
     *
     * @throws InvalidInputException as {@link #start}
     * @throws ConflictException     while another run is queued or running: its opportunities would be counted as
     *                               new
     */
    public Preview preview(CurrentUser user, StartRun cmd) {
        AccessPolicy.requireAdmin(user);
        return dryRunTx.execute(status -> {
            status.setRollbackOnly();
            Asked asked = check(cmd);
            if (queries.anyActiveRun()) {
                throw new ConflictException(DiscoveryEngine.BUSY);
            }
            DiscoveryEngine.Outcome outcome = engine.dryRun(asked.asOf(), asked.rules().isEmpty() ? null
                    : asked.rules());
            return new Preview(asked.asOf(), asked.codes() == null ? null : List.of(asked.codes().split(",")),
                    outcome.counts().stream().map(DiscoveryService::count).toList(), outcome.skipped());
        });
    }

    /** A checked run request: its date, the rules asked for (empty: every enabled one) and their codes joined. */
    private record Asked(LocalDate asOf, Set<RuleCode> rules, String codes) {
    }

    private Asked check(StartRun cmd) {
        LocalDate asOf = cmd == null || cmd.asOf() == null ? LocalDate.now(clock) : cmd.asOf();
        List<FieldError> errors = new ArrayList<>();
        if (asOf.isBefore(EARLIEST) || asOf.isAfter(LATEST)) {
            errors.add(new FieldError("asOf", "discovery.asOf.range", EARLIEST.toString(), LATEST.toString()));
        }
        Set<RuleCode> asked = new TreeSet<>();
        Map<String, Boolean> enabled = new LinkedHashMap<>();
        rules.findAll().forEach(r -> enabled.put(r.getCode(), r.isEnabled()));
        if (cmd != null && cmd.rules() != null) {
            for (String code : cmd.rules()) {
                var rule = RuleCode.parse(code);
                if (rule.isEmpty()) {
                    errors.add(new FieldError("rules", "discovery.rule.unknown", String.valueOf(code)));
                } else if (!enabled.getOrDefault(rule.get().name(), false)) {
                    errors.add(new FieldError("rules", "discovery.rule.off", rule.get().name()));
                } else {
                    asked.add(rule.get());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String codes = asked.isEmpty() ? null : String.join(",", asked.stream().map(Enum::name).toList());
        return new Asked(asOf, asked, codes);
    }

    private static RuleCount count(DiscoveryEngine.RuleCount c) {
        return new RuleCount(c.rule().name(), c.matched(), c.created(), c.openBefore());
    }

    /** The nightly run: every enabled rule as of today, by the system; it starts once the caller has committed. */
    @Transactional
    public long queueNightly() {
        DiscoveryRun run = runs.saveAndFlush(new DiscoveryRun(LocalDate.now(clock), null, null, clock.instant()));
        runner.submit(run.getId());
        return run.getId();
    }

    @Transactional(readOnly = true)
    public RunView run(CurrentUser user, long id) {
        AccessPolicy.requireAdmin(user);
        DiscoveryRun run = runs.findById(id)
                .orElseThrow(() -> new NotFoundException("discovery.run.notFound", String.valueOf(id)));
        return view(run, queries.countsPerRule(List.of(id)).getOrDefault(id, List.of()));
    }

    /** Runs, newest first. */
    @Transactional(readOnly = true)
    public Paged<RunView> runs(CurrentUser user, Integer page, Integer size) {
        AccessPolicy.requireAdmin(user);
        var request = org.bankcrm.service.shared.PageRequestParams.of(page, size, 20,
                org.springframework.data.domain.Sort.by(org.springframework.data.domain.Sort.Order.desc("startedAt"),
                        org.springframework.data.domain.Sort.Order.desc("id")));
        var found = runs.findAll(request);
        Map<Long, List<RuleCount>> counts =
                queries.countsPerRule(found.getContent().stream().map(DiscoveryRun::getId).toList());
        return Paged.of(found, r -> view(r, counts.getOrDefault(r.getId(), List.of())));
    }

    @Transactional(readOnly = true)
    public Rules rules(CurrentUser user) {
        AccessPolicy.requireAdmin(user);
        List<RuleView> list = rules.findAllByOrderBySortOrder().stream()
                .map(r -> new RuleView(r.getCode(), r.isEnabled(), r.getParams().stream()
                        .sorted(Comparator.comparing(DiscoveryRuleParam::getName, DiscoveryService::paramOrder))
                        .map(p -> new ParamView(p.getName(), RuleCode.kindOf(p.getName()), p.getValue()))
                        .toList(), versionOf(r)))
                .toList();
        var cooldown = settings.findById(DiscoveryEngine.COOLDOWN_SETTING);
        return new Rules(list, cooldown.map(s -> new BigDecimal(s.getValue().strip()).intValue()).orElse(90),
                cooldown.map(AppSetting::getVersion).orElse(0));
    }

    /**
     * A rule's version as a form carries it: the rule's own and each parameter's (by name), so that a change of any
     * of them since the form was shown makes it stale ({@code 3;max-age=2;min-age=1}).
     */
    static String versionOf(DiscoveryRule rule) {
        return rule.getVersion() + rule.getParams().stream().sorted(Comparator.comparing(DiscoveryRuleParam::getName))
                .map(p -> ";" + p.getName() + "=" + p.getVersion()).collect(java.util.stream.Collectors.joining());
    }

    /**
     * Switches a rule on or off and sets its parameters (every one of them: {@code values} maps each name to its
     * new value, null where the input was missing or not a number). Every problem is reported at once; every
     * change is audited with its old and new value. With {@code seenVersion} (the form's {@link RuleView#version}),
     * a rule another admin changed since is refused ({@code error.stale}) before anything changes: the form posts
     * every parameter, so it would otherwise put back the values it showed.
     */
    @Transactional
    public void updateRule(CurrentUser user, String code, boolean enabled, Map<String, BigDecimal> values,
                           String seenVersion) {
        AccessPolicy.requireAdmin(user);
        DiscoveryRule rule = rules.findAllByOrderBySortOrder().stream().filter(r -> r.getCode().equals(code))
                .findFirst().orElseThrow(() -> new NotFoundException("discovery.rule.unknown", code));
        if (seenVersion != null && !seenVersion.equals(versionOf(rule))) {
            throw new ConflictException("error.stale");
        }
        List<FieldError> errors = new ArrayList<>();
        for (DiscoveryRuleParam p : rule.getParams()) {
            String error = problem(RuleCode.kindOf(p.getName()), values.get(p.getName()));
            if (error != null) {
                errors.add(new FieldError(field(code, p.getName()), error, label("discovery.rule." + code),
                        label("discovery.param." + p.getName())));
            }
        }
        BigDecimal minAge = values.get("min-age");
        BigDecimal maxAge = values.get("max-age");
        if (errors.isEmpty() && minAge != null && maxAge != null && minAge.compareTo(maxAge) > 0) {
            errors.add(new FieldError(field(code, "min-age"), "discovery.invalid.ageOrder",
                    label("discovery.rule." + code)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (rule.isEnabled() != enabled) {
            audit.record(user.username(), "SETTING_CHANGED", "discovery_rule", code,
                    "enabled " + rule.isEnabled() + " -> " + enabled);
            rule.switchTo(enabled);
        }
        for (DiscoveryRuleParam p : rule.getParams()) {
            BigDecimal value = values.get(p.getName());
            if (value.compareTo(p.getValue()) != 0) {
                audit.record(user.username(), "SETTING_CHANGED", "discovery_rule_param", code + "." + p.getName(),
                        p.getValue().stripTrailingZeros().toPlainString() + " -> "
                                + value.stripTrailingZeros().toPlainString());
                p.change(value);
            }
        }
    }

    /** Days after a rule's opportunity for a customer and product closed during which the rule stays silent on it. */
    @Transactional
    public void updateCooldown(CurrentUser user, Integer days, Integer seenVersion) {
        AccessPolicy.requireAdmin(user);
        if (days == null || days < 0 || days > MAX_DAYS) {
            throw new InvalidInputException("cooldownDays", "discovery.cooldown.range", String.valueOf(MAX_DAYS));
        }
        AppSetting s = settings.findById(DiscoveryEngine.COOLDOWN_SETTING).orElseThrow();
        Versions.check(seenVersion, s.getVersion());
        if (new BigDecimal(s.getValue().strip()).compareTo(BigDecimal.valueOf(days)) != 0) {
            audit.record(user.username(), "SETTING_CHANGED", "app_setting", DiscoveryEngine.COOLDOWN_SETTING,
                    s.getValue() + " -> " + days);
            s.change(String.valueOf(days), user.username());
        }
    }

    /** The messages key of what is wrong with a value of this kind, or null when it is fine. */
    static String problem(ParamKind kind, BigDecimal v) {
        if (v == null) {
            return "discovery.invalid.required";
        }
        return switch (kind) {
            case DAYS -> whole(v) && v.signum() >= 0 && v.compareTo(BigDecimal.valueOf(MAX_DAYS)) <= 0 ? null
                    : "discovery.invalid.days";
            case COUNT -> whole(v) && v.signum() >= 0 && v.compareTo(BigDecimal.valueOf(1_000_000)) <= 0 ? null
                    : "discovery.invalid.count";
            case AGE -> whole(v) && v.signum() >= 0 && v.compareTo(BigDecimal.valueOf(MAX_AGE)) <= 0 ? null
                    : "discovery.invalid.age";
            case AMOUNT -> v.signum() >= 0 && v.compareTo(MAX_AMOUNT) <= 0 && v.stripTrailingZeros().scale() <= 2
                    ? null : "discovery.invalid.amount";
            case RATIO -> v.signum() > 0 && v.compareTo(BigDecimal.ONE) <= 0 && v.stripTrailingZeros().scale() <= 4
                    ? null : "discovery.invalid.ratio";
        };
    }

    public static String field(String rule, String param) {
        return "params." + rule + "." + param;
    }

    private static boolean whole(BigDecimal v) {
        return v.stripTrailingZeros().scale() <= 0;
    }

    private static DefaultMessageSourceResolvable label(String key) {
        return new DefaultMessageSourceResolvable(new String[]{key}, key);
    }

    /** Parameters in the order a reader expects: who and when first, then how much and when to close. */
    private static int paramOrder(String a, String b) {
        List<String> order = List.of("window-days", "min-age", "max-age", "min-average-aum", "max-ratio", "near-ratio",
                "min-employees", "max-distinct-products", "inactive-days", "min-aum", "amount", "amount-per-employee",
                "amount-ratio", "close-in-days");
        int ia = order.indexOf(a);
        int ib = order.indexOf(b);
        return ia >= 0 && ib >= 0 ? Integer.compare(ia, ib) : a.compareTo(b);
    }

    private static RunView view(DiscoveryRun r, List<RuleCount> counts) {
        List<String> asked = r.getRules() == null ? null : List.of(r.getRules().split(","));
        Map<String, Integer> created = new LinkedHashMap<>();
        counts.forEach(c -> created.put(c.rule(), c.created()));
        return new RunView(r.getId(), r.getAsOf(), r.getStatus(), created, r.getSkipped(), asked, r.getStartedBy(),
                r.getStartedAt(), r.getFinishedAt(), r.getFailure(), counts);
    }
}
