package org.bankcrm.service.opportunity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.opportunity.OpportunityRow;
import org.bankcrm.domain.opportunity.RiskLevel;
import org.bankcrm.domain.opportunity.Source;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.domain.opportunity.Status;
import org.bankcrm.domain.referral.ReferralChannel;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.service.discovery.Evidence;

/**
 * An opportunity as the pages and the API show it: every field of the contract, plus names for display.
 *
 * @param probability the stage's current win probability in percent
 * @param evidence    what the discovery rules saw, for a system-discovered opportunity (else empty)
 * @param referredBy  who referred it and through which channel, for one opened from a referral (else null)
 * @param campaignId  the campaign whose target opened it (source {@code CAMPAIGN}), else null
 */
public record OpportunityView(
        long id,
        String customerNo,
        String customerName,
        String productCode,
        String title,
        BigDecimal amount,
        BigDecimal expectedRevenue,
        Stage stage,
        Status status,
        int probability,
        Source source,
        String sourceDetail,
        Long campaignId,
        List<Evidence> evidence,
        Referred referredBy,
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
        List<ScoreFactor> scoreBreakdown,
        BigDecimal wonAmount,
        String lostReason,
        Instant createdAt,
        Instant updatedAt,
        Instant closedAt,
        int version) {

    /** The referral credit: the referrer's username and name, and the channel they referred through. */
    public record Referred(String referrer, String referrerName, ReferralChannel channel) {
    }

    /** One factor's part of the score. */
    public record ScoreFactor(String factor, BigDecimal value, int weight, BigDecimal contribution) {

        /** The value rounded to a multiple of 5, for drawing bars without inline styles. */
        public int bar() {
            return (int) Math.round(value.doubleValue() / 5) * 5;
        }
    }

    /** What lifts the score most: up to two weighted factors scoring 70 or more, biggest contribution first. */
    public List<String> strengths() {
        return scoreBreakdown.stream().filter(f -> f.weight() > 0 && f.value().doubleValue() >= 70)
                .sorted(java.util.Comparator.comparing(ScoreFactor::contribution).reversed())
                .limit(2).map(ScoreFactor::factor).toList();
    }

    /** What holds it back most: up to two weighted factors scoring 40 or less, biggest loss first. */
    public List<String> weaknesses() {
        return scoreBreakdown.stream().filter(f -> f.weight() > 0 && f.value().doubleValue() <= 40)
                .sorted(java.util.Comparator.comparingDouble(
                        (ScoreFactor f) -> -f.weight() * (100 - f.value().doubleValue())))
                .limit(2).map(ScoreFactor::factor).toList();
    }

    /** The same opportunity with another source detail (the evidence said in the reader's language). */
    public OpportunityView withSourceDetail(String detail) {
        return new OpportunityView(id, customerNo, customerName, productCode, title, amount, expectedRevenue, stage,
                status, probability, source, detail, campaignId, evidence, referredBy, ownerRm, ownerName, branchCode,
                branchName, expectedCloseDate, riskLevel, competition, needStrength, score, band, scoreModelVersion,
                scoreBreakdown, wonAmount, lostReason, createdAt, updatedAt, closedAt, version);
    }

    /**
     * The same opportunity as the approval inbox shows it (D45): a risk officer decides on the deal, not the person,
     * so the customer's name is masked, in the title and the source detail too.
     */
    public OpportunityView withCustomerMasked() {
        return new OpportunityView(id, customerNo, Masking.name(customerName), productCode,
                Masking.nameIn(title, customerName), amount, expectedRevenue, stage, status, probability, source,
                Masking.inText(Masking.nameIn(sourceDetail, customerName)), campaignId, evidence, referredBy, ownerRm,
                ownerName, branchCode, branchName, expectedCloseDate, riskLevel, competition, needStrength, score, band,
                scoreModelVersion, scoreBreakdown, wonAmount, lostReason, createdAt, updatedAt, closedAt, version);
    }

    /** The same opportunity credited to the referral that opened it. */
    OpportunityView withReferredBy(Referred referred) {
        return new OpportunityView(id, customerNo, customerName, productCode, title, amount, expectedRevenue, stage,
                status, probability, source, sourceDetail, campaignId, evidence, referred, ownerRm, ownerName,
                branchCode, branchName, expectedCloseDate, riskLevel, competition, needStrength, score, band,
                scoreModelVersion, scoreBreakdown, wonAmount, lostReason, createdAt, updatedAt, closedAt, version);
    }

    /** The opportunity as a page that loaded it shows it (with its customer, product, owner and branch). */
    static OpportunityView of(Opportunity o, int probability) {
        return of(OpportunityRow.of(o), probability);
    }

    /** The opportunity as a list shows it, from its row ({@code OpportunityRows}, D70). */
    static OpportunityView of(OpportunityRow r, int probability) {
        List<ScoreFactor> breakdown = org.bankcrm.service.scoring.ScoringService.parse(r.scoreBreakdown()).stream()
                .map(p -> new ScoreFactor(p.factor(), p.value(), p.weight(), p.contribution())).toList();
        return new OpportunityView(r.id(), r.customerNo(), r.customerName(), r.productCode(), r.title(), r.amount(),
                r.expectedRevenue(), r.stage(), r.status(), probability, r.source(), r.sourceDetail(), r.campaignId(),
                Evidence.parse(r.evidence()), null, r.ownerRm(), r.ownerName(), r.branchCode(), r.branchName(),
                r.expectedCloseDate(), r.riskLevel(), r.competition(), r.needStrength(), r.score(), r.band(),
                r.scoreModelVersion(), breakdown, r.wonAmount(), r.lostReason(), r.createdAt(), r.updatedAt(),
                r.closedAt(), r.version());
    }
}
