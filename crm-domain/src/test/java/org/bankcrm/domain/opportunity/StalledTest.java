package org.bankcrm.domain.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StalledTest {

    private static final Instant NOW = Instant.parse("2025-03-20T02:00:00Z");

    @Test
    void anOpportunityIsStalledWhenOlderThanTheDaysAndUntouchedSince() {
        assertThat(Stalled.before(NOW, 14)).isEqualTo(Instant.parse("2025-03-06T02:00:00Z"));
        Instant old = Instant.parse("2025-03-01T00:00:00Z");
        assertThat(Stalled.isStalled(old, null, NOW, 14)).isTrue();
        assertThat(Stalled.isStalled(old, Instant.parse("2025-03-05T00:00:00Z"), NOW, 14)).isTrue();
        // a follow-up exactly at the limit keeps it moving
        assertThat(Stalled.isStalled(old, Instant.parse("2025-03-06T02:00:00Z"), NOW, 14)).isFalse();
        // a young one is never stalled, even without any follow-up
        assertThat(Stalled.isStalled(Instant.parse("2025-03-10T00:00:00Z"), null, NOW, 14)).isFalse();
    }

    @Test
    void theDaysComeFromTheSettingOrTheDefault() {
        assertThat(Stalled.days(null)).isEqualTo(Stalled.DEFAULT_DAYS).isEqualTo(14);
        assertThat(Stalled.days(30)).isEqualTo(30);
    }
}
