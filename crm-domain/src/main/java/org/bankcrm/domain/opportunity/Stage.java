package org.bankcrm.domain.opportunity;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Pipeline stages, in order. The transition table lives here and nowhere else:
 * an open stage may move to any other open stage; {@link #WON} is reachable from {@link #QUALIFIED},
 * {@link #PROPOSAL} and {@link #NEGOTIATION}; {@link #LOST} from any open stage; a closed stage only
 * back to an open one, by reopening.
 */
public enum Stage {
    IDENTIFIED, CONTACTED, QUALIFIED, PROPOSAL, NEGOTIATION, WON, LOST;

    public static final List<Stage> OPEN_STAGES = Arrays.stream(values()).filter(Stage::isOpen).toList();

    public boolean isOpen() {
        return this != WON && this != LOST;
    }

    public boolean isClosed() {
        return !isOpen();
    }

    public Status status() {
        return switch (this) {
            case WON -> Status.WON;
            case LOST -> Status.LOST;
            default -> Status.OPEN;
        };
    }

    /** Whether the table allows {@code this → to}; reopening (closed → open) counts as allowed here. */
    public boolean canMoveTo(Stage to) {
        if (to == this) {
            return false;
        }
        if (isClosed()) {
            return to.isOpen();
        }
        return switch (to) {
            case WON -> this == QUALIFIED || this == PROPOSAL || this == NEGOTIATION;
            default -> true;
        };
    }

    /**
     * Where a move forward ("推进") from an open stage may go: the later open stages, the next one first, then the
     * closing stages the table allows. Empty for a closed stage.
     */
    public List<Stage> forward() {
        return isClosed() ? List.of()
                : targets().stream().filter(s -> s.isClosed() || s.ordinal() > ordinal()).toList();
    }

    /** Where a move back from an open stage may go: the earlier open stages, the nearest first. */
    public List<Stage> back() {
        return isClosed() ? List.of()
                : targets().stream().filter(s -> s.isOpen() && s.ordinal() < ordinal())
                        .sorted(Comparator.reverseOrder()).toList();
    }

    /** The stages {@code this} may move to, in pipeline order. */
    public List<Stage> targets() {
        return Arrays.stream(values()).filter(this::canMoveTo).toList();
    }
}
