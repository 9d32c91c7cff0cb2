package org.bankcrm.service.campaign;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Customer;
import org.bankcrm.domain.customer.CustomerRepository;
import org.bankcrm.domain.opportunity.FollowUpType;
import org.bankcrm.domain.opportunity.Source;
import org.bankcrm.domain.org.StaffUser;
import org.bankcrm.domain.org.StaffUserRepository;
import org.bankcrm.domain.product.Product;
import org.bankcrm.domain.product.ProductRepository;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.campaign.CampaignStore.Row;
import org.bankcrm.service.campaign.CampaignStore.TargetFilter;
import org.bankcrm.service.campaign.CampaignViews.CampaignFunnel;
import org.bankcrm.service.campaign.CampaignViews.CampaignView;
import org.bankcrm.service.campaign.CampaignViews.DraftPreview;
import org.bankcrm.service.campaign.CampaignViews.ExcludedView;
import org.bankcrm.service.campaign.CampaignViews.Figure;
import org.bankcrm.service.campaign.CampaignViews.Funnel;
import org.bankcrm.service.campaign.CampaignViews.Launch;
import org.bankcrm.service.campaign.CampaignViews.Outcome;
import org.bankcrm.service.campaign.CampaignViews.Preview;
import org.bankcrm.service.campaign.CampaignViews.Status;
import org.bankcrm.service.campaign.CampaignViews.TargetView;
import org.bankcrm.service.customer.CustomerOwnership;
import org.bankcrm.service.customer.CustomersHanded;
import org.bankcrm.service.dashboard.DashboardListQueries;
import org.bankcrm.service.opportunity.FollowUpService;
import org.bankcrm.service.opportunity.FollowUpService.NewFollowUp;
import org.bankcrm.service.opportunity.OpportunityService;
import org.bankcrm.service.opportunity.OpportunityService.NewOpportunity;
import org.bankcrm.service.opportunity.OpportunityView;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.segment.SegmentService;
import org.bankcrm.service.shared.Jobs;
import org.bankcrm.service.shared.PageRequestParams;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.service.shared.Texts;
import org.bankcrm.service.shared.Versions;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * List-based campaigns (名单制营销, D33). A head or admin creates a DRAFT campaign from a saved group or a pasted
 * list of customer numbers, sees the list's size and exclusions, and launches it: the target list is then fixed in
 * the background ({@link CampaignLauncher}), each target its customer's owner RM's or, without one, its branch's
 * queue until a head assigns it. RMs record an outcome per target while the campaign runs; INTERESTED opens the
 * campaign's opportunity. The figures count the targets in the viewer's scope.
 */
@Service
@RequiredArgsConstructor
public class CampaignService {

    public static final int NAME_MAX = 100;
    public static final int SCRIPT_MAX = 4000;
    public static final int NOTE_MAX = 1000;
    /** Customer numbers a pasted list may hold. */
    public static final int LIST_MAX = 200_000;
    /** How many of the customers a draft will exclude its page names. */
    public static final int EXCLUDED_SHOWN = 50;

    private static final Pattern CUSTOMER_NO = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final BigDecimal COST_MAX = new BigDecimal("9999999999999999.99");

    /** A new campaign as the API and the form send it: exactly one of {@code segmentId} and {@code customerNos}. */
    public record CampaignInput(String name, String productCode, Long segmentId, List<String> customerNos,
                                LocalDate startsOn, LocalDate endsOn, BigDecimal cost, String script) {
    }

    /**
     * An outcome: {@code amount} and {@code expectedCloseDate} for INTERESTED; the follow-up's type, default CALL;
     * {@code version}, the target's as the caller saw it (null: whatever it is now).
     */
    public record OutcomeInput(String outcome, String note, BigDecimal amount, LocalDate expectedCloseDate,
                               String followUpType, Integer version) {
    }

    /** A draft as saved, for its edit form, the version it was read at, and its creator (whose groups it may use). */
    public record Draft(CampaignInput input, int version, CurrentUser creator) {
    }

