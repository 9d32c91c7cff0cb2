package org.bankcrm.web.segment;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.segment.SegmentCriteria;
import org.bankcrm.service.segment.SegmentService.SegmentInput;
import org.bankcrm.service.segment.SegmentService.SegmentView;
import org.bankcrm.web.shared.FieldConflict;
import org.bankcrm.web.shared.Formats;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A stale group editor's panel (D11): the name and each criterion where what was typed and the group as saved now
 * differ, in the editor's words (tiers, products and sizes by name, amounts as money).
 */
@Component
@RequiredArgsConstructor
class SegmentConflicts {

    private final MessageSource messages;
    private final Formats fmt;

    List<FieldConflict> between(SegmentInput typed, SegmentView saved, Locale locale) {
        SegmentCriteria a = typed.criteria();
        SegmentCriteria b = saved.criteria();
        return new FieldConflict.Rows()
                .differing("segment.name", typed.name(), saved.name())
                .differing("segment.type", named("customerType.", a.type(), locale), named("customerType.", b.type(),
                        locale))
                .differing("segment.tiers", names("tier.", a.tiers(), locale), names("tier.", b.tiers(), locale))
                .differing("segment.ageMin", number(a.ageMin()), number(b.ageMin()))
                .differing("segment.ageMax", number(a.ageMax()), number(b.ageMax()))
                .differing("segment.aumMin", money(a.aumMin()), money(b.aumMin()))
                .differing("segment.aumMax", money(a.aumMax()), money(b.aumMax()))
                .differing("segment.holds", names("product.", a.holds(), locale), names("product.", b.holds(), locale))
                .differing("segment.lacks", names("product.", a.lacks(), locale), names("product.", b.lacks(), locale))
                .differing("segment.industries", joined(a.industries(), Function.identity(), locale),
                        joined(b.industries(), Function.identity(), locale))
                .differing("segment.companySizes", names("companySize.", a.companySizes(), locale),
                        names("companySize.", b.companySizes(), locale))
                .differing("segment.branch.subtree", a.branchCode(), b.branchCode())
                .differing("segment.owned", owned(a.owned(), locale), owned(b.owned(), locale))
                .list();
    }

    private String named(String prefix, String code, Locale locale) {
        return code == null || code.isBlank() ? null : messages.getMessage(prefix + code, null, code, locale);
    }

    /** A set criterion's values by name, in a fixed order: the same set reads the same whichever way it was sent. */
    private String names(String prefix, Collection<String> codes, Locale locale) {
        return joined(codes, code -> named(prefix, code, locale), locale);
    }

    private static String joined(Collection<String> values, Function<String, String> name, Locale locale) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        return String.join("zh".equals(locale.getLanguage()) ? "、" : ", ",
                values.stream().filter(v -> v != null && !v.isBlank()).sorted().map(name).toList());
    }

    private String money(java.math.BigDecimal amount) {
        return amount == null ? null : fmt.money(amount);
    }

    private static String number(Integer value) {
        return value == null ? null : value.toString();
    }

    private String owned(Boolean owned, Locale locale) {
        String key = owned == null ? "segment.owned.any" : owned ? "segment.owned.true" : "segment.owned.false";
        return messages.getMessage(key, null, locale);
    }
}
