package io.vigil.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.store.config.ConfigLoader;
import io.vigil.store.config.StoreConfig;
import io.vigil.store.engine.Harness;
import io.vigil.store.keyspace.Database;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code maxmemory} policies driven through the engine with a manual clock and a seeded random source. The time
 * budget is unlimited ({@code maxmemory-eviction-tenacity 100}) so each command evicts down to the limit at once.
 */
class EvictionTest {

    private static final String VALUE = "x".repeat(100);
    private static final String OOM = "-OOM command not allowed when used memory > 'maxmemory'.\r\n";

    private final Harness h = new Harness();
    private final Harness.Conn c = h.connect();

    @BeforeEach
    void seed() {
        h.engine.seedRandom(42);
        c.cmd("CONFIG", "SET", "maxmemory-eviction-tenacity", "100");
    }

    private Database db() {
        return h.engine.keyspace().db(0);
    }

    private void fill(String prefix, int n) {
        for (int i = 0; i < n; i++) {
            c.cmd("SET", prefix + i, VALUE);
        }
    }

    /** Sets maxmemory to a fraction of the memory in use now. */
    private long limitTo(double fraction) {
        long limit = (long) (h.engine.usedMemory() * fraction);
        assertThat(c.cmd("CONFIG", "SET", "maxmemory", Long.toString(limit))).isEqualTo("+OK\r\n");
        return limit;
    }

    private int surviving(String prefix, int n) {
        int alive = 0;
        for (int i = 0; i < n; i++) {
            if (db().stored((prefix + i).getBytes()) != null) {
                alive++;
            }
        }
        return alive;
    }