    /** Filters of a target list; {@code queued}: the targets waiting for a head to assign them. */
    public record TargetQuery(String outcome, String owner, String branch, String figure, boolean queued,
                              Integer page, Integer size) {
    }

    private final CampaignStore store;
    private final MessageSource messages;
    private final CampaignLauncher launcher;
    private final SegmentService segments;
    private final ProductRepository products;
    private final CustomerRepository customers;
    private final StaffUserRepository users;
    private final OpportunityService opportunities;
    private final FollowUpService followUps;
    private final CustomerOwnership ownership;
    private final DashboardListQueries dashboardLists;
    private final Jobs jobs;
    private final AuditLog audit;
    private final Clock clock;

    /** The campaigns the user sees, newest period first, with their figures in the user's scope. */
    @Transactional(readOnly = true)
    public List<CampaignView> list(CurrentUser user) {
        AccessPolicy.requireMayWorkOnRecords(user);
        return views(user, store.visible(user));
    }

    /** One page of the campaigns the caller sees (the API's list), only that page's funnels read. */
    @Transactional(readOnly = true)
    public Paged<CampaignView> list(CurrentUser user, Integer page, Integer size) {
        AccessPolicy.requireMayWorkOnRecords(user);
        PageRequest p = PageRequestParams.of(page, size, 50, Sort.unsorted());
        Paged<Row> rows = Paged.slice(store.visible(user), p);
        return new Paged<>(views(user, rows.items()), rows.page(), rows.size(), rows.total());
    }

    private List<CampaignView> views(CurrentUser user, List<Row> rows) {
        Map<Long, Funnel> funnels = store.funnels(rows.stream().map(Row::id).toList(), user.scope());
        return rows.stream().map(r -> view(r, funnels.getOrDefault(r.id(), Funnel.EMPTY))).toList();
    }

    @Transactional(readOnly = true)
    public CampaignView get(CurrentUser user, long id) {
        AccessPolicy.requireMayWorkOnRecords(user);
        Row r = row(user, id);
        return view(r, store.funnel(id, user.scope()));
    }

    /** The campaign with its funnel by RM (the queue last) and by branch. */
    @Transactional(readOnly = true)
    public CampaignFunnel funnel(CurrentUser user, long id) {
        AccessPolicy.requireMayWorkOnRecords(user);
        Row r = row(user, id);
        return new CampaignFunnel(view(r, store.funnel(id, user.scope())), store.byRm(id, user.scope()),
                store.byBranch(id, user.scope()));
    }

