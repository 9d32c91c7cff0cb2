package org.bankcrm.service.settings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.customer.TierPolicy;
import org.bankcrm.domain.customer.TierThreshold;
import org.bankcrm.domain.customer.TierThresholdRepository;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.domain.product.Product;
import org.bankcrm.domain.product.ProductRepository;
import org.bankcrm.domain.settings.AppSetting;
import org.bankcrm.domain.settings.AppSettingRepository;
import org.bankcrm.domain.settings.LostReason;
import org.bankcrm.domain.settings.LostReasonRepository;
import org.bankcrm.domain.settings.StageSetting;
import org.bankcrm.domain.settings.StageSettingRepository;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.scoring.Rescoring;
import org.bankcrm.service.shared.Texts;
import org.bankcrm.service.shared.Versions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin's configuration: stage probabilities, tier thresholds (changing them re-tiers every customer),
 * lost reasons and product revenue rates. Every change is validated with field messages and audited with
 * its old and new value, and refused when the form read an older version of the row (D11). Longer than 250 lines:
 * the five sections of one admin page, each a short validated and audited change.
 */
@Service
@RequiredArgsConstructor
public class SettingsService {

    /**
     * Everything the settings page shows, with the version of each row its forms carry back (D11):
     * {@code versions} by stage, tier and app setting key.
     */
    public record Settings(Map<Stage, Integer> stageProbabilities, Map<Tier, BigDecimal> tierThresholds,
                           List<ReasonRow> lostReasons, List<ProductRow> products, BigDecimal revenueFloor,
                           BigDecimal revenueCeiling, Map<String, Integer> versions) {
    }

    /** A lost reason as the page lists it. */
    public record ReasonRow(String code, String nameZh, String nameEn, boolean enabled, int version) {
    }

    /** A product as the page lists it. */
    public record ProductRow(String code, String category, String nameZh, String nameEn, BigDecimal revenueRate,
                             boolean enabled, int version) {
    }

    static final String FLOOR = "scoring.revenue-floor";
    static final String CEILING = "scoring.revenue-ceiling";

    private final StageSettingRepository stages;
    private final TierThresholdRepository tiers;
    private final LostReasonRepository lostReasons;
    private final ProductRepository products;
    private final AppSettingRepository appSettings;
    private final Rescoring rescoring;
    private final AuditLog audit;
    private final SettingsStore store;

    @Transactional(readOnly = true)
    public Settings all(CurrentUser user) {
        AccessPolicy.requireAdmin(user);
        Map<Stage, Integer> probabilities = new LinkedHashMap<>();
        Map<String, Integer> versions = new LinkedHashMap<>();
        stages.findAllByOrderBySortOrder().forEach(s -> {
            probabilities.put(s.getStage(), s.getProbability());
            versions.put(s.getStage().name(), s.getVersion());
        });
        Map<Tier, BigDecimal> thresholds = new LinkedHashMap<>();
        tiers.findAllByOrderByKeyCustomerTypeAscSortOrderAsc().forEach(t -> {
            thresholds.put(t.tier(), t.getLowerBound());
            versions.put(t.tier().name(), t.getVersion());
        });
        List<ReasonRow> reasons = lostReasons.findAll().stream()
                .sorted(java.util.Comparator.comparingInt(LostReason::getSortOrder))
                .map(r -> new ReasonRow(r.getCode(), r.getNameZh(), r.getNameEn(), r.isEnabled(), r.getVersion()))
                .toList();
        List<ProductRow> rows = products.findAllByOrderBySortOrder().stream()
                .map(p -> new ProductRow(p.getCode(), p.getCategory().name(), p.getNameZh(), p.getNameEn(),
                        p.getRevenueRate(), p.isEnabled(), p.getVersion())).toList();
        appSettings.findAllById(List.of(FLOOR, CEILING)).forEach(a -> versions.put(a.getKey(), a.getVersion()));
        return new Settings(probabilities, thresholds, reasons, rows, setting(FLOOR), setting(CEILING), versions);
    }

