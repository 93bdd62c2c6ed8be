package io.vigil.sentinel.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailoverWarmupTest {

    @Test
    void theThrowawayFailoverReachesThePromotion() {
        assertThat(FailoverWarmup.run())
                .as("the warm-up must walk the whole decision path, or it warms nothing")
                .isTrue();
    }
}
