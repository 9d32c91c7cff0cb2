package org.bankcrm.service.customer;

import java.util.List;
import java.util.regex.Pattern;
import lombok.RequiredArgsConstructor;
import org.bankcrm.domain.customer.CustomerType;
import org.bankcrm.domain.customer.Tier;
import org.bankcrm.domain.shared.InvalidInputException.FieldError;
import org.bankcrm.service.org.AccessPolicy;
import org.bankcrm.service.org.CurrentUser;
import org.bankcrm.service.org.ScopeSql;
import org.bankcrm.service.shared.Texts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one customer search behind every place a customer is chosen (the customer picker of the opportunity form and
 * the visit plan, the referral form): by a prefix of the customer number, by the name, or by the last four digits
 * of the phone, within what the user may reach, in the query (D40).
 *
 * <p>A query of one character is a Chinese surname and looks among the user's own customers only; anything else
 * needs two characters. Two characters match the start of the name, three or more any part of it (a trigram index
 * cannot narrow a shorter piece, D40). A phone tail is matched on the stored phone and never leaves unmasked.
 */
@Service
@RequiredArgsConstructor
public class CustomerSearch {

    /** At most this many suggestions; one more is read to tell that there are more. */
    public static final int LIMIT = 10;

    /** A longer query is cut: no name or number is this long. */
    static final int MAX_LENGTH = 40;

    private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern PHONE_TAIL = Pattern.compile("[0-9]{4}");

    /** Which customers a search may find. */
    public enum Reach {
        /** Those of the user's scope, with their tier and masked phone: the picker of opportunities and visits. */
        SCOPE,
        /**
         * Those of the user's branch subtree, whoever owns them, with no personal data (no phone, no tier): the
         * referral form, where tellers refer the customer at the counter.
         */
        REFERRAL
    }

    /**
     * How a search went: too short to search (or a single surname that none of the user's own customers bears),
     * nothing found, found (all of it), or found and there is more.
     */
    public enum Outcome { TOO_SHORT, NONE, FOUND, MORE }

    /**
     * A customer to choose.
     *
     * @param tier        null in the referral reach
     * @param phoneMasked null in the referral reach or without a phone
     * @param ownerRm     the owner's login name, or null when unowned
     * @param ownerName   the owner's display name, or null when unowned
     */
    public record Suggestion(String customerNo, String name, CustomerType type, Tier tier, String phoneMasked,
                             String ownerRm, String ownerName) {
    }

    /** The suggestions for a query, best first, at most {@link #LIMIT}. */
    public record Suggestions(String query, Outcome outcome, List<Suggestion> hits) {
    }

    /**
     * What a query asks for; each part null when the query does not ask for it.
     *
     * @param ownOnly      the query is a single surname: the user's own customers only
     * @param numberPrefix the LIKE pattern of a customer number prefix
     * @param namePrefix   the LIKE pattern of the name's start
     * @param nameAnywhere the LIKE pattern of any part of the name (three characters or more)
     * @param phoneTail    four digits to match the phone's last four against
     */
    record Terms(String text, boolean ownOnly, String numberPrefix, String namePrefix, String nameAnywhere,
                 String phoneTail) {

        /** The terms of a query, or null when it is too short to search. */
        static Terms of(String q, boolean phone) {
            String text = Texts.clean(q);
            if (text == null) {
                return null;
            }
            text = Texts.firstCodePoints(text, MAX_LENGTH);
            int length = text.codePointCount(0, text.length());
            String literal = Texts.likeLiteral(text);
            if (length == 1) {
                return isHan(text.codePointAt(0)) ? new Terms(text, true, null, literal + "%", null, null) : null;
            }
            return new Terms(text, false,
                    NUMBER.matcher(text).matches() ? literal + "%" : null,
                    literal + "%",
                    length >= 3 ? "%" + literal + "%" : null,
                    phone && PHONE_TAIL.matcher(text).matches() ? text : null);
        }

        private static boolean isHan(int codePoint) {
            return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
        }
    }

    private final CustomerSearchQuery query;

    /**
     * The message for a typed customer that cannot be found in the user's reach: one that is no customer number
     * at all (a name typed without the picker's suggestions) is told to give the number or pick a suggestion;
     * a number says that it is unknown or out of scope (the two are one answer, D1).
     */
    public static FieldError unknown(String field, String typed) {
        String text = typed == null ? "" : typed.strip();
        return NUMBER.matcher(text).matches() ? new FieldError(field, "customer.notFound", text)
                : new FieldError(field, "customer.pick.notANumber", text);
    }

    /**
     * The customers {@code q} finds within the reach: an exact customer number first, then number prefixes (by
     * number), names that start with the query, names that contain it, phone tails (by name).
     */
    @Transactional(readOnly = true)
    public Suggestions suggest(CurrentUser user, String q, Reach reach) {
        ScopeSql scope;
        if (reach == Reach.REFERRAL) {
            AccessPolicy.requireMayRefer(user);
            scope = ScopeSql.underBranchPath(user.branchPath(), "b.path");
        } else {
            AccessPolicy.requireMayWorkOnRecords(user);
            scope = ScopeSql.of(user.scope(), "c.owner_id", "b.path");
        }
        boolean personal = reach == Reach.SCOPE;
        Terms terms = Terms.of(q, personal);
        if (terms == null) {
            return new Suggestions(Texts.clean(q), Outcome.TOO_SHORT, List.of());
        }
        List<Suggestion> hits = query.find(user.id(), scope, terms, personal);
        // A surname that none of the user's own customers bears asks for a second character, which searches all.
        Outcome outcome = hits.isEmpty() ? (terms.ownOnly() ? Outcome.TOO_SHORT : Outcome.NONE)
                : hits.size() > LIMIT ? Outcome.MORE : Outcome.FOUND;
        return new Suggestions(terms.text(), outcome, hits.size() > LIMIT ? hits.subList(0, LIMIT) : hits);
    }
}
