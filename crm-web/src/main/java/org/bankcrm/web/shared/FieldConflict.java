package org.bankcrm.web.shared;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One field of a stale form (D11) where what the user typed and what is saved now differ, both as the page shows
 * them (formatted, masked, translated); the panel {@code fragments/forms :: staleForm} lists them above the form,
 * which keeps what was typed on the latest version.
 *
 * @param label the field's message key
 */
public record FieldConflict(String label, String mine, String now) {

    private static final String NONE = "—";

    /** The rows of one panel, in the form's order. */
    public static final class Rows {

        private final List<FieldConflict> rows = new ArrayList<>();

        /** Adds the field when its two values read differently; a blank value reads as —. */
        public Rows differing(String label, String mine, String now) {
            return when(!shown(mine).equals(shown(now)), label, mine, now);
        }

        /**
         * Adds the field when {@code differ}, decided on the full values by the caller: for values shown shortened or
         * rounded, and for masked ones (two masked numbers may read alike and differ).
         */
        public Rows when(boolean differ, String label, String mine, String now) {
            if (differ) {
                rows.add(new FieldConflict(label, shown(mine), shown(now)));
            }
            return this;
        }

        /** Adds an amount when the two differ in value (1000 and 1000.00 are one amount), shown as money. */
        public Rows amount(String label, BigDecimal mine, BigDecimal now, Formats fmt) {
            boolean same = mine == null ? now == null : now != null && mine.compareTo(now) == 0;
            return when(!same, label, fmt.money(mine), fmt.money(now));
        }

        public List<FieldConflict> list() {
            return List.copyOf(rows);
        }

        private static String shown(String value) {
            return value == null || value.isBlank() ? NONE : value.strip();
        }
    }

    public FieldConflict {
        Objects.requireNonNull(label);
    }
}
