package io.vigil.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DurabilityBarrierTest {

    private static final DurableState STATE = DurableState.fresh("f".repeat(40));
    private final Action a = new Action.PublishEvent(null, "+a", "1");
    private final Action b = new Action.PublishEvent(null, "+b", "2");
    private final Action c = new Action.PublishEvent(null, "+c", "3");

    @Test
    void passesThroughWhenNothingIsPending() {
        DurabilityBarrier barrier = new DurabilityBarrier();
        assertThat(barrier.pass(null, List.of(a, b))).containsExactly(a, b);
        assertThat(barrier.pending()).isFalse();
    }

    @Test
    void holdsEverythingAfterAPersistAndReleasesInOrder() {
        DurabilityBarrier barrier = new DurabilityBarrier();
        Action.Persist p1 = barrier.issue(STATE);
        assertThat(barrier.pass(p1, List.of(a))).containsExactly(p1);
        assertThat(barrier.pass(null, List.of(b))).as("still pending").isEmpty();
        Action.Persist p2 = barrier.issue(STATE);
        assertThat(barrier.pass(p2, List.of(c))).containsExactly(p2);
        assertThat(barrier.heldCount()).isEqualTo(3);

        barrier.saved(p1.token());
        assertThat(barrier.pass(null, List.of())).containsExactly(a, b);
        barrier.saved(p2.token());
        assertThat(barrier.pass(null, List.of(a))).containsExactly(c, a);
        assertThat(barrier.heldCount()).isZero();
    }

    @Test
    void aLaterTokenReleasesEarlierOnes() {
        DurabilityBarrier barrier = new DurabilityBarrier();
        Action.Persist p1 = barrier.issue(STATE);
        barrier.pass(p1, List.of(a));
        Action.Persist p2 = barrier.issue(STATE);
        barrier.pass(p2, List.of(b));
        barrier.saved(p2.token());
        assertThat(barrier.pass(null, List.of())).containsExactly(a, b);
    }

    @Test
    void rejectsTokensThatWereNeverIssued() {
        DurabilityBarrier barrier = new DurabilityBarrier();
        assertThatThrownBy(() -> barrier.saved(1)).hasMessageContaining("persist token 1 was never issued");
        barrier.issue(STATE);
        assertThatThrownBy(() -> barrier.saved(2)).hasMessageContaining("issued tokens are 1..1");
    }
}
