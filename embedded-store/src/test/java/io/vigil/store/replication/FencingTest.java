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
        assertThat(f.grant(2, 1000, 10_000, "", 1)).isNull();
        assertThat(f.refusal(10_999)).isNull();
        assertThat(f.remaining(10_400)).isEqualTo(600);
        assertThat(f.refusal(11_000)).contains("write lease for configuration epoch 2 expired 0 ms ago");
        assertThat(f.remaining(11_000)).isEqualTo(-1);
        assertThat(f.grant(2, 1000, 11_500, "", 1)).isNull(); // renewal at the same epoch
        assertThat(f.refusal(12_000)).isNull();
    }

    @Test
    void aNewerEpochDeposesTheLeaseAndOldGrantsAreRefused() {
        Fencing f = new Fencing();
        f.grant(3, 60_000, 0, "", 1);
        assertThat(f.learn(3)).isFalse();
        assertThat(f.learn(4)).isTrue();
        assertThat(f.refusal(1)).contains("deposed: its lease is for configuration epoch 3 but epoch 4 is known");
        assertThat(f.grant(3, 1000, 2, "", 1)).contains("stale epoch 3");
        assertThat(f.grant(5, 1000, 2, "", 1)).isNull();
        assertThat(f.epoch()).isEqualTo(5);
        f.dropLease();
        assertThat(f.refusal(3)).contains("no write lease");
    }

    @Test
    void aQuorumOfGrantorsIsNeededAndOneCannotKeepThePrimaryWritable() {
        Fencing f = new Fencing();
        assertThat(f.grant(1, 1000, 0, "s1", 2)).isNull();
        assertThat(f.refusal(10)).contains("needs grants from 2 sentinels, has 1");
        assertThat(f.grant(1, 1000, 300, "s2", 2)).isNull();
        assertThat(f.refusal(400)).isNull();
        assertThat(f.remaining(400))
                .as("until the older of the two grants ends")
                .isEqualTo(600);
        assertThat(f.grant(1, 1000, 900, "s1", 2)).isNull();
        assertThat(f.refusal(1_200)).isNull();
        assertThat(f.refusal(1_300))
                .as("s2 stopped renewing; s1 alone is not enough")
                .contains("has 1");
        assertThat(f.grant(1, 1000, 1_400, "s1", 2)).isNull();
        assertThat(f.refusal(1_500)).contains("needs grants from 2 sentinels, has 1");
        assertThat(f.grant(1, 1000, 1_600, "s3", 2)).isNull();
        assertThat(f.refusal(1_700)).isNull();
    }

    @Test
    void aStalledStoreDropsItsGrantsAndIgnoresTheOnesThatWaitedInTheSocket() {
        Fencing f = new Fencing();
        f.tick(0);
        assertThat(f.grant(1, 1000, 50, "s1", 1)).isNull();
        f.tick(100);
        assertThat(f.refusal(150)).isNull();
        // SIGSTOP at 150, SIGCONT at 5000: the grant queued meanwhile is processed before the timer runs
        assertThat(f.grant(1, 1000, 5_000, "s1", 1)).contains("stalled for 4900 ms");
        assertThat(f.refusal(5_001)).contains("no write lease");
        for (long t = 5_100; t <= 6_000; t += 100) {
            f.tick(t);
            if (t == 5_900) {
                assertThat(f.grant(1, 1000, t, "s1", 1)).contains("grants count again in 100 ms");
            }
        }
        assertThat(f.grant(1, 1000, 6_000, "s1", 1)).isNull();
        assertThat(f.refusal(6_050)).isNull();
    }

    @Test
    void shortGapsDoNotFence() {
        Fencing f = new Fencing();
        f.tick(0);
        assertThat(f.grant(1, 1000, 10, "s1", 1)).isNull();
        f.tick(240);
        assertThat(f.refusal(260)).isNull();
    }
}
