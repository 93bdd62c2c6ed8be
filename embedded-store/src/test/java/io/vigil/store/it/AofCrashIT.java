package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.testkit.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * With {@code appendfsync always} an acknowledged write survives a {@code kill -9}: writers on several connections
 * record every write the store acknowledged, the store process is killed with SIGKILL in the middle of them, and after
 * a restart from the AOF directory every recorded write is there (a background rewrite runs during the writes too,
 * so the switch to a new incremental file is covered).
 */
class AofCrashIT {

    private static final int WRITERS = 8;

    @TempDir
    Path dir;

    private Process start(int port) throws Exception {
        Path log = dir.resolve("store-" + System.nanoTime() + ".log");
        Process p = StoreLauncher.launch(
                log, "--port", "" + port, "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "always");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    assertThat(p.isAlive()).as(StoreLauncher.read(log)).isTrue();
                    return StoreLauncher.read(log).contains("Ready to accept connections");
                });
        return p;
    }

    @Test
    void noAcknowledgedWriteIsLostToSigkill() throws Exception {
        int port = FreePorts.next();
        Process store = start(port);
        Map<String, String> acked = new ConcurrentHashMap<>();
        AtomicLong ackedPushes = new AtomicLong();
        AtomicLong ackedIncrs = new AtomicLong();
        CountDownLatch enough = new CountDownLatch(WRITERS);
        List<Thread> writers = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                int id = w;
                Thread t = new Thread(() -> write(port, id, acked, ackedPushes, ackedIncrs, enough));
                t.start();
                writers.add(t);
            }
            assertThat(enough.await(60, TimeUnit.SECONDS)).isTrue();
            try (Jedis jedis = new Jedis("127.0.0.1", port, 10_000)) {
                assertThat(jedis.bgrewriteaof()).startsWith("Background append only file rewriting");
            }
            // let writes go on during and after the rewrite, then kill in the middle of them
            long target = acked.size() + 2000;
            await().atMost(Duration.ofSeconds(60)).until(() -> acked.size() > target);
            store.destroyForcibly(); // SIGKILL
            assertThat(store.waitFor(20, TimeUnit.SECONDS)).isTrue();
            for (Thread t : writers) {
                t.join(20_000);
            }
        } finally {
            store.destroyForcibly();
        }
        assertThat(acked).hasSizeGreaterThan(2000);
        Process again = start(port);
        try (Jedis jedis = new Jedis("127.0.0.1", port, 10_000)) {
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, String> e : acked.entrySet()) {
                if (!e.getValue().equals(jedis.get(e.getKey()))) {
                    missing.add(e.getKey());
                }
            }
            assertThat(missing).as("acknowledged SETs lost after kill -9").isEmpty();
            assertThat(jedis.llen("pushes")).isGreaterThanOrEqualTo(ackedPushes.get());
            assertThat(Long.parseLong(jedis.get("counter"))).isGreaterThanOrEqualTo(ackedIncrs.get());
            jedis.shutdown();
        } catch (redis.clients.jedis.exceptions.JedisConnectionException closed) {
            // SHUTDOWN closes the connection
        } finally {
            again.waitFor(20, TimeUnit.SECONDS);
            again.destroyForcibly();
        }
    }

    /** One writer: SET, RPUSH and INCR in turn, recording each acknowledged one, until the connection dies. */
    private static void write(
            int port, int id, Map<String, String> acked, AtomicLong pushes, AtomicLong incrs, CountDownLatch enough) {
        try (Jedis jedis = new Jedis("127.0.0.1", port, 10_000)) {
            for (long i = 0; ; i++) {
                String key = "w" + id + ":" + i;
                String value = "v" + i;
                jedis.set(key, value);
                acked.put(key, value);
                jedis.rpush("pushes", key);
                pushes.incrementAndGet();
                jedis.incr("counter");
                incrs.incrementAndGet();
                if (i == 200) {
                    enough.countDown();
                }
            }
        } catch (RuntimeException connectionGone) {
            // the store was killed: everything recorded so far was acknowledged
        }
    }
}