    @Test
    void allkeysLruKeepsTheRecentlyTouchedKeys() {
        c.cmd("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
        fill("k", 1000);
        h.clock.advance(10_000);
        for (int i = 0; i < 100; i++) {
            c.cmd("GET", "k" + i);
        }
        long limit = limitTo(0.7);
        c.cmd("PING");
        assertThat(h.engine.usedMemory()).isLessThanOrEqualTo(limit);
        assertThat(surviving("k", 100)).isEqualTo(100);
        assertThat(db().size()).isBetween(600, 720);
        assertThat(h.engine.stats().evictedKeys).isEqualTo(1000 - db().size());
        assertThat(c.cmd("INFO", "stats")).contains("evicted_keys:" + (1000 - db().size()) + "\r\n");
    }

    @Test
    void writesKeepEvictingOldKeysUnderTheLimit() {
        c.cmd("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
        fill("old", 500);
        long limit = limitTo(1.0);
        h.clock.advance(5_000);
        for (int i = 0; i < 500; i++) {
            c.cmd("SET", "new" + i, VALUE);
            h.clock.advance(10);
        }
        c.cmd("PING");
        assertThat(h.engine.usedMemory()).isLessThanOrEqualTo(limit);
        assertThat(surviving("new", 500)).isGreaterThan(surviving("old", 500));
        assertThat(surviving("new", 500)).isGreaterThan(400);
    }

    @Test
    void evictionCutShortByItsTimeBudgetContinuesInScheduledSteps() {
        List<Runnable> scheduled = new ArrayList<>();
        h.engine.evictionScheduler(() -> scheduled.add(h.engine::evictionStep));
        c.cmd("CONFIG", "SET", "maxmemory-policy", "allkeys-random", "maxmemory-eviction-tenacity", "0");
        fill("k", 1000);
        long limit = limitTo(0.5);
        c.cmd("PING");
        assertThat(h.engine.stats().evictedKeys)
                .as("a zero budget stops after 16 keys")
                .isEqualTo(16);
        assertThat(scheduled).hasSize(1);
        c.cmd("PING");
        assertThat(scheduled).as("scheduled once until it runs").hasSize(1);
        int steps = 0;
        while (!scheduled.isEmpty() && steps < 1000) {
            scheduled.remove(0).run();
            steps++;
        }
        assertThat(h.engine.usedMemory()).isLessThanOrEqualTo(limit);
        assertThat(steps).isGreaterThan(10);
    }

    @Test
    void allkeysLfuKeepsTheFrequentlyUsedKeys() {
        c.cmd("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
        fill("k", 1000);
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 100; i++) {
                c.cmd("GET", "k" + i);
            }
        }
        assertThat(c.cmd("OBJECT", "FREQ", "k0")).isNotEqualTo(":5\r\n");
        assertThat(c.cmd("OBJECT", "FREQ", "k500")).isEqualTo(":5\r\n");
        limitTo(0.6);
        c.cmd("PING");
        assertThat(surviving("k", 100)).isEqualTo(100);
        assertThat(db().size()).isLessThan(700);
    }

    @Test
    void lfuCountersDecayWithIdleMinutes() {
        c.cmd("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu", "lfu-log-factor", "0");
        c.cmd("SET", "k", "v");
        for (int i = 0; i < 20; i++) {
            c.cmd("GET", "k");
        }
        assertThat(c.cmd("OBJECT", "FREQ", "k")).isEqualTo(":25\r\n");
        h.clock.advance(3 * 60_000);
        assertThat(c.cmd("OBJECT", "FREQ", "k")).isEqualTo(":22\r\n");
        c.cmd("GET", "k");
        assertThat(c.cmd("OBJECT", "FREQ", "k")).isEqualTo(":23\r\n");
        c.cmd("CONFIG", "SET", "lfu-decay-time", "0");
        h.clock.advance(60 * 60_000);
        assertThat(c.cmd("OBJECT", "FREQ", "k")).isEqualTo(":23\r\n");
    }

    @Test
    void volatileTtlEvictsTheNearestExpiryAndNeverPersistentKeys() {
        c.cmd("CONFIG", "SET", "maxmemory-policy", "volatile-ttl", "maxmemory-samples", "10");
        fill("p", 200);
        for (int i = 0; i < 200; i++) {
            c.cmd("SET", "t" + i, VALUE, "EX", Integer.toString(1000 + i));
        }
        limitTo(0.8);
        c.cmd("PING");
        assertThat(surviving("p", 200)).isEqualTo(200);
        int evicted = 200 - surviving("t", 200);
        assertThat(evicted).isBetween(60, 100);
        assertThat(surviving("t", 100)).as("shortest TTLs go first").isLessThan(surviving("t", 200) - 90);
        limitTo(0.5);
        assertThat(c.cmd("SET", "more", VALUE)).isEqualTo(OOM);
        assertThat(db().volatileCount()).isZero();
        assertThat(surviving("p", 200)).isEqualTo(200);
    }

    @Test
    void volatileLruAndLfuChooseAmongKeysWithATtlByUse() {
        for (String policy : new String[] {"volatile-lru", "volatile-lfu"}) {
            c.cmd("FLUSHALL");
            c.cmd("CONFIG", "SET", "maxmemory", "0", "maxmemory-policy", policy);
            fill("p", 300);
            for (int i = 0; i < 300; i++) {
                c.cmd("SET", "t" + i, VALUE, "EX", "100000");
            }
            h.clock.advance(5_000);
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < 30; i++) {
                    c.cmd("GET", "t" + i);
                }
            }
            limitTo(0.8);
            c.cmd("PING");
            assertThat(surviving("p", 300)).as(policy).isEqualTo(300);
            assertThat(surviving("t", 30)).as(policy).isEqualTo(30);
            assertThat(surviving("t", 300)).as(policy).isBetween(150, 200);
        }
    }

    @Test
    void volatileRandomOnlyEvictsKeysWithATtl() {
        c.cmd("CONFIG", "SET", "maxmemory-policy", "volatile-random");
        fill("p", 300);
        for (int i = 0; i < 300; i++) {
            c.cmd("SET", "t" + i, VALUE, "PX", "1000000");
        }
        limitTo(0.8);
        c.cmd("PING");
        assertThat(surviving("p", 300)).isEqualTo(300);
        assertThat(surviving("t", 300)).isBetween(150, 200);
    }

    @Test
    void allkeysRandomEvictsFromEveryDatabase() {
        c.cmd("CONFIG", "SET", "maxmemory-policy", "allkeys-random");
        fill("a", 300);
        c.cmd("SELECT", "1");
        fill("b", 300);
        limitTo(0.5);
        c.cmd("PING");
        assertThat(h.engine.keyspace().db(0).size()).isBetween(80, 220);
        assertThat(h.engine.keyspace().db(1).size()).isBetween(80, 220);
    }

    @Test
    void evictionsPropagateDelAndInvalidateWatch() {
        c.cmd("CONFIG", "SET", "maxmemory-policy", "allkeys-random");
        fill("k", 50);
        Harness.Conn watcher = h.connect();
        for (int i = 0; i < 50; i++) {
            watcher.cmd("WATCH", "k" + i);
        }
        h.propagated.clear();
        limitTo(0.5);
        c.cmd("PING");
        List<String> dels = new ArrayList<>();
        for (String p : h.propagated) {
            assertThat(p).startsWith("0:DEL k");
            dels.add(p);
        }
        assertThat(dels).hasSize((int) h.engine.stats().evictedKeys).isNotEmpty();
        watcher.cmd("MULTI");
        watcher.cmd("PING");
        assertThat(watcher.cmd("EXEC")).isEqualTo("*-1\r\n");
    }

    @Test
    void noevictionRefusesOnlyDenyoomCommands() {
        fill("k", 10);
        limitTo(0.5);
        assertThat(c.cmd("SET", "a", "b")).isEqualTo(OOM);
        assertThat(c.cmd("APPEND", "k1", "b")).isEqualTo(OOM);
        assertThat(c.cmd("GET", "k1")).startsWith("$100\r\n");
        assertThat(c.cmd("DEL", "k1")).isEqualTo(":1\r\n");
        assertThat(c.cmd("EXPIRE", "k2", "100")).isEqualTo(":1\r\n");
        assertThat(db().size()).isEqualTo(9);
        assertThat(h.engine.stats().evictedKeys).isZero();
        c.cmd("CONFIG", "SET", "maxmemory", "0");
        assertThat(c.cmd("SET", "a", "b")).isEqualTo("+OK\r\n");
    }

    @Test
    void insideMultiEveryQueuedCommandIsRefusedAndExecAborts() {
        fill("k", 10);
        limitTo(0.5);
        assertThat(c.cmd("MULTI")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("GET", "k1")).isEqualTo(OOM);
        assertThat(c.cmd("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n");
        assertThat(c.cmd("MULTI")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("DISCARD")).isEqualTo("+OK\r\n");
        c.cmd("MULTI");
        assertThat(c.cmd("EXEC")).isEqualTo("*0\r\n");
    }

    @Test
    void execOfAQueuedDenyoomCommandIsAbortedWhenMemoryRanOutMeanwhile() {
        fill("k", 10);
        c.cmd("MULTI");
        assertThat(c.cmd("SET", "a", "b")).isEqualTo("+QUEUED\r\n");
        Harness.Conn admin = h.connect();
        admin.cmd("CONFIG", "SET", "maxmemory", "1");
        assertThat(c.cmd("EXEC"))
                .isEqualTo("-EXECABORT Transaction discarded because of: OOM command not allowed when used memory > "
                        + "'maxmemory'.\r\n");
        assertThat(c.cmd("EXEC")).isEqualTo("-ERR EXEC without MULTI\r\n");
        c.cmd("MULTI");
        admin.cmd("CONFIG", "SET", "maxmemory", "0");
        c.cmd("GET", "k1");
        admin.cmd("CONFIG", "SET", "maxmemory", "1");
        assertThat(c.cmd("EXEC")).startsWith("*1\r\n$100\r\n");
    }

    @Test
    void scriptsFollowRedisSevenOomRules() {
        fill("k", 10);
        limitTo(0.5);
        String set = "return redis.call('set','x','y')";
        assertThat(c.cmd("EVAL", set, "0"))
                .isEqualTo("-OOM command not allowed when used memory > 'maxmemory'. script: "
                        + "71e6319f97b0fe8bdfa1c5df3ce4489946dda479, on @user_script:1.\r\n");
        assertThat(c.cmd("EVAL", "return redis.pcall('set','x','y')", "0")).isEqualTo(OOM);
        assertThat(c.cmd("EVAL", "redis.call('del','zz'); return redis.call('set','x','y')", "0"))
                .as("a script that already wrote may go on")
                .isEqualTo("+OK\r\n");
        assertThat(c.cmd("EVAL", "return redis.call('get','k1')", "0")).startsWith("$100\r\n");
        assertThat(c.cmd("EVAL", "#!lua\nreturn redis.call('get','k1')", "0")).isEqualTo(OOM);
        assertThat(c.cmd("EVAL", "#!lua flags=no-writes\nreturn redis.call('get','k1')", "0"))
                .startsWith("$100\r\n");
        assertThat(c.cmd("EVAL", "#!lua flags=allow-oom\nreturn redis.call('set','y','z')", "0"))
                .isEqualTo("+OK\r\n");
        c.cmd("CONFIG", "SET", "maxmemory", "0");
        String sha = c.cmd("SCRIPT", "LOAD", "#!lua\nreturn 1").substring(5, 45);
        limitTo(0.5);
        assertThat(c.cmd("EVALSHA", sha, "0")).isEqualTo(OOM);
    }

    @Test
    void objectFreqAndIdletimeAnswerUnderTheirPolicyOnly() {
        c.cmd("SET", "k", "v");
        h.clock.advance(7_000);
        assertThat(c.cmd("OBJECT", "IDLETIME", "k")).isEqualTo(":7\r\n");
        assertThat(c.cmd("OBJECT", "FREQ", "k")).startsWith("-ERR An LFU maxmemory policy is not selected");
        assertThat(c.cmd("OBJECT", "FREQ", "nokey")).isEqualTo("$-1\r\n");
        c.cmd("GET", "k");
        assertThat(c.cmd("OBJECT", "IDLETIME", "k")).isEqualTo(":0\r\n");
        c.cmd("CONFIG", "SET", "maxmemory-policy", "volatile-lfu");
        assertThat(c.cmd("OBJECT", "IDLETIME", "k")).startsWith("-ERR An LFU maxmemory policy is selected");
        c.cmd("SET", "n", "v");
        assertThat(c.cmd("OBJECT", "FREQ", "n")).isEqualTo(":5\r\n");
    }

    @Test
    void memoryUsageValidatesSamplesAndEstimatesTheEntry() {
        c.cmd("SET", "k", "v");
        assertThat(c.cmd("MEMORY", "USAGE", "k"))
                .as("48 entry + 24 key-and-value array")
                .isEqualTo(":72\r\n");
        assertThat(c.cmd("MEMORY", "USAGE", "k", "SAMPLES", "0")).isEqualTo(":72\r\n");
        assertThat(c.cmd("MEMORY", "USAGE", "nokey")).isEqualTo("$-1\r\n");
        assertThat(c.cmd("MEMORY", "USAGE", "k", "SAMPLES", "-1")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.cmd("MEMORY", "USAGE", "k", "SAMPLES")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.cmd("MEMORY", "USAGE", "k", "SAMPLES", "x"))
                .isEqualTo("-ERR value is not an integer or out of range\r\n");
        c.cmd("RPUSH", "list", "a", "b", "c");
        String listUsage = c.cmd("MEMORY", "USAGE", "list");
        c.cmd("RPUSH", "list", VALUE, VALUE);
        assertThat(Long.parseLong(c.cmd("MEMORY", "USAGE", "list").substring(1).trim()))
                .isGreaterThan(Long.parseLong(listUsage.substring(1).trim()) + 200);
    }

    @Test
    void memoryStatsAndDoctorAccountForTheKeyspace() {
        assertThat(c.cmd("MEMORY", "DOCTOR")).contains("this instance is empty");
        fill("k", 30_000);
        c.cmd("SELECT", "3");
        c.cmd("SET", "t", "v", "EX", "100");
        String stats = c.cmd("MEMORY", "STATS");
        assertThat(stats).startsWith("*30\r\n$14\r\npeak.allocated\r\n");
        assertThat(stats).contains("$10\r\nkeys.count\r\n:30001\r\n");
        assertThat(stats).contains("$4\r\ndb.0\r\n*4\r\n$23\r\noverhead.hashtable.main\r\n");
        assertThat(stats).contains("$4\r\ndb.3\r\n");
        assertThat(stats).doesNotContain("db.1");
        long perKey = Long.parseLong(stats.split("keys.bytes-per-key\r\n:")[1].split("\r\n")[0]);
        assertThat(perKey).as("48 entry + 128 key-and-value array + table").isBetween(176L, 200L);
        assertThat(c.cmd("MEMORY", "DOCTOR")).contains("I can't find any memory issue");
        fill("m", 30_000);
        h.engine.cron();
        c.cmd("FLUSHALL");
        fill("k", 30_000);
        assertThat(c.cmd("MEMORY", "DOCTOR")).contains(" * Peak memory: In the past");
    }

    @Test
    void infoReportsTheLimitAndThePeak() {
        fill("k", 100);
        h.engine.cron();
        c.cmd("FLUSHALL");
        c.cmd("CONFIG", "SET", "maxmemory", "10mb", "maxmemory-policy", "allkeys-lru");
        String info = c.cmd("INFO", "memory");
        assertThat(info).contains("maxmemory:10485760\r\n", "maxmemory_human:10.00M\r\n");
        assertThat(info).contains("maxmemory_policy:allkeys-lru\r\n");
        long used = field(info, "used_memory");
        long peak = field(info, "used_memory_peak");
        assertThat(peak).isGreaterThan(used + 100 * 100);
        assertThat(field(info, "used_memory_rss")).isPositive();
    }

    @Test
    void configValidatesTheDirectives() {
        assertThat(c.cmd("CONFIG", "SET", "maxmemory-policy", "foo"))
                .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'maxmemory-policy') - argument(s) "
                        + "must be one of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, "
                        + "allkeys-lru, allkeys-lfu, allkeys-random, noeviction\r\n");
        assertThat(c.cmd("CONFIG", "SET", "maxmemory", "-1"))
                .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a "
                        + "memory value\r\n");
        assertThat(c.cmd("CONFIG", "SET", "maxmemory-samples", "0"))
                .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'maxmemory-samples') - argument "
                        + "must be between 1 and 2147483647 inclusive\r\n");
        assertThat(c.cmd("CONFIG", "SET", "maxmemory", "1kb")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("CONFIG", "GET", "maxmemory")).isEqualTo("*2\r\n$9\r\nmaxmemory\r\n$4\r\n1024\r\n");
        assertThat(h.engine.evictor().maxmemory()).isEqualTo(1024);
    }

    @Test
    void theLimitAndPolicyApplyFromTheStartupConfiguration() throws Exception {
        StoreConfig config = ConfigLoader.load(
                null,
                List.of(
                        "--maxmemory",
                        "1mb",
                        "--maxmemory-policy",
                        "allkeys-lfu",
                        "--maxmemory-samples",
                        "10",
                        "--save",
                        ""));
        Harness started = new Harness(config);
        assertThat(started.engine.evictor().maxmemory()).isEqualTo(1024 * 1024);
        assertThat(started.engine.evictor().policy()).isEqualTo(MaxmemoryPolicy.ALLKEYS_LFU);
        Harness.Conn conn = started.connect();
        conn.cmd("SET", "k", "v");
        assertThat(conn.cmd("OBJECT", "FREQ", "k")).isEqualTo(":5\r\n");
        for (int i = 0; i < 20_000; i++) {
            conn.cmd("SET", "k" + i, VALUE);
        }
        conn.cmd("PING");
        assertThat(started.engine.usedMemory())
                .as("evictions run before each command, so the last write may go over until the next one")
                .isLessThanOrEqualTo(1024 * 1024);
        assertThat(started.engine.stats().evictedKeys).isPositive();
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("--maxmemory-policy", "lru")))
                .hasMessageEndingWith("maxmemory-policy \"lru\": argument(s) must be one of the following: "
                        + "volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, "
                        + "allkeys-random, noeviction");
    }

    private static long field(String info, String name) {
        int at = info.indexOf("\n" + name + ":") + name.length() + 2;
        return Long.parseLong(info.substring(at, info.indexOf('\r', at)));
    }
}
