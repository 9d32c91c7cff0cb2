package org.bankcrm.service.approval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.product.ProductCategory;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.BasedOn;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin's approval rules: read and replaced whole ({@code GET/PUT /api/v1/admin/approval-rules}). The set has a
 * version, a digest of its rules ({@link #version}): a save that names the version it was made from is refused (409,
 * nothing changed) when the set has changed since, so that one admin's save never silently drops another's rule.
 */
@Service
@RequiredArgsConstructor
public class ApprovalRules {

    /** One rule as sent: the category as text, so that an unknown one is a translated 400, not a parse error. */
    public record RuleInput(String productCategory, BigDecimal minAmount) {
    }

    private static final BigDecimal MAX = new BigDecimal("9999999999999999.99");

    private final ApprovalRuleStore store;
    private final AuditLog audit;

    @Transactional(readOnly = true)
    public List<ApprovalRule> list(CurrentUser user) {
        AccessPolicy.requireAdmin(user);
        return store.all();
    }

    /**
     * The version of these rules: the first 16 hex digits of the SHA-256 of their categories and amounts in
     * category order. The same rules have the same version, whoever saved them when.
     */
    public static String version(List<ApprovalRule> rules) {
        String text = rules.stream().sorted(Comparator.comparing(ApprovalRule::productCategory))
                .map(r -> r.productCategory().name() + ">=" + r.minAmount().setScale(2).toPlainString())
                .collect(Collectors.joining(";"));
        return BasedOn.digest(text);
    }

    /**
     * Replaces the rules; every problem at once ({@code rules[i].field}), nothing changed on any. With
     * {@code basedOn} naming the {@link #version} the caller read, a set changed since is a conflict
     * ({@code approval.rules.stale}); {@link BasedOn#ANY} saves over whatever is there.
     */
    @Transactional
    public List<ApprovalRule> replace(CurrentUser user, List<RuleInput> input, BasedOn basedOn) {
        AccessPolicy.requireAdmin(user);
        List<FieldError> errors = new ArrayList<>();
        List<ApprovalRule> rules = new ArrayList<>();
        Set<ProductCategory> seen = new HashSet<>();
        if (input == null) {
            throw new InvalidInputException("rules", "validation.required");
        }
        for (int i = 0; i < input.size(); i++) {
            RuleInput r = input.get(i);
            String at = "rules[" + i + "].";
            if (r == null) {
                errors.add(new FieldError("rules[" + i + "]", "validation.required"));
                continue;
            }
            ProductCategory category = category(r.productCategory());
            if (category == null) {
                errors.add(new FieldError(at + "productCategory", "approval.rule.categoryUnknown",
                        String.valueOf(r.productCategory())));
            } else if (!seen.add(category)) {
                errors.add(new FieldError(at + "productCategory", "approval.rule.categoryTwice", category.name()));
            }
            boolean amountRead = false;
            if (r.minAmount() == null) {
                errors.add(new FieldError(at + "minAmount", "validation.required"));
            } else if (r.minAmount().signum() < 0) {
                errors.add(new FieldError(at + "minAmount", "validation.amount.nonNegative"));
            } else if (r.minAmount().scale() > 2 || r.minAmount().compareTo(MAX) > 0) {
                errors.add(new FieldError(at + "minAmount", "approval.rule.amountDigits"));
            } else {
                amountRead = true;
            }
            if (category != null && amountRead) {
                rules.add(new ApprovalRule(category, r.minAmount().setScale(2, java.math.RoundingMode.HALF_UP)));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        store.lock();
        basedOn.check(version(store.all()), "approval.rules.stale");
        store.replace(rules, user.username());
        audit.record(user.username(), "APPROVAL_RULES", "approval_rule", null, rules.stream()
                .map(r -> r.productCategory() + ">=" + r.minAmount().toPlainString()).toList().toString());
        return store.all();
    }

    private static ProductCategory category(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ProductCategory.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
