package org.bankcrm.service.opportunity;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.opportunity.Competition;
import org.bankcrm.domain.opportunity.Opportunity;
import org.bankcrm.domain.opportunity.OpportunityBrief;
import org.bankcrm.domain.opportunity.OpportunityDraft;
import org.bankcrm.domain.opportunity.OpportunityRepository;
import org.bankcrm.domain.opportunity.RiskLevel;
import org.bankcrm.domain.opportunity.Source;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.domain.opportunity.Status;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.org.StaffUserRepository;
import org.bankcrm.domain.product.Product;
import org.bankcrm.domain.product.ProductRepository;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.Masking;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.customer.CustomerService;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.CommandValidator;
import org.bankcrm.service.shared.NoPersonalNumbers;
import org.bankcrm.service.shared.PageRequestParams;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.service.shared.QueryPlans;
import org.bankcrm.service.shared.ReadFromReplica;
import org.bankcrm.service.shared.Texts;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finding, reading and opening opportunities, always within the caller's scope.
 *
 * <p>Over 250 lines: the search (its filters, sort keys and fetch joins), the detail reads (view, history,
 * follow-ups) and the create command (with its idempotency key) share the scope specifications and the view
 * mapping. Every change to an existing opportunity lives in {@link OpportunityLifecycle}.
 */
@Service
@RequiredArgsConstructor
public class OpportunityService {

    /** Filters, sort and page of the opportunity list. {@code sort} is {@code field,dir}. */
    public record OpportunityQuery(Status status, Stage stage, String owner, String branch, Source source, String band,
                                   String productCode, String customerNo, LocalDate closeFrom, LocalDate closeTo,
                                   String q, String sort, Integer page, Integer size, String member) {

        public static OpportunityQuery all() {
            return new OpportunityQuery(null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null);
        }
    }

    /** A new opportunity. Optional fields take the contract's defaults. */
    public record NewOpportunity(
            @NotBlank(message = "{validation.required}") String customerNo,
            @NotBlank(message = "{validation.required}") String productCode,
            @Size(max = 200, message = "{validation.size.max}") @NoPersonalNumbers String title,
            @NotNull(message = "{validation.required}")
            @PositiveOrZero(message = "{validation.amount.nonNegative}")
            @Digits(integer = 16, fraction = 2, message = "{validation.amount.digits}") BigDecimal amount,
            @NotNull(message = "{validation.required}") LocalDate expectedCloseDate,
            Source source,
            RiskLevel riskLevel,
            Competition competition,
            @Min(value = 1, message = "{validation.needStrength.range}")
            @Max(value = Opportunity.MAX_NEED_STRENGTH, message = "{validation.needStrength.range}")
            Integer needStrength,
            String ownerRm,
            @Size(max = 64, message = "{validation.size.max}") String requestKey) {
    }

    /**
     * Sources a user may choose. REFERRAL and DISCOVERY_RULE are the system's to set, and CAMPAIGN the campaign's:
     * every CAMPAIGN opportunity carries its campaign, so the dashboard's source CAMPAIGN and the campaign pages
     * count the same opportunities (D37).
     */
    public static final Set<Source> USER_SOURCES = Set.of(Source.RM_DISCOVERED, Source.PARTNER, Source.EVENT);

    private static final Map<String, String> SORTABLE = Map.of(
            "score", "score", "amount", "amount", "expectedclosedate", "expectedCloseDate",
            "createdat", "createdAt", "updatedat", "updatedAt");

    private final OpportunityRepository opportunities;
    private final org.bankcrm.domain.opportunity.OpportunityHistoryRepository historyRepository;
    private final ProductRepository products;
    private final StaffUserRepository users;
    private final CustomerService customers;
    private final StageProbabilities probabilities;
    private final org.bankcrm.service.scoring.ScoringService scoring;
    private final ReferralCreditQuery referralCredit;
    private final CommandValidator validator;
    private final OpeningStore opening;
    private final TeamQueries team;
    private final OpportunityAccessQuery accessQuery;
    private final QueryPlans queryPlans;
    private final Clock clock;

