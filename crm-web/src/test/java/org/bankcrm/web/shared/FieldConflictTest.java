package org.bankcrm.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A stale form's panel lists a field only where the two values read differently; a blank one reads as —. */
class FieldConflictTest {

    @Test
    void aFieldIsListedOnlyWhenItsTwoValuesReadDifferently() {
        var rows = new FieldConflict.Rows()
                .differing("a", "same", "same")
                .differing("b", " same ", "same")
                .differing("c", "", null)
                .differing("d", "mine", null)
                .differing("e", null, "now")
                .when(true, "f", "138****0000", "138****0000")
                .when(false, "g", "a", "b")
                .list();
        assertThat(rows).containsExactly(new FieldConflict("d", "mine", "—"), new FieldConflict("e", "—", "now"),
                new FieldConflict("f", "138****0000", "138****0000"));
    }
}
