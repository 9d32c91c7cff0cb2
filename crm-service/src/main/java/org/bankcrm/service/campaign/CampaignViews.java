package org.bankcrm.service.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bankcrm.domain.opportunity.Stage;

/** What the campaign pages, the API and the export show (api.md, "Campaigns"). */
public final class CampaignViews {

    private CampaignViews() {
    }

    /** A campaign's status as the contract names it. */
    public enum Status { DRAFT, ACTIVE, ENDED }

    /** A target's outcome (reference-data.md, "Campaign target outcomes"). */
    public enum Outcome { PENDING, NOT_REACHED, DECLINED, INTERESTED }

    /**
     * Which figure of the funnel a target list opens: every target, the excluded customers, those attempted,
     * reached, interested, or whose opportunity was won.
     */
    public enum Figure { TARGETS, EXCLUDED, ATTEMPTED, REACHED, INTERESTED, WON }

    /**
     * The funnel over a set of targets: {@code targets} the fixed list (less the excluded), {@code attempted} those
     * with an outcome, {@code reached} DECLINED or INTERESTED, {@code interested} INTERESTED (each opened one
     * opportunity), {@code won}/{@code wonAmount} those opportunities won so far (whenever).
     */
    public record Funnel(long targets, long excluded, long attempted, long reached, long interested, long won,
                         BigDecimal wonAmount) {

        static final Funnel EMPTY = new Funnel(0, 0, 0, 0, 0, 0, BigDecimal.ZERO.setScale(2));
    }

    /** The funnel of one RM (null username: the branch queue) or one branch. */
    public record FunnelLine(String key, String name, Funnel funnel) {
    }

    /**
     * The background launch: {@code state} RUNNING, DONE or FAILED (then it may be launched again and resumes),
     * {@code total} the customers found for the list, {@code done} those written so far (targets and excluded).
     */
    public record Launch(String state, Integer total, long done) {
    }

    /**
     * A campaign with its figures in the viewer's scope. {@code revenue} = wonAmount × the product's rate (2
     * decimals), {@code roi} = (revenue − cost) ÷ cost (4 decimals), null when cost is 0.
     */
    public record CampaignView(long id, String name, String productCode, String productName, Status status,
                               LocalDate startsOn, LocalDate endsOn, BigDecimal cost, String script, Long segmentId,
                               String segmentName, Integer listSize, long targets, long excluded, long attempted,
                               long reached, long interested, long won, BigDecimal wonAmount, BigDecimal revenue,
                               BigDecimal roi, Launch launch, String createdBy, String createdByName,
                               String branchCode, Instant createdAt, Instant endedAt, int version) {

        static BigDecimal roi(BigDecimal revenue, BigDecimal cost) {
            return cost.signum() == 0 ? null
                    : revenue.subtract(cost).divide(cost, 4, RoundingMode.HALF_UP);
        }
    }

    /** A campaign's funnel by RM and by branch, with the total of the viewer's scope. */
    public record CampaignFunnel(CampaignView campaign, List<FunnelLine> byRm, List<FunnelLine> byBranch) {
    }

    /**
     * A target as lists show it: the contract's fields ({@code customerNo}, {@code ownerRm}, {@code outcome},
     * {@code opportunityId}, {@code recordedAt}) and what the RM works with.
     */
    public record TargetView(String customerNo, String customerName, String type, String tier, BigDecimal aum,
                             String ownerRm, String ownerName, String branchCode, Outcome outcome, Long opportunityId,
                             Instant recordedAt, String note, Instant lastContactAt, boolean excluded, int version) {
    }

    /** The size of a list before it is launched: customers in the creator's scope, and those to be excluded. */
    public record Preview(long customers, long excluded) {
    }

    /**
     * A draft's preview on its page: the {@link Preview}'s counts and the first of the customers to be excluded, those
     * in the viewer's scope (at most {@code CampaignService.EXCLUDED_SHOWN}).
     */
    public record DraftPreview(long customers, long excluded, List<ExcludedView> firstExcluded) {
    }

    /**
     * A customer a draft's list will leave out, with the open opportunity for the product that excludes them; the
     * opportunity's fields are null when the viewer may not open it.
     */
    public record ExcludedView(String customerNo, String customerName, Long opportunityId, String opportunityTitle,
                               Stage stage, String ownerName) {
    }
}
