package org.bankcrm.web.segment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import lombok.Getter;
import lombok.Setter;
import org.bankcrm.service.segment.SegmentCriteria;
import org.bankcrm.service.segment.SegmentService.SegmentInput;
import org.bankcrm.web.shared.StrictBody;

/**
 * The JSON bodies of the group API. Elsewhere the API ignores fields it does not know (MassAssignmentTest); a
 * group's criteria are a query, so a misspelt criterion ({@code "tier"} for {@code "tiers"}) would silently widen
 * the group: here every unknown field is collected and refused by name (400), nothing saved.
 */
final class SegmentBodies {

    private SegmentBodies() {
    }


    @Getter
    @Setter
    static class CriteriaBody extends StrictBody {
        private String type;
        private List<String> tiers;
        private Integer ageMin;
        private Integer ageMax;
        private BigDecimal aumMin;
        private BigDecimal aumMax;
        private List<String> holds;
        private List<String> lacks;
        private List<String> industries;
        private List<String> companySizes;
        private String branchCode;
        private Boolean owned;

        SegmentCriteria criteria() {
            return new SegmentCriteria(type, tiers, ageMin, ageMax, aumMin, aumMax, holds, lacks, industries,
                    companySizes, branchCode, owned);
        }
    }

    /** {@code {"name", "criteria", "version"}} (version on PUT). */
    @Getter
    @Setter
    static class SegmentBody extends StrictBody {
        private String name;
        private CriteriaBody criteria;
        private Integer version;

        SegmentInput input() {
            List<String> unknown = new ArrayList<>(unknown(""));
            if (criteria != null) {
                unknown.addAll(criteria.unknown("criteria."));
            }
            return new SegmentInput(name, criteria == null ? null : criteria.criteria(), version, unknown);
        }
    }

    /** {@code {"criteria"}}: the live count. */
    @Getter
    @Setter
    static class CountBody extends StrictBody {
        private CriteriaBody criteria;

        List<String> allUnknown() {
            List<String> unknown = new ArrayList<>(unknown(""));
            if (criteria != null) {
                unknown.addAll(criteria.unknown("criteria."));
            }
            return unknown;
        }
    }
}
