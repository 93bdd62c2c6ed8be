package io.vigil.monitor.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    @Test
    void doublesUpToTheMaximumAndResets() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500));
        assertThat(backoff.nextDelayMillis()).isEqualTo(100);
        assertThat(backoff.nextDelayMillis()).isEqualTo(200);
        assertThat(backoff.nextDelayMillis()).isEqualTo(400);
        assertThat(backoff.nextDelayMillis()).isEqualTo(500);
        assertThat(backoff.nextDelayMillis()).isEqualTo(500);
        backoff.reset();
        assertThat(backoff.nextDelayMillis()).isEqualTo(100);
    }

    @Test
    void rejectsNonsenseBounds() {
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("< initial delay");
    }
}
