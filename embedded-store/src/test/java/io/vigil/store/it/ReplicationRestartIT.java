package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.store.EmbeddedStore;
import io.vigil.testkit.FreePorts;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RawResp;
import io.vigil.testkit.RedisProcess;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partial resynchronization after a restart from the store's own dump (Redis 7.0): the dump carries {@code
 * repl-id}, {@code repl-offset} and {@code repl-stream-db}; a restarted replica asks for the bytes after it, a
 * restarted master serves its old ID as the secondary one.
 */
@ExtendWith(NoProcessLeftBehind.class)
class ReplicationRestartIT {

    @RegisterExtension
    final Stores stores = new Stores();

    @TempDir
    Path tmp;

    static Map<String, String> info(int port, String section) {
        return ReplicationChecks.info((String) RawResp.call(port, "INFO", section));
    }

    /** Sends {@code SHUTDOWN args...}; the connection closes without a reply once the store stops. */
    static void shutdown(EmbeddedStore s, String... args) {
        List<String> command = new ArrayList<>(List.of("SHUTDOWN"));
        command.addAll(List.of(args));
        try {
            Object reply = RawResp.call(s.port(), command.toArray(String[]::new));
            throw new AssertionError("SHUTDOWN answered " + reply);
        } catch (UncheckedIOException | IllegalStateException e) {
            if (e instanceof IllegalStateException) {
                throw e; // an error reply: the store refused to stop
            }
        }
        s.terminated().join();
    }

