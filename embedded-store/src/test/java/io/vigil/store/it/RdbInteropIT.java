package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.EmbeddedStore;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RawResp;
import io.vigil.testkit.RedisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.SafeEncoder;

/**
 * RDB files cross between the store and a real redis-server 7 in both directions: the same dataset (every type, in
 * both its compact and its large encoding, TTLs, several databases) must answer the same after the move, and {@code
 * redis-check-rdb} must accept the store's files.
 */
@ExtendWith(NoProcessLeftBehind.class)
class RdbInteropIT {

    @TempDir
    Path dir;

    private static EmbeddedStore store(Path dataDir) {
        return StoreFixture.start("dir", dataDir.toString());
    }

    private static void awaitLoaded(int port) {
        Awaitility.await("the store to finish loading")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> String.valueOf(RawResp.call(port, "INFO", "persistence"))
                        .contains("\r\nloading:0\r\n"));
    }

    private static String checkRdb(Path file) throws Exception {
        return InteropData.checkTool("redis-check-rdb", file);
    }

    @Test
    void redisServerLoadsWhatTheStoreSavesAndAnswersTheSame() throws Exception {
        Map<String, String> expected;
        try (EmbeddedStore store = store(dir)) {
            InteropData.populate(store.port());
            expected = InteropData.fingerprint(store.port());
            assertThat(RawResp.call(store.port(), "SAVE")).isEqualTo("OK");
        }
        assertThat(expected).hasSize(17 * InteropData.DBS.length);
        assertThat(checkRdb(dir.resolve("dump.rdb"))).contains("RDB looks OK", "Checksum OK");
        try (RedisProcess redis = RedisProcess.server()
                .args("--dir", dir.toString(), "--dbfilename", "dump.rdb")
                .start()) {
            assertThat(InteropData.fingerprint(redis.port())).isEqualTo(expected);
        }
    }

    @Test
    void aBackgroundSaveIsAlsoAValidRedisFile() throws Exception {
        Map<String, String> expected;
        try (EmbeddedStore store = store(dir)) {
            InteropData.populate(store.port());
            expected = InteropData.fingerprint(store.port());
            assertThat(RawResp.call(store.port(), "BGSAVE")).isEqualTo("Background saving started");
            // writes while it runs do not reach the file
            RawResp.call(store.port(), "SET", "db0:str", "changed after the snapshot");
            RawResp.call(store.port(), "HSET", "db0:bighash", "field-1", "changed");
            Awaitility.await("the background save to end")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> String.valueOf(RawResp.call(store.port(), "INFO", "persistence"))
                            .contains("rdb_bgsave_in_progress:0"));
            assertThat(String.valueOf(RawResp.call(store.port(), "INFO", "persistence")))
                    .contains("rdb_last_bgsave_status:ok");
        }
        checkRdb(dir.resolve("dump.rdb"));
        try (RedisProcess redis = RedisProcess.server()
                .args("--dir", dir.toString(), "--dbfilename", "dump.rdb")
                .start()) {
            assertThat(InteropData.fingerprint(redis.port())).isEqualTo(expected);
        }
    }

    @Test
    void theStoreLoadsWhatRedisServerSavesAndAnswersTheSame() throws Exception {
        Map<String, String> expected;
        Path redisDump;
        try (RedisProcess redis = RedisProcess.server().start()) {
            InteropData.populate(redis.port());
            expected = InteropData.fingerprint(redis.port());
            assertThat(RawResp.call(redis.port(), "SAVE")).isEqualTo("OK");
            redisDump = redis.dir().resolve("dump.rdb");
            Files.copy(redisDump, dir.resolve("dump.rdb"), StandardCopyOption.REPLACE_EXISTING);
        }
        try (EmbeddedStore store = store(dir)) {
            awaitLoaded(store.port());
            assertThat(InteropData.fingerprint(store.port())).isEqualTo(expected);
            String info = String.valueOf(RawResp.call(store.port(), "INFO", "persistence"));
            assertThat(info).contains("rdb_last_load_keys_loaded:" + expected.size());
        }
    }

    @Test
    void aCleanShutdownSavesAndTheNextStartLoads() throws Exception {
        Map<String, String> expected;
        EmbeddedStore store = StoreFixture.start("dir", dir.toString(), "save", "3600 1");
        try {
            InteropData.populate(store.port());
            expected = InteropData.fingerprint(store.port());
            try (Jedis jedis = new Jedis("127.0.0.1", store.port(), 10_000)) {
                jedis.sendCommand(() -> SafeEncoder.encode("SHUTDOWN"));
            } catch (redis.clients.jedis.exceptions.JedisConnectionException closed) {
                // the server closes the connection instead of replying
            }
            store.terminated().get();
        } finally {
            store.close();
        }
        try (EmbeddedStore again = store(dir)) {
            awaitLoaded(again.port());
            assertThat(InteropData.fingerprint(again.port())).isEqualTo(expected);
        }
    }
}