    /** The size and exclusions a list would have if launched now by the caller (the create form's preview). */
    @Transactional(readOnly = true)
    public Preview preview(CurrentUser user, CampaignInput input) {
        AccessPolicy.requireMayManageCampaigns(user);
        List<FieldError> errors = new ArrayList<>();
        Product product = product(input.productCode(), errors);
        List<String> nos = source(user, user, input, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        List<Long> ids = nos != null ? store.listedIds(nos, user.scope())
                : segments.customerIds(input.segmentId()).stream().toList();
        List<Long> inScope = nos != null ? ids : store.listedIdsOf(ids, user.scope());
        return new Preview(inScope.size(), store.withOpenOpportunity(inScope, product.getCode()));
    }

    /**
     * The preview of a campaign not launched yet, for its creator's scope, with the first customers it will exclude
     * that the viewer may see (a head may look at a draft of another's, an admin at any).
     */
    @Transactional(readOnly = true)
    public DraftPreview preview(CurrentUser user, long id) {
        AccessPolicy.requireMayManageCampaigns(user);
        Row r = row(user, id);
        List<Long> ids = launcher.candidates(r);
        if (ids == null) {
            return new DraftPreview(0, 0, List.of());
        }
        List<Long> inScope = store.listedIdsOf(ids, r.creator().scope());
        long excluded = store.withOpenOpportunity(inScope, r.productCode());
        List<ExcludedView> first = excluded == 0 ? List.of() : store.withOpenOpportunityFirst(
                store.listedIdsOf(inScope, user.scope()), r.productCode(), user.scope(), EXCLUDED_SHOWN);
        return new DraftPreview(inScope.size(), excluded, first);
    }

    @Transactional
    public CampaignView create(CurrentUser user, CampaignInput input) {
        AccessPolicy.requireMayManageCampaigns(user);
        Checked c = checked(user, user, input, new ArrayList<>());
        long id = store.insert(user, c.name(), c.productCode(), c.segmentId(), c.customerNos(), input.startsOn(),
                input.endsOn(), c.cost(), c.script());
        audit.record(user.username(), "CREATE", "campaign", String.valueOf(id), c.name());
        return get(user, id);
    }

    /** A draft as its edit form starts: what was saved, and the version it was read at. */
    @Transactional(readOnly = true)
    public Draft draft(CurrentUser user, long id) {
        AccessPolicy.requireMayManageCampaigns(user);
        Row r = row(user, id);
        requireDraft(r);
        return new Draft(new CampaignInput(r.name(), r.productCode(), r.segmentId(), r.customerNos(), r.startsOn(),
                r.endsOn(), r.cost(), r.script()), r.version(), r.creator());
    }

    /**
     * Changes a draft (its creator and branch stay: the list is still fixed in the creator's scope at launch), as
     * checked as a new one, its group one the creator sees. {@code version}, required, is the draft's as the editor
     * read it: a draft changed since is a conflict ({@code error.stale}), one launched or ended too
     * ({@code campaign.notDraft}), and nothing changes; one deleted since is a 404.
     */
    @Transactional
    public CampaignView update(CurrentUser user, long id, CampaignInput input, Integer version) {
        AccessPolicy.requireMayManageCampaigns(user);
        Row r = locked(user, id);
        requireDraft(r);
        List<FieldError> errors = new ArrayList<>();
        if (version == null) {
            errors.add(new FieldError("version", "validation.required"));
        }
        Checked c = checked(user, r.creator(), input, errors);
        Versions.check(version, r.version());
        if (!store.updateDraft(id, version, c.name(), c.productCode(), c.segmentId(), c.customerNos(),
                input.startsOn(), input.endsOn(), c.cost(), c.script())) {
            throw new ConflictException("error.stale");
        }
        audit.record(user.username(), "UPDATE", "campaign", String.valueOf(id), c.name());
        return get(user, id);
    }

    /**
     * Deletes a draft (a launched campaign has targets and opportunities: it is ended, never deleted). With
     * {@code version} (null: whatever it is now) a draft changed since is a conflict and stays.
     */
    @Transactional
    public void delete(CurrentUser user, long id, Integer version) {
        AccessPolicy.requireMayManageCampaigns(user);
        Row r = locked(user, id);
        requireDraft(r);
        Versions.check(version, r.version());
        if (!store.deleteDraft(id, r.version())) {
            throw new ConflictException("error.stale");
        }
        audit.record(user.username(), "DELETE", "campaign", String.valueOf(id), r.name());
    }

    private static void requireDraft(Row r) {
        if (!"DRAFT".equals(r.status())) {
            throw new ConflictException("campaign.notDraft");
        }
    }

    /**
     * A campaign's fields as a create or an edit checks them, for {@code creator} (the caller, or a draft's creator
     * when someone else edits it); the errors so far and these refuse it whole.
     */
    private Checked checked(CurrentUser user, CurrentUser creator, CampaignInput input, List<FieldError> errors) {
        String name = text(input.name(), "name", NAME_MAX, true, errors);
        Product product = product(input.productCode(), errors);
        List<String> nos = source(user, creator, input, errors);
        if (input.startsOn() == null) {
            errors.add(new FieldError("startsOn", "validation.required"));
        }
        if (input.endsOn() == null) {
            errors.add(new FieldError("endsOn", "validation.required"));
        } else if (input.startsOn() != null && input.endsOn().isBefore(input.startsOn())) {
            errors.add(new FieldError("endsOn", "campaign.period.endBeforeStart"));
        } else if (input.endsOn().isBefore(today())) {
            // Over before it is made: it could never be launched (see launch), so it is refused now, by its field.
            errors.add(new FieldError("endsOn", "campaign.period.past"));
        }
        if (input.cost() == null) {
            errors.add(new FieldError("cost", "validation.required"));
        } else if (input.cost().signum() < 0) {
            errors.add(new FieldError("cost", "campaign.cost.negative"));
        } else if (input.cost().scale() > 2 || input.cost().compareTo(COST_MAX) > 0) {
            errors.add(new FieldError("cost", "validation.amount.digits", 16, 2));
        }
        String script = text(input.script(), "script", SCRIPT_MAX, false, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Checked(name, product.getCode(), nos == null ? input.segmentId() : null, nos,
                input.cost().setScale(2), script);
    }

    private record Checked(String name, String productCode, Long segmentId, List<String> customerNos,
                           BigDecimal cost, String script) {
    }

    /**
     * DRAFT → ACTIVE; the list is fixed in the background, on one node. A campaign already launched is refused
     * (409), unless its launch failed: then it resumes. A campaign past its end cannot start.
     */
    @Transactional
    public CampaignView launch(CurrentUser user, long id) {
        AccessPolicy.requireMayManageCampaigns(user);
        Row r = locked(user, id);
        boolean resumable = "ACTIVE".equals(r.status()) && "FAILED".equals(r.launchState());
        if (!"DRAFT".equals(r.status()) && !resumable) {
            throw new ConflictException("campaign.launched");
        }
        if (r.endsOn().isBefore(today())) {
            throw new ConflictException("campaign.launch.ended", r.endsOn().toString());
        }
        if (r.segmentId() == null && r.customerNos() == null) {
            throw new ConflictException("campaign.segment.gone");
        }
        if (!store.markLaunched(id, user.id())) {
            throw new ConflictException("campaign.launched");
        }
        jobs.startUnlessWaiting(CampaignJobs.LAUNCH, String.valueOf(id));
        audit.record(user.username(), "LAUNCH", "campaign", String.valueOf(id), r.name());
        return get(user, id);
    }

    /** Ends a campaign early: it takes no more outcomes; its opportunities keep counting when won. */
    @Transactional
    public CampaignView end(CurrentUser user, long id) {
        AccessPolicy.requireMayManageCampaigns(user);
        Row r = locked(user, id);
        if (status(r) == Status.ENDED || !store.markEnded(id)) {
            throw new ConflictException("campaign.ended");
        }
        audit.record(user.username(), "END", "campaign", String.valueOf(id), r.name());
        return get(user, id);
    }

    /** One page of the campaign's targets in the user's scope (an RM: their own), by customer number. */
    @Transactional(readOnly = true)
    public Paged<TargetView> targets(CurrentUser user, long id, TargetQuery q) {
        AccessPolicy.requireMayWorkOnRecords(user);
        row(user, id);
        TargetFilter f = filter(q);
        PageRequest p = PageRequestParams.of(q.page(), q.size(), 50, Sort.unsorted());
        return new Paged<>(store.targets(id, user.scope(), f, p.getPageNumber(), p.getPageSize()),
                p.getPageNumber(), p.getPageSize(), store.countTargets(id, user.scope(), f));
    }

    /**
     * Every target of a list for an export, in pages of 1,000, refused whole above the dashboards' export limit
     * (D23). Returns the number of lines.
     */
    @Transactional(readOnly = true)
    public long eachTarget(CurrentUser user, long id, TargetQuery q, Consumer<TargetView> each) {
        AccessPolicy.requireMayWorkOnRecords(user);
        row(user, id);
        TargetFilter f = filter(q);
        long total = store.countTargets(id, user.scope(), f);
        if (total > dashboardLists.exportLimit()) {
            throw new DashboardListQueries.TooManyLines(total, dashboardLists.exportLimit());
        }
        int pageSize = 1000;
        for (int page = 0; (long) page * pageSize < total; page++) {
            store.targets(id, user.scope(), f, page, pageSize).forEach(each);
        }
        return total;
    }

    /**
     * Records a target's outcome, by its owner RM or a head or admin in scope, while the campaign is ACTIVE. The
     * contact is logged as a follow-up of the customer (type chosen, default CALL), so it counts for coverage.
     * INTERESTED opens the campaign's opportunity, owned by the target's RM; nothing follows INTERESTED (409). With
     * the target's version as the caller saw it, an outcome someone else recorded since is a conflict
     * ({@code error.stale}): a list shown before the RM declined does not turn it back into "not reached".
     */
    @Transactional
    public TargetView record(CurrentUser user, long id, String customerNo, OutcomeInput input) {
        AccessPolicy.requireMayWorkOnRecords(user);
        Row r = locked(user, id);
        CampaignStore.TargetRow t = store.lockTarget(id, Texts.clean(customerNo) == null ? "" : customerNo.strip(),
                        user.scope())
                .filter(x -> !x.excluded())
                .orElseThrow(() -> new NotFoundException("campaign.target.notFound", customerNo));
        List<FieldError> errors = new ArrayList<>();
        Outcome outcome = outcome(input.outcome(), errors);
        FollowUpType type = followUpType(input.followUpType(), errors);
        String note = text(input.note(), "note", NOTE_MAX, false, errors);
        if (outcome == Outcome.INTERESTED) {
            if (input.amount() == null) {
                errors.add(new FieldError("amount", "validation.required"));
            }
            if (input.expectedCloseDate() == null) {
                errors.add(new FieldError("expectedCloseDate", "validation.required"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Status status = status(r);
        if (status == Status.ENDED) {
            throw new ConflictException("campaign.ended");
        }
        if (status != Status.ACTIVE) {
            throw new ConflictException("campaign.notActive");
        }
        if (t.outcome() == Outcome.INTERESTED) {
            throw new ConflictException("campaign.target.interested");
        }
        Versions.check(input.version(), t.version());
        if (t.ownerId() == null) {
            throw new ConflictException("campaign.target.queued");
        }
        Long opportunityId = null;
        if (outcome == Outcome.INTERESTED) {
            OpportunityView o = opportunities.createForCampaign(user, new NewOpportunity(t.customerNo(),
                            r.productCode(), null, input.amount(), input.expectedCloseDate(), Source.CAMPAIGN, null,
                            null, null, t.ownerRm(), null),
                    id, sourceDetail(r));
            opportunityId = o.id();
        }
        followUps.logOnCustomer(user, t.customerNo(), new NewFollowUp(type, null, followUpSummary(r, outcome), note,
                null, null));
        store.recordOutcome(t.id(), outcome, note, opportunityId, user.id());
        audit.record(user.username(), "OUTCOME", "campaign", id + "/" + t.customerNo(), outcome.name());
        return target(user, id, t.customerNo());
    }

    /**
     * Assigns a target of the branch queue (its customer had no owner at launch) to an active RM of the customer's
     * branch subtree; the customer, if still unowned, goes to that RM with it (the one rule of customers changing
     * hands, {@link CustomerOwnership}).
     */
    @Transactional
    public TargetView assign(CurrentUser user, long id, String customerNo, String ownerRm) {
        AccessPolicy.requireMayManageCampaigns(user);
        row(user, id);
        CampaignStore.TargetRow t = store.lockTarget(id, Texts.clean(customerNo) == null ? "" : customerNo.strip(),
                        user.scope())
                .filter(x -> !x.excluded())
                .orElseThrow(() -> new NotFoundException("campaign.target.notFound", customerNo));
        String wanted = Texts.clean(ownerRm);
        if (wanted == null) {
            throw new InvalidInputException("ownerRm", "validation.required");
        }
        Customer customer = customers.findById(t.customerId()).orElseThrow();
        StaffUser rm = users.findActiveRmUnder(wanted, t.branchPath())
                .filter(u -> user.scope().coversBranch(u.getBranch().getPath())).orElse(null);
        if (rm == null) {
            throw new InvalidInputException("ownerRm", "customer.owner.notRmOfBranch", wanted,
                    customer.getBranch().getCode());
        }
        if (t.ownerId() != null) {
            throw new ConflictException("campaign.target.assigned");
        }
        if (customer.getOwner() == null) {
            ownership.hand(List.of(customer), rm, users.getReferenceById(user.id()));
        }
        store.assign(t.id(), rm.getId());
        audit.record(user.username(), "ASSIGN", "campaign", id + "/" + t.customerNo(), "rm=" + rm.getUsername());
        return target(user, id, t.customerNo());
    }

    /**
     * Customers changed hands (a reassignment, the assignment of unowned customers, a book handover, a queued
     * target's assignment, a feed): their open targets in running campaigns go with them, in the same transaction;
     * those of customers a feed moved to another branch without an owner leave the campaign (excluded).
     */
    @EventListener
    void onCustomersHanded(CustomersHanded handed) {
        if (handed.toNobody()) {
            store.excludeMoved(handed.previousOwners(), today());   // moved to another branch without an owner
        } else {
            store.followCustomers(handed.previousOwners(), handed.toId(), today());
        }
    }

    /** The campaign as its opportunities' {@code sourceDetail} keeps it. */
    static String sourceDetail(Row r) {
        return CampaignSourceDetail.of(r.id(), r.name());
    }

    private TargetView target(CurrentUser user, long id, String customerNo) {
        return store.targets(id, user.scope(), new TargetFilter(null, null, null, null, false, customerNo), 0, 1)
                .getFirst();
    }

    /** The campaign, once the caller may see it, locked for the caller's transaction and read again under the lock. */
    private Row locked(CurrentUser user, long id) {
        row(user, id);
        store.lock(id);
        return row(user, id);
    }

    private Row row(CurrentUser user, long id) {
        return store.find(user, id).orElseThrow(() -> new NotFoundException("campaign.notFound", String.valueOf(id)));
    }

    private CampaignView view(Row r, Funnel f) {
        BigDecimal revenue = Product.revenue(f.wonAmount(), r.revenueRate());
        Launch launch = r.launchState() == null ? null
                : new Launch(r.launchState(), r.launchTotal(), store.written(r.id()));
        return new CampaignView(r.id(), r.name(), r.productCode(), r.productNameZh(), status(r), r.startsOn(),
                r.endsOn(), r.cost(), r.script(), r.segmentId(), r.segmentName(),
                r.customerNos() == null ? null : r.customerNos().size(), f.targets(), f.excluded(), f.attempted(),
                f.reached(), f.interested(), f.won(), f.wonAmount(), revenue, CampaignView.roi(revenue, r.cost()),
                launch, r.creator().username(), r.creator().displayName(), r.branchCode(), r.createdAt(),
                r.endedAt(), r.version());
    }

    /** ACTIVE past its end date reads as ENDED (bank days). */
    private Status status(Row r) {
        Status s = Status.valueOf(r.status());
        return s == Status.ACTIVE && r.endsOn().isBefore(today()) ? Status.ENDED : s;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private TargetFilter filter(TargetQuery q) {
        List<FieldError> errors = new ArrayList<>();
        Outcome outcome = null;
        if (Texts.clean(q.outcome()) != null) {
            outcome = parse(Outcome.class, q.outcome(), "outcome", "campaign.outcome.unknown", errors);
        }
        Figure figure = null;
        if (Texts.clean(q.figure()) != null) {
            figure = parse(Figure.class, q.figure(), "figure", "campaign.figure.unknown", errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new TargetFilter(outcome, Texts.clean(q.owner()), Texts.clean(q.branch()), figure, q.queued(), null);
    }

    private static Outcome outcome(String value, List<FieldError> errors) {
        if (Texts.clean(value) == null) {
            errors.add(new FieldError("outcome", "validation.required"));
            return null;
        }
        Outcome o = parse(Outcome.class, value, "outcome", "campaign.outcome.unknown", errors);
        if (o == Outcome.PENDING) {
            errors.add(new FieldError("outcome", "campaign.outcome.unknown", value));
            return null;
        }
        return o;
    }

    private static FollowUpType followUpType(String value, List<FieldError> errors) {
        if (Texts.clean(value) == null) {
            return FollowUpType.CALL;
        }
        return parse(FollowUpType.class, value, "followUpType", "campaign.followUpType.unknown", errors);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, String key,
                                               List<FieldError> errors) {
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, key, value));
            return null;
        }
    }

    /**
     * The follow-up an outcome logs says what happened as its recorder would have typed it, in their language
     * ({@code campaign.followUp.summary}: 名单制营销「存单到期客户」：有意向); like any follow-up, it keeps the words
     * it was written in (D37).
     */
    private String followUpSummary(Row r, Outcome outcome) {
        return messages.getMessage(new DefaultMessageSourceResolvable(new String[]{"campaign.followUp.summary"},
                new Object[]{r.name(), new DefaultMessageSourceResolvable(new String[]{"campaignOutcome." + outcome},
                        outcome.name())}, r.name() + ": " + outcome.name()), LocaleContextHolder.getLocale());
    }

    private Product product(String code, List<FieldError> errors) {
        String c = Texts.clean(code);
        if (c == null) {
            errors.add(new FieldError("productCode", "validation.required"));
            return null;
        }
        Product p = products.findById(c).filter(Product::isEnabled).orElse(null);
        if (p == null) {
            errors.add(new FieldError("productCode", "product.unknown", c));
        }
        return p;
    }

    /**
     * Exactly one of a saved group and a non-empty list of well-formed customer numbers; answers the list (without
     * blanks or repeats), or null for a group. The group must be one the campaign's creator sees (the caller, for a
     * new campaign): the list is fixed in the creator's scope, and the creator may open what it names.
     */
    private List<String> source(CurrentUser user, CurrentUser creator, CampaignInput input,
                                List<FieldError> errors) {
        if (input.segmentId() != null && input.customerNos() != null) {
            errors.add(new FieldError("segmentId", "campaign.source.both"));
            return null;
        }
        if (input.segmentId() == null && input.customerNos() == null) {
            errors.add(new FieldError("segmentId", "campaign.source.required"));
            return null;
        }
        if (input.segmentId() != null) {
            if (!segments.isVisibleTo(creator, input.segmentId())) {
                String id = String.valueOf(input.segmentId());
                errors.add(creator.id() == user.id() ? new FieldError("segmentId", "segment.notFound", id)
                        : new FieldError("segmentId", "campaign.segment.notCreators", id, creator.displayName()));
            }
            return null;
        }
        Set<String> nos = new LinkedHashSet<>();
        for (String s : input.customerNos()) {
            String no = Texts.clean(s);
            if (no == null) {
                continue;
            }
            if (!CUSTOMER_NO.matcher(no).matches()) {
                errors.add(new FieldError("customerNos", "campaign.list.badNumber",
                        no.length() > 40 ? no.substring(0, 40) : no));
                return null;
            }
            nos.add(no);
        }
        if (nos.isEmpty()) {
            errors.add(new FieldError("customerNos", "campaign.list.empty"));
        } else if (nos.size() > LIST_MAX) {
            errors.add(new FieldError("customerNos", "campaign.list.tooLong", LIST_MAX));
        }
        return List.copyOf(nos);
    }

    private static String text(String value, String field, int max, boolean required, List<FieldError> errors) {
        String v = Texts.clean(value);
        if (v != null && v.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\t'
                && ch != '\r')) {
            errors.add(new FieldError(field, "segment.text.control"));
        } else if (v == null && required) {
            errors.add(new FieldError(field, "validation.required"));
        } else if (v != null && v.length() > max) {
            errors.add(new FieldError(field, "validation.size.max", 0, max));
        }
        return v;
    }
}
