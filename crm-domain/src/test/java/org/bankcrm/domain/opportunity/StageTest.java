package org.bankcrm.domain.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class StageTest {

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource({
            // open → open, forward and back
            "IDENTIFIED, CONTACTED, true", "IDENTIFIED, NEGOTIATION, true", "NEGOTIATION, IDENTIFIED, true",
            "PROPOSAL, QUALIFIED, true",
            // WON only from QUALIFIED, PROPOSAL, NEGOTIATION
            "IDENTIFIED, WON, false", "CONTACTED, WON, false", "QUALIFIED, WON, true", "PROPOSAL, WON, true",
            "NEGOTIATION, WON, true",
            // LOST from any open stage
            "IDENTIFIED, LOST, true", "CONTACTED, LOST, true", "QUALIFIED, LOST, true", "PROPOSAL, LOST, true",
            "NEGOTIATION, LOST, true",
            // closed → open is a reopening; closed → closed never
            "WON, IDENTIFIED, true", "LOST, NEGOTIATION, true", "WON, LOST, false", "LOST, WON, false",
            // no move to itself
            "QUALIFIED, QUALIFIED, false", "WON, WON, false"
    })
    void transitionTable(Stage from, Stage to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @EnumSource(Stage.class)
    void statusFollowsStage(Stage stage) {
        Status expected = stage == Stage.WON ? Status.WON : stage == Stage.LOST ? Status.LOST : Status.OPEN;
        assertThat(stage.status()).isEqualTo(expected);
        assertThat(stage.isOpen()).isEqualTo(expected == Status.OPEN);
    }

    @org.junit.jupiter.api.Test
    void openStagesAreThePipelineInOrder() {
        assertThat(Stage.OPEN_STAGES).containsExactly(Stage.IDENTIFIED, Stage.CONTACTED, Stage.QUALIFIED,
                Stage.PROPOSAL, Stage.NEGOTIATION);
        assertThat(Stage.CONTACTED.targets()).containsExactly(Stage.IDENTIFIED, Stage.QUALIFIED, Stage.PROPOSAL,
                Stage.NEGOTIATION, Stage.LOST);
    }

    @org.junit.jupiter.api.Test
    void forwardStartsAtTheNextStageAndBackAtTheNearestEarlierOne() {
        assertThat(Stage.PROPOSAL.forward()).containsExactly(Stage.NEGOTIATION, Stage.WON, Stage.LOST);
        assertThat(Stage.PROPOSAL.back()).containsExactly(Stage.QUALIFIED, Stage.CONTACTED, Stage.IDENTIFIED);
        assertThat(Stage.IDENTIFIED.forward()).containsExactly(Stage.CONTACTED, Stage.QUALIFIED, Stage.PROPOSAL,
                Stage.NEGOTIATION, Stage.LOST);
        assertThat(Stage.IDENTIFIED.back()).isEmpty();
        assertThat(Stage.NEGOTIATION.forward()).containsExactly(Stage.WON, Stage.LOST);
        assertThat(Stage.WON.forward()).isEmpty();
        assertThat(Stage.LOST.back()).isEmpty();
    }
}
