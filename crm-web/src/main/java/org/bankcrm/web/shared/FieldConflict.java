package org.bankcrm.web.shared;

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
            String a = shown(mine);
            String b = shown(now);
            if (!a.equals(b)) {
                rows.add(new FieldConflict(label, a, b));
            }
            return this;
        }

        /** Adds the field whatever its values: two masked values may read alike and differ. */
        public Rows always(String label, String mine, String now) {
            rows.add(new FieldConflict(label, shown(mine), shown(now)));
            return this;
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