    /** {@code GET /api/v1/opportunities}: every field of the contract; may read the replica (D19). */
    @ReadFromReplica
    @Transactional(readOnly = true)
    public Paged<OpportunityView> search(CurrentUser user, OpportunityQuery query) {
        ownersPlansOnce(user);
        return matching(user, query);
    }

    /**
     * The opportunity list page: the same opportunities in the same order as {@link #search}, as the briefs the
     * page shows (D78); may read the replica (D19).
     */
    @ReadFromReplica
    @Transactional(readOnly = true)
    public Paged<OpportunityBrief> searchBriefs(CurrentUser user, OpportunityQuery query) {
        ownersPlansOnce(user);
        Selected selected = selected(user, query);
        return Paged.of(opportunities.findBriefs(selected.spec(), selected.page()), Function.identity());
    }

    /**
     * The first {@code size} opportunities of one customer, newest first, for the customer's detail page: always on
     * the primary, since the user comes back to it right after opening or changing one of them.
     */
    @Transactional(readOnly = true)
    public List<OpportunityView> ofCustomer(CurrentUser user, String customerNo, int size) {
        return matching(user, new OpportunityQuery(null, null, null, null, null, null, null, customerNo, null, null, null,
                null, 0, size, null)).items();
    }

    private Paged<OpportunityView> matching(CurrentUser user, OpportunityQuery query) {
        Selected selected = selected(user, query);
        Map<Stage, Integer> p = probabilities.current();
        Paged<OpportunityView> found = Paged.of(opportunities.findRows(selected.spec(), selected.page()),
                r -> OpportunityView.of(r, p.get(r.stage())));
        return new Paged<>(credited(found.items()), found.page(), found.size(), found.total());
    }

    /** What a query selects in the user's scope, and which page of it in which order. */
    private record Selected(Specification<Opportunity> spec, Pageable page) {
    }

    private Selected selected(CurrentUser user, OpportunityQuery query) {
        AccessPolicy.requireMayWorkOnRecords(user);
        var page = PageRequestParams.of(query.page(), query.size(), 20, sort(query.sort()));
        List<Long> teams = team.opportunityIdsOf(user.id());
        var spec = OpportunitySpecs.visibleTo(user.scope(), teams).and(OpportunitySpecs.matching(query));
        String member = Texts.clean(query.member());
        if (member != null) {
            // "me" is the only member filter: the opportunities whose team the caller is in (D44).
            if (!member.equals("me")) {
                throw new InvalidInputException("member", "team.member.filter", member);
            }
            spec = spec.and(OpportunitySpecs.memberOf(teams));
        }
        return new Selected(spec, page);
    }

    /**
     * An RM's list, its count and the board's five columns read by the owner's index whatever the filters: the rest
     * of the caller's transaction plans each statement once, not on every execution (D89). A head's statements read a
     * subtree by its path and keep PostgreSQL's own choice.
     */
    private void ownersPlansOnce(CurrentUser user) {
        if (user.scope().byOwner()) {
            queryPlans.genericForThisTransaction();
        }
    }

    /**
     * The pipeline board: open opportunities in scope per open stage, soonest to close first, at most
     * {@code perStage} cards a column, as briefs (D78; the column totals come from the dashboard
     * read model).
     */
    @ReadFromReplica
    @Transactional(readOnly = true)
    public Map<Stage, List<OpportunityBrief>> board(CurrentUser user, int perStage) {
        AccessPolicy.requireMayWorkOnRecords(user);
        ownersPlansOnce(user);
        List<Long> teams = team.opportunityIdsOf(user.id());
        Map<Stage, List<OpportunityBrief>> columns = new java.util.EnumMap<>(Stage.class);
        for (Stage stage : Stage.OPEN_STAGES) {
            var spec = OpportunitySpecs.visibleTo(user.scope(), teams).and(OpportunitySpecs.inStage(stage));
            // The first cards only: the column's total comes from the read model, so nothing is counted here.
            columns.put(stage, opportunities.findFirstBriefs(spec,
                    Sort.by(Sort.Order.asc("expectedCloseDate"), Sort.Order.asc("id")), perStage));
        }
        return columns;
    }

    @Transactional(readOnly = true)
    public OpportunityView get(CurrentUser user, long id) {
        return view(find(user, id));
    }

