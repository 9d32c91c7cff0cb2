package org.bankcrm.service.segment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * A customer group's criteria as the contract names them (api.md, "Customer groups"). Every criterion is optional
 * (null or empty: not applied) and they all must hold: {@code type}; {@code tiers}; {@code ageMin}/{@code ageMax},
 * whole years today in the bank's zone, inclusive, retail only; {@code aumMin} (aum ≥) and {@code aumMax}
 * (aum &lt;); {@code holds} (every one) and {@code lacks} (none), "holds" as in the discovery rules;
 * {@code industries} (exact texts); {@code companySizes}; {@code branchCode} (that subtree); {@code owned}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SegmentCriteria(String type, List<String> tiers, Integer ageMin, Integer ageMax, BigDecimal aumMin,
                              BigDecimal aumMax, List<String> holds, List<String> lacks, List<String> industries,
                              List<String> companySizes, String branchCode, Boolean owned) {

    /** No criterion: every customer of the scope. */
    public static SegmentCriteria none() {
        return new SegmentCriteria(null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
