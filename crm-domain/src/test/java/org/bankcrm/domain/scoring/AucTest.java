package org.bankcrm.domain.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AucTest {

    @Test
    void aHandComputedExampleWithTies() {
        // won: 80, 70, 60; lost: 70, 50. Pairs won>lost: 80>70, 80>50, 70>50, 60>50 = 4; tie 70=70 = 0.5;
        // 60<70 = 0. AUC = 4.5 / 6 = 0.75.
        assertThat(Auc.of(List.of(80.0, 70.0, 60.0), List.of(70.0, 50.0))).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void perfectReversedAndTiedRankings() {
        assertThat(Auc.of(List.of(90.0, 80.0), List.of(10.0, 20.0))).isEqualTo(1.0);
        assertThat(Auc.of(List.of(10.0, 20.0), List.of(90.0, 80.0))).isEqualTo(0.0);
        assertThat(Auc.of(List.of(50.0, 50.0), List.of(50.0, 50.0, 50.0))).isEqualTo(0.5);
    }

    @Test
    void undefinedWithoutBothOutcomes() {
        assertThat(Auc.of(List.of(), List.of(1.0))).isNull();
        assertThat(Auc.of(List.of(1.0), List.of())).isNull();
    }
}
