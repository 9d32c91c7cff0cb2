package org.bankcrm.domain.opportunity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What the JSON API, the customer page's list and an opportunity's page show of one opportunity: its own columns and
 * the names of its customer, product, owner and branch. A list reads rows, not entities ({@link OpportunityRows},
 * D70); a page that loaded the entity makes the same row of it ({@link #of}), so both are shown through one mapping.
 * The opportunity list page and the board read fewer columns ({@link OpportunityBrief}, D78).
 *
 * @param evidence       what the discovery rules saw, as JSON, or null
 * @param scoreBreakdown the score's breakdown as JSON, or null
 * @param ownerRm        the owner's username, null for an unassigned opportunity (as {@code ownerName})
 */
public record OpportunityRow(
        long id,
        String customerNo,
        String customerName,
        String productCode,
        String title,
        BigDecimal amount,
        BigDecimal expectedRevenue,
        Stage stage,
        Status status,
        Source source,
        String sourceDetail,
        Long campaignId,
        String evidence,
        String ownerRm,
        String ownerName,
        String branchCode,
        String branchName,
        LocalDate expectedCloseDate,
        RiskLevel riskLevel,
        Competition competition,
        int needStrength,
        BigDecimal score,
        String band,
        Integer scoreModelVersion,
        String scoreBreakdown,
        BigDecimal wonAmount,
        String lostReason,
        Instant createdAt,
        Instant updatedAt,
        Instant closedAt,
        int version) {

    /** The row of a loaded opportunity (its associations are read: load them with it). */
    public static OpportunityRow of(Opportunity o) {
        var owner = o.getOwner();
        return new OpportunityRow(o.getId(), o.getCustomer().getCustomerNo(), o.getCustomer().getName(),
                o.getProduct().getCode(), o.getTitle(), o.getAmount(), o.getExpectedRevenue(), o.getStage(),
                o.getStatus(), o.getSource(), o.getSourceDetail(), o.getCampaignId(), o.getEvidence(),
                owner == null ? null : owner.getUsername(), owner == null ? null : owner.getDisplayName(),
                o.getBranch().getCode(), o.getBranch().getName(), o.getExpectedCloseDate(), o.getRiskLevel(),
                o.getCompetition(), o.getNeedStrength(), o.getScore(), o.getBand(), o.getScoreModelVersion(),
                o.getScoreBreakdown(), o.getWonAmount(), o.getLostReason(), o.getCreatedAt(), o.getUpdatedAt(),
                o.getClosedAt(), o.getVersion());
    }
}
