package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.store.EmbeddedStore;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RawResp;
import io.vigil.testkit.RedisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Full syncs streamed instead of built in memory (Redis's {@code rdbSaveToSlavesSockets} and disk-based sync), the
 * replica side writing the payload to its {@code dbfilename} ({@code repl-diskless-load disabled}), and the newlines
 * a loading replica sends so that its master's {@code repl-timeout} keeps it. Against redis-server 7 where the
 * behaviour must match.
 */
@ExtendWith(NoProcessLeftBehind.class)
class StreamedFullSyncIT {

    /** Payload bytes one transfer may hold per replica: the chunk being filled plus four chunks in flight. */
    private static final long BOUND = 5L * 64 * 1024;

    @RegisterExtension
    final Stores stores = new Stores();

    @TempDir
    Path tmp;

    private static Map<String, String> info(int port, String section) {
        return ReplicationChecks.info((String) RawResp.call(port, "INFO", section));
    }

    private static void awaitSynced(int master, int... replicas) {
        ReplicationRestartIT.awaitSynced(master, replicas);
    }

    private static Path dirOf(int port) {
        @SuppressWarnings("unchecked")
        List<Object> reply = (List<Object>) RawResp.call(port, "CONFIG", "GET", "dir");
        return Path.of((String) reply.get(1));
    }

    /**
     * {@code n} string keys with 80-byte values that do not compress (two SHA1 hex digests), written by one script (a
     * few seconds of RESP round trips saved).
     */
    private static void fill(int port, int n) {
        RawResp.call(
                port,
                "EVAL",
                "for i = 1, tonumber(ARGV[1]) do "
                        + "redis.call('SET', 'key:' .. i, redis.sha1hex('a' .. i) .. redis.sha1hex('b' .. i)) end",
                "0",
                Integer.toString(n));
    }

    @ParameterizedTest(name = "repl-diskless-sync {0}")
    @ValueSource(strings = {"yes", "no"})
    void redisServerFullSyncsFromTheStore(String diskless) {
        EmbeddedStore store = stores.start("repl-diskless-sync", diskless);
        InteropData.populate(store.port());
        fill(store.port(), 5000);
        try (RedisProcess redis = RedisProcess.server()
                .args("--replicaof", "127.0.0.1", Integer.toString(store.port()))
                .start()) {
            awaitSynced(store.port(), redis.port());
            assertThat(InteropData.fingerprint(redis.port())).isEqualTo(InteropData.fingerprint(store.port()));
            assertThat(RawResp.call(redis.port(), "DBSIZE")).isEqualTo(RawResp.call(store.port(), "DBSIZE"));
            RawResp.call(store.port(), "SET", "after-sync", "1");
            awaitSynced(store.port(), redis.port());
            assertThat(RawResp.call(redis.port(), "GET", "after-sync")).isEqualTo("1");
            assertThat(info(store.port(), "stats")).containsEntry("sync_full", "1");
            Map<String, String> persistence = info(store.port(), "persistence");
            if (diskless.equals("no")) {
                // as redis-server: the payload is a BGSAVE of dir/dbfilename, then sent with its length
                assertThat(persistence).containsEntry("rdb_saves", "1");
                assertThat(dirOf(store.port()).resolve("dump.rdb")).exists();
            } else {
                assertThat(persistence).containsEntry("rdb_saves", "0");
                assertThat(dirOf(store.port()).resolve("dump.rdb")).doesNotExist();
            }
            assertThat(Long.parseLong(info(store.port(), "memory").get("vigil_repl_sync_buffer_peak")))
                    .isPositive()
                    .isLessThanOrEqualTo(BOUND);
        }
    }

    /**
     * Makes {@code redis} a replica of {@code store} and SIGSTOPs it as soon as the master lists it, before the
     * payload flows (the master has a sync delay or a BGSAVE to run first): its socket fills up, the transfer stalls.
     */
    private static void attachAndStop(RedisProcess redis, EmbeddedStore store) {
        RawResp.call(redis.port(), "REPLICAOF", "127.0.0.1", Integer.toString(store.port()));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> info(store.port(), "replication")
                        .getOrDefault("slave0", "")
                        .contains("state="));
        redis.pause();
    }

    @ParameterizedTest(name = "repl-diskless-sync {0}")
    @ValueSource(strings = {"yes", "no"})
    void aReplicaThatStopsReadingHoldsTheTransferNotTheMasterMemory(String diskless) {
        // the delay (diskless) or the BGSAVE (disk-based) leaves time to stop the replica before the payload flows
        EmbeddedStore store =
                stores.start("repl-diskless-sync", diskless, "repl-timeout", "60", "repl-diskless-sync-delay", "2");
        fill(store.port(), 200_000); // a payload of about 19 MB
        try (RedisProcess redis = RedisProcess.server().start()) {
            attachAndStop(redis, store); // the master's transfer must wait, not buffer
            try {
                // the peak only grows: once over the bound it fails, however long atMost allows (a busy machine
                // answers INFO slowly, so atMost leaves room beyond the 3 s the bound must hold)
                await().during(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(15))
                        .until(() -> Long.parseLong(info(store.port(), "memory").get("vigil_repl_sync_buffer_peak"))
                                <= BOUND);
                assertThat(info(store.port(), "replication").get("slave0")).contains("state=send_bulk");
            } finally {
                redis.resume();
            }
            awaitSynced(store.port(), redis.port());
            assertThat(RawResp.call(redis.port(), "DBSIZE")).isEqualTo(200_000L);
            assertThat(RawResp.call(redis.port(), "GET", "key:199999"))
                    .isEqualTo(RawResp.call(store.port(), "GET", "key:199999"));
            assertThat(Long.parseLong(info(store.port(), "memory").get("vigil_repl_sync_buffer_peak")))
                    .isLessThanOrEqualTo(BOUND);
        }
    }

    @Test
    void theStreamHeldDuringATransferCountsAgainstTheReplicaOutputBufferLimit() {
        EmbeddedStore store =
                stores.start("repl-diskless-sync-delay", "2", "client-output-buffer-limit", "replica 256kb 0 0");
        fill(store.port(), 200_000);
        try (RedisProcess redis = RedisProcess.server().start()) {
            attachAndStop(redis, store); // the writes below are held for it
            try {
                await().atMost(Duration.ofSeconds(10))
                        .until(() ->
                                info(store.port(), "replication").get("slave0").contains("send_bulk"));
                String big = "x".repeat(10_000);
                for (int i = 0; i < 40; i++) { // 400 KB of stream > the 256 KB hard limit
                    RawResp.call(store.port(), "SET", "held:" + i, big);
                }
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(info(store.port(), "stats"))
                        .containsEntry("client_output_buffer_limit_disconnections", "1"));
                assertThat(info(store.port(), "replication")).containsEntry("connected_slaves", "0");
            } finally {
                redis.resume();
            }
        }
    }

    @Test
    void aReplicaThatGoesAwayMidTransferDoesNotStopTheOthers() {
        EmbeddedStore store = stores.start(
                "repl-diskless-sync-delay", "30",
                "repl-diskless-sync-max-replicas", "2",
                "rdb-key-save-delay", "200"); // 20 000 keys: some seconds of transfer
        fill(store.port(), 20_000);
        try (RedisProcess leaving = RedisProcess.server().start();
                RedisProcess staying = RedisProcess.server().start()) {
            for (RedisProcess r : List.of(leaving, staying)) {
                RawResp.call(r.port(), "REPLICAOF", "127.0.0.1", Integer.toString(store.port()));
            }
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(10))
                    .untilAsserted(() -> {
                        Map<String, String> repl = info(store.port(), "replication");
                        assertThat(repl.getOrDefault("slave0", "")).contains("state=send_bulk");
                        assertThat(repl.getOrDefault("slave1", "")).contains("state=send_bulk");
                    });
            leaving.kill();
            awaitSynced(store.port(), staying.port());
            assertThat(RawResp.call(staying.port(), "DBSIZE")).isEqualTo(20_000L);
            Map<String, String> repl = info(store.port(), "replication");
            assertThat(repl).containsEntry("connected_slaves", "1");
            assertThat(info(store.port(), "stats")).containsEntry("sync_full", "2"); // one shared snapshot, two syncs
        }
    }

    @Test
    void aReplicaAskingWhileTheDiskBasedSyncSavesSharesThatSave() {
        EmbeddedStore store = stores.start("repl-diskless-sync", "no", "rdb-key-save-delay", "200");
        fill(store.port(), 10_000); // a BGSAVE of about 2 s
        try (RedisProcess first = RedisProcess.server().start();
                RedisProcess second = RedisProcess.server().start()) {
            RawResp.call(first.port(), "REPLICAOF", "127.0.0.1", Integer.toString(store.port()));
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> info(store.port(), "persistence")
                            .get("rdb_bgsave_in_progress")
                            .equals("1"));
            RawResp.call(store.port(), "SET", "during-save", "1"); // held for the first, copied for the second
            RawResp.call(second.port(), "REPLICAOF", "127.0.0.1", Integer.toString(store.port()));
            awaitSynced(store.port(), first.port(), second.port());
            assertThat(info(store.port(), "persistence")).containsEntry("rdb_saves", "1"); // one save, two syncs
            assertThat(info(store.port(), "stats")).containsEntry("sync_full", "2");
            for (RedisProcess r : List.of(first, second)) {
                assertThat(RawResp.call(r.port(), "DBSIZE")).isEqualTo(10_001L);
                assertThat(RawResp.call(r.port(), "GET", "during-save")).isEqualTo("1");
            }
        }
    }

    @Test
    void aStoreReplicaOfRedisServerWritesTheDumpAndRedisCheckRdbAcceptsIt() throws Exception {
        try (RedisProcess redis = RedisProcess.server()
                .args("--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0")
                .start()) {
            InteropData.populate(redis.port());
            EmbeddedStore replica = stores.start();
            RawResp.call(replica.port(), "REPLICAOF", "127.0.0.1", Integer.toString(redis.port()));
            awaitSynced(redis.port(), replica.port());
            assertThat(InteropData.fingerprint(replica.port())).isEqualTo(InteropData.fingerprint(redis.port()));
            Path dump = dirOf(replica.port()).resolve("dump.rdb");
            assertThat(dump).exists();
            String replid = info(redis.port(), "replication").get("master_replid");
            assertThat(InteropData.checkTool("redis-check-rdb", dump))
                    .contains("RDB looks OK")
                    .contains("repl-id = '" + replid + "'");
            try (java.util.stream.Stream<Path> files = Files.list(dirOf(replica.port()))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("dump.rdb"); // no temp file
            }
        }
    }

    @Test
    void aStoreReplicaRestartedAfterAFullSyncResyncsPartially() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("replica"));
        EmbeddedStore master = stores.start();
        InteropData.populate(master.port());
        String replicaof = "127.0.0.1 " + master.port();
        EmbeddedStore replica = stores.start("dir", dir.toString(), "replicaof", replicaof); // no save rules
        awaitSynced(master.port(), replica.port());
        InteropData.call(master.port(), 7, "SET", "after-sync", "1");
        awaitSynced(master.port(), replica.port());
        replica.close(); // no save of its own: only the dump written by the full sync is there

        InteropData.call(master.port(), 7, "SET", "while-down", "1");
        EmbeddedStore restarted = stores.start("dir", dir.toString(), "replicaof", replicaof);
        awaitSynced(master.port(), restarted.port());
        assertThat(info(master.port(), "stats")).containsEntry("sync_full", "1").containsEntry("sync_partial_ok", "1");
        assertThat(InteropData.call(restarted.port(), 7, "GET", "after-sync")).isEqualTo("1");
        assertThat(InteropData.call(restarted.port(), 7, "GET", "while-down")).isEqualTo("1");
        assertThat(InteropData.fingerprint(restarted.port())).isEqualTo(InteropData.fingerprint(master.port()));
    }

    @Test
    void aBackgroundSaveOfTheOldDatasetDoesNotLandOverTheMastersPayload() throws Exception {
        EmbeddedStore master = stores.start();
        RawResp.call(master.port(), "SET", "from-master", "1");
        EmbeddedStore replica = stores.start("rdb-key-save-delay", "1000"); // 20 000 keys: a 20 s BGSAVE
        fill(replica.port(), 20_000);
        assertThat(RawResp.call(replica.port(), "BGSAVE")).isEqualTo("Background saving started");
        RawResp.call(replica.port(), "REPLICAOF", "127.0.0.1", Integer.toString(master.port()));
        awaitSynced(master.port(), replica.port());
        // as Redis kills its RDB child before loading the payload: the save of the old keys is stopped
        await().atMost(Duration.ofSeconds(5)).until(() -> info(replica.port(), "persistence")
                .get("rdb_bgsave_in_progress")
                .equals("0"));
        String check =
                InteropData.checkTool("redis-check-rdb", dirOf(replica.port()).resolve("dump.rdb"));
        assertThat(check)
                .contains("repl-id = '" + info(master.port(), "replication").get("master_replid") + "'")
                .contains("[info] 1 keys read");
    }

    @Test
    void aDumpThatCannotBeWrittenKeepsTheDataAndTheSyncIsRetried() throws Exception {
        EmbeddedStore master = stores.start();
        RawResp.call(master.port(), "SET", "from-master", "1");
        Path dir = Files.createDirectories(tmp.resolve("gone"));
        EmbeddedStore replica = stores.start("dir", dir.toString());
        RawResp.call(replica.port(), "SET", "own", "kept");
        Files.delete(dir); // the temp file cannot be created
        RawResp.call(replica.port(), "REPLICAOF", "127.0.0.1", Integer.toString(master.port()));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Long.parseLong(info(master.port(), "stats").get("sync_full")) >= 2); // retried
        assertThat(info(replica.port(), "replication")).containsEntry("master_link_status", "down");
        assertThat(RawResp.call(replica.port(), "GET", "own")).isEqualTo("kept"); // stale data still served

        Files.createDirectories(dir);
        awaitSynced(master.port(), replica.port());
        assertThat(RawResp.call(replica.port(), "GET", "from-master")).isEqualTo("1");
        assertThat(RawResp.call(replica.port(), "EXISTS", "own")).isEqualTo(0L);
        assertThat(dir.resolve("dump.rdb")).exists();
    }

    /**
     * A replica that loads for longer than its master's {@code repl-timeout} keeps its link: it sends a newline
     * every second (Redis's {@code replicationSendNewlineToMaster}), which the master counts as a sign of life.
     * Were it dropped, it would reconnect with a partial resync after the load.
     */
    @ParameterizedTest(name = "master: {0}")
    @ValueSource(strings = {"store", "redis-server"})
    void aLoadingReplicaKeepsItsLinkPastTheMasterReplTimeout(String kind) throws Exception {
        RedisProcess redis = null;
        int masterPort;
        if (kind.equals("store")) {
            masterPort = stores.start("repl-timeout", "2").port();
        } else {
            redis = RedisProcess.server()
                    .args("--repl-timeout", "2", "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0")
                    .start();
            masterPort = redis.port();
        }
        try {
            fill(masterPort, 3000);
            EmbeddedStore replica = stores.start("key-load-delay", "2000"); // 3000 keys: about 6 s of loading
            RawResp.call(replica.port(), "REPLICAOF", "127.0.0.1", Integer.toString(masterPort));
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() ->
                            info(replica.port(), "persistence").get("loading").equals("1"));
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            info(replica.port(), "persistence").get("loading").equals("0"));
            awaitSynced(masterPort, replica.port());
            assertThat(info(masterPort, "stats"))
                    .containsEntry("sync_full", "1")
                    .containsEntry("sync_partial_ok", "0");
            assertThat(RawResp.call(replica.port(), "DBSIZE")).isEqualTo(3000L);
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }
}
