package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.EmbeddedStore;
import io.vigil.store.persistence.RdbReader;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RawResp;
import io.vigil.testkit.RedisProcess;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code FLUSHALL} and {@code FLUSHDB} while a {@code BGSAVE} runs, side by side with redis-server 7.0.15 (both made
 * slow with Redis's {@code rdb-key-save-delay}): FLUSHALL stops the save (not an error, its temporary file removed,
 * the old dump left in place) and, with save rules, saves the empty dataset at once; FLUSHDB lets the point-in-time
 * save finish. {@code INFO persistence} counters and the files in {@code dir} must match.
 */
@ExtendWith(NoProcessLeftBehind.class)
class FlushDuringSaveIT {

    private static final int KEYS = 20;

    @TempDir
    Path redisDir;

    @TempDir
    Path storeDir;

    private static String field(int port, String name) {
        for (String line :
                String.valueOf(RawResp.call(port, "INFO", "persistence")).split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        throw new AssertionError(name + " not in INFO persistence");
    }

    /** The INFO fields the scenario compares. */
    private static Map<String, String> state(int port) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String name : List.of(
                "rdb_bgsave_in_progress", "rdb_last_bgsave_status", "rdb_changes_since_last_save", "rdb_saves")) {
            f.put(name, field(port, name));
        }
        return f;
    }

    private static long keysIn(Path dump) throws Exception {
        long[] keys = {0};
        try (InputStream in = Files.newInputStream(dump)) {
            RdbReader.read(in, 16, (db, key, value, expireAt) -> keys[0]++);
        }
        return keys[0];
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".rdb"))
                    .sorted()
                    .toList();
        }
    }

    /** What one server shows through the scenario, in order. */
    private static List<Object> scenario(int port, Path dir, String flush, String save) throws Exception {
        List<Object> seen = new ArrayList<>();
        RawResp.call(port, "CONFIG", "SET", "save", "");
        for (int i = 0; i < KEYS; i++) {
            RawResp.call(port, "SET", "key:" + i, "v");
        }
        RawResp.call(port, "SAVE"); // the dump the aborted save must not replace
        RawResp.call(port, "SET", "extra", "1");
        RawResp.call(port, "CONFIG", "SET", "save", save);
        RawResp.call(port, "CONFIG", "SET", "rdb-key-save-delay", "100000"); // 0.1 s a key: a 2 s BGSAVE
        seen.add(RawResp.call(port, "BGSAVE"));
        seen.add(field(port, "rdb_bgsave_in_progress"));
        seen.add(RawResp.call(port, flush));
        RawResp.call(port, "CONFIG", "SET", "rdb-key-save-delay", "0");
        Awaitility.await(flush + " then the save to end on port " + port)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> field(port, "rdb_bgsave_in_progress").equals("0")
                        && files(dir).stream().noneMatch(n -> n.startsWith("temp-")));
        seen.add(state(port));
        seen.add(files(dir));
        seen.add("keys in dump.rdb: " + keysIn(dir.resolve("dump.rdb")));
        return seen;
    }

    private void sideBySide(String flush, String save, Object... expectedTail) throws Exception {
        try (RedisProcess redis =
                        RedisProcess.server().args("--dir", redisDir.toString()).start();
                EmbeddedStore store = StoreFixture.start("dir", storeDir.toString())) {
            List<Object> expected = scenario(redis.port(), redisDir, flush, save);
            List<Object> actual = scenario(store.port(), storeDir, flush, save);
            assertThat(actual).isEqualTo(expected);
            assertThat(expected.subList(expected.size() - expectedTail.length, expected.size()))
                    .containsExactly(expectedTail);
        }
    }

    @Test
    void flushallStopsTheSaveWithoutAnErrorAndLeavesTheOldDump() throws Exception {
        sideBySide("FLUSHALL", "", List.of("dump.rdb"), "keys in dump.rdb: " + KEYS);
    }

    @Test
    void flushallWithSaveRulesSavesTheEmptyDatasetAtOnce() throws Exception {
        sideBySide("FLUSHALL", "3600 1", List.of("dump.rdb"), "keys in dump.rdb: 0");
    }

    @Test
    void flushdbLetsThePointInTimeSaveFinish() throws Exception {
        sideBySide("FLUSHDB", "3600 1", List.of("dump.rdb"), "keys in dump.rdb: " + (KEYS + 1));
    }

    @Test
    void flushArgumentsAndChangeCountsMatchRedis() throws Exception {
        try (RedisProcess redis = RedisProcess.server().start();
                EmbeddedStore store = StoreFixture.start()) {
            String[][] script = {
                {"SET", "a", "1"},
                {"SET", "b", "1"},
                {"FLUSHALL", "ASYNC"},
                {"INFO", "persistence"},
                {"FLUSHALL", "SYNC"},
                {"FLUSHALL", "async"},
                {"FLUSHALL", "foo"},
                {"FLUSHALL", "ASYNC", "SYNC"},
                {"FLUSHALL"},
                {"SET", "c", "1"},
                {"FLUSHDB", "SYNC"},
                {"FLUSHDB", "ASYNC"},
                {"FLUSHDB", "x"},
                {"FLUSHDB", "SYNC", "ASYNC"},
                {"FLUSHDB"}
            };
            List<String> fields = new ArrayList<>();
            for (String[] command : script) {
                for (int port : new int[] {redis.port(), store.port()}) {
                    Object reply;
                    try {
                        reply = RawResp.call(port, command);
                    } catch (IllegalStateException e) {
                        reply = "-" + e.getMessage();
                    }
                    String shown = command[0].equals("INFO")
                            ? "changes=" + field(port, "rdb_changes_since_last_save")
                            : String.valueOf(reply);
                    fields.add(String.join(" ", command) + " -> " + shown);
                }
            }
            for (int i = 0; i < fields.size(); i += 2) {
                assertThat(fields.get(i + 1)).as("store vs redis").isEqualTo(fields.get(i));
            }
            assertThat(field(store.port(), "rdb_changes_since_last_save"))
                    .isEqualTo(field(redis.port(), "rdb_changes_since_last_save"));
        }
    }
}
