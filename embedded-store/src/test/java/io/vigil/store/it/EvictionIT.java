package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.store.EmbeddedStore;
import io.vigil.testkit.NoProcessLeftBehind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fills a store far beyond {@code maxmemory} with the real {@code redis-benchmark} (50 connections writing 100-byte
 * values to random keys) and checks that it keeps {@code used_memory} at the limit by evicting, as redis-server
 * does, and that a {@code noeviction} store refuses the writes instead.
 */
@ExtendWith(NoProcessLeftBehind.class)
class EvictionIT {

    private static final long LIMIT = 4L * 1024 * 1024;

    private EmbeddedStore store;

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
    }

    private static String benchmark(int port, int requests) throws Exception {
        Process p = new ProcessBuilder(List.of(
                        "redis-benchmark",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        String.valueOf(port),
                        "-t",
                        "set",
                        "-n",
                        String.valueOf(requests),
                        "-r",
                        "10000000",
                        "-d",
                        "100",
                        "-q"))
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS))
                .as("redis-benchmark finished")
                .isTrue();
        return out;
    }

    private static long field(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1));
            }
        }
        throw new AssertionError("no " + name + " in " + info);
    }

    @Test
    void allkeysLruHoldsUsedMemoryAtTheLimitWhileEvictedKeysGrow() throws Exception {
        store = StoreFixture.start("maxmemory", Long.toString(LIMIT), "maxmemory-policy", "allkeys-lru");
        long previousEvicted = 0;
        for (int round = 0; round < 3; round++) {
            benchmark(store.port(), 40_000);
            try (RawConnection c = new RawConnection(store.port())) {
                String memory = c.call("INFO", "memory");
                String stats = c.call("INFO", "stats");
                long used = field(memory, "used_memory");
                long evicted = field(stats, "evicted_keys");
                assertThat(used).as("used_memory after round %d", round).isBetween(LIMIT * 9 / 10, LIMIT);
                assertThat(field(memory, "maxmemory")).isEqualTo(LIMIT);
                assertThat(evicted).as("evicted_keys after round %d", round).isGreaterThan(previousEvicted);
                previousEvicted = evicted;
                long keys = Long.parseLong(c.call("DBSIZE").substring(1).trim());
                assertThat(keys).isBetween(10_000L, 40_000L);
            }
        }
    }

    @Test
    void loweringTheLimitOnAnIdleStoreEvictsInScheduledSteps() throws Exception {
        store = StoreFixture.start("maxmemory-policy", "allkeys-random", "maxmemory-eviction-tenacity", "0");
        benchmark(store.port(), 40_000);
        try (RawConnection c = new RawConnection(store.port())) {
            long used = field(c.call("INFO", "memory"), "used_memory");
            long limit = used / 2;
            assertThat(c.call("CONFIG", "SET", "maxmemory", Long.toString(limit)))
                    .isEqualTo("+OK\r\n");
            // Each step may evict only 16 keys (tenacity 0): thousands of evictions within the wait are possible
            // only because the steps requeue themselves on the event loop, not from the polls or the cron.
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> field(c.call("INFO", "memory"), "used_memory") <= limit);
            assertThat(field(c.call("INFO", "stats"), "evicted_keys")).isGreaterThan(1000);
        }
    }

    @Test
    void noevictionRefusesWritesOnceFull() throws Exception {
        store = StoreFixture.start("maxmemory", Long.toString(LIMIT));
        String out = benchmark(store.port(), 60_000);
        try (RawConnection c = new RawConnection(store.port())) {
            assertThat(c.call("SET", "one-more", "v")).startsWith("-OOM command not allowed");
            assertThat(c.call("GET", "key:__rand_int__")).isNotNull();
            long used = field(c.call("INFO", "memory"), "used_memory");
            assertThat(used).isGreaterThan(LIMIT * 9 / 10).isLessThan(LIMIT + 64 * 1024);
            assertThat(field(c.call("INFO", "stats"), "evicted_keys")).isZero();
            assertThat(c.call("DEL", "one-more")).isEqualTo(":0\r\n");
        }
        assertThat(out).contains("SET");
    }
}
