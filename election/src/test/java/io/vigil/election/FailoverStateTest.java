package io.vigil.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FailoverStateTest {

    @Test
    void theHappyPathIsLegal() {
        FailoverState s = FailoverState.NONE;
        for (FailoverState next : new FailoverState[] {
            FailoverState.WAIT_START,
            FailoverState.SELECT_SLAVE,
            FailoverState.SEND_SLAVEOF_NOONE,
            FailoverState.WAIT_PROMOTION,
            FailoverState.RECONF_SLAVES,
            FailoverState.UPDATE_CONFIG,
            FailoverState.NONE
        }) {
            s = s.checkTransition(next);
        }
        assertThat(s).isEqualTo(FailoverState.NONE);
    }

    @Test
    void illegalMovesNameBothStates() {
        assertThatThrownBy(() -> FailoverState.NONE.checkTransition(FailoverState.RECONF_SLAVES))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NONE -> RECONF_SLAVES")
                .hasMessageContaining("[WAIT_PROMOTION]");
        assertThatThrownBy(() -> FailoverState.WAIT_START.checkTransition(FailoverState.WAIT_PROMOTION))
                .hasMessageContaining("WAIT_START -> WAIT_PROMOTION");
        assertThatThrownBy(() -> FailoverState.NONE.checkTransition(FailoverState.NONE))
                .hasMessageContaining("NONE -> NONE");
    }

    @Test
    void abortIsOnlyPossibleBeforePromotion() {
        assertThat(FailoverState.WAIT_PROMOTION.abortable()).isTrue();
        assertThat(FailoverState.RECONF_SLAVES.abortable()).isFalse();
        assertThat(FailoverState.NONE.abortable()).isFalse();
        assertThat(FailoverState.RECONF_SLAVES.wireName()).isEqualTo("reconf_slaves");
    }
}
