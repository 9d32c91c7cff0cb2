package org.bankcrm.service.coverage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.shared.InvalidInputException;
import org.bankcrm.domain.shared.IsoDates;
import org.bankcrm.service.coverage.CoverageQuery.DueLine;
import org.bankcrm.service.coverage.CoverageQuery.Figures;
import org.bankcrm.service.coverage.CoverageQuery.Narrow;
import org.bankcrm.service.coverage.CoverageQuery.OwnerLine;
import org.bankcrm.service.coverage.CoverageQuery.TierLine;
import org.bankcrm.service.dashboard.DashboardSelector;
import org.bankcrm.service.dashboard.Selection;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.shared.PageRequestParams;
import org.bankcrm.service.shared.Paged;
import org.bankcrm.service.shared.Texts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Coverage figures and due lists over a caller's scope, resolved as the dashboard resolves it
 * ({@link DashboardSelector}: an RM their own book, a head their subtree or a branch or RM in it, an admin any),
 * on one bank day ({@code asOf}, default today). The page, the API, the exports and My day all ask here.
 */
@Service
@RequiredArgsConstructor
@Transactional(readOnly = true)
public class CoverageService {

    /** The longest look-ahead of a due list, in days. */
    public static final int MAX_WITHIN = 366;

    /** The figures of a selection on its day: by tier and in total. */
    public record Coverage(LocalDate asOf, List<TierLine> byTier, Figures total) {
    }

    private final DashboardSelector selector;
    private final CoverageQuery query;
    private final ServiceStandardStore standards;
    private final Clock clock;

    /** The selection a coverage request is about; {@code asOf} as typed (blank: today), a bad date a 400. */
    public Selection select(CurrentUser user, String branch, String owner, String asOf) {
        LocalDate day = day(asOf);
        return selector.select(user, branch, owner, day, day);
    }

    public Coverage coverage(Selection sel) {
        List<TierLine> tiers = query.byTier(sel, standards.all());
        long customers = tiers.stream().mapToLong(TierLine::customers).sum();
        long covered = tiers.stream().mapToLong(TierLine::covered).sum();
        return new Coverage(sel.to(), tiers, Figures.of(customers, covered));
    }

    public List<OwnerLine> byOwner(Selection sel) {
        return query.byOwner(sel);
    }

    /**
     * A book at a glance, for My day: the selection's figures in total (as {@link #coverage}'s) and the first page of
     * {@code size} customers not covered on {@code asOf + within} (as {@link #due}'s), computed together.
     */
    public Book book(Selection sel, Integer within, int size) {
        var request = PageRequestParams.of(0, size, 50, org.springframework.data.domain.Sort.unsorted());
        CoverageQuery.Book b = query.book(sel, within(within), request.getPageSize());
        return new Book(b.total(), new Paged<>(b.firstDue(), 0, request.getPageSize(), b.dueCount()));
    }

    /** {@link #book}: the figures in total and the first page of the due list. */
    public record Book(Figures total, Paged<DueLine> due) {
    }

    /** A page of the customers not covered on {@code asOf + within}. */
    public Paged<DueLine> due(Selection sel, Narrow narrow, Integer within, Integer page, Integer size) {
        int w = within(within);
        var request = PageRequestParams.of(page, size, 50, org.springframework.data.domain.Sort.unsorted());
        long total = query.countDue(sel, narrow, w);
        List<DueLine> items = query.due(sel, narrow, w, request.getOffset(), request.getPageSize());
        return new Paged<>(items, request.getPageNumber(), request.getPageSize(), total);
    }

    public long countDue(Selection sel, Narrow narrow, Integer within) {
        return query.countDue(sel, narrow, within(within));
    }

    public void eachDue(Selection sel, Narrow narrow, Integer within, java.util.function.Consumer<DueLine> each) {
        query.eachDue(sel, narrow, within(within), each);
    }

    /** A tier code as typed; blank is none, an unknown code a 400. */
    public static Tier tier(String code) {
        String c = Texts.clean(code);
        if (c == null) {
            return null;
        }
        try {
            return Tier.valueOf(c.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("tier", "coverage.tier.unknown", c);
        }
    }

    /** A whole number of days as typed; blank is the default 7, anything but 0–366 a 400. */
    public static Integer within(String text) {
        String t = Texts.clean(text);
        if (t == null) {
            return null;
        }
        try {
            return within(Integer.valueOf(t));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("within", "coverage.within.range", MAX_WITHIN);
        }
    }

    private static int within(Integer within) {
        int w = within == null ? 7 : within;
        if (w < 0 || w > MAX_WITHIN) {
            throw new InvalidInputException("within", "coverage.within.range", MAX_WITHIN);
        }
        return w;
    }

    private LocalDate day(String text) {
        String t = Texts.clean(text);
        if (t == null) {
            return LocalDate.now(clock);
        }
        try {
            return IsoDates.parse(t);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("asOf", "coverage.asOf.unreadable", t);
        }
    }
}