    static void awaitSynced(int master, int... replicas) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String offset = info(master, "replication").get("master_repl_offset");
            for (int r : replicas) {
                assertThat(info(r, "replication"))
                        .containsEntry("master_link_status", "up")
                        .containsEntry("master_repl_offset", offset);
            }
        });
    }

    private Path dir(String name) throws Exception {
        return Files.createDirectories(tmp.resolve(name));
    }

    @Test
    void aReplicaRestartedFromItsDumpResyncsPartially() throws Exception {
        Path dir = dir("replica");
        EmbeddedStore master = stores.start();
        String replicaof = "127.0.0.1 " + master.port();
        EmbeddedStore replica = stores.start("dir", dir.toString(), "save", "3600 1", "replicaof", replicaof);
        InteropData.populate(master.port()); // ends with writes in db 7: the stream stays there
        awaitSynced(master.port(), replica.port());

        shutdown(replica); // save rules exist: SHUTDOWN saves
        assertThat(InteropData.checkTool("redis-check-rdb", dir.resolve("dump.rdb")))
                .contains("RDB looks OK")
                .contains("repl-id", info(master.port(), "replication").get("master_replid"))
                .contains("repl-stream-db")
                .contains("'7'");
        // Written while the replica is down, in db 7 with no new SELECT: the restarted replica must apply them in
        // the database its dump names (repl-stream-db).
        InteropData.call(master.port(), 7, "SET", "while-down", "1");
        InteropData.call(master.port(), 7, "RPUSH", "db7:list", "more");

        EmbeddedStore restarted = stores.start("dir", dir.toString(), "save", "3600 1", "replicaof", replicaof);
        awaitSynced(master.port(), restarted.port());
        assertThat(info(master.port(), "stats"))
                .containsEntry("sync_full", "1")
                .containsEntry("sync_partial_ok", "1")
                .containsEntry("sync_partial_err", "0");
        assertThat(InteropData.call(restarted.port(), 7, "GET", "while-down")).isEqualTo("1");
        assertThat(InteropData.fingerprint(restarted.port())).isEqualTo(InteropData.fingerprint(master.port()));
    }

    @Test
    void replicasOfARestartedMasterResyncPartially() throws Exception {
        Path dir = dir("master");
        int port = FreePorts.next();
        String[] masterConfig = {"port", Integer.toString(port), "dir", dir.toString()};
        EmbeddedStore master = stores.start(masterConfig);
        EmbeddedStore r1 = stores.start("replicaof", "127.0.0.1 " + port);
        EmbeddedStore r2 = stores.start("replicaof", "127.0.0.1 " + port);
        InteropData.populate(port);
        // expires while the master is down: the restarted master drops it at load and propagates its DEL
        InteropData.call(port, 1, "SET", "short-lived", "x", "PX", "1500");
        long expiresAt = System.currentTimeMillis() + 1500;
        awaitSynced(port, r1.port(), r2.port());
        String oldId = info(port, "replication").get("master_replid");

        shutdown(master, "SAVE");
        String check = InteropData.checkTool("redis-check-rdb", dir.resolve("dump.rdb"));
        assertThat(check).contains("RDB looks OK").contains("repl-id = '" + oldId + "'");
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("repl-offset = '(\\d+)'").matcher(check);
        assertThat(m.find()).as(check).isTrue();
        String oldOffset = m.group(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() > expiresAt + 100);

        EmbeddedStore restarted = stores.start(masterConfig);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(info(port, "replication")).containsEntry("connected_slaves", "2"));
        Map<String, String> repl = info(port, "replication");
        assertThat(repl)
                .containsEntry("master_replid2", oldId)
                .containsEntry("second_repl_offset", Long.toString(Long.parseLong(oldOffset) + 1));
        assertThat(repl.get("master_replid")).isNotEqualTo(oldId);
        assertThat(info(port, "stats")).containsEntry("sync_full", "0").containsEntry("sync_partial_ok", "2");

        InteropData.call(port, 7, "SET", "after-restart", "1"); // the stream starts with a SELECT again
        awaitSynced(port, r1.port(), r2.port());
        assertThat(InteropData.call(r1.port(), 7, "GET", "after-restart")).isEqualTo("1");
        assertThat(InteropData.call(r2.port(), 1, "DBSIZE")).isEqualTo(InteropData.call(port, 1, "DBSIZE"));
        assertThat(InteropData.fingerprint(r1.port())).isEqualTo(InteropData.fingerprint(restarted.port()));
        assertThat(InteropData.fingerprint(r2.port())).isEqualTo(InteropData.fingerprint(restarted.port()));
        assertThat(info(r1.port(), "replication")).containsEntry("master_replid", repl.get("master_replid"));
    }

    @Test
    void aMasterOutsideAnyReplicationChainWritesNoReplicationFields() throws Exception {
        Path dir = dir("alone");
        EmbeddedStore alone = stores.start("dir", dir.toString());
        RawResp.call(alone.port(), "SET", "k", "v");
        assertThat(RawResp.call(alone.port(), "SAVE")).isEqualTo("OK");
        String check = InteropData.checkTool("redis-check-rdb", dir.resolve("dump.rdb"));
        assertThat(check).contains("RDB looks OK").doesNotContain("repl-id");
    }

    @Test
    void aStoreReplicaRestartsAgainstRedisServerAndResyncsPartially() throws Exception {
        Path dir = dir("store-replica");
        try (RedisProcess redis = RedisProcess.server().start()) {
            String replicaof = "127.0.0.1 " + redis.port();
            EmbeddedStore replica = stores.start("dir", dir.toString(), "replicaof", replicaof);
            InteropData.populate(redis.port());
            awaitSynced(redis.port(), replica.port());
            shutdown(replica, "SAVE");
            InteropData.call(redis.port(), 7, "SET", "while-down", "1"); // redis-server sends no new SELECT

            EmbeddedStore restarted = stores.start("dir", dir.toString(), "replicaof", replicaof);
            awaitSynced(redis.port(), restarted.port());
            assertThat(info(redis.port(), "stats"))
                    .containsEntry("sync_full", "1")
                    .containsEntry("sync_partial_ok", "1");
            assertThat(InteropData.call(restarted.port(), 7, "GET", "while-down"))
                    .isEqualTo("1");
            assertThat(InteropData.fingerprint(restarted.port())).isEqualTo(InteropData.fingerprint(redis.port()));
        }
    }

    @Test
    void aRedisServerReplicaRestartsAgainstTheStoreAndResyncsPartially() throws Exception {
        Path dir = dir("redis-replica");
        EmbeddedStore master = stores.start();
        String[] args = {"--dir", dir.toString(), "--replicaof", "127.0.0.1", Integer.toString(master.port())};
        try (RedisProcess redis = RedisProcess.server().args(args).start()) {
            InteropData.populate(master.port());
            awaitSynced(master.port(), redis.port());
            stopRedis(redis, "SHUTDOWN", "SAVE");
        }
        InteropData.call(master.port(), 7, "SET", "while-down", "1");
        try (RedisProcess redis = RedisProcess.server().args(args).start()) {
            awaitSynced(master.port(), redis.port());
            assertThat(info(master.port(), "stats"))
                    .containsEntry("sync_full", "1")
                    .containsEntry("sync_partial_ok", "1");
            assertThat(InteropData.call(redis.port(), 7, "GET", "while-down")).isEqualTo("1");
            assertThat(InteropData.fingerprint(redis.port())).isEqualTo(InteropData.fingerprint(master.port()));
        }
    }

    @Test
    void redisServerResyncsPartiallyFromADumpTheStoreWrote() throws Exception {
        Path dir = dir("store-dump");
        EmbeddedStore master = stores.start();
        EmbeddedStore replica = stores.start("dir", dir.toString(), "replicaof", "127.0.0.1 " + master.port());
        InteropData.populate(master.port());
        awaitSynced(master.port(), replica.port());
        shutdown(replica, "SAVE");
        InteropData.call(master.port(), 7, "SET", "while-down", "1");
        // redis-server reads the store's repl-id, repl-offset and repl-stream-db as its cached master
        try (RedisProcess redis = RedisProcess.server()
                .args("--dir", dir.toString(), "--replicaof", "127.0.0.1", Integer.toString(master.port()))
                .start()) {
            awaitSynced(master.port(), redis.port());
            assertThat(info(master.port(), "stats"))
                    .containsEntry("sync_full", "1")
                    .containsEntry("sync_partial_ok", "1");
            assertThat(InteropData.call(redis.port(), 7, "GET", "while-down")).isEqualTo("1");
            assertThat(InteropData.fingerprint(redis.port())).isEqualTo(InteropData.fingerprint(master.port()));
        }
    }

    /** Sends a stopping command to redis-server and waits for the process to exit. */
    private static void stopRedis(RedisProcess redis, String... command) {
        try {
            RawResp.call(redis.port(), command);
        } catch (UncheckedIOException e) {
            // the connection closes as the server exits
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !redis.isAlive());
    }
}
