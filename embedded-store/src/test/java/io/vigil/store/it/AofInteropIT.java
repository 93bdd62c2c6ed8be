package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.EmbeddedStore;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RawResp;
import io.vigil.testkit.RedisProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Append-only file directories (Redis 7.0 multi-part layout) cross between the store and a real redis-server 7 in
 * both directions, with and without an RDB preamble in the base, after a background rewrite with writes before and
 * after it; {@code redis-check-aof} accepts the store's manifest; a torn tail is repaired at start (or refused with
 * {@code aof-load-truncated no}).
 */
@ExtendWith(NoProcessLeftBehind.class)
class AofInteropIT {

    @TempDir
    Path dir;

    private Path aofDir() {
        return dir.resolve("appendonlydir");
    }

    /** A store on {@link #dir} with AOF on, once it has loaded the AOF. */
    private EmbeddedStore store(String... more) {
        return StoreFixture.awaitLoaded(starting(more));
    }

    private EmbeddedStore starting(String... more) {
        String[] base = {"dir", dir.toString(), "appendonly", "yes", "appendfsync", "always"};
        String[] all = Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
        return StoreFixture.start(all);
    }

    private static void awaitRewrite(int port) {
        Awaitility.await("the AOF rewrite to end")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    String info = String.valueOf(RawResp.call(port, "INFO", "persistence"));
                    return info.contains("aof_rewrite_in_progress:0") && info.contains("aof_rewrite_scheduled:0");
                });
        assertThat(String.valueOf(RawResp.call(port, "INFO", "persistence"))).contains("aof_last_bgrewrite_status:ok");
    }

    /** Writes the dataset, rewrites the AOF in the middle, and changes keys after the rewrite. */
    private static void populateAroundRewrite(int port) {
        InteropData.populate(port);
        assertThat(String.valueOf(RawResp.call(port, "BGREWRITEAOF")))
                .startsWith("Background append only file rewriting");
        // writes while the rewrite runs land in the new incremental file
        RawResp.call(port, "SET", "db0:str", "written during the rewrite");
        awaitRewrite(port);
        InteropData.call(port, 1, "HSET", "db1:hash", "after", "rewrite");
        InteropData.call(port, 7, "DEL", "db7:set");
        InteropData.call(port, 0, "INCR", "db0:int");
        InteropData.call(port, 0, "RPUSH", "db0:list", "tail");
    }

    private static String checkAof(Path manifest) throws Exception {
        return InteropData.checkTool("redis-check-aof", manifest);
    }

    @ParameterizedTest(name = "aof-use-rdb-preamble {0}")
    @ValueSource(strings = {"yes", "no"})
    void redisServerLoadsTheStoresAofDirectory(String preamble) throws Exception {
        Map<String, String> expected;
        try (EmbeddedStore store = store("aof-use-rdb-preamble", preamble)) {
            populateAroundRewrite(store.port());
            expected = InteropData.fingerprint(store.port());
        }
        assertThat(expected).hasSize(17 * InteropData.DBS.length - 1);
        String manifest = Files.readString(aofDir().resolve("appendonly.aof.manifest"));
        String baseSuffix = preamble.equals("yes") ? ".base.rdb" : ".base.aof";
        assertThat(manifest)
                .isEqualTo("file appendonly.aof.2" + baseSuffix + " seq 2 type b\n"
                        + "file appendonly.aof.2.incr.aof seq 2 type i\n");
        try (Stream<Path> files = Files.list(aofDir())) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly(
                            "appendonly.aof.2" + baseSuffix, "appendonly.aof.2.incr.aof", "appendonly.aof.manifest");
        }
        assertThat(checkAof(aofDir().resolve("appendonly.aof.manifest"))).contains("is valid");
        try (RedisProcess redis = RedisProcess.server()
                .args("--dir", dir.toString(), "--appendonly", "yes")
                .start()) {
            assertThat(InteropData.fingerprint(redis.port())).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "aof-use-rdb-preamble {0}")
    @ValueSource(strings = {"yes", "no"})
    void theStoreLoadsRedisServersAofDirectory(String preamble) throws Exception {
        Map<String, String> expected;
        Path redisAof;
        try (RedisProcess redis = RedisProcess.server()
                .args("--appendonly", "yes", "--appendfsync", "always", "--aof-use-rdb-preamble", preamble)
                .start()) {
            populateAroundRewrite(redis.port());
            expected = InteropData.fingerprint(redis.port());
            redisAof = redis.dir().resolve("appendonlydir");
        }
        copyDirectory(redisAof, aofDir());
        try (EmbeddedStore store = store()) {
            assertThat(InteropData.fingerprint(store.port())).isEqualTo(expected);
            assertThat(String.valueOf(RawResp.call(store.port(), "INFO", "persistence")))
                    .contains("aof_enabled:1", "aof_last_write_status:ok");
            // and it goes on appending to redis-server's last incremental file
            RawResp.call(store.port(), "SET", "after", "move");
        }
        try (EmbeddedStore again = store()) {
            assertThat(RawResp.call(again.port(), "GET", "after")).isEqualTo("move");
        }
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private Path lastIncr() throws IOException {
        try (Stream<Path> files = Files.list(aofDir())) {
            return files.filter(p -> p.toString().endsWith(".incr.aof"))
                    .sorted()
                    .reduce((a, b) -> b)
                    .orElseThrow();
        }
    }

    @Test
    void aTornTailIsCutOffAtStart() throws Exception {
        try (EmbeddedStore store = store()) {
            RawResp.call(store.port(), "SET", "kept", "1");
            RawResp.call(store.port(), "RPUSH", "list", "a", "b");
        }
        Path incr = lastIncr();
        long goodSize = Files.size(incr);
        // a crash in the middle of writing "SET lost 2"
        Files.writeString(incr, "*3\r\n$3\r\nSET\r\n$4\r\nlost\r\n$1", StandardOpenOption.APPEND);
        try (EmbeddedStore store = store()) {
            assertThat(RawResp.call(store.port(), "GET", "kept")).isEqualTo("1");
            assertThat(RawResp.call(store.port(), "LRANGE", "list", "0", "-1")).isEqualTo(List.of("a", "b"));
            assertThat(RawResp.call(store.port(), "EXISTS", "lost")).isEqualTo(0L);
            assertThat(Files.size(incr)).isEqualTo(goodSize);
            RawResp.call(store.port(), "SET", "next", "3");
        }
        assertThat(checkAof(aofDir().resolve("appendonly.aof.manifest"))).contains("is valid");
        try (EmbeddedStore store = store()) {
            assertThat(RawResp.call(store.port(), "GET", "next")).isEqualTo("3");
        }
    }

    @Test
    void aTransactionTheFileEndsInsideIsDropped() throws Exception {
        try (EmbeddedStore store = store()) {
            RawResp.call(store.port(), "SET", "kept", "1");
        }
        Path incr = lastIncr();
        long goodSize = Files.size(incr);
        Files.writeString(
                incr, "*1\r\n$5\r\nMULTI\r\n*3\r\n$3\r\nSET\r\n$4\r\nhalf\r\n$1\r\n2\r\n", StandardOpenOption.APPEND);
        try (EmbeddedStore store = store()) {
            assertThat(RawResp.call(store.port(), "GET", "kept")).isEqualTo("1");
            assertThat(RawResp.call(store.port(), "EXISTS", "half")).isEqualTo(0L);
        }
        assertThat(Files.size(incr)).isEqualTo(goodSize);
    }

    @Test
    void withAofLoadTruncatedNoATornTailStopsTheStart() throws Exception {
        try (EmbeddedStore store = store()) {
            RawResp.call(store.port(), "SET", "kept", "1");
        }
        Path incr = lastIncr();
        Files.writeString(incr, "*2\r\n$3\r\nDEL", StandardOpenOption.APPEND);
        long tornSize = Files.size(incr);
        try (EmbeddedStore store = starting("aof-load-truncated", "no")) {
            store.terminated().get(30, java.util.concurrent.TimeUnit.SECONDS); // it stops by itself
            assertThat(store.fatalError())
                    .startsWith("Fatal error loading the append only file: ")
                    .contains("Unexpected end of file reading the append only file")
                    .contains(incr.getFileName().toString());
        }
        assertThat(Files.size(incr)).isEqualTo(tornSize);
    }

    @Test
    void aofWinsOverTheDumpWhenBothExist() throws Exception {
        try (EmbeddedStore store = StoreFixture.start("dir", dir.toString())) {
            RawResp.call(store.port(), "SET", "from", "rdb");
            RawResp.call(store.port(), "SAVE");
        }
        try (EmbeddedStore store = store()) {
            // no AOF yet: like Redis 7, AOF on means the dump is not loaded; a first base is written
            assertThat(RawResp.call(store.port(), "EXISTS", "from")).isEqualTo(0L);
            RawResp.call(store.port(), "SET", "from", "aof");
        }
        try (EmbeddedStore store = store()) {
            assertThat(RawResp.call(store.port(), "GET", "from")).isEqualTo("aof");
        }
    }

    @Test
    void aFailingDiskMakesWritesFailWithMisconfAndNeverAcknowledgesThem() throws Exception {
        try (EmbeddedStore store = store()) {
            RawResp.call(store.port(), "SET", "before", "1");
            // the next incremental file is a full disk: writes to it fail with ENOSPC
            Files.createSymbolicLink(aofDir().resolve("appendonly.aof.2.incr.aof"), Path.of("/dev/full"));
            assertThat(RawResp.call(store.port(), "BGREWRITEAOF"))
                    .isEqualTo("Background append only file rewriting started");
            try (RawConnection c = new RawConnection(store.port())) {
                c.sendCommand("SET", "unsure", "2");
                // appendfsync always could not make it durable: the connection closes with no reply
                assertThat(c.readUntilClosed(5000)).isEqualTo("<EOF>");
            }
            try (RawConnection c = new RawConnection(store.port())) {
                assertThat(c.call("SET", "refused", "3"))
                        .isEqualTo("-MISCONF Errors writing to the AOF file: No space left on device\r\n");
                assertThat(c.call("PING")).startsWith("-MISCONF Errors writing to the AOF file");
            }
            assertThat(RawResp.call(store.port(), "GET", "before")).isEqualTo("1");
            assertThat(String.valueOf(RawResp.call(store.port(), "INFO", "persistence")))
                    .contains("aof_last_write_status:err");
        }
    }
}
