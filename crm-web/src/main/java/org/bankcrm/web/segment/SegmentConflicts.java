package org.bankcrm.web.segment;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import lombok.RequiredArgsConstructor;
import org.bankcrm.service.segment.SegmentCriteria;
import org.bankcrm.service.segment.SegmentService.SegmentInput;
import org.bankcrm.service.segment.SegmentService.SegmentView;
import org.bankcrm.web.shared.FieldConflict;
import org.bankcrm.web.shared.Formats;
import org.springframework.stereotype.Component;

/**
 * A stale group editor's panel (D11): the name and each criterion where what was typed and the group as saved now
 * differ, in the editor's words (tiers, products and sizes by name, amounts as money). Sets read the same whichever
 * order or repeats they were sent in, as the service keeps them.
 */
@Component
@RequiredArgsConstructor
class SegmentConflicts {

    private final Formats fmt;

    List<FieldConflict> between(SegmentInput typed, SegmentView saved) {
        SegmentCriteria a = typed.criteria();
        SegmentCriteria b = saved.criteria();
        return new FieldConflict.Rows()
                .differing("segment.name", typed.name(), saved.name())
                .differing("segment.type", fmt.name("customerType.", a.type()), fmt.name("customerType.", b.type()))
                .differing("segment.tiers", names("tier.", a.tiers()), names("tier.", b.tiers()))
                .differing("segment.ageMin", number(a.ageMin()), number(b.ageMin()))
                .differing("segment.ageMax", number(a.ageMax()), number(b.ageMax()))
                .amount("segment.aumMin", a.aumMin(), b.aumMin(), fmt)
                .amount("segment.aumMax", a.aumMax(), b.aumMax(), fmt)
                .differing("segment.holds", names("product.", a.holds()), names("product.", b.holds()))
                .differing("segment.lacks", names("product.", a.lacks()), names("product.", b.lacks()))
                .differing("segment.industries", joined(a.industries(), Function.identity()),
                        joined(b.industries(), Function.identity()))
                .differing("segment.companySizes", names("companySize.", a.companySizes()),
                        names("companySize.", b.companySizes()))
                .differing("segment.branch.subtree", a.branchCode(), b.branchCode())
                .differing("segment.owned", owned(a.owned()), owned(b.owned()))
                .list();
    }

    private String names(String prefix, Collection<String> codes) {
        return joined(codes, code -> fmt.name(prefix, code));
    }

    /** A set criterion's values, each once, in a fixed order and by name; null for none. */
    private String joined(Collection<String> values, Function<String, String> name) {
        if (values == null) {
            return null;
        }
        List<String> shown = values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).distinct()
                .sorted().map(name).toList();
        return shown.isEmpty() ? null : fmt.joined(shown);
    }

    private static String number(Integer value) {
        return value == null ? null : value.toString();
    }

    private String owned(Boolean owned) {
        return fmt.name("segment.owned.", owned == null ? "any" : owned.toString());
    }
}
