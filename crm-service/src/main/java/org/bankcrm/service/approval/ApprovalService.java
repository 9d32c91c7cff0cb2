package org.bankcrm.service.approval;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.approval.Approval;
import org.bankcrm.domain.approval.ApprovalRepository;
import org.bankcrm.domain.approval.ApprovalStatus;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.opportunity.OpportunityHistory;
import org.bankcrm.domain.opportunity.OpportunityHistoryRepository;
import org.bankcrm.domain.org.StaffUserRepository;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.alert.NotificationStore;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.opportunity.FollowUpService;
import org.bankcrm.service.opportunity.FollowUpService.FollowUpView;
import org.bankcrm.service.opportunity.OpportunityService;
import org.bankcrm.service.opportunity.OpportunityService.HistoryEntry;
import org.bankcrm.service.opportunity.OpportunityView;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.Scope;
import org.bankcrm.service.shared.Texts;
import org.bankcrm.service.shared.Versions;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requests and decisions of risk approvals (D45). A request is made by whoever works the opportunity as its owner,
 * at the opportunity's amount now, one PENDING at a time; a decision by a risk officer whose subtree holds the
 * opportunity, never the requester; both are history lines ({@code APPROVAL}) and a decision notifies the requester.
 */
@Service
@RequiredArgsConstructor
public class ApprovalService {

    /** A decision: APPROVED or REJECTED, a comment (required to reject), the version read (optional in the API). */
    public record Decision(String decision, String comment, Integer version) {
    }

    /**
     * The "审批" section of an opportunity's page: whether a rule asks for approval now (and its minimum), the
     * gate's verdict at the amount now, the requests newest first, and whether the caller may ask for one.
     */
    public record State(String ruleCategory, boolean ruleMatches, BigDecimal minAmount, ApprovalGate.Verdict verdict,
                        List<ApprovalView> approvals, boolean mayRequest) {

        public Optional<ApprovalView> pending() {
            return approvals.stream().filter(ApprovalView::pending).findFirst();
        }

        /** The approval is what stands between the deal and WON (the board and the win form say so). */
        public boolean needed() {
            return verdict == ApprovalGate.Verdict.NEEDED || verdict == ApprovalGate.Verdict.ABOVE_APPROVED;
        }
    }

    /** A request in the inbox with what the approver decides on. */
    public record InboxItem(ApprovalView approval, OpportunityView opportunity, List<FollowUpView> followUps,
                            List<HistoryEntry> history, boolean mayDecide) {
    }

    private static final int LIST_LIMIT = 200;

    private final ApprovalRepository approvals;
    private final ApprovalQueries queries;
    private final ApprovalGate gate;
    private final OpportunityService opportunities;
    private final FollowUpService followUps;
    private final OpportunityHistoryRepository history;
    private final StaffUserRepository users;
    private final NotificationStore notifications;
    private final AuditLog audit;
    private final Clock clock;

    /** Asks for approval of an opportunity in the caller's scope, at its amount now. */
    @Transactional
    public ApprovalView request(CurrentUser user, long opportunityId, String comment) {
        Opportunity o = opportunities.find(user, opportunityId);
        AccessPolicy.requireMayRequestApproval(user, opportunities.access(user, o));
        String text = Texts.clean(comment);
        if (text != null && text.length() > 1000) {
            throw new InvalidInputException("comment", "validation.size.max", 0, 1000);
        }
        if (!o.isOpen()) {
            throw new ConflictException("approval.opportunityClosed");
        }
        if (approvals.findFirstByOpportunityIdAndStatus(o.getId(), ApprovalStatus.PENDING).isPresent()) {
            throw new ConflictException("approval.pendingExists");
        }
        var me = users.getReferenceById(user.id());
        Approval a;
        try {
            a = approvals.saveAndFlush(new Approval(o, me, text, clock.instant()));
        } catch (DataIntegrityViolationException e) {
            // Two requests at once: approval_pending_once lets one through.
            throw new ConflictException("approval.pendingExists");
        }
        history.save(OpportunityHistory.approval(o, clock.instant(), me, a.getAmount().toPlainString(),
                ApprovalStatus.PENDING.name(), text));
        audit.record(user.username(), "APPROVAL_REQUESTED", "approval", String.valueOf(a.getId()),
                "opportunity " + o.getId() + " amount " + a.getAmount().toPlainString());
        // Read by its opportunity, which the caller works on: a head who is a co-owner of another branch's deal
        // asked for it, and their approval scope (their subtree) does not hold it.
        long id = a.getId();
        return queries.ofOpportunity(o.getId()).stream().filter(v -> v.id() == id).findFirst().orElseThrow();
    }

    /** The approvals in the caller's approval scope, pending first; {@code status} null or blank for all. */
    @Transactional(readOnly = true)
    public List<ApprovalView> list(CurrentUser user, String status) {
        AccessPolicy.requireMayUseApprovals(user);
        return queries.list(Scope.ofApprovals(user), dealScope(user), status(status), LIST_LIMIT);
    }

    /** One approval in the caller's approval scope (404 outside it). */
    @Transactional(readOnly = true)
    public ApprovalView get(CurrentUser user, long id) {
        AccessPolicy.requireMayUseApprovals(user);
        return queries.find(Scope.ofApprovals(user), dealScope(user), id)
                .orElseThrow(() -> new NotFoundException("approval.notFound", String.valueOf(id)));
    }

    /** The inbox: each approval with the opportunity, its follow-ups and history (read in the approval scope). */
    @Transactional(readOnly = true)
    public List<InboxItem> inbox(CurrentUser user, String status) {
        return list(user, status).stream().map(a -> item(user, a)).toList();
    }

