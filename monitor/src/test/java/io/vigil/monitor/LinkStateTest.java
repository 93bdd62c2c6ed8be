package io.vigil.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinkStateTest {

    @Test
    void onlyUpIsConnected() {
        assertThat(LinkState.UP.isConnected()).isTrue();
        assertThat(LinkState.CONNECTING.isConnected()).isFalse();
        assertThat(LinkState.DOWN.isConnected()).isFalse();
        assertThat(LinkState.CLOSED.isConnected()).isFalse();
    }

    @Test
    void legalMovesFollowTheDiagram() {
        assertThat(LinkState.CONNECTING.successors())
                .containsExactlyInAnyOrder(LinkState.UP, LinkState.DOWN, LinkState.CLOSED);
        assertThat(LinkState.UP.successors()).containsExactlyInAnyOrder(LinkState.DOWN, LinkState.CLOSED);
        assertThat(LinkState.DOWN.successors()).containsExactlyInAnyOrder(LinkState.CONNECTING, LinkState.CLOSED);
        assertThat(LinkState.CLOSED.successors()).isEmpty();
        for (LinkState state : LinkState.values()) {
            assertThat(state.canMoveTo(state))
                    .as(state + " -> itself is no change")
                    .isFalse();
            if (state != LinkState.CLOSED) {
                assertThat(state.canMoveTo(LinkState.CLOSED)).isTrue();
            }
        }
    }

    @Test
    void illegalMoveNamesBothStates() {
        assertThatThrownBy(() -> LinkState.UP.checkMoveTo(LinkState.CONNECTING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UP -> CONNECTING")
                .hasMessageContaining("DOWN");
        assertThatThrownBy(() -> LinkState.CLOSED.checkMoveTo(LinkState.CONNECTING))
                .hasMessageContaining("CLOSED -> CONNECTING");
    }

    @Test
    void stateChangeEventsAreRealMovesOnly() {
        InstanceAddress address = new InstanceAddress("127.0.0.1", 6379);
        assertThatThrownBy(() -> new LinkStateChange(address, LinkState.UP, LinkState.UP, 0, "again"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(new LinkStateChange(address, LinkState.UP, LinkState.DOWN, 5, "closed").to())
                .isEqualTo(LinkState.DOWN);
    }
}
