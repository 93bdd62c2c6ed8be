package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.store.EmbeddedStore;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RawResp;
import io.vigil.testkit.RedisProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store listens before it loads, as redis-server does: while a large dump or AOF is read on the loader thread,
 * data commands get {@code -LOADING}, {@code INFO} answers {@code loading:1} with the progress, and the data is
 * there once loading ends. The set of commands served while loading is Redis 7.0's (its {@code loading} flag,
 * compared with a real redis-server's {@code COMMAND} reply).
 */
@ExtendWith(NoProcessLeftBehind.class)
class LoadingIT {

    /** Enough keys that loading takes a visible time (about a second or more on the 2-core CI machine). */
    private static final int KEYS = 300_000;

    private static final String LOADING = "LOADING Redis is loading the dataset in memory";

    @TempDir
    Path dir;

    private static String info(int port) {
        return String.valueOf(RawResp.call(port, "INFO", "persistence"));
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** Fills database 0 with {@code key:<i>} = {@code value:<i>} on the command thread (faster than a client). */
    private static void fill(EmbeddedStore store, int keys) {
        store.call(e -> {
            for (int i = 0; i < keys; i++) {
                e.keyspace()
                        .db(0)
                        .put(
                                ("key:" + i).getBytes(StandardCharsets.US_ASCII),
                                ("value:" + i).getBytes(StandardCharsets.US_ASCII),
                                false);
            }
            return null;
        });
    }

    @Test
    void aLargeDumpIsLoadedWhileClientsGetLoadingThenTheDataIsServed() throws Exception {
        try (EmbeddedStore store = StoreFixture.start("dir", dir.toString(), "save", "")) {
            fill(store, KEYS);
            assertThat(RawResp.call(store.port(), "SAVE")).isEqualTo("OK");
        }
        long size = Files.size(dir.resolve("dump.rdb"));
        // 300k keys at 10 µs each: about 3 s of loading, long enough to watch on a fast or a busy machine
        try (EmbeddedStore store = StoreFixture.start("dir", dir.toString(), "save", "", "key-load-delay", "10")) {
            int port = store.port();
            assertThatThrownBy(() -> RawResp.call(port, "GET", "key:1")).hasMessage(LOADING);
            assertThatThrownBy(() -> RawResp.call(port, "PING")).hasMessage(LOADING);
            assertThatThrownBy(() -> RawResp.call(port, "DBSIZE")).hasMessage(LOADING);
            assertThat(RawResp.call(port, "CONFIG", "GET", "dbfilename")).isEqualTo(List.of("dbfilename", "dump.rdb"));
            assertThat(RawResp.call(port, "ECHO", "still here")).isEqualTo("still here");
            String during = info(port);
            assertThat(field(during, "loading")).isEqualTo("1");
            assertThat(field(during, "async_loading")).isEqualTo("0");
            assertThat(field(during, "loading_total_bytes")).isEqualTo(Long.toString(size));
            assertThat(Long.parseLong(field(during, "loading_loaded_bytes"))).isBetween(0L, size);
            assertThat(field(during, "loading_loaded_perc")).matches("\\d+\\.\\d\\d");
            assertThat(field(during, "loading_eta_seconds")).matches("\\d+");
            assertThat(field(during, "loading_start_time")).matches("\\d+");
            Awaitility.await("the dump's used-mem AUX field in loading_rdb_used_mem")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> Long.parseLong(field(info(port), "loading_rdb_used_mem")) > KEYS * 20L);

            StoreFixture.awaitLoaded(store);
            assertThat(RawResp.call(port, "GET", "key:1")).isEqualTo("value:1");
            assertThat(RawResp.call(port, "GET", "key:" + (KEYS - 1))).isEqualTo("value:" + (KEYS - 1));
            assertThat(RawResp.call(port, "DBSIZE")).isEqualTo((long) KEYS);
            assertThat(RawResp.call(port, "PING")).isEqualTo("PONG");
            String after = info(port);
            assertThat(field(after, "rdb_last_load_keys_loaded")).isEqualTo(Long.toString(KEYS));
            assertThat(after).doesNotContain("loading_total_bytes", "loading_eta_seconds");
        }
    }

