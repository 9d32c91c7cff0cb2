package org.bankcrm.service.tiers;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.CompanySize;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.domain.shared.Period;
import org.bankcrm.service.dashboard.DashboardListQueries;
import org.bankcrm.service.dashboard.DashboardSelector;
import org.bankcrm.service.dashboard.Selection;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.service.shared.ReadFromReplica;
import org.bankcrm.service.shared.Texts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tier reports of a branch subtree (heads) or of any branch or the bank (admins): the migration between two
 * months and the customer structure over the last months, from the AUM history ({@code aum_monthly}), each
 * customer classed in each month by that month's {@code avg_aum} under the current thresholds ({@link TierQueries}).
 * The branch is chosen and checked as on the dashboard ({@link DashboardSelector}).
 */
@Service
@RequiredArgsConstructor
public class TierReports {

    /** The most months one structure request may cover. */
    public static final int MAX_MONTHS = 36;
    public static final int DEFAULT_MONTHS = 12;

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private final TierQueries queries;
    private final DashboardSelector selector;
    private final DashboardListQueries lists;
    private final Clock clock;

    /** The migration as the API answers it (contract: "Tier migration"). */
    public record Migration(String from, String to, long customers, long upgraded, long downgraded, long unchanged,
                            List<Cell> matrix) {
    }

    /** A non-empty cell: customers in {@code fromTier} in the first month and in {@code toTier} in the second. */
    public record Cell(Tier fromTier, Tier toTier, long customers, BigDecimal aumFrom, BigDecimal aumTo) {
    }

    /** The migration with what its page shows beside it: the selection and the retail tiers, lowest first. */
    public record MigrationReport(Selection selection, YearMonth from, YearMonth to, List<Tier> tiers,
                                  Migration migration) {

        /** The cell of {@code fromTier} → {@code toTier}, or null when it is empty. */
        public Cell cell(Tier fromTier, Tier toTier) {
            return migration.matrix().stream().filter(c -> c.fromTier() == fromTier && c.toTier() == toTier)
                    .findFirst().orElse(null);
        }

        /** Whether {@code toTier} ranks above {@code fromTier} (1), below (-1) or is the same tier (0). */
        public int movement(Tier fromTier, Tier toTier) {
            return Integer.signum(tiers.indexOf(toTier) - tiers.indexOf(fromTier));
        }
    }

    /** A customer behind a cell, as the list and the API show it. */
    public record MigrationCustomer(String customerNo, String name, String branchCode, String ownerRm,
                                    String ownerName, Tier fromTier, Tier toTier, BigDecimal aumFrom,
                                    BigDecimal aumTo) {

        static MigrationCustomer of(TierQueries.Line l) {
            return new MigrationCustomer(l.customerNo(), l.name(), l.branchCode(), l.ownerRm(), l.ownerName(),
                    l.fromTier(), l.toTier(), l.aumFrom(), l.aumTo());
        }
    }

    /** One page of a cell's customers, with the request it answers. */
    public record CustomerList(Selection selection, YearMonth from, YearMonth to, Tier fromTier, Tier toTier,
                               Paged<MigrationCustomer> page) {
    }

    /** Customers and Σ avg_aum of a retail tier in a month. */
    public record TierCount(Tier tier, long customers, BigDecimal aum) {
    }

    /** Corporate customers of a company size in a month. */
    public record SizeCount(CompanySize companySize, long customers) {
    }

    /**
     * One month of the structure; {@code hasData} false when no customer in scope has a row that month (then
     * every count is zero).
     */
    public record StructureMonth(String month, boolean hasData, long retailCustomers, BigDecimal retailAum,
                                 List<TierCount> retail, List<SizeCount> corporate) {
    }

    /** A pyramid check failed: in {@code month} the tier above holds more customers than the tier directly below. */
    public record Inversion(String month, Tier upperTier, long upperCustomers, Tier lowerTier,
                            long lowerCustomers) {
    }

    /**
     * The corporate pyramid's check failed: in {@code month} the larger company size holds more customers than the
     * size directly below it (大 over 中, 中 over 小, 小 over 微).
     */
    public record SizeInversion(String month, CompanySize upperSize, long upperCustomers, CompanySize lowerSize,
                                long lowerCustomers) {
    }

    /** The structure over {@code from}..{@code to}; retail tiers listed lowest first, as {@code tiers}. */
    public record Structure(String branch, String branchName, String from, String to, List<Tier> tiers,
                            List<StructureMonth> months, List<Inversion> inversions,
                            List<SizeInversion> sizeInversions) {
    }

    private Selection select(CurrentUser user, String branch) {
        AccessPolicy.requireSupervisor(user);
        // The selection's period is not used: these reports speak in months of the AUM history.
        return selector.select(user, branch, null, null, null);
    }

    private YearMonth thisMonth() {
        return YearMonth.from(LocalDate.now(clock));
    }

    /** The latest month with history, not after this one; the month before this one when there is none. */
    private YearMonth latest() {
        YearMonth now = thisMonth();
        return queries.latestMonth(now.atDay(1)).map(YearMonth::from).orElse(now.minusMonths(1));
    }

