package org.bankcrm.web.opportunity;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bankcrm.domain.opportunity.OpportunityBrief;
import org.bankcrm.domain.opportunity.Stage;
import org.bankcrm.web.shared.Formats;
import org.springframework.context.MessageSource;

/**
 * A line of the opportunity list as the page shows it, its texts made in Java (D96): the template reads a property a
 * cell instead of looking up two messages and calling two formatters a line.
 *
 * @param stage         the stage's code, for the badge's colour class
 * @param amountText    the amount as {@link Formats#money} writes it
 * @param closeDateText the expected close date as {@link Formats#date} writes it
 * @param score         the score and its band ("82.50 A"), or — before it is scored
 */
public record ListRow(long id, String title, String customerName, String product, Stage stage, String stageName,
                      String amountText, String closeDateText, String owner, String score) {

    /** The lines of {@code briefs}, their products, stages and the unassigned owner named in {@code locale}. */
    static List<ListRow> of(List<OpportunityBrief> briefs, Formats fmt, MessageSource messages, Locale locale) {
        Map<String, String> looked = new HashMap<>();
        UnaryOperator<String> text = key -> looked.computeIfAbsent(key, k -> messages.getMessage(k, null, locale));
        return briefs.stream().map(o -> new ListRow(o.id(), o.title(), o.customerName(),
                text.apply("product." + o.productCode()), o.stage(), text.apply("stage." + o.stage().name()),
                fmt.money(o.amount()), fmt.date(o.expectedCloseDate()),
                o.ownerName() != null ? o.ownerName() : text.apply("opportunity.unassigned"),
                o.score() != null ? o.score() + " " + o.band() : "—")).toList();
    }
}
