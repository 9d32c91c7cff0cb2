package org.bankcrm.service.segment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.CompanySize;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.org.BranchRepository;
import org.bankcrm.domain.product.Product;
import org.bankcrm.domain.product.ProductRepository;
import org.bankcrm.domain.shared.ConflictException;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.NotFoundException;
import org.bankcrm.service.audit.AuditLog;
import org.bankcrm.service.customer.CustomerViews.CustomerSummary;
import org.bankcrm.service.dashboard.DashboardListQueries;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.PageRequestParams;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.service.shared.Versions;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customer groups (客户分群, D30): branch heads and admins define a group by criteria, see its size while editing,
 * save it, list and export its customers. A group's customers are never stored: they are those matching its criteria
 * in its creator's scope (the creator's role and branch as they are now), evaluated when asked ({@link SegmentQuery}).
 */
@Service
@RequiredArgsConstructor
public class SegmentService {

    public static final int NAME_MAX = 100;
    public static final int INDUSTRY_MAX = 50;
    public static final int AGE_MAX = 150;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * What a client sends for a group: its name, criteria, the version it read (edits), and the JSON fields it sent
     * that the contract does not know ({@code criteria.colour}), each refused by name.
     */
    public record SegmentInput(String name, SegmentCriteria criteria, Integer version, List<String> unknownFields) {
    }

    /** A saved group with its size now. */
    public record SegmentView(long id, String name, SegmentCriteria criteria, long customers, String createdBy,
                              String createdByName, String branchCode, Instant createdAt, Instant updatedAt,
                              int version) {
    }

    /** A customer of a group; {@code linkable}: the viewer may open the customer's page. */
    public record SegmentCustomer(CustomerSummary customer, boolean linkable) {
    }

    private final SegmentStore store;
    private final SegmentQuery query;
    private final ProductRepository products;
    private final BranchRepository branches;
    private final DashboardListQueries dashboardLists;
    private final AuditLog audit;
    private final Clock clock;

    /** One page of the groups the caller sees, by name, each counted (the API's list). */
    @Transactional(readOnly = true)
    public Paged<SegmentView> list(CurrentUser user, Integer page, Integer size) {
        AccessPolicy.requireMayManageSegments(user);
        PageRequest p = PageRequestParams.of(page, size, 50, Sort.unsorted());
        return Paged.slice(store.visible(user), p).map(this::view);
    }

    @Transactional(readOnly = true)
    public List<SegmentView> list(CurrentUser user) {
        AccessPolicy.requireMayManageSegments(user);
        return visibleTo(user);
    }

    /**
     * The groups {@code viewer} sees by the groups' visibility rule alone (their role as it is now not asked): the
     * groups a campaign's creator may target, whoever edits the campaign.
     */
    @Transactional(readOnly = true)
    public List<SegmentView> visibleTo(CurrentUser viewer) {
        return store.visible(viewer).stream().map(this::view).toList();
    }

    /**
     * Whether {@code viewer} sees group {@code id} by the groups' visibility rule alone (their role as it is now not
     * asked): what a campaign's creator may target, whoever edits the campaign.
     */
    @Transactional(readOnly = true)
    public boolean isVisibleTo(CurrentUser viewer, long id) {
        return store.find(viewer, id).isPresent();
    }

    /** Nothing when the caller sees group {@code id}; else a 404, as for a group that does not exist. */
    @Transactional(readOnly = true)
    public void requireVisible(CurrentUser user, long id) {
        AccessPolicy.requireMayManageSegments(user);
        row(user, id);
    }

    @Transactional(readOnly = true)
    public SegmentView get(CurrentUser user, long id) {
        AccessPolicy.requireMayManageSegments(user);
        return view(row(user, id));
    }