    /** One line of an opportunity's history, as the timeline and the API show it. */
    public record HistoryEntry(java.time.Instant at, String by, String event, String from, String to, String comment) {
    }

    /** The opportunity's history, oldest first. */
    @Transactional(readOnly = true)
    public List<HistoryEntry> history(CurrentUser user, long id) {
        return historyAfter(user, id, 0);
    }

    /**
     * The history lines written after the line {@code mark} (see {@link #historyMark}), oldest first: what others
     * changed since a page was shown. Line ids come from one database sequence, so this does not depend on the
     * clocks of the nodes that wrote the lines and the one that showed the page.
     */
    @Transactional(readOnly = true)
    public List<HistoryEntry> historyAfter(CurrentUser user, long id, long mark) {
        return entries(user, find(user, id), mark);
    }

    /**
     * The lines after {@code mark}; their comments (free text) in full for whoever may reveal the customer's personal
     * data, with phone and ID-like numbers masked ({@code Masking.inText}) for everyone else.
     */
    private List<HistoryEntry> entries(CurrentUser user, Opportunity o, long mark) {
        boolean clear = AccessPolicy.mayReveal(user, o.getCustomer().getOwner() == null ? null
                : o.getCustomer().getOwner().getUsername(), o.getCustomer().getBranch().getPath());
        return historyRepository.findByOpportunityIdOrderByAtAscIdAsc(o.getId()).stream()
                .filter(h -> h.getId() > mark)
                .map(h -> new HistoryEntry(h.getAt(), h.getBy() == null ? null : h.getBy().getUsername(), h.getEvent(),
                        h.getFromValue(), h.getToValue(), clear ? h.getComment()
                        : Masking.inText(h.getComment())))
                .toList();
    }

    /**
     * The id of the opportunity's newest history line (0 when none), for {@link #historyAfter}. A page reads it
     * before the opportunity, so a change committed in between counts as someone else's rather than going unseen.
     */
    @Transactional(readOnly = true)
    public long historyMark(CurrentUser user, long id) {
        return historyRepository.lastIdOf(find(user, id).getId());
    }

    /** {@link #access(CurrentUser, Opportunity)} of an opportunity in the caller's scope or team, for a page. */
    @Transactional(readOnly = true)
    public org.bankcrm.service.org.OpportunityAccess access(CurrentUser user, long id) {
        return access(user, find(user, id));
    }

    /**
     * How the caller reaches an opportunity they can see (D44): through their scope and/or their team role. The
     * role is read now, not cached, so a removed member is refused at once.
     */
    public org.bankcrm.service.org.OpportunityAccess access(CurrentUser user, Opportunity o) {
        boolean inScope = user.scope().coversRecord(o.getOwner() == null ? null : o.getOwner().getId(),
                o.getBranch().getPath());
        return new org.bankcrm.service.org.OpportunityAccess(inScope,
                team.roleOf(o.getId(), user.id()).orElse(null));
    }

    /**
     * The opportunity if the caller's scope covers it, else {@link NotFoundException} as if it did not exist. Within a
     * read-only transaction (a page's reads, D67) it is read and checked once for the caller, then the same instance
     * is answered.
     */
    public Opportunity find(CurrentUser user, long id) {
        AccessPolicy.requireMayWorkOnRecords(user);
        return FoundOpportunities.of(user.id(), id, () -> opportunities.findOneShown(
                        OpportunitySpecs.visibleTo(user.scope(), team.opportunityIdsOf(user.id()))
                                .and(OpportunitySpecs.id(id)))
                .orElseThrow(() -> new NotFoundException("opportunity.notFound", String.valueOf(id))));
    }

    /**
     * The opportunity as a write that only adds to it needs it (a follow-up): its ids, owner and the caller's access,
     * read in one statement without loading the entity (D61); {@link NotFoundException} exactly when {@link #find}
     * would throw it.
     */
    OpportunityAccessQuery.Target target(CurrentUser user, long id) {
        AccessPolicy.requireMayWorkOnRecords(user);
        return accessQuery.of(user, id)
                .orElseThrow(() -> new NotFoundException("opportunity.notFound", String.valueOf(id)));
    }