    /**
     * Win probabilities of the open stages, whole percents 0–100 (成交 stays 100, 流失 0). {@code versions}: what
     * the form read, by stage; a stale one refuses the whole change.
     */
    @Transactional
    public void updateStageProbabilities(CurrentUser user, Map<Stage, Integer> probabilities,
                                         Map<Stage, Integer> versions) {
        AccessPolicy.requireAdmin(user);
        stages.findAllByOrderBySortOrder().forEach(s -> Versions.check(versions.get(s.getStage()), s.getVersion()));
        List<FieldError> errors = new ArrayList<>();
        for (Stage stage : Stage.OPEN_STAGES) {
            Integer p = probabilities.get(stage);
            if (p == null || p < 0 || p > 100) {
                errors.add(new FieldError("probability." + stage, "settings.probability.range"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        for (StageSetting s : stages.findAllByOrderBySortOrder()) {
            Integer p = probabilities.get(s.getStage());
            if (s.getStage().isOpen() && p != s.getProbability()) {
                audit.record(user.username(), "SETTING_CHANGED", "stage_probability", s.getStage().name(),
                        s.getProbability() + " -> " + p);
                s.changeProbability(p);
            }
        }
    }

    /**
     * New lower bounds for one customer type's tiers; the lowest must be 0 and they must rise. Every customer of
     * that type is re-tiered at once, and the open opportunities re-scored after the commit. {@code versions}: what
     * the form read, by tier; a stale one refuses the whole change.
     */
    @Transactional
    public int updateTierThresholds(CurrentUser user, CustomerType type, Map<Tier, BigDecimal> bounds,
                                    Map<Tier, Integer> versions) {
        AccessPolicy.requireAdmin(user);
        store.lock(SettingsStore.Section.TIERS);
        tiers.findAllByOrderByKeyCustomerTypeAscSortOrderAsc().stream().filter(t -> t.tier().type() == type)
                .forEach(t -> Versions.check(versions.get(t.tier()), t.getVersion()));
        List<TierPolicy.Threshold> proposed = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (TierThreshold t : tiers.findAllByOrderByKeyCustomerTypeAscSortOrderAsc()) {
            BigDecimal bound = t.tier().type() == type ? bounds.get(t.tier()) : t.getLowerBound();
            if (bound == null || bound.signum() < 0 || bound.scale() > 2) {
                errors.add(new FieldError("threshold." + t.tier(), "settings.threshold.invalid"));
            } else {
                proposed.add(new TierPolicy.Threshold(t.tier(), bound));
            }
        }
        if (errors.isEmpty()) {
            try {
                TierPolicy.of(proposed);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("threshold", "settings.threshold.order"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        for (TierThreshold t : tiers.findAllByOrderByKeyCustomerTypeAscSortOrderAsc()) {
            BigDecimal bound = bounds.get(t.tier());
            if (t.tier().type() == type && bound.compareTo(t.getLowerBound()) != 0) {
                audit.record(user.username(), "SETTING_CHANGED", "tier_threshold", t.tier().name(),
                        t.getLowerBound().toPlainString() + " -> " + bound.toPlainString());
                t.changeLowerBound(bound);
            }
        }
        tiers.flush();
        int retiered = store.retier(type);
        rescoreAfterCommit();
        return retiered;
    }

    @Transactional
    public void addLostReason(CurrentUser user, String code, String nameZh, String nameEn) {
        AccessPolicy.requireAdmin(user);
        List<FieldError> errors = new ArrayList<>();
        String c = Texts.clean(code);
        if (c == null || !c.matches("[A-Z0-9_]{1,32}")) {
            errors.add(new FieldError("code", "settings.lostReason.code"));
        } else if (lostReasons.existsById(c)) {
            errors.add(new FieldError("code", "settings.lostReason.taken", c));
        }
        if (Texts.clean(nameZh) == null || nameZh.length() > 100) {
            errors.add(new FieldError("nameZh", "validation.required"));
        }
        if (Texts.clean(nameEn) == null || nameEn.length() > 100) {
            errors.add(new FieldError("nameEn", "validation.required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        int order = lostReasons.findAll().stream().mapToInt(LostReason::getSortOrder).max().orElse(0) + 1;
        lostReasons.save(new LostReason(c, nameZh.strip(), nameEn.strip(), order));
        audit.record(user.username(), "SETTING_CHANGED", "lost_reason", c, "added");
    }

    /** Switches a lost reason on or off; at least one must stay on. A stale {@code version} is refused. */
    @Transactional
    public void switchLostReason(CurrentUser user, String code, boolean on, Integer version) {
        AccessPolicy.requireAdmin(user);
        store.lock(SettingsStore.Section.LOST_REASONS);
        LostReason r = lostReasons.findById(code).orElseThrow(() -> new InvalidInputException("code",
                "settings.lostReason.unknown", code));
        Versions.check(version, r.getVersion());
        if (!on && lostReasons.findByEnabledTrueOrderBySortOrder().size() <= 1 && r.isEnabled()) {
            throw new InvalidInputException("code", "settings.lostReason.last");
        }
        if (r.isEnabled() != on) {
            r.switchTo(on);
            audit.record(user.username(), "SETTING_CHANGED", "lost_reason", code, on ? "enabled" : "disabled");
        }
    }

    /**
     * A product's revenue rate (0 to 1, at most five decimals) and whether it can be sold. A new rate starts a task
     * that gives the product's open opportunities their new expected revenue (amount × rate) and re-scores them, in
     * batches of short transactions after the commit (so the admin's request locks no opportunity); a closed
     * opportunity keeps the revenue, score and model version it closed with. A stale {@code version} is refused.
     */
    @Transactional
    public void updateProduct(CurrentUser user, String code, BigDecimal rate, boolean enabled, Integer version) {
        AccessPolicy.requireAdmin(user);
        Product p = products.findById(code).orElseThrow(() -> new InvalidInputException("code", "product.unknown",
                code));
        Versions.check(version, p.getVersion());
        if (rate == null || rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0
                || rate.stripTrailingZeros().scale() > 5) {
            throw new InvalidInputException("revenueRate." + code, "settings.rate.range");
        }
        if (rate.compareTo(p.getRevenueRate()) != 0) {
            audit.record(user.username(), "SETTING_CHANGED", "product_rate", code,
                    p.getRevenueRate().toPlainString() + " -> " + rate.toPlainString());
            p.changeRevenueRate(rate);
            // Derived data, like the score: repriced in SQL by the task, so no one's open form goes stale.
            rescoring.openOfProduct(code);
        }
        if (p.isEnabled() != enabled) {
            audit.record(user.username(), "SETTING_CHANGED", "product_enabled", code, String.valueOf(enabled));
            p.switchTo(enabled);
        }
    }

    /**
     * The revenue factor's log scale: expected revenue at or below the floor scores 0, at or above the
     * ceiling 100. Both positive, the ceiling above the floor; every open opportunity is re-scored. The versions
     * the form read of the two settings: a stale one is refused.
     */
    @Transactional
    public void updateRevenueScale(CurrentUser user, BigDecimal floor, BigDecimal ceiling, Integer floorVersion,
                                   Integer ceilingVersion) {
        AccessPolicy.requireAdmin(user);
        store.lock(SettingsStore.Section.REVENUE_SCALE);
        Versions.check(floorVersion, appSettings.findById(FLOOR).orElseThrow().getVersion());
        Versions.check(ceilingVersion, appSettings.findById(CEILING).orElseThrow().getVersion());
        if (floor == null || ceiling == null || floor.signum() <= 0 || ceiling.compareTo(floor) <= 0) {
            throw new InvalidInputException("revenueScale", "settings.revenueScale.order");
        }
        change(user, FLOOR, floor);
        change(user, CEILING, ceiling);
        rescoreAfterCommit();
    }

    private void change(CurrentUser user, String key, BigDecimal value) {
        AppSetting s = appSettings.findById(key).orElseThrow();
        if (new BigDecimal(s.getValue()).compareTo(value) != 0) {
            audit.record(user.username(), "SETTING_CHANGED", "app_setting", key, s.getValue() + " -> "
                    + value.toPlainString());
            s.change(value.toPlainString(), user.username());
        }
    }

    private BigDecimal setting(String key) {
        return appSettings.findById(key).map(s -> new BigDecimal(s.getValue())).orElse(null);
    }

    private void rescoreAfterCommit() {
        rescoring.allOpen("settings");
    }
}
