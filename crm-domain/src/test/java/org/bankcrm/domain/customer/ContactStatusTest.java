package org.bankcrm.domain.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The contract's contact rule on its edges, with a 30-day standard as of 30 June 2026. */
class ContactStatusTest {

    private static final LocalDate D = LocalDate.of(2026, 6, 30);

    @Test
    void aContactOnTheFirstCoveredDayCoversAndFallsDueTheDayAfterD() {
        ContactStatus s = new ContactStatus(30, LocalDate.of(2026, 6, 1), D);
        assertThat(s.covered()).isTrue();
        assertThat(s.dueOn()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(s.overdueDays()).isZero();
        assertThat(s.neverContacted()).isFalse();
    }

    @Test
    void aContactTheDayBeforeTheFirstCoveredDayIsDueOnDItself() {
        ContactStatus s = new ContactStatus(30, LocalDate.of(2026, 5, 31), D);
        assertThat(s.covered()).isFalse();
        assertThat(s.dueOn()).isEqualTo(D);
        assertThat(s.overdueDays()).isZero();
    }

    @Test
    void anOlderContactIsOverdueByTheDaysPastItsDueDay() {
        ContactStatus s = new ContactStatus(30, LocalDate.of(2026, 5, 20), D);
        assertThat(s.covered()).isFalse();
        assertThat(s.dueOn()).isEqualTo(LocalDate.of(2026, 6, 19));
        assertThat(s.overdueDays()).isEqualTo(11L);
    }

    @Test
    void aContactOnDCoversForTheWholeRhythm() {
        ContactStatus s = new ContactStatus(30, D, D);
        assertThat(s.covered()).isTrue();
        assertThat(s.dueOn()).isEqualTo(LocalDate.of(2026, 7, 30));
        assertThat(s.overdueDays()).isZero();
    }

    @Test
    void aOneDayStandardIsCoveredOnlyByAContactOnD() {
        assertThat(new ContactStatus(1, D, D).covered()).isTrue();
        assertThat(new ContactStatus(1, D.minusDays(1), D).covered()).isFalse();
    }

    @Test
    void neverContactedIsDueAtOnceWithoutADueDay() {
        ContactStatus s = new ContactStatus(30, null, D);
        assertThat(s.covered()).isFalse();
        assertThat(s.neverContacted()).isTrue();
        assertThat(s.dueOn()).isNull();
        assertThat(s.overdueDays()).isNull();
    }

    @Test
    void withoutAStandardNothingIsCoveredDueOrOverdue() {
        ContactStatus s = new ContactStatus(null, D, D);
        assertThat(s.hasStandard()).isFalse();
        assertThat(s.covered()).isFalse();
        assertThat(s.neverContacted()).isFalse();
        assertThat(s.dueOn()).isNull();
        assertThat(s.overdueDays()).isNull();
    }
}
