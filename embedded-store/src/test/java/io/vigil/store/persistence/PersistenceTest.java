package io.vigil.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.config.StoreConfig;
import io.vigil.store.engine.Harness;
import io.vigil.store.keyspace.Keyspace;
import io.vigil.store.keyspace.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {

    @TempDir
    Path dir;

    private Harness harness() {
        return harness(dir);
    }

    /** An engine with no sockets whose {@code dir} is {@code dir}. */
    static Harness harness(Path dir) {
        StoreConfig config = new StoreConfig();
        config.set("dir", dir.toString());
        return new Harness(config);
    }

    /** One field of an INFO reply. */
    static String field(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        throw new AssertionError(name + " not in INFO:\n" + info);
    }

    private static List<String> load(Path file) throws IOException {
        Keyspace ks = new Keyspace(16, new ManualClock(0));
        try (InputStream in = Files.newInputStream(file)) {
            RdbReader.loadInto(in, ks, 0, true);
        }
        return RdbCodecTest.dump(ks);
    }

    @Test
    void saveWritesTheDumpAndResetsTheChangeCounter() throws IOException {
        Harness h = harness();
        Harness.Conn c = h.connect();
        c.cmd("SET", "k", "v");
        c.cmd("HSET", "h", "f", "1");
        c.cmd("EXPIRE", "k", "100");
        assertThat(field(c.cmd("INFO", "persistence"), "rdb_changes_since_last_save"))
                .isEqualTo("3");
        h.clock.advance(5000);
        assertThat(c.cmd("SAVE")).isEqualTo("+OK\r\n");
        assertThat(load(dir.resolve("dump.rdb")))
                .containsExactly("0/h/-1=hash:[f=1]", "0/k/" + (h.clock.millis() - 5000 + 100_000) + "=string:v");
        String info = c.cmd("INFO", "persistence");
        assertThat(field(info, "rdb_changes_since_last_save")).isEqualTo("0");
        assertThat(field(info, "rdb_saves")).isEqualTo("1");
        assertThat(field(info, "rdb_last_save_time")).isEqualTo(Long.toString(h.clock.millis() / 1000));
        assertThat(c.cmd("LASTSAVE")).isEqualTo(":" + h.clock.millis() / 1000 + "\r\n");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("dump.rdb");
    }

    @Test
    void bgsaveWritesThePointInTimeDataWhileWritesGoOn() throws Exception {
        Harness h = harness();
        Harness.Conn c = h.connect();
        for (int i = 0; i < 1000; i++) {
            c.cmd("SET", "k" + i, "v" + i);
        }
        c.cmd("RPUSH", "list", "a", "b");
        assertThat(c.cmd("BGSAVE")).isEqualTo("+Background saving started\r\n");
        assertThat(c.cmd("BGSAVE")).isEqualTo("-ERR Background save already in progress\r\n");
        assertThat(c.cmd("SAVE")).isEqualTo("-ERR Background save already in progress\r\n");
        assertThat(field(c.cmd("INFO", "persistence"), "rdb_bgsave_in_progress"))
                .isEqualTo("1");
        c.cmd("SET", "k1", "changed");
        c.cmd("DEL", "k2");
        c.cmd("RPUSH", "list", "c");
        c.cmd("FLUSHDB");
        h.engine.persistence().awaitBackground();
        List<String> saved = load(dir.resolve("dump.rdb"));
        assertThat(saved).hasSize(1001).contains("0/k1/-1=string:v1", "0/k2/-1=string:v2", "0/list/-1=list:[a, b]");
        String info = c.cmd("INFO", "persistence");
        assertThat(field(info, "rdb_bgsave_in_progress")).isEqualTo("0");
        assertThat(field(info, "rdb_last_bgsave_status")).isEqualTo("ok");
        // SET, DEL, RPUSH, and FLUSHDB counting one change per key it removed (as Redis does).
        assertThat(field(info, "rdb_changes_since_last_save")).isEqualTo("1003");
    }

    @Test
    void aFullSyncCanWaitForTheRunningBackgroundSave() throws Exception {
        Harness h = harness();
        Harness.Conn c = h.connect();
        c.cmd("SET", "k", "v");
        List<String> events = new java.util.ArrayList<>();
        assertThat(h.engine
                        .persistence()
                        .whenBackgroundSaveEnds((ok, file, aux) -> events.add(
                                ok + " " + file.getFileName() + " " + aux.get("redis-ver") + " " + aux.get("repl-id"))))
                .isTrue();
        assertThat(c.cmd("BGSAVE")).isEqualTo("-ERR Background save already in progress\r\n");
        assertThat(h.engine.persistence().whenBackgroundSaveEnds((ok, file, aux) -> events.add("second " + ok)))
                .isFalse();
        h.engine.persistence().awaitBackground();
        // the harness has no replication backlog: as Redis, the dump carries no repl-id / repl-offset
        assertThat(events).containsExactly("true dump.rdb 7.0.15 null", "second true");
    }

    @Test
    void bgsaveScheduleAndSaveRulesStartFromTheCron() throws Exception {
        Harness h = harness();
        Harness.Conn c = h.connect();
        // With no other background job, SCHEDULE starts at once (as in Redis); inside EXEC it waits for the cron.
        assertThat(c.cmd("BGSAVE", "SCHEDULE")).isEqualTo("+Background saving started\r\n");
        assertThat(h.engine.persistence().awaitBackground()).isTrue();
        assertThat(c.cmd("BGSAVE", "NOW")).isEqualTo("-ERR syntax error\r\n");
        c.cmd("MULTI");
        c.cmd("BGSAVE");
        assertThat(c.cmd("EXEC")).isEqualTo("*1\r\n+Background saving scheduled\r\n");
        assertThat(h.engine.persistence().bgsaveInProgress()).isFalse();
        h.engine.cron();
        assertThat(h.engine.persistence().awaitBackground()).isTrue();
        assertThat(c.cmd("CONFIG", "SET", "save", "10 2")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("CONFIG", "GET", "save")).contains("10 2");
        c.cmd("SET", "a", "1");
        h.clock.advance(11_000);
        h.engine.cron();
        assertThat(h.engine.persistence().bgsaveInProgress()).isFalse();
        c.cmd("SET", "b", "2");
        h.engine.cron();
        assertThat(h.engine.persistence().bgsaveInProgress()).isTrue();
        h.engine.persistence().awaitBackground();
        assertThat(load(dir.resolve("dump.rdb"))).containsExactly("0/a/-1=string:1", "0/b/-1=string:2");
        assertThat(c.cmd("CONFIG", "SET", "save", "10")).startsWith("-ERR CONFIG SET failed");
    }

    @Test
    void aFailedBackgroundSaveStopsWritesWithMisconfUntilASaveWorks() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("data"));
        Harness h = harness();
        Harness.Conn c = h.connect();
        c.cmd("CONFIG", "SET", "dir", sub.toString());
        c.cmd("CONFIG", "SET", "save", "1 1");
        c.cmd("SET", "a", "1");
        Files.delete(sub); // the disk "fails": the temp file cannot be created
        h.clock.advance(2000);
        h.engine.cron();
        h.engine.persistence().awaitBackground();
        assertThat(field(c.cmd("INFO", "persistence"), "rdb_last_bgsave_status"))
                .isEqualTo("err");
        String misconf = "-MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist"
                + " to disk. Commands that may modify the data set are disabled, because this instance is configured"
                + " to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option)."
                + " Please check the Redis logs for details about the RDB error.\r\n";
        assertThat(c.cmd("SET", "b", "2")).isEqualTo(misconf);
        assertThat(c.cmd("PING")).isEqualTo(misconf);
        assertThat(c.cmd("GET", "a")).isEqualTo("$1\r\n1\r\n");
        // A retry happens only after 5 s; it fails again while the directory is missing.
        h.engine.cron();
        assertThat(h.engine.persistence().bgsaveInProgress()).isFalse();
        c.cmd("CONFIG", "SET", "stop-writes-on-bgsave-error", "no");
        assertThat(c.cmd("SET", "b", "2")).isEqualTo("+OK\r\n");
        c.cmd("CONFIG", "SET", "stop-writes-on-bgsave-error", "yes");
        assertThat(c.cmd("SET", "b", "2")).isEqualTo(misconf);
        Files.createDirectory(sub);
        assertThat(c.cmd("SAVE")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("SET", "b", "3")).isEqualTo("+OK\r\n");
    }

    @Test
    void saveIntoAMissingDirectoryFailsWithoutLosingTheOldFile() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("data"));
        Harness h = harness();
        Harness.Conn c = h.connect();
        assertThat(c.cmd("CONFIG", "SET", "dir", dir.resolve("nope").toString()))
                .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'dir') - No such file or directory"
                        + "\r\n");
        c.cmd("CONFIG", "SET", "dir", sub.toString());
        c.cmd("SET", "a", "1");
        assertThat(c.cmd("SAVE")).isEqualTo("+OK\r\n");
        byte[] before = Files.readAllBytes(sub.resolve("dump.rdb"));
        // A directory in place of the temp file makes the write fail half-way through the protocol.
        Files.createDirectory(sub.resolve("temp-" + ProcessHandle.current().pid() + ".rdb"));
        c.cmd("SET", "a", "2");
        assertThat(c.cmd("SAVE")).isEqualTo("-ERR\r\n");
        assertThat(Files.readAllBytes(sub.resolve("dump.rdb"))).isEqualTo(before);
        assertThat(c.cmd("CONFIG", "SET", "dbfilename", "x/y.rdb")).contains("can't be a path");
    }

    @Test
    void loadingAtStartAnswersLoadingUntilTheDataIsIn() throws Exception {
        Harness first = harness();
        Harness.Conn c1 = first.connect();
        c1.cmd("SET", "k", "v");
        c1.cmd("SELECT", "2");
        c1.cmd("SADD", "s", "1", "2");
        c1.cmd("SAVE");

        Harness h = harness();
        h.engine.persistence().loadAtStart();
        Harness.Conn c = h.connect();
        assertThat(c.cmd("GET", "k")).isEqualTo("-LOADING Redis is loading the dataset in memory\r\n");
        assertThat(field(c.cmd("INFO", "persistence"), "loading")).isEqualTo("1");
        assertThat(c.cmd("PING")).startsWith("-LOADING");
        assertThat(c.cmd("DEBUG", "RELOAD")).isEqualTo("-ERR Error trying to save the DB\r\n");
        h.engine.persistence().awaitLoading();
        assertThat(c.cmd("GET", "k")).isEqualTo("$1\r\nv\r\n");
        c.cmd("SELECT", "2");
        assertThat(c.cmd("SCARD", "s")).isEqualTo(":2\r\n");
        String info = c.cmd("INFO", "persistence");
        assertThat(field(info, "loading")).isEqualTo("0");
        assertThat(field(info, "rdb_last_load_keys_loaded")).isEqualTo("2");
    }

    @Test
    void shutdownWhileLoadingNeverSavesOverTheDump() throws Exception {
        Harness first = harness();
        Harness.Conn c1 = first.connect();
        c1.cmd("SET", "k", "v");
        c1.cmd("SAVE");
        byte[] dump = Files.readAllBytes(dir.resolve("dump.rdb"));
        StoreConfig config = new StoreConfig();
        config.set("dir", dir.toString());
        config.set("save", "1 1");
        Harness h = new Harness(config);
        boolean[] stopped = {false};
        h.engine.shutdownHook(() -> stopped[0] = true);
        h.engine.persistence().loadAtStart();
        h.connect().cmd("SHUTDOWN", "SAVE");
        assertThat(stopped[0]).isTrue();
        assertThat(Files.readAllBytes(dir.resolve("dump.rdb"))).isEqualTo(dump);
    }

    @Test
    void aMasterDropsKeysWhoseTtlPassedWhenLoadingAReplicaKeepsThemForItsMastersDel() throws Exception {
        Harness first = harness();
        Harness.Conn c1 = first.connect();
        c1.cmd("SET", "short", "v", "PX", "1000");
        c1.cmd("SET", "stays", "v");
        c1.cmd("SAVE");
        for (String replicaof : new String[] {"", "127.0.0.1 1"}) {
            StoreConfig config = new StoreConfig();
            config.set("dir", dir.toString());
            config.set("replicaof", replicaof);
            Harness h = new Harness(config);
            h.clock.advance(5000);
            h.engine.persistence().loadAtStart();
            h.engine.persistence().awaitLoading();
            String info = h.connect().cmd("INFO", "persistence");
            if (replicaof.isEmpty()) {
                assertThat(h.connect().cmd("DBSIZE")).isEqualTo(":1\r\n");
                assertThat(field(info, "rdb_last_load_keys_expired")).isEqualTo("1");
            } else {
                assertThat(h.connect().cmd("DBSIZE")).isEqualTo(":2\r\n");
                assertThat(field(info, "rdb_last_load_keys_expired")).isEqualTo("0");
            }
        }
    }

    @Test
    void aDumpThatCannotBeLoadedStopsTheStoreInsteadOfStartingEmpty() throws Exception {
        byte[] bad = "REDIS0010\u00fe\u0000\u0013garbage".getBytes("ISO-8859-1");
        Files.write(dir.resolve("dump.rdb"), bad);
        Harness h = harness();
        boolean[] stopped = {false};
        h.engine.shutdownHook(() -> stopped[0] = true);
        h.engine.persistence().loadAtStart();
        h.engine.persistence().awaitLoading();
        assertThat(stopped[0]).isTrue();
        assertThat(h.engine.persistence().fatalError()).contains("dump.rdb");
        assertThat(Files.readAllBytes(dir.resolve("dump.rdb"))).isEqualTo(bad);
    }

    @Test
    void debugReloadRoundTripsTheDataset() {
        Harness h = harness();
        Harness.Conn c = h.connect();
        c.cmd("ZADD", "z", "1.5", "a", "2", "b");
        c.cmd("SET", "n", "12345");
        assertThat(c.cmd("DEBUG", "RELOAD")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("ZRANGE", "z", "0", "-1", "WITHSCORES"))
                .isEqualTo("*4\r\n$1\r\na\r\n$3\r\n1.5\r\n$1\r\nb\r\n$1\r\n2\r\n");
        assertThat(c.cmd("GET", "n")).isEqualTo("$5\r\n12345\r\n");
    }

    @Test
    void shutdownSavesWhenRulesExistOrWhenAsked() throws Exception {
        Harness h = harness();
        boolean[] stopped = {false};
        h.engine.shutdownHook(() -> stopped[0] = true);
        Harness.Conn c = h.connect();
        c.cmd("SET", "a", "1");
        c.cmd("SHUTDOWN", "NOSAVE");
        assertThat(stopped[0]).isTrue();
        assertThat(dir.resolve("dump.rdb")).doesNotExist();

        Harness h2 = harness();
        h2.engine.shutdownHook(() -> {});
        Harness.Conn c2 = h2.connect();
        c2.cmd("CONFIG", "SET", "save", "3600 1");
        c2.cmd("SET", "a", "2");
        assertThat(c2.cmd("SHUTDOWN", "SAVE", "NOSAVE")).isEqualTo("-ERR syntax error\r\n");
        c2.cmd("SHUTDOWN");
        assertThat(load(dir.resolve("dump.rdb"))).containsExactly("0/a/-1=string:2");

        Harness h3 = harness();
        boolean[] stopped3 = {false};
        h3.engine.shutdownHook(() -> stopped3[0] = true);
        Harness.Conn c3 = h3.connect();
        Path sub = Files.createDirectory(dir.resolve("gone"));
        c3.cmd("CONFIG", "SET", "dir", sub.toString());
        Files.delete(sub);
        assertThat(c3.cmd("SHUTDOWN", "SAVE")).isEqualTo("-ERR Errors trying to SHUTDOWN. Check logs.\r\n");
        assertThat(stopped3[0]).isFalse();
        c3.cmd("SHUTDOWN", "SAVE", "FORCE");
        assertThat(stopped3[0]).isTrue();
    }

    @Test
    void flushallStopsARunningBgsaveDeletesItsTempFileAndKeepsTheOldDump() throws Exception {
        Harness h = harness();
        h.config.set("save", "");
        Harness.Conn c = h.connect();
        for (int i = 0; i < 1000; i++) {
            c.cmd("SET", "k" + i, "v");
        }
        assertThat(c.cmd("SAVE")).isEqualTo("+OK\r\n");
        byte[] before = Files.readAllBytes(dir.resolve("dump.rdb"));
        c.cmd("SET", "extra", "1");
        c.cmd("CONFIG", "SET", "rdb-key-save-delay", "2000"); // 2 ms a key: the save runs for about 2 s
        assertThat(c.cmd("BGSAVE")).isEqualTo("+Background saving started\r\n");
        assertThat(c.cmd("FLUSHALL")).isEqualTo("+OK\r\n");
        String info = c.cmd("INFO", "persistence");
        assertThat(field(info, "rdb_bgsave_in_progress")).isEqualTo("0");
        assertThat(field(info, "rdb_last_bgsave_status")).isEqualTo("ok");
        assertThat(field(info, "rdb_changes_since_last_save")).isEqualTo("1002");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("dump.rdb");
        assertThat(Files.readAllBytes(dir.resolve("dump.rdb"))).isEqualTo(before);

        c.cmd("SET", "k", "v");
        c.cmd("CONFIG", "SET", "save", "3600 1");
        assertThat(c.cmd("BGSAVE")).isEqualTo("+Background saving started\r\n");
        assertThat(c.cmd("FLUSHALL")).isEqualTo("+OK\r\n");
        assertThat(field(c.cmd("INFO", "persistence"), "rdb_changes_since_last_save"))
                .isEqualTo("0");
        assertThat(load(dir.resolve("dump.rdb"))).as("saved at once, empty").isEmpty();
    }
}