    @Test
    void anAofIsReplayedOnTheLoaderThreadAndAppendedToAfterwards() throws Exception {
        try (EmbeddedStore store = StoreFixture.start("dir", dir.toString(), "save", "", "appendonly", "yes")) {
            fill(store, KEYS);
            assertThat(RawResp.call(store.port(), "BGREWRITEAOF"))
                    .isEqualTo("Background append only file rewriting started");
            Awaitility.await("the rewrite to end")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> "0".equals(field(info(store.port()), "aof_rewrite_in_progress")));
            for (int i = 0; i < 50; i++) {
                RawResp.call(store.port(), "INCR", "counter"); // replayed from the incremental file
            }
        }
        try (EmbeddedStore store = StoreFixture.start("dir", dir.toString(), "save", "", "appendonly", "yes")) {
            int port = store.port();
            assertThatThrownBy(() -> RawResp.call(port, "GET", "counter")).hasMessage(LOADING);
            assertThatThrownBy(() -> RawResp.call(port, "SET", "x", "1")).hasMessage(LOADING);
            assertThat(field(info(port), "loading")).isEqualTo("1");
            Awaitility.await("the RDB preamble's used-mem AUX field in loading_rdb_used_mem")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> Long.parseLong(field(info(port), "loading_rdb_used_mem")) > KEYS * 20L);
            StoreFixture.awaitLoaded(store);
            assertThat(RawResp.call(port, "GET", "counter")).isEqualTo("50");
            assertThat(RawResp.call(port, "DBSIZE")).isEqualTo((long) KEYS + 1);
            assertThat(field(info(port), "rdb_changes_since_last_save"))
                    .as("replayed writes count as changes, as in Redis")
                    .isEqualTo("50");
            assertThat(RawResp.call(port, "INCR", "counter")).isEqualTo(51L);
        }
        try (EmbeddedStore store = StoreFixture.start("dir", dir.toString(), "save", "", "appendonly", "yes")) {
            StoreFixture.awaitLoaded(store);
            assertThat(RawResp.call(store.port(), "GET", "counter")).isEqualTo("51");
        }
    }

    @Test
    void aReplicaAnswersLoadingWhileItLoadsTheFullSyncPayloadThenAppliesTheHeldStream() {
        try (EmbeddedStore master = StoreFixture.start();
                EmbeddedStore replica = StoreFixture.start()) {
            fill(master, KEYS);
            int port = replica.port();
            RawResp.call(port, "REPLICAOF", "127.0.0.1", Integer.toString(master.port()));
            Awaitility.await("the replica to answer -LOADING while it loads the payload")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(2))
                    .until(() -> {
                        try {
                            RawResp.call(port, "PING");
                            return false;
                        } catch (IllegalStateException e) {
                            return e.getMessage().equals(LOADING);
                        }
                    });
            RawResp.call(master.port(), "SET", "written-during-the-load", "1");
            assertThat(RawResp.call(port, "ROLE")).isInstanceOf(List.class); // served while loading
            StoreFixture.awaitLoaded(replica);
            Awaitility.await("the stream held during the load to be applied")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> "1".equals(RawResp.call(port, "GET", "written-during-the-load")));
            assertThat(RawResp.call(port, "DBSIZE")).isEqualTo((long) KEYS + 1);
            assertThat(String.valueOf(RawResp.call(port, "INFO", "replication")))
                    .contains("master_link_status:up");
        }
    }

    @Test
    void theCommandsServedWhileLoadingAreRedisServersOnes() {
        try (RedisProcess redis = RedisProcess.server().start();
                EmbeddedStore store = StoreFixture.start("save", "")) {
            Map<String, Boolean> expected = loadingFlags(redis.port());
            Map<String, Boolean> actual = loadingFlags(store.port());
            actual.keySet().retainAll(expected.keySet());
            expected.keySet().retainAll(actual.keySet());
            assertThat(actual).hasSizeGreaterThan(150).isEqualTo(expected);
        }
    }

    /** Command (and {@code container|sub}) name to whether {@code COMMAND} lists the {@code loading} flag. */
    @SuppressWarnings("unchecked")
    private static Map<String, Boolean> loadingFlags(int port) {
        Map<String, Boolean> flags = new TreeMap<>();
        for (Object o : (List<Object>) RawResp.call(port, "COMMAND")) {
            List<Object> command = (List<Object>) o;
            flags.put((String) command.get(0), ((List<Object>) command.get(2)).contains("loading"));
            if (command.size() > 9 && command.get(9) instanceof List<?> subs) {
                for (Object s : subs) {
                    List<Object> sub = (List<Object>) s;
                    flags.put((String) sub.get(0), ((List<Object>) sub.get(2)).contains("loading"));
                }
            }
        }
        return flags;
    }
}
