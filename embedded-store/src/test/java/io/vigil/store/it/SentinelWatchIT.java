package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.store.EmbeddedStore;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RedisProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real {@code redis-sentinel} watches the embedded store as its master: it connects both links (named {@code
 * sentinel-...-cmd} and {@code -pubsub}), reads INFO, subscribes to and publishes hello messages, and sees a healthy
 * master; after the store stops answering it flags the master down.
 */
@ExtendWith(NoProcessLeftBehind.class)
class SentinelWatchIT {

    @Test
    void redisSentinelMonitorsTheStore() throws Exception {
        EmbeddedStore store = StoreFixture.start();
        try (RedisProcess sentinel = RedisProcess.sentinel()
                .config(
                        "sentinel monitor m 127.0.0.1 " + store.port() + " 1",
                        "sentinel down-after-milliseconds m 1000")
                .start()) {
            try (RawConnection s = new RawConnection(sentinel.port())) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    String master = s.call("SENTINEL", "MASTER", "m");
                    assertThat(master).contains("\r\nflags\r\n$6\r\nmaster\r\n");
                    assertThat(master).contains("\r\nrole-reported\r\n$6\r\nmaster\r\n");
                });
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    long sentinelLinks = store.<Long>call(e -> e.clients().stream()
                            .filter(c -> c.name() != null && c.name().startsWith("sentinel-"))
                            .count());
                    int helloSubscribers = store.<Integer>call(
                            e -> e.pubsub().numSub("__sentinel__:hello".getBytes(StandardCharsets.US_ASCII)));
                    long delivered = store.<Long>call(e -> e.stats().pubsubMessages);
                    assertThat(sentinelLinks).isEqualTo(2L);
                    assertThat(helloSubscribers).isEqualTo(1);
                    assertThat(delivered).isPositive();
                });
                store.close();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(s.call("SENTINEL", "MASTER", "m"))
                        .contains("s_down"));
            }
        } finally {
            store.close();
        }
    }
}