    /**
     * One request of the inbox with its deal (the list holds an RM's requests only while they see the deal; should
     * the deal leave them between the two reads, the request shows without it, {@code opportunity} null).
     */
    private InboxItem item(CurrentUser user, ApprovalView a) {
        try {
            return new InboxItem(a, opportunities.getUnderApproval(user, a.opportunityId()),
                    followUps.listUnderApproval(user, a.opportunityId()),
                    opportunities.historyUnderApproval(user, a.opportunityId()), a.pending() && mayDecide(user, a));
        } catch (NotFoundException e) {
            return new InboxItem(a, null, List.of(), List.of(), false);
        }
    }

    /**
     * Of these opportunities (cards of the board, already read in the caller's scope), those a rule asks approval
     * for at their amount now that no approval covers (key false), and those with a request pending (key true).
     */
    @Transactional(readOnly = true)
    public java.util.Map<Boolean, java.util.Set<Long>> needingApproval(java.util.Collection<Long> opportunityIds) {
        if (opportunityIds.isEmpty()) {
            return java.util.Map.of(false, java.util.Set.of(), true, java.util.Set.of());
        }
        return java.util.Map.of(false, queries.needingApproval(opportunityIds),
                true, queries.pendingAmong(opportunityIds));
    }

    /**
     * Of {@code opportunityIds} (opportunities the caller sees), those the caller may ask approval for: the board's
     * request buttons, by the same rule as the request itself ({@link AccessPolicy#mayRequestApproval}: the scope
     * or a CO_OWNER). Meant for the few cards that need an approval.
     */
    @Transactional(readOnly = true)
    public java.util.Set<Long> requestableAmong(CurrentUser user, java.util.Collection<Long> opportunityIds) {
        return opportunityIds.stream()
                .filter(id -> AccessPolicy.mayRequestApproval(user, opportunities.access(user, id)))
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Pending requests in the caller's approval scope (the navigation's count). */
    @Transactional(readOnly = true)
    public long pendingCount(CurrentUser user) {
        return AccessPolicy.mayUseApprovals(user) ? queries.pendingCount(Scope.ofApprovals(user)) : 0;
    }

    /**
     * Decides a pending request in the caller's approval scope. A second decision, or one racing another, is a
     * conflict (409), never an overwrite; a stale {@code version}, when sent, too.
     */
    @Transactional
    public ApprovalView decide(CurrentUser user, long id, Decision d) {
        ApprovalView seen = get(user, id);
        AccessPolicy.requireMayDecideApproval(user, users.findByUsername(seen.requestedBy()).orElseThrow().getId());
        ApprovalStatus decision = decision(d == null ? null : d.decision());
        String comment = Texts.clean(d == null ? null : d.comment());
        if (comment != null && comment.length() > 1000) {
            throw new InvalidInputException("comment", "validation.size.max", 0, 1000);
        }
        Approval a = approvals.findById(id)
                .orElseThrow(() -> new NotFoundException("approval.notFound", String.valueOf(id)));
        if (d != null && d.version() != null) {
            Versions.check(d.version(), a.getVersion());
        }
        Opportunity o = a.getOpportunity();
        if (a.isPending() && !o.isOpen()) {
            throw new ConflictException("approval.opportunityClosed");
        }
        var me = users.getReferenceById(user.id());
        a.decide(decision, me, comment, clock.instant());
        approvals.flush();
        history.save(OpportunityHistory.approval(o, clock.instant(), me, a.getAmount().toPlainString(),
                decision.name(), comment));
        notifications.addApproval(a.getRequestedBy().getId(), a.getId(),
                "notification.approval." + decision.name(), List.of(o.getTitle()), "/opportunities/" + o.getId());
        audit.record(user.username(), "APPROVAL_DECIDED", "approval", String.valueOf(id),
                decision + " opportunity " + o.getId());
        return queries.find(Scope.ofApprovals(user), null, id).orElseThrow();
    }

    /**
     * Whose deals bound the approvals someone sees: those who work on records see a request only while they see its
     * opportunity (their scope or team); a risk officer's approval scope is the whole of what they see (D45).
     */
    private static Scope dealScope(CurrentUser user) {
        return AccessPolicy.mayWorkOnRecords(user) ? user.scope() : null;
    }

    /** The opportunity page's "审批" section, for an opportunity the caller sees in their own scope. */
    @Transactional(readOnly = true)
    public State state(CurrentUser user, long opportunityId) {
        Opportunity o = opportunities.find(user, opportunityId);
        Optional<BigDecimal> min = gate.minAmount(o);
        ApprovalGate.Verdict verdict = o.isOpen() ? gate.verdict(o, null, min) : ApprovalGate.Verdict.NOT_NEEDED;
        List<ApprovalView> all = queries.ofOpportunity(o.getId());
        boolean pending = all.stream().anyMatch(ApprovalView::pending);
        boolean mayRequest = o.isOpen() && !pending && min.isPresent()
                && AccessPolicy.mayRequestApproval(user, opportunities.access(user, o));
        boolean matches = min.isPresent() && o.getAmount().compareTo(min.get()) >= 0;
        return new State(o.getProduct().getCategory().name(), matches, min.orElse(null), verdict, all, mayRequest);
    }

    private boolean mayDecide(CurrentUser user, ApprovalView a) {
        return AccessPolicy.mayDecideApprovals(user) && !a.requestedBy().equals(user.username());
    }

    private static ApprovalStatus decision(String text) {
        if (text != null) {
            String t = text.strip().toUpperCase(Locale.ROOT);
            if ("APPROVED".equals(t) || "REJECTED".equals(t)) {
                return ApprovalStatus.valueOf(t);
            }
        }
        throw new InvalidInputException("decision", "approval.decision.required");
    }

    private static ApprovalStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ApprovalStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "approval.status.unknown", text);
        }
    }
}