    /** A month as typed ({@code YYYY-MM}), null when blank; added to {@code errors} when unreadable or future. */
    private YearMonth month(String field, String value, List<FieldError> errors) {
        String v = Texts.clean(value);
        if (v == null) {
            return null;
        }
        YearMonth m;
        try {
            m = YearMonth.parse(v, MONTH);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "tiers.month.unreadable", v));
            return null;
        }
        if (m.getYear() < Period.FIRST_YEAR) {
            errors.add(new FieldError(field, "tiers.month.unreadable", v));
            return null;
        }
        if (m.isAfter(thisMonth())) {
            errors.add(new FieldError(field, "tiers.month.future", v));
            return null;
        }
        return m;
    }

    private Tier retailTier(String field, String value, List<FieldError> errors) {
        String v = Texts.clean(value);
        if (v == null) {
            return null;
        }
        for (Tier t : Tier.values()) {
            if (t.name().equals(v) && t.type() == CustomerType.RETAIL) {
                return t;
            }
        }
        errors.add(new FieldError(field, "tiers.tier.unknown", v));
        return null;
    }

    /** The two months asked for, defaults filled in: to the latest month with history, from the month before. */
    private YearMonth[] months(String from, String to, List<FieldError> errors) {
        YearMonth f = month("from", from, errors);
        YearMonth t = month("to", to, errors);
        if (!errors.isEmpty()) {
            return null;
        }
        if (t == null) {
            t = latest();
            if (f != null && f.isAfter(t)) {
                t = f;
            }
        }
        if (f == null) {
            f = t.minusMonths(1);
        }
        if (f.isAfter(t)) {
            errors.add(new FieldError("from", "tiers.month.order"));
            return null;
        }
        return new YearMonth[] {f, t};
    }

    private static void check(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    @ReadFromReplica
    @Transactional(readOnly = true)
    public MigrationReport migration(CurrentUser user, String branch, String from, String to) {
        Selection sel = select(user, branch);
        List<FieldError> errors = new ArrayList<>();
        YearMonth[] m = months(from, to, errors);
        check(errors);
        ScopeSql scope = sel.customers("c", "b");
        long customers = 0;
        long[] moved = new long[3];
        List<Cell> cells = new ArrayList<>();
        for (TierQueries.CellRow r : queries.matrix(scope, m[0].atDay(1), m[1].atDay(1))) {
            customers += r.customers();
            moved[r.movement() + 1] += r.customers();
            cells.add(new Cell(r.fromTier(), r.toTier(), r.customers(), r.aumFrom(), r.aumTo()));
        }
        Migration migration = new Migration(m[0].toString(), m[1].toString(), customers, moved[2], moved[0],
                moved[1], cells);
        return new MigrationReport(sel, m[0], m[1], queries.retailTiers(), migration);
    }

    private record CellRequest(Selection sel, YearMonth from, YearMonth to, Tier fromTier, Tier toTier) {
    }

    private CellRequest cell(CurrentUser user, String branch, String from, String to, String fromTier,
                             String toTier, List<FieldError> errors) {
        Selection sel = select(user, branch);
        YearMonth[] m = months(from, to, errors);
        Tier ft = retailTier("fromTier", fromTier, errors);
        Tier tt = retailTier("toTier", toTier, errors);
        return m == null ? null : new CellRequest(sel, m[0], m[1], ft, tt);
    }

    /** The customers of a cell (a null tier: any), a page of them, largest AUM in the first month first. */
    @ReadFromReplica
    @Transactional(readOnly = true)
    public CustomerList customers(CurrentUser user, String branch, String from, String to, String fromTier,
                                  String toTier, Integer page, Integer size) {
        List<FieldError> errors = new ArrayList<>();
        CellRequest c = cell(user, branch, from, to, fromTier, toTier, errors);
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0) {
            errors.add(new FieldError("page", "validation.page.range"));
        }
        if (s < 1 || s > Paged.MAX_SIZE) {
            errors.add(new FieldError("size", "validation.size.range", Paged.MAX_SIZE));
        }
        check(errors);
        ScopeSql scope = c.sel().customers("c", "b");
        LocalDate f = c.from().atDay(1);
        LocalDate t = c.to().atDay(1);
        long total = queries.count(scope, f, t, c.fromTier(), c.toTier());
        List<MigrationCustomer> items = new ArrayList<>();
        queries.each(scope, f, t, c.fromTier(), c.toTier(), s, (long) p * s, l -> items.add(MigrationCustomer.of(l)));
        return new CustomerList(c.sel(), c.from(), c.to(), c.fromTier(), c.toTier(), new Paged<>(items, p, s, total));
    }

    /**
     * Every customer of a cell, for an export: refused whole ({@link DashboardListQueries.TooManyLines}) above the
     * dashboard's export limit. Answers the request, with an empty page.
     */
    @ReadFromReplica
    @Transactional(readOnly = true)
    public CustomerList eachCustomer(CurrentUser user, String branch, String from, String to, String fromTier,
                                     String toTier, Consumer<TierQueries.Line> sink) {
        List<FieldError> errors = new ArrayList<>();
        CellRequest c = cell(user, branch, from, to, fromTier, toTier, errors);
        check(errors);
        ScopeSql scope = c.sel().customers("c", "b");
        LocalDate f = c.from().atDay(1);
        LocalDate t = c.to().atDay(1);
        long total = queries.count(scope, f, t, c.fromTier(), c.toTier());
        lists.checkExportable(total);
        queries.each(scope, f, t, c.fromTier(), c.toTier(), lists.exportLimit(), 0, sink);
        return new CustomerList(c.sel(), c.from(), c.to(), c.fromTier(), c.toTier(),
                new Paged<>(List.of(), 0, lists.exportLimit(), total));
    }

    /**
     * The structure over the {@code months} months ending with {@code to} (default: the latest month with history),
     * with the pyramid check of every month.
     */
    @ReadFromReplica
    @Transactional(readOnly = true)
    public Structure structure(CurrentUser user, String branch, Integer months, String to) {
        Selection sel = select(user, branch);
        List<FieldError> errors = new ArrayList<>();
        YearMonth last = month("to", to, errors);
        int n = months == null ? DEFAULT_MONTHS : months;
        if (n < 1 || n > MAX_MONTHS) {
            errors.add(new FieldError("months", "tiers.months.range", MAX_MONTHS));
        }
        check(errors);
        if (last == null) {
            last = latest();
        }
        YearMonth first = last.minusMonths(n - 1L);
        ScopeSql scope = sel.customers("c", "b");
        List<Tier> tiers = queries.retailTiers();
        Map<YearMonth, Map<Tier, TierCount>> retail = new HashMap<>();
        for (TierQueries.TierMonth r : queries.retailByMonth(scope, first.atDay(1), last.atDay(1))) {
            retail.computeIfAbsent(YearMonth.from(r.month()), k -> new EnumMap<>(Tier.class))
                    .put(r.tier(), new TierCount(r.tier(), r.customers(), r.aum()));
        }
        Map<YearMonth, Map<CompanySize, Long>> corporate = new HashMap<>();
        for (TierQueries.SizeMonth r : queries.corporateByMonth(scope, first.atDay(1), last.atDay(1))) {
            corporate.computeIfAbsent(YearMonth.from(r.month()), k -> new EnumMap<>(CompanySize.class))
                    .put(r.size(), r.customers());
        }
        List<StructureMonth> list = new ArrayList<>();
        List<Inversion> inversions = new ArrayList<>();
        List<SizeInversion> sizeInversions = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            Map<Tier, TierCount> r = retail.getOrDefault(m, Map.of());
            Map<CompanySize, Long> s = corporate.getOrDefault(m, Map.of());
            List<TierCount> counts = new ArrayList<>();
            long customers = 0;
            BigDecimal aum = BigDecimal.ZERO;
            for (Tier t : tiers) {
                TierCount c = r.getOrDefault(t, new TierCount(t, 0, BigDecimal.ZERO));
                counts.add(c);
                customers += c.customers();
                aum = aum.add(c.aum());
            }
            List<SizeCount> sizes = new ArrayList<>();
            for (CompanySize size : CompanySize.values()) {
                sizes.add(new SizeCount(size, s.getOrDefault(size, 0L)));
            }
            list.add(new StructureMonth(m.toString(), !r.isEmpty() || !s.isEmpty(), customers, aum, counts, sizes));
            inversions.addAll(inversions(m.toString(), counts));
            sizeInversions.addAll(sizeInversions(m.toString(), sizes));
        }
        return new Structure(sel.branchCode(), sel.branchName(), first.toString(), last.toString(), tiers, list,
                inversions, sizeInversions);
    }

    /** The pyramid check: each tier (lowest first in {@code counts}) against the tier directly below it. */
    static List<Inversion> inversions(String month, List<TierCount> counts) {
        List<Inversion> found = new ArrayList<>();
        for (int i = 1; i < counts.size(); i++) {
            TierCount lower = counts.get(i - 1);
            TierCount upper = counts.get(i);
            if (upper.customers() > lower.customers()) {
                found.add(new Inversion(month, upper.tier(), upper.customers(), lower.tier(), lower.customers()));
            }
        }
        return found;
    }

    /** The corporate pyramid's check: each company size (largest first in {@code sizes}) against the next smaller. */
    static List<SizeInversion> sizeInversions(String month, List<SizeCount> sizes) {
        List<SizeInversion> found = new ArrayList<>();
        for (int i = 1; i < sizes.size(); i++) {
            SizeCount upper = sizes.get(i - 1);
            SizeCount lower = sizes.get(i);
            if (upper.customers() > lower.customers()) {
                found.add(new SizeInversion(month, upper.companySize(), upper.customers(), lower.companySize(),
                        lower.customers()));
            }
        }
        return found;
    }
}
