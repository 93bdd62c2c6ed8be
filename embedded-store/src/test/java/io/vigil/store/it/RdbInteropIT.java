package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.EmbeddedStore;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RawResp;
import io.vigil.testkit.RedisProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    private static final long FAR_FUTURE_MS = 4_102_444_800_123L;
    private static final int[] DBS = {0, 1, 7};

    @TempDir
    Path dir;

    /** Writes the dataset: small values (listpack, intset, int-encoded strings) and large ones (LZF, hashtables). */
    private static void populate(int port) {
        String big = "x".repeat(300);
        String compressible = "abcdefgh".repeat(64);
        for (int db : DBS) {
            String p = "db" + db + ":";
            call(port, db, "SET", p + "str", "hello");
            call(port, db, "SET", p + "int", "-123456");
            call(port, db, "SET", p + "bigint", "9223372036854775807");
            call(port, db, "SET", p + "lzf", compressible);
            call(port, db, "SET", p + "raw", big);
            call(port, db, "SET", p + "bin", "a\u0000b\u00ff");
            call(port, db, "SET", p + "ttl", "t", "PXAT", Long.toString(FAR_FUTURE_MS));
            call(port, db, "RPUSH", p + "list", "a", "1", "-70000", big);
            call(port, db, "SADD", p + "intset", "1", "-2", "70000", "5000000000");
            call(port, db, "SADD", p + "set", "a", "b", compressible);
            call(port, db, "ZADD", p + "zset", "1.5", "a", "-2", "b", "inf", "c", "0.1", "d");
            call(port, db, "HSET", p + "hash", "f", "v", "n", "12", "long", compressible);
            call(port, db, "PEXPIREAT", p + "hash", Long.toString(FAR_FUTURE_MS + 1000));
            List<String> many = new ArrayList<>();
            List<String> members = new ArrayList<>();
            List<String> ints = new ArrayList<>();
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < 700; i++) {
                many.add("element-" + i + (i % 50 == 0 ? big : ""));
                members.add(Double.toString(i / 7.0));
                members.add("member-" + i);
                ints.add(Integer.toString(i * 3));
                pairs.add("field-" + i);
                pairs.add(i % 3 == 0 ? Integer.toString(i) : "value-" + i);
            }
            call(port, db, concat("RPUSH", p + "biglist", many));
            call(port, db, concat("ZADD", p + "bigzset", members));
            call(port, db, concat("SADD", p + "bigintset", ints));
            call(port, db, concat("HSET", p + "bighash", pairs));
            call(port, db, concat("SADD", p + "bigset", many));
        }
    }

    private static String[] concat(String command, String key, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.add(key);
        all.addAll(rest);
        return all.toArray(String[]::new);
    }

    /** Runs a command in a database on a fresh connection; returns Jedis's decoded reply. */
    private static Object call(int port, int db, String... args) {
        try (Jedis jedis = new Jedis("127.0.0.1", port, 10_000)) {
            jedis.select(db);
            Object reply = jedis.sendCommand(
                    () -> SafeEncoder.encode(args[0]), java.util.Arrays.copyOfRange(args, 1, args.length));
            return decode(reply);
        }
    }

    private static Object decode(Object reply) {
        if (reply instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (reply instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(o -> out.add(decode(o)));
            return out;
        }
        return reply;
    }

    /** Every key of the test databases with its type, absolute expiry and value, in a canonical text form. */
    private static Map<String, String> fingerprint(int port) {
        Map<String, String> out = new TreeMap<>();
        for (int db : DBS) {
            @SuppressWarnings("unchecked")
            List<Object> keys = (List<Object>) call(port, db, "KEYS", "*");
            for (Object k : keys) {
                String key = (String) k;
                String type = (String) call(port, db, "TYPE", key);
                Object value =
                        switch (type) {
                            case "string" -> call(port, db, "GET", key);
                            case "list" -> call(port, db, "LRANGE", key, "0", "-1");
                            case "set" -> sorted(call(port, db, "SMEMBERS", key));
                            case "zset" -> call(port, db, "ZRANGE", key, "0", "-1", "WITHSCORES");
                            case "hash" -> sorted(call(port, db, "HGETALL", key));
                            default -> "unexpected type " + type;
                        };
                out.put(db + "/" + key, type + " expire=" + call(port, db, "PEXPIRETIME", key) + " " + value);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> sorted(Object reply) {
        List<String> list = new ArrayList<>();
        ((List<Object>) reply).forEach(o -> list.add(String.valueOf(o)));
        list.sort(null);
        return list;
    }

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
        Process p = new ProcessBuilder("redis-check-rdb", file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        return output;
    }

    @Test
    void redisServerLoadsWhatTheStoreSavesAndAnswersTheSame() throws Exception {
        Map<String, String> expected;
        try (EmbeddedStore store = store(dir)) {
            populate(store.port());
            expected = fingerprint(store.port());
            assertThat(RawResp.call(store.port(), "SAVE")).isEqualTo("OK");
        }
        assertThat(expected).hasSize(17 * DBS.length);
        assertThat(checkRdb(dir.resolve("dump.rdb"))).contains("RDB looks OK", "Checksum OK");
        try (RedisProcess redis = RedisProcess.server()
                .args("--dir", dir.toString(), "--dbfilename", "dump.rdb")
                .start()) {
            assertThat(fingerprint(redis.port())).isEqualTo(expected);
        }
    }

    @Test
    void aBackgroundSaveIsAlsoAValidRedisFile() throws Exception {
        Map<String, String> expected;
        try (EmbeddedStore store = store(dir)) {
            populate(store.port());
            expected = fingerprint(store.port());
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
            assertThat(fingerprint(redis.port())).isEqualTo(expected);
        }
    }

    @Test
    void theStoreLoadsWhatRedisServerSavesAndAnswersTheSame() throws Exception {
        Map<String, String> expected;
        Path redisDump;
        try (RedisProcess redis = RedisProcess.server().start()) {
            populate(redis.port());
            expected = fingerprint(redis.port());
            assertThat(RawResp.call(redis.port(), "SAVE")).isEqualTo("OK");
            redisDump = redis.dir().resolve("dump.rdb");
            Files.copy(redisDump, dir.resolve("dump.rdb"), StandardCopyOption.REPLACE_EXISTING);
        }
        try (EmbeddedStore store = store(dir)) {
            awaitLoaded(store.port());
            assertThat(fingerprint(store.port())).isEqualTo(expected);
            String info = String.valueOf(RawResp.call(store.port(), "INFO", "persistence"));
            assertThat(info).contains("rdb_last_load_keys_loaded:" + expected.size());
        }
    }

    @Test
    void aCleanShutdownSavesAndTheNextStartLoads() throws Exception {
        Map<String, String> expected;
        EmbeddedStore store = StoreFixture.start("dir", dir.toString(), "save", "3600 1");
        try {
            populate(store.port());
            expected = fingerprint(store.port());
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
            assertThat(fingerprint(again.port())).isEqualTo(expected);
        }
    }
}