    /**
     * An opportunity under approval, for reading only: the approval inbox shows it. A risk officer, who sees no
     * opportunity otherwise, reads it in the approval scope ({@code Scope.ofApprovals}, D45); whoever works on
     * records in their own deal scope, an RM's with their teams' (a co-owner may ask, D44), as the inbox lists their
     * requests. Never used to change one.
     */
    public Opportunity findUnderApproval(CurrentUser user, long id) {
        AccessPolicy.requireMayUseApprovals(user);
        var shown = AccessPolicy.mayWorkOnRecords(user)
                ? OpportunitySpecs.askedForApproval()
                        .and(OpportunitySpecs.visibleTo(user.scope(), team.opportunityIdsOf(user.id())))
                : OpportunitySpecs.underApproval(org.bankcrm.service.org.Scope.ofApprovals(user));
        return opportunities.findOneShown(shown.and(OpportunitySpecs.id(id)))
                .orElseThrow(() -> new NotFoundException("opportunity.notFound", String.valueOf(id)));
    }

    /**
     * The opportunity under approval as the inbox shows it ({@link #findUnderApproval}), a person's name masked as
     * the inbox masks it (a company's whole); what a risk officer reads of an opportunity in the API too. Not finding
     * it (a deal that left the caller between the inbox's reads) does not spoil the inbox's transaction, which shows
     * the request without it.
     */
    @Transactional(readOnly = true, noRollbackFor = NotFoundException.class)
    public OpportunityView getUnderApproval(CurrentUser user, long id) {
        Opportunity o = findUnderApproval(user, id);
        return Masking.isPerson(o.getCustomer().getType().name()) ? view(o).withCustomerMasked() : view(o);
    }

    /** Its history, oldest first ({@link #findUnderApproval}, {@link #getUnderApproval}). */
    @Transactional(readOnly = true, noRollbackFor = NotFoundException.class)
    public List<HistoryEntry> historyUnderApproval(CurrentUser user, long id) {
        return entries(user, findUnderApproval(user, id), 0);
    }

    /**
     * Opens an opportunity on a customer in the caller's scope. An RM always owns what they create; a head or
     * admin names an RM of the customer's branch subtree, or the customer's owner takes it. The same
     * {@code requestKey} twice (a double-clicked form, a retried call) returns the first opportunity.
     */
    @Transactional
    public OpportunityView create(CurrentUser user, NewOpportunity cmd) {
        return open(user, cmd, null, null);
    }

