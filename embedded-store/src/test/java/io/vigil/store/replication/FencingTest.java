package io.vigil.store.replication;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FencingTest {

    @Test
    void inactiveUntilConfiguredOrAnEpochIsKnown() {
        Fencing f = new Fencing();
        assertThat(f.active(false)).isFalse();
        assertThat(f.active(true)).isTrue();
        assertThat(f.refusal(0)).contains("no write lease granted");
        f.learn(1);
        assertThat(f.active(false)).isTrue();
    }

    @Test
    void aLeaseAllowsWritesUntilItExpires() {
        Fencing f = new Fencing();
        assertThat(f.grant(2, 1000, 10_000)).isNull();
        assertThat(f.refusal(10_999)).isNull();
        assertThat(f.remaining(10_400)).isEqualTo(600);
        assertThat(f.refusal(11_000)).contains("write lease for configuration epoch 2 expired 0 ms ago");
        assertThat(f.remaining(11_000)).isEqualTo(-1);
        assertThat(f.grant(2, 1000, 11_500)).isNull(); // renewal at the same epoch
        assertThat(f.refusal(12_000)).isNull();
    }

    @Test
    void aNewerEpochDeposesTheLeaseAndOldGrantsAreRefused() {
        Fencing f = new Fencing();
        f.grant(3, 60_000, 0);
        assertThat(f.learn(3)).isFalse();
        assertThat(f.learn(4)).isTrue();
        assertThat(f.refusal(1)).contains("deposed: its lease is for configuration epoch 3 but epoch 4 is known");
        assertThat(f.grant(3, 1000, 2)).contains("stale epoch 3");
        assertThat(f.grant(5, 1000, 2)).isNull();
        assertThat(f.epoch()).isEqualTo(5);
        f.dropLease();
        assertThat(f.refusal(3)).contains("no write lease");
    }
}
