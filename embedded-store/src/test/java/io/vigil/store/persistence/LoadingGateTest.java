package io.vigil.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.engine.Harness;
import io.vigil.store.keyspace.Keyspace;
import io.vigil.store.keyspace.StoreClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command gate while the dataset loads at start: which commands answer {@code -LOADING} (those without Redis
 * 7.0's {@code loading} flag), what INFO reports, and the hand-over of the loaded keyspace. The load is a real
 * {@link Persistence.StartupLoad} on the loader thread that waits for the test before it returns its keyspace.
 */
class LoadingGateTest {

    private static final String LOADING = "-LOADING Redis is loading the dataset in memory\r\n";

    @TempDir
    Path dir;

    /** A load that fills a keyspace with {@code key:0..n-1} once the test lets it. */
    private static class HeldLoad implements Persistence.StartupLoad {
        final CountDownLatch release = new CountDownLatch(1);
        final int keys;
        final StoreClock clock;
        volatile long loaded;
        boolean adopted;

        HeldLoad(int keys, StoreClock clock) {
            this.keys = keys;
            this.clock = clock;
        }

        @Override
        public long totalBytes() {
            return 1000;
        }

        @Override
        public long loadedBytes() {
            return loaded;
        }

        @Override
        public Keyspace load(int databases) throws Exception {
            loaded = 250;
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the load");
            }
            Keyspace ks = new Keyspace(databases, clock);
            for (int i = 0; i < keys; i++) {
                ks.db(0).put(("key:" + i).getBytes(StandardCharsets.US_ASCII), ("v" + i).getBytes(), false);
            }
            return ks;
        }

        @Override
        public void adopted() {
            adopted = true;
        }

        @Override
        public String what() {
            return "the test data";
        }
    }

    private Harness harness() {
        return PersistenceTest.harness(dir);
    }

    private static String field(String info, String name) {
        return PersistenceTest.field(info, name);
    }

    @Test
    void commandsWithoutTheLoadingFlagAreRefusedUntilTheDataIsIn() throws Exception {
        Harness h = harness();
        HeldLoad load = new HeldLoad(3, h.clock);
        h.engine.persistence().beginLoading(load);
        Harness.Conn c = h.connect();
        assertThat(c.cmd("GET", "key:1")).isEqualTo(LOADING);
        h.engine.persistence().startLoading();

        // Refused, as redis-server 7.0.15 refuses them while it loads a dump.
        for (String[] refused : new String[][] {
            {"PING"},
            {"GET", "key:1"},
            {"SET", "a", "1"},
            {"DBSIZE"},
            {"KEYS", "*"},
            {"FLUSHALL"},
            {"SAVE"},
            {"BGSAVE"},
            {"BGREWRITEAOF"},
            {"WAIT", "0", "0"},
            {"SCRIPT", "FLUSH"},
            {"EVAL", "return 1", "0"}
        }) {
            assertThat(c.cmd(refused)).as(String.join(" ", refused)).isEqualTo(LOADING);
        }
        // Served: connection, introspection and administration commands flagged "loading" in Redis.
        assertThat(c.cmd("ECHO", "x")).isEqualTo("$1\r\nx\r\n");
        assertThat(c.cmd("CONFIG", "GET", "dbfilename")).isEqualTo("*2\r\n$10\r\ndbfilename\r\n$8\r\ndump.rdb\r\n");
        assertThat(c.cmd("CLIENT", "ID")).startsWith(":");
        assertThat(c.cmd("SELECT", "1")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("SELECT", "0")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("ROLE")).startsWith("*3\r\n$6\r\nmaster\r\n");
        assertThat(c.cmd("LASTSAVE")).startsWith(":");
        assertThat(c.cmd("COMMAND", "COUNT")).startsWith(":");
        assertThat(c.cmd("SCRIPT", "HELP")).startsWith("*");
        assertThat(c.cmd("PUBLISH", "ch", "m")).isEqualTo(":0\r\n");

        // the loader thread reports its progress once it runs; under load it may not have started yet
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> load.loaded == 250);
        String info = c.cmd("INFO", "persistence");
        assertThat(field(info, "loading")).isEqualTo("1");
        assertThat(field(info, "async_loading")).isEqualTo("0");
        assertThat(field(info, "loading_start_time")).isEqualTo(Long.toString(h.clock.millis() / 1000));
        assertThat(field(info, "loading_total_bytes")).isEqualTo("1000");
        assertThat(field(info, "loading_rdb_used_mem")).isEqualTo("0");
        assertThat(field(info, "loading_loaded_bytes")).isEqualTo("250");
        assertThat(field(info, "loading_loaded_perc")).isEqualTo("25.00");
        assertThat(field(info, "loading_eta_seconds")).matches("\\d+");

        // A transaction queued with a refused command is aborted at EXEC, as in Redis (the command was flagged).
        assertThat(c.cmd("MULTI")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("GET", "key:1")).isEqualTo(LOADING);
        assertThat(c.cmd("EXEC")).startsWith("-EXECABORT");

        h.engine.cron();
        assertThat(c.cmd("GET", "key:1"))
                .as("still loading: the cron saw no finished job")
                .isEqualTo(LOADING);
        load.release.countDown();
        h.engine.persistence().awaitLoading();
        assertThat(load.adopted).isTrue();
        assertThat(c.cmd("GET", "key:1")).isEqualTo("$2\r\nv1\r\n");
        assertThat(c.cmd("DBSIZE")).isEqualTo(":3\r\n");
        assertThat(c.cmd("PING")).isEqualTo("+PONG\r\n");
        info = c.cmd("INFO", "persistence");
        assertThat(field(info, "loading")).isEqualTo("0");
        assertThat(info).as("no loading_* details after loading").doesNotContain("loading_");
    }

    @Test
    void aLoadThatFailsStopsTheStoreWithTheReason() throws Exception {
        Harness h = harness();
        boolean[] stopped = {false};
        h.engine.shutdownHook(() -> stopped[0] = true);
        h.engine.persistence().beginLoading(new HeldLoad(0, h.clock) {
            @Override
            public Keyspace load(int databases) {
                throw new IllegalStateException("bad bytes at offset 7");
            }
        });
        h.engine.persistence().startLoading();
        h.engine.persistence().awaitLoading();
        assertThat(stopped[0]).isTrue();
        assertThat(h.engine.persistence().fatalError())
                .isEqualTo("Fatal error loading the test data: IllegalStateException: bad bytes at offset 7");
    }

    @Test
    void appendonlyTurnedOnWhileLoadingStartsFromTheLoadedData() throws Exception {
        Harness h = harness();
        HeldLoad load = new HeldLoad(3, h.clock);
        h.engine.persistence().beginLoading(load);
        h.engine.persistence().startLoading();
        Harness.Conn c = h.connect();
        assertThat(c.cmd("CONFIG", "SET", "appendonly", "yes")).isEqualTo("+OK\r\n");
        assertThat(h.engine.aof().enabled()).as("not before the data is in").isFalse();
        load.release.countDown();
        h.engine.persistence().awaitLoading();
        assertThat(h.engine.aof().enabled()).isTrue();
        assertThat(h.engine.aof().awaitRewrite()).isTrue();

        Harness restarted = harness();
        restarted.config.set("appendonly", "yes");
        restarted.engine.aof().openAtStart();
        assertThat(restarted.connect().cmd("DBSIZE"))
                .as("the first base holds the loaded keys")
                .isEqualTo(":3\r\n");
    }
}