    /**
     * The size of criteria not saved yet (the editor's live count): for a new group ({@code segmentId} null) as if the
     * caller saved it now, in the caller's scope; for saved group {@code segmentId}, which the caller must see, as if
     * they were saved into it, in its creator's scope: what the group will count once saved, whoever edits it.
     */
    @Transactional(readOnly = true)
    public long count(CurrentUser user, Long segmentId, SegmentCriteria criteria, List<String> unknownFields) {
        AccessPolicy.requireMayManageSegments(user);
        CurrentUser counted = segmentId == null ? user : row(user, segmentId).creator();
        List<FieldError> errors = new ArrayList<>();
        unknown(unknownFields, errors);
        SegmentCriteria c = checked(user, counted, criteria, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return query.count(c, counted.scope(), today());
    }

    @Transactional
    public SegmentView create(CurrentUser user, SegmentInput input) {
        AccessPolicy.requireMayManageSegments(user);
        List<FieldError> errors = new ArrayList<>();
        String name = checkedName(input, errors);
        SegmentCriteria c = checked(user, user, input.criteria(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        long id = store.insert(user, name, JSON.writeValueAsString(c));
        audit.record(user.username(), "CREATE", "segment", String.valueOf(id), name);
        return view(row(user, id));
    }

    @Transactional
    public SegmentView update(CurrentUser user, long id, SegmentInput input) {
        AccessPolicy.requireMayManageSegments(user);
        SegmentStore.Row current = row(user, id);
        List<FieldError> errors = new ArrayList<>();
        if (input.version() == null) {
            errors.add(new FieldError("version", "validation.required"));
        }
        String name = checkedName(input, errors);
        SegmentCriteria c = checked(user, current.creator(), input.criteria(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Versions.check(input.version(), current.version());
        if (!store.update(id, input.version(), name, JSON.writeValueAsString(c))) {
            throw new ConflictException("error.stale");
        }
        audit.record(user.username(), "UPDATE", "segment", String.valueOf(id), name);
        return view(row(user, id));
    }

    /**
     * Deletes a group; with {@code version} (the group's as the caller saw it; null: whatever it is now) a group
     * someone changed since is a conflict ({@code error.stale}) and stays.
     */
    @Transactional
    public void delete(CurrentUser user, long id, Integer version) {
        AccessPolicy.requireMayManageSegments(user);
        SegmentStore.Row current = row(user, id);
        Versions.check(version, current.version());
        if (!store.delete(id, current.version())) {
            throw new ConflictException("error.stale");
        }
        audit.record(user.username(), "DELETE", "segment", String.valueOf(id), current.name());
    }

    /** One page of the group's customers (by customer number), each marked when the viewer may open it. */
    @Transactional(readOnly = true)
    public Paged<SegmentCustomer> customers(CurrentUser user, long id, Integer page, Integer size) {
        AccessPolicy.requireMayManageSegments(user);
        PageRequest p = PageRequestParams.of(page, size, 50, Sort.unsorted());
        SegmentStore.Row r = row(user, id);
        SegmentCriteria c = criteria(r);
        long total = query.count(c, r.creator().scope(), today());
        List<SegmentCustomer> items = query.page(c, r.creator().scope(), today(), p.getPageNumber(), p.getPageSize())
                .stream().map(l -> new SegmentCustomer(l.customer(), linkable(user, l))).toList();
        return new Paged<>(items, p.getPageNumber(), p.getPageSize(), total);
    }

    /**
     * Every customer of the group for an export, in pages of 1,000, refused whole above the dashboards' export limit
     * ({@code crm.dashboard.export-limit}, D23). Returns the number of lines.
     */
    @Transactional(readOnly = true)
    public long eachCustomer(CurrentUser user, long id, Consumer<CustomerSummary> each) {
        AccessPolicy.requireMayManageSegments(user);
        SegmentStore.Row r = row(user, id);
        SegmentCriteria c = criteria(r);
        LocalDate today = today();
        long total = query.count(c, r.creator().scope(), today);
        if (total > dashboardLists.exportLimit()) {
            throw new DashboardListQueries.TooManyLines(total, dashboardLists.exportLimit());
        }
        int pageSize = 1000;
        for (int page = 0; (long) page * pageSize < total; page++) {
            query.page(c, r.creator().scope(), today, page, pageSize).forEach(l -> each.accept(l.customer()));
        }
        return total;
    }

    /**
     * The ids of the customers of saved group {@code segmentId} today, in its creator's scope, whoever asks: for a
     * campaign's launch (the next issue), which checks its own access first.
     */
    @Transactional(readOnly = true)
    public List<Long> customerIds(long segmentId) {
        SegmentStore.Row r = store.find(segmentId)
                .orElseThrow(() -> new NotFoundException("segment.notFound", String.valueOf(segmentId)));
        List<Long> ids = new ArrayList<>();
        query.eachId(criteria(r), r.creator().scope(), today(), ids::add);
        return ids;
    }

    private SegmentStore.Row row(CurrentUser user, long id) {
        return store.find(user, id).orElseThrow(() -> new NotFoundException("segment.notFound", String.valueOf(id)));
    }

    private SegmentView view(SegmentStore.Row r) {
        SegmentCriteria c = criteria(r);
        return new SegmentView(r.id(), r.name(), c, query.count(c, r.creator().scope(), today()),
                r.creator().username(), r.creator().displayName(), r.branchCode(), r.createdAt(), r.updatedAt(),
                r.version());
    }

    private static SegmentCriteria criteria(SegmentStore.Row r) {
        return JSON.readValue(r.criteriaJson(), SegmentCriteria.class);
    }

    private static boolean linkable(CurrentUser user, SegmentQuery.Line l) {
        return user.scope().coversBranch(l.branchPath())
                || l.customer().ownerRm() != null && l.customer().ownerRm().equals(user.username());
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static void unknown(List<String> unknownFields, List<FieldError> errors) {
        if (unknownFields != null) {
            unknownFields.forEach(f -> errors.add(new FieldError(f, "segment.field.unknown", f)));
        }
    }

    private static String checkedName(SegmentInput input, List<FieldError> errors) {
        unknown(input.unknownFields(), errors);
        String name = input.name() == null ? "" : input.name().strip();
        if (hasControl(name)) {
            errors.add(new FieldError("name", "segment.text.control"));
        } else if (name.isEmpty()) {
            errors.add(new FieldError("name", "validation.required"));
        } else if (name.length() > NAME_MAX) {
            errors.add(new FieldError("name", "validation.size.max", 0, NAME_MAX));
        }
        return name;
    }

    /**
     * The criteria checked and put in one form (lists without blanks or repeats, empty ones left out). A branch must
     * lie in the scope of {@code creator}, whose scope the group counts in: the caller's for a new group, the
     * creator's for a saved one (an admin editing a head's group cannot narrow it to a branch the head does not see).
     */
    private SegmentCriteria checked(CurrentUser user, CurrentUser creator, SegmentCriteria in,
                                    List<FieldError> errors) {
        SegmentCriteria c = in == null ? SegmentCriteria.none() : in;
        String type = blankToNull(c.type());
        if (type != null && !names(CustomerType.values()).contains(type)) {
            errors.add(new FieldError("criteria.type", "segment.type.unknown", type));
        }
        List<String> tiers = codes(c.tiers());
        unknownCodes("criteria.tiers", "segment.tier.unknown", tiers, names(Tier.values()), errors);
        List<String> sizes = codes(c.companySizes());
        unknownCodes("criteria.companySizes", "segment.companySize.unknown", sizes, names(CompanySize.values()),
                errors);
        Set<String> productCodes = products.findAll().stream().map(Product::getCode).collect(Collectors.toSet());
        List<String> holds = codes(c.holds());
        unknownCodes("criteria.holds", "segment.product.unknown", holds, productCodes, errors);
        List<String> lacks = codes(c.lacks());
        unknownCodes("criteria.lacks", "segment.product.unknown", lacks, productCodes, errors);
        nonNegative("criteria.ageMin", c.ageMin(), errors);
        nonNegative("criteria.ageMax", c.ageMax(), errors);
        if (c.ageMin() != null && c.ageMin() > AGE_MAX || c.ageMax() != null && c.ageMax() > AGE_MAX) {
            errors.add(new FieldError(c.ageMin() != null && c.ageMin() > AGE_MAX ? "criteria.ageMin"
                    : "criteria.ageMax", "segment.age.tooHigh", AGE_MAX));
        }
        if (c.ageMin() != null && c.ageMax() != null && c.ageMin() > c.ageMax()) {
            errors.add(new FieldError("criteria.ageMin", "segment.age.range"));
        }
        if ((c.ageMin() != null || c.ageMax() != null) && CustomerType.CORPORATE.name().equals(type)) {
            errors.add(new FieldError(c.ageMin() != null ? "criteria.ageMin" : "criteria.ageMax",
                    "segment.age.retailOnly"));
        }
        nonNegative("criteria.aumMin", c.aumMin(), errors);
        nonNegative("criteria.aumMax", c.aumMax(), errors);
        if (c.aumMin() != null && c.aumMax() != null && c.aumMin().compareTo(c.aumMax()) > 0) {
            errors.add(new FieldError("criteria.aumMin", "segment.aum.range"));
        }
        List<String> industries = null;
        if (c.industries() != null) {
            LinkedHashSet<String> set = new LinkedHashSet<>();
            for (String s : c.industries()) {
                String t = blankToNull(s);
                if (hasControl(t)) {
                    errors.add(new FieldError("criteria.industries", "segment.text.control"));
                } else if (t != null && t.length() > INDUSTRY_MAX) {
                    errors.add(new FieldError("criteria.industries", "segment.industry.tooLong", INDUSTRY_MAX));
                } else if (t != null) {
                    set.add(t);
                }
            }
            industries = set.isEmpty() ? null : List.copyOf(set);
        }
        String branchCode = blankToNull(c.branchCode());
        if (hasControl(branchCode)) {
            errors.add(new FieldError("criteria.branchCode", "segment.text.control"));
        } else if (branchCode != null) {
            var branch = branches.findByCode(branchCode);
            if (branch.isEmpty()) {
                errors.add(new FieldError("criteria.branchCode", "segment.branch.unknown", branchCode));
            } else if (!creator.scope().coversBranch(branch.get().getPath())) {
                errors.add(creator.id() == user.id()
                        ? new FieldError("criteria.branchCode", "segment.branch.outOfScope", branchCode)
                        : new FieldError("criteria.branchCode", "segment.branch.outOfCreatorScope", branchCode,
                                creator.displayName()));
            }
        }
        return new SegmentCriteria(type, tiers, c.ageMin(), c.ageMax(), c.aumMin(), c.aumMax(), holds, lacks,
                industries, sizes, branchCode, c.owned());
    }

    private static void nonNegative(String field, Integer v, List<FieldError> errors) {
        if (v != null && v < 0) {
            errors.add(new FieldError(field, "segment.negative"));
        }
    }

    private static void nonNegative(String field, BigDecimal v, List<FieldError> errors) {
        if (v != null && v.signum() < 0) {
            errors.add(new FieldError(field, "segment.negative"));
        }
    }

    private static void unknownCodes(String field, String key, List<String> codes, Set<String> known,
                                     List<FieldError> errors) {
        if (codes != null) {
            codes.stream().filter(x -> !known.contains(x)).findFirst()
                    .ifPresent(x -> errors.add(new FieldError(field, key, x)));
        }
    }

    private static List<String> codes(List<String> in) {
        if (in == null) {
            return null;
        }
        LinkedHashSet<String> set = new LinkedHashSet<>();
        in.stream().map(SegmentService::blankToNull).filter(x -> x != null).forEach(set::add);
        return set.isEmpty() ? null : List.copyOf(set);
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toSet());
    }

    /** Control characters (a NUL above all, which PostgreSQL refuses in text) are never stored nor searched for. */
    private static boolean hasControl(String s) {
        return s != null && s.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\t');
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
