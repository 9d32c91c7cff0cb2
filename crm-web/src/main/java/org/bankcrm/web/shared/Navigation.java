package org.bankcrm.web.shared;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.bankcrm.domain.org.Role;
import org.springframework.context.MessageSource;

/**
 * The navigation bar of each role, made in Java (D94): which pages a role's bar offers, in which menu, under which
 * name. The layout renders what {@link #bar} gives for the page shown; {@link #section} tells which entry a page
 * belongs to, from the same list of paths.
 */
public final class Navigation {

    /** A link as the page shows it: where it goes, its name, and whether it is the page shown's. */
    public record Link(String path, String label, boolean current) {

        /** {@code "page"} on the link of the page shown, for {@code aria-current}; no attribute on the others. */
        public String ariaCurrent() {
            return current ? "page" : null;
        }
    }

    /** An item of the bar: a link of its own, or a menu (its name, element id and links; link null). */
    public record Item(Link link, String label, String id, List<Link> links) {

        public boolean isMenu() {
            return link == null;
        }

        /** Whether the page shown is this item's: its link, or one of its menu's (the toggle is marked too). */
        public boolean isCurrent() {
            return link != null ? link.current() : links.stream().anyMatch(Link::current);
        }
    }

    /** A page of a bar: its path and the message key of its name. */
    private record Page(String path, String key) {
    }

    /** An entry of a bar: a page of its own, or a menu of pages under a name (key, id; page null). */
    private record Entry(Page page, String key, String id, List<Page> pages) {

        static Entry of(String path, String key) {
            return new Entry(new Page(path, key), null, null, List.of());
        }

        static Entry menu(String key, String id, Page... pages) {
            return new Entry(null, key, id, List.of(pages));
        }
    }

    private static final Map<Role, List<Entry>> BARS = new EnumMap<>(Role.class);

    static {
        for (Role role : Role.values()) {
            BARS.put(role, entries(role));
        }
    }

    /** Every path the bars link to, "/" aside: the sections a page can belong to. */
    private static final List<String> SECTIONS = BARS.values().stream().flatMap(List::stream)
            .flatMap(e -> e.page() != null ? Stream.of(e.page()) : e.pages().stream())
            .map(Page::path).filter(p -> !"/".equals(p)).distinct().toList();

    private Navigation() {
    }

    /** The bar of {@code role}, its names in {@code locale}, the entry of section {@code current} marked. */
    public static List<Item> bar(Role role, String current, MessageSource messages, Locale locale) {
        return BARS.get(role).stream().map(e -> e.page() != null
                ? new Item(link(e.page(), current, messages, locale), null, null, List.of())
                : new Item(null, messages.getMessage(e.key(), null, locale), e.id(),
                        e.pages().stream().map(p -> link(p, current, messages, locale)).toList()))
                .toList();
    }

    /** The entry {@code path} belongs to: the longest path of the bars that it is or starts with; "/" for home. */
    public static String section(String path) {
        if (path.isEmpty() || "/".equals(path)) {
            return "/";
        }
        return SECTIONS.stream().filter(p -> path.equals(p) || path.startsWith(p + "/"))
                .max(Comparator.comparingInt(String::length)).orElse(null);
    }

    private static Link link(Page page, String current, MessageSource messages, Locale locale) {
        return new Link(page.path(), messages.getMessage(page.key(), null, locale), page.path().equals(current));
    }

    /**
     * What {@code role} finds in its bar. Staff (RMs, heads, the admin) get their daily work first, then two menus
     * (customers by tier, sales management), so the bar stays one row on a desktop however many pages the features
     * add; a referrer (teller) gets its four pages in the bar, a risk officer its inbox alone (its home); the admin
     * also the settings' menu. Each entry is a page the role may open (NavigationTest).
     */
    private static List<Entry> entries(Role role) {
        // By role, as the template had it; whether a user may open a page stays AccessPolicy's to say, page by page.
        boolean manages = role == Role.BRANCH_HEAD || role == Role.ADMIN;
        boolean staff = role == Role.RM || manages;
        List<Entry> bar = new ArrayList<>();
        if (role != Role.APPROVER) {
            bar.add(Entry.of("/", "nav.home"));
        }
        if (staff) {
            bar.add(Entry.of("/customers", "nav.customers"));
            bar.add(Entry.of("/opportunities", "nav.opportunities"));
            bar.add(Entry.of("/opportunities/board", "nav.board"));
            if (role == Role.RM) {
                bar.add(Entry.of("/visits", "nav.visits"));
            }
            bar.add(Entry.of("/dashboard", "nav.dashboard"));
            bar.add(Entry.of("/alerts", "nav.alerts"));
            bar.add(Entry.of("/campaigns", "nav.campaigns"));
            bar.add(Entry.of("/referrals", "nav.referrals"));
            bar.add(manages
                    ? Entry.menu("nav.tiers", "nav-tiers", new Page("/coverage", "nav.coverage"),
                            new Page("/segments", "nav.segments"), new Page("/customers/unowned", "nav.unowned"),
                            new Page("/handover", "nav.handover"), new Page("/tiers/migration", "nav.tierMigration"),
                            new Page("/tiers/structure", "nav.tierStructure"))
                    : Entry.menu("nav.tiers", "nav-tiers", new Page("/coverage", "nav.coverage")));
            Page scorecards = new Page("/scorecards", role == Role.RM ? "scorecard.nav.mine" : "scorecard.nav");
            Page complaints = new Page("/complaints", "complaint.nav");
            bar.add(manages
                    ? Entry.menu("nav.sales", "nav-sales", scorecards, new Page("/incentives", "nav.incentives"),
                            complaints, new Page("/approvals", "nav.approvals"))
                    : Entry.menu("nav.sales", "nav-sales", scorecards, new Page("/incentives", "nav.incentives.mine"),
                            complaints));
        }
        if (role == Role.REFERRER) {
            bar.add(Entry.of("/referrals", "nav.referrals"));
            bar.add(Entry.of("/incentives", "nav.incentives.mine"));
            bar.add(Entry.of("/complaints", "complaint.nav"));
        }
        if (role == Role.APPROVER) {
            bar.add(Entry.of("/approvals", "nav.approvals"));
        }
        if (role == Role.ADMIN) {
            bar.add(Entry.menu("nav.admin", null, new Page("/admin/branches", "nav.admin.branches"),
                    new Page("/admin/users", "nav.admin.users"), new Page("/admin/scoring", "nav.admin.scoring"),
                    new Page("/admin/discovery", "nav.admin.discovery"),
                    new Page("/admin/settings", "nav.admin.settings"),
                    new Page("/admin/service-standards", "nav.admin.serviceStandards"),
                    new Page("/admin/alerts", "nav.admin.alerts"),
                    new Page("/admin/incentive-rates", "nav.admin.incentiveRates"),
                    new Page("/admin/approval-rules", "nav.admin.approvalRules"),
                    new Page("/admin/imports", "nav.admin.imports"), new Page("/admin/audit", "nav.admin.audit")));
        }
        return List.copyOf(bar);
    }
}
