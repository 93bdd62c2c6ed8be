package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.store.EmbeddedStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Misbehaving clients are disconnected; the others keep working. */
class ClientIsolationIT {

    private EmbeddedStore store;

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void subscriberThatStopsReadingIsDisconnectedAtItsOutputLimit() throws Exception {
        store = StoreFixture.start("client-output-buffer-limit", "pubsub 256kb 0 0");
        try (RawConnection slow = new RawConnection(store.port());
                RawConnection publisher = new RawConnection(store.port())) {
            assertThat(slow.call("SUBSCRIBE", "flood")).startsWith("*3\r\n$9\r\nsubscribe");
            String payload = "x".repeat(16 * 1024);
            long stats = 0;
            for (int i = 0; i < 2000 && stats == 0; i++) {
                publisher.call("PUBLISH", "flood", payload);
                stats = store.call(e -> e.stats().outputLimitDisconnections);
            }
            assertThat(stats).isEqualTo(1);
            assertThat(slow.readUntilClosed(5000)).endsWith("<EOF>");
            assertThat(publisher.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void garbageClosesOnlyTheSender() throws Exception {
        store = StoreFixture.start();
        try (RawConnection good = new RawConnection(store.port());
                RawConnection bad = new RawConnection(store.port())) {
            good.call("SET", "k", "v");
            bad.send("*2\r\n$3\r\nGET\r\n$abc\r\n");
            assertThat(bad.readUntilClosed(5000)).isEqualTo("-ERR Protocol error: invalid bulk length\r\n<EOF>");
            assertThat(good.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
        }
    }

    @Test
    void manyClientsPipeliningSeeAtomicCounters() throws Exception {
        store = StoreFixture.start();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try (RawConnection c = new RawConnection(store.port())) {
                    StringBuilder batch = new StringBuilder();
                    for (int i = 0; i < 500; i++) {
                        batch.append("*2\r\n$4\r\nINCR\r\n$1\r\nn\r\n");
                    }
                    c.send(batch.toString());
                    for (int i = 0; i < 500; i++) {
                        c.readReply();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(20_000);
        }
        try (RawConnection c = new RawConnection(store.port())) {
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(c.call("GET", "n")).isEqualTo("$4\r\n4000\r\n"));
        }
    }
}
