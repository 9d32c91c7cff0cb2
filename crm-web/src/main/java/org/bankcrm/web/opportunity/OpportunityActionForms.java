package org.bankcrm.web.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import lombok.Data;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.FollowUpType;
import org.bankcrm.domain.opportunity.RiskLevel;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.service.opportunity.FollowUpService.NewFollowUp;
import org.bankcrm.service.opportunity.OpportunityLifecycle.Changes;
import org.bankcrm.service.opportunity.OpportunityLifecycle.Move;
import org.bankcrm.service.opportunity.OpportunityService;
import org.bankcrm.service.opportunity.OpportunityView;
import org.bankcrm.web.shared.Ratings;
import org.springframework.format.annotation.DateTimeFormat;

/** The forms of the opportunity page. Each carries the version the page showed. */
final class OpportunityActionForms {

    private OpportunityActionForms() {
    }

    /**
     * Edit the fields; {@code historySeen} is the newest history line the page had seen (a database id, not a
     * node's clock), to show what others changed since.
     */
    @Data
    static class EditForm {
        private Integer version;
        private Long historySeen;
        private String title;
        private BigDecimal amount;
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate expectedCloseDate;
        private RiskLevel riskLevel;
        private Competition competition;
        private Integer needStrength;

        static EditForm of(OpportunityView o, long historySeen) {
            EditForm f = new EditForm();
            f.version = o.version();
            f.historySeen = historySeen;
            f.title = o.title();
            f.amount = o.amount();
            f.expectedCloseDate = o.expectedCloseDate();
            f.riskLevel = o.riskLevel();
            f.competition = o.competition();
            f.needStrength = o.needStrength();
            return f;
        }

        Changes toChanges() {
            return new Changes(version, title, amount, expectedCloseDate, riskLevel, competition, needStrength);
        }

        /**
         * Puts this (stale) form on top of the current record: a field someone else changed, and this form
         * left as it was when loaded, takes their value; a field this form changed keeps ours. Returns the
         * names of fields both changed, which the page points out.
         */
        java.util.List<String> rebase(OpportunityView current, java.util.List<OpportunityService.HistoryEntry> theirs) {
            java.util.List<String> both = new java.util.ArrayList<>();
            for (OpportunityService.HistoryEntry h : theirs) {
                if (!h.event().startsWith("FIELD:")) {
                    continue;
                }
                String field = h.event().substring("FIELD:".length());
                String mine = switch (field) {
                    case "title" -> title;
                    case "amount" -> amount == null ? null : amount.stripTrailingZeros().toPlainString();
                    case "expectedCloseDate" -> expectedCloseDate == null ? null : expectedCloseDate.toString();
                    case "riskLevel" -> riskLevel == null ? null : riskLevel.name();
                    case "competition" -> competition == null ? null : competition.name();
                    case "needStrength" -> needStrength == null ? null : needStrength.toString();
                    default -> null;
                };
                String before = "amount".equals(field) && h.from() != null
                        ? new BigDecimal(h.from()).stripTrailingZeros().toPlainString() : h.from();
                if (java.util.Objects.equals(mine, before)) {
                    switch (field) {
                        case "title" -> title = current.title();
                        case "amount" -> amount = current.amount();
                        case "expectedCloseDate" -> expectedCloseDate = current.expectedCloseDate();
                        case "riskLevel" -> riskLevel = current.riskLevel();
                        case "competition" -> competition = current.competition();
                        case "needStrength" -> needStrength = current.needStrength();
                        default -> { }
                    }
                } else if (!both.contains(field)) {
                    both.add(field);
                }
            }
            return both;
        }
    }

    /**
     * Move to a stage; WON needs the amount, LOST the reason, reopening a comment. {@code historySeen} as for
     * {@link EditForm}: a stale move shows what others changed since.
     */
    @Data
    static class MoveForm {
        private Integer version;
        private Long historySeen;
        private Stage toStage;
        private String comment;
        private BigDecimal wonAmount;
        private String lostReason;

        Move toMove() {
            return new Move(toStage, version, comment, wonAmount, lostReason);
        }
    }

    /** Log a visit or call: type and time default to a call now. */
    @Data
    static class FollowUpForm {
        private FollowUpType type = FollowUpType.CALL;
        private String summary;
        private String outcome;
        private String nextAction;
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
        private LocalDate nextActionDate;
        /** The customer's rating 1–5 from the optional select ({@link Ratings}). */
        private String satisfaction;

        NewFollowUp toCommand() {
            return new NewFollowUp(type, null, summary, outcome, nextAction, nextActionDate,
                    Ratings.of(satisfaction));
        }
    }

    /** Give the opportunity to another RM (heads); {@code historySeen} as for {@link EditForm}. */
    @Data
    static class OwnerForm {
        private Integer version;
        private Long historySeen;
        private String ownerRm;
    }
}
