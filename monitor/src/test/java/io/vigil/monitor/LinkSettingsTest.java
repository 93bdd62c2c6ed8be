package io.vigil.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinkSettingsTest {

    @Test
    void defaultsAreRedisSentinels() {
        LinkSettings settings = LinkSettings.defaults();
        assertThat(settings.pingPeriod()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.infoPeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.maxPendingCommands()).isEqualTo(100);
        assertThat(settings.toBuilder().build().toString()).isEqualTo(settings.toString());
    }

    @Test
    void lowerBoundsAreEnforced() {
        assertThatThrownBy(() -> LinkSettings.builder().pingPeriod(Duration.ofMillis(49)))
                .hasMessage("pingPeriod must be at least 50 ms, was 49 ms");
        assertThatThrownBy(() -> LinkSettings.builder().infoPeriod(Duration.ofMillis(99)))
                .hasMessage("infoPeriod must be at least 100 ms, was 99 ms");
        assertThatThrownBy(() -> LinkSettings.builder().maxPendingCommands(5))
                .hasMessageContaining("6..100000")
                .hasMessageContaining("was 5");
        assertThat(LinkSettings.builder()
                        .pingPeriod(Duration.ofMillis(50))
                        .infoPeriod(Duration.ofMillis(100))
                        .build()
                        .pingPeriod())
                .isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void crossFieldChecksNameBothFields() {
        assertThatThrownBy(() -> LinkSettings.builder()
                        .pingTimeout(Duration.ofSeconds(2))
                        .silenceLimit(Duration.ofSeconds(1))
                        .build())
                .hasMessage("silenceLimit = 1000 ms < pingTimeout = 2000 ms");
        assertThatThrownBy(() -> LinkSettings.builder().reconnectDelay(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("reconnectMaxDelay = 1000 ms < reconnectInitialDelay = 2000 ms");
    }
}