    /**
     * Opens the opportunity of a campaign target's interest (名单制营销, D33): as {@link #create} with source
     * {@code CAMPAIGN}, linked to campaign {@code campaignId}, {@code sourceDetail} naming it. The campaign's
     * service has checked the target; the caller's scope and the owner are checked here as for any create.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public OpportunityView createForCampaign(CurrentUser user, NewOpportunity cmd, long campaignId,
                                             String sourceDetail) {
        return open(user, cmd, campaignId, sourceDetail);
    }

    private OpportunityView open(CurrentUser user, NewOpportunity cmd, Long campaignId, String sourceDetail) {
        AccessPolicy.requireMayWorkOnRecords(user);
        String requestKey = Texts.clean(cmd.requestKey());
        if (requestKey != null) {
            var existing = opportunities.findByRequestKey(scopedKey(user, requestKey));
            if (existing.isPresent()) {
                return view(existing.get());
            }
        }
        // Every problem at once: the constraints, then the rules that need the database.
        List<FieldError> errors = new ArrayList<>(validator.errors(cmd));
        Customer customer = customers.named(user, cmd.customerNo(), errors);
        Product product = Texts.clean(cmd.productCode()) == null ? null
                : products.findById(cmd.productCode().strip()).filter(Product::isEnabled).orElse(null);
        if (product == null && Texts.clean(cmd.productCode()) != null) {
            errors.add(new FieldError("productCode", "product.unknown", cmd.productCode()));
        }
        if (cmd.expectedCloseDate() != null && cmd.expectedCloseDate().isBefore(LocalDate.now(clock))) {
            errors.add(new FieldError("expectedCloseDate", "validation.date.past"));
        }
        Source source = campaignId != null ? Source.CAMPAIGN
                : cmd.source() == null ? Source.RM_DISCOVERED : cmd.source();
        if (campaignId == null && source == Source.CAMPAIGN) {
            errors.add(new FieldError("source", "opportunity.source.campaignOnly"));
        } else if (campaignId == null && !USER_SOURCES.contains(source)) {
            errors.add(new FieldError("source", "opportunity.source.systemOnly", source.name()));
        }
        StaffUser owner = owner(user, cmd.ownerRm(), customer, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String title = Texts.clean(cmd.title());
        if (title == null) {
            title = OpportunityDraft.defaultTitle(customer, product);
        }
        opening.share();
        Opportunity o = Opportunity.open(new OpportunityDraft(customer, product, title, cmd.amount(),
                cmd.expectedCloseDate(), source, sourceDetail, null,
                cmd.riskLevel() == null ? RiskLevel.MEDIUM : cmd.riskLevel(),
                cmd.competition() == null ? Competition.NONE : cmd.competition(),
                cmd.needStrength() == null ? 3 : cmd.needStrength(), owner,
                requestKey == null ? null : scopedKey(user, requestKey), campaignId),
                users.getReferenceById(user.id()), clock.instant());
        return view(flush(o));
    }

    private StaffUser owner(CurrentUser user, String ownerRm, Customer customer, List<FieldError> errors) {
        String wanted = Texts.clean(ownerRm);
        if (!AccessPolicy.choosesOwners(user)) {
            if (wanted != null && !wanted.equals(user.username())) {
                errors.add(new FieldError("ownerRm", "opportunity.owner.rmOwnsOwn"));
            }
            return users.getReferenceById(user.id());
        }
        if (customer == null) {
            return null;
        }
        if (wanted == null) {
            if (customer.getOwner() == null) {
                errors.add(new FieldError("ownerRm", "validation.required"));
            }
            return customer.getOwner();
        }
        StaffUser rm = users.findActiveRmUnder(wanted, customer.getBranch().getPath())
                .filter(u -> user.scope().coversBranch(u.getBranch().getPath()))
                .orElse(null);
        if (rm == null) {
            errors.add(new FieldError("ownerRm", "customer.owner.notRmOfBranch", wanted,
                    customer.getBranch().getCode()));
        }
        return rm;
    }

    public OpportunityView view(Opportunity o) {
        return credited(List.of(OpportunityView.of(o, probabilities.current().get(o.getStage())))).getFirst();
    }

    /**
     * The views with the referral credit of those opened from a referral, looked up by their ids in one query
     * (the opportunities are already in the caller's scope).
     */
    private List<OpportunityView> credited(List<OpportunityView> views) {
        List<Long> referred = views.stream().filter(v -> v.source() == Source.REFERRAL).map(OpportunityView::id)
                .toList();
        if (referred.isEmpty()) {
            return views;
        }
        Map<Long, OpportunityView.Referred> credit = referralCredit.of(referred);
        return views.stream().map(v -> credit.containsKey(v.id()) ? v.withReferredBy(credit.get(v.id())) : v)
                .toList();
    }

    /** Writes a change now and re-scores it, so that the caller gets back its new version and score. */
    Opportunity flush(Opportunity o) {
        Opportunity saved = opportunities.saveAndFlush(o);
        scoring.rescoreNow(saved);
        return saved;
    }

    /** Keys are per user, so one user's key can never collide with, or reveal, another's. */
    private static String scopedKey(CurrentUser user, String key) {
        return user.id() + ":" + key;
    }

    static Sort sort(String sort) {
        String s = Texts.clean(sort);
        if (s == null) {
            return Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));
        }
        String[] parts = s.split(",", -1);   // "," is two empty parts, never none
        String field = SORTABLE.get(parts[0].strip().toLowerCase(Locale.ROOT));
        String dir = parts.length > 1 ? parts[1].strip().toLowerCase(Locale.ROOT) : "asc";
        if (field == null || parts.length > 2 || !(dir.equals("asc") || dir.equals("desc"))) {
            throw new InvalidInputException("sort", "validation.sort.invalid", s);
        }
        Sort.Order order = dir.equals("desc") ? Sort.Order.desc(field).nullsLast() : Sort.Order.asc(field).nullsLast();
        return Sort.by(order, Sort.Order.desc("id"));
    }
}
