package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.store.EmbeddedStore;
import io.vigil.testkit.FreePorts;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RawResp;
import io.vigil.testkit.RedisProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SHUTDOWN} and {@code SIGTERM} on a master with a lagging replica (Redis 7.0): writes pause, the master
 * waits until the replica acknowledged the whole stream (or {@code shutdown-timeout}), then stops; the replica then
 * has every write. The replica here is a redis-server stopped with SIGSTOP, so it lags for as long as the test wants.
 */
@ExtendWith(NoProcessLeftBehind.class)
class ShutdownWithReplicasIT {

    private static final int KEYS = 2000;

    @TempDir
    Path dir;

    private static void awaitSynced(int master, int replica) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String offset = ReplicationChecks.info((String) RawResp.call(master, "INFO", "replication"))
                    .get("master_repl_offset");
            assertThat(ReplicationChecks.info((String) RawResp.call(replica, "INFO", "replication")))
                    .containsEntry("master_link_status", "up")
                    .containsEntry("slave_repl_offset", offset);
        });
    }

    /** A redis-server replica of the store on {@code masterPort}, once it is in sync. */
    private static RedisProcess syncedReplica(int masterPort) {
        RedisProcess replica = RedisProcess.server()
                .args("--replicaof", "127.0.0.1", Integer.toString(masterPort))
                .start();
        awaitSynced(masterPort, replica.port());
        return replica;
    }

    /**
     * Writes {@code KEYS} keys (8 MB, more than the kernel's socket buffers hold for a stopped peer) while the
     * replica is stopped; the last one is {@code last}.
     */
    private static void writeWhileReplicaStopped(int master) {
        String pad = "x".repeat(4000);
        List<String> mset = new ArrayList<>(List.of("MSET"));
        for (int i = 0; i < KEYS - 1; i++) {
            mset.add("key:" + i);
            mset.add("value-" + i + pad);
        }
        RawResp.call(master, mset.toArray(String[]::new));
        RawResp.call(master, "SET", "last", "written-before-shutdown");
    }

    /** Sends a command and reads until the server closes the connection; returns what arrived. */
    private static CompletableFuture<String> sendUntilClosed(int port, String... args) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                StringBuilder cmd = new StringBuilder("*").append(args.length).append("\r\n");
                for (String a : args) {
                    cmd.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
                }
                s.getOutputStream().write(cmd.toString().getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                return "<" + e.getMessage() + ">";
            }
        });
    }

    private static void assertReplicaHasEveryWrite(RedisProcess replica) {
        assertThat(RawResp.call(replica.port(), "GET", "last")).isEqualTo("written-before-shutdown");
        assertThat(RawResp.call(replica.port(), "DBSIZE")).isEqualTo((long) KEYS);
    }

    @Test
    void shutdownWaitsForALaggingReplicaThenStops() throws Exception {
        EmbeddedStore master = StoreFixture.start();
        try (RedisProcess replica = syncedReplica(master.port())) {
            replica.pause();
            try {
                writeWhileReplicaStopped(master.port());
                CompletableFuture<String> shutdown = sendUntilClosed(master.port(), "SHUTDOWN", "NOSAVE");
                await().pollDelay(Duration.ofMillis(300)).until(() -> !shutdown.isDone());
                CompletableFuture<String> write = sendUntilClosed(master.port(), "SET", "after-shutdown", "x");
                // the master waits: it still answers reads, holds the write, and has not stopped
                await().during(Duration.ofMillis(1500))
                        .atMost(Duration.ofSeconds(3))
                        .until(() -> "PONG".equals(RawResp.call(master.port(), "PING")));
                assertThat(master.terminated()).isNotDone();
                assertThat(write).isNotDone();
            } finally {
                replica.resume();
            }
            master.terminated().get(15, TimeUnit.SECONDS); // the replica acknowledged everything
            assertReplicaHasEveryWrite(replica);
            assertThat(RawResp.call(replica.port(), "EXISTS", "after-shutdown")).isEqualTo(0L);
        } finally {
            master.close();
        }
    }

    @Test
    void sigtermWaitsForALaggingReplicaAndTheTimeoutBoundsTheWait() throws Exception {
        int port = FreePorts.next();
        Path log = dir.resolve("store.log");
        Process store = StoreLauncher.launch(
                log, "--port", Integer.toString(port), "--shutdown-timeout", "30", "--repl-diskless-sync-delay", "0");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> StoreLauncher.read(log).contains("Ready to accept connections"));
        try (RedisProcess replica = syncedReplica(port)) {
            replica.pause();
            try {
                writeWhileReplicaStopped(port);
                store.destroy(); // SIGTERM
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> StoreLauncher.read(log).contains("Waiting for replicas before shutting down."));
                assertThat(store.waitFor(1, TimeUnit.SECONDS)).isFalse();
            } finally {
                replica.resume();
            }
            assertThat(store.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(StoreLauncher.read(log)).contains("1 of 1 replicas are in sync when shutting down.");
            assertReplicaHasEveryWrite(replica);
        } finally {
            store.destroyForcibly();
        }
    }

    @Test
    void aReplicaThatNeverAnswersDelaysTheShutdownOnlyUntilTheTimeout() throws Exception {
        EmbeddedStore master = StoreFixture.start("shutdown-timeout", "1");
        try (RedisProcess replica = syncedReplica(master.port())) {
            replica.pause();
            try {
                RawResp.call(master.port(), "SET", "k", "v");
                long start = System.nanoTime();
                sendUntilClosed(master.port(), "SHUTDOWN").get(10, TimeUnit.SECONDS);
                master.terminated().get(5, TimeUnit.SECONDS);
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
            } finally {
                replica.resume();
            }
        } finally {
            master.close();
        }
    }
}
