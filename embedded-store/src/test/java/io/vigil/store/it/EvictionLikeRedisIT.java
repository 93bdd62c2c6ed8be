package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The eviction policies choose like redis-server 7.0.15's: the same scenario runs against both servers (2000 keys
 * of 100 bytes, some of them used, then {@code maxmemory} lowered so that about 40% of the dataset must go) and the
 * keys each server kept are compared. The policies are sampled approximations, so the test checks the same outcome
 * (which group of keys survives) and a similar number of evictions, not the same keys. redis-server evicts somewhat
 * more: its {@code used_memory} also holds the pipelining client's query buffer, which the limit is computed from.
 */
class EvictionLikeRedisIT extends ContractTestBase {

    private static final Logger LOG = LoggerFactory.getLogger(EvictionLikeRedisIT.class);
    private static final int KEYS = 2000;
    private static final int HOT = 200;
    private static final String VALUE = "v".repeat(100);

    /** What one server did in a scenario. */
    private record Outcome(int hotKept, int coldKept, long evicted) {}

    @AfterEach
    void noLimit() throws Exception {
        mismatches(new String[][] {{"CONFIG", "SET", "maxmemory", "0", "maxmemory-policy", "noeviction"}});
    }

    private static long field(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1));
            }
        }
        throw new AssertionError("no " + name);
    }

    private static void pipeline(RawConnection c, int count, IntFunction<String[]> command) throws Exception {
        for (int i = 0; i < count; i++) {
            c.sendCommand(command.apply(i));
        }
        for (int i = 0; i < count; i++) {
            c.readReply();
        }
    }

    private static int kept(RawConnection c, int from, int to) throws Exception {
        int kept = 0;
        for (int i = from; i < to; i++) {
            if (c.call("EXISTS", "k:" + i).equals(":1\r\n")) {
                kept++;
            }
        }
        return kept;
    }

    /**
     * Fills the server, lets {@code use} touch keys, lowers maxmemory by 40% of the dataset and writes once so the
     * server evicts; keys {@code k:0} to {@code k:199} are the "hot" group.
     */
    private static Outcome scenario(int port, String policy, boolean withTtl, Use use) throws Exception {
        try (RawConnection c = new RawConnection(port)) {
            c.call("FLUSHALL");
            c.call("CONFIG", "SET", "maxmemory", "0", "maxmemory-policy", policy);
            c.call("CONFIG", "RESETSTAT");
            long empty = field(c.call("INFO", "memory"), "used_memory");
            pipeline(
                    c,
                    KEYS,
                    i -> withTtl
                            ? new String[] {"SET", "k:" + i, VALUE, "EX", Integer.toString(10_000 + i)}
                            : new String[] {"SET", "k:" + i, VALUE});
            use.apply(c);
            long used = field(c.call("INFO", "memory"), "used_memory");
            long dataset = used - empty;
            c.call("CONFIG", "SET", "maxmemory", Long.toString(used - dataset * 4 / 10));
            c.call("SET", "trigger", "x");
            return new Outcome(kept(c, 0, HOT), kept(c, HOT, KEYS), field(c.call("INFO", "stats"), "evicted_keys"));
        }
    }

    private interface Use {
        void apply(RawConnection c) throws Exception;
    }

    private static void assertSimilar(Outcome redisOutcome, Outcome ours) {
        LOG.info("redis-server {} / vigil {}", redisOutcome, ours);
        long least = Math.min(redisOutcome.evicted(), ours.evicted());
        long most = Math.max(redisOutcome.evicted(), ours.evicted());
        assertThat(least).as("evictions redis=%s vigil=%s", redisOutcome, ours).isGreaterThan(most / 3);
    }

    @Test
    void allkeysLruKeepsTheKeysUsedAfterASleepLikeRedis() throws Exception {
        Use touch = c -> {
            // Let 2 s of idle time accrue (LRU clocks have 1 s resolution); nothing to wait for, so a plain sleep.
            // DEBUG SLEEP would not do: redis-server's cached LRU clock does not move while its loop is blocked.
            Thread.sleep(2100);
            pipeline(c, HOT, i -> new String[] {"GET", "k:" + i});
        };
        Outcome real = scenario(redis.port(), "allkeys-lru", false, touch);
        Outcome ours = scenario(store.port(), "allkeys-lru", false, touch);
        assertThat(real.hotKept()).as("redis %s", real).isGreaterThanOrEqualTo(HOT * 95 / 100);
        assertThat(ours.hotKept()).as("vigil %s", ours).isGreaterThanOrEqualTo(HOT * 95 / 100);
        assertSimilar(real, ours);
    }

    @Test
    void allkeysLfuKeepsTheFrequentlyReadKeysLikeRedis() throws Exception {
        Use read = c -> {
            for (int round = 0; round < 30; round++) {
                pipeline(c, HOT, i -> new String[] {"GET", "k:" + i});
            }
        };
        Outcome real = scenario(redis.port(), "allkeys-lfu", false, read);
        Outcome ours = scenario(store.port(), "allkeys-lfu", false, read);
        assertThat(real.hotKept()).as("redis %s", real).isGreaterThanOrEqualTo(HOT * 95 / 100);
        assertThat(ours.hotKept()).as("vigil %s", ours).isGreaterThanOrEqualTo(HOT * 95 / 100);
        assertSimilar(real, ours);
    }

    @Test
    void volatileTtlEvictsTheNearestExpiriesLikeRedis() throws Exception {
        Use nothing = c -> {};
        Outcome real = scenario(redis.port(), "volatile-ttl", true, nothing);
        Outcome ours = scenario(store.port(), "volatile-ttl", true, nothing);
        // k:0..k:199 have the shortest TTLs: both servers evict far more of them than of the others (how many of
        // them survive depends on how many keys in all had to go: redis-server evicts more, see the class doc).
        for (Outcome o : new Outcome[] {real, ours}) {
            double hotShare = o.hotKept() / (double) HOT;
            double coldShare = o.coldKept() / (double) (KEYS - HOT);
            assertThat(hotShare).as("%s", o).isLessThan(coldShare / 3);
        }
        assertSimilar(real, ours);
    }

    @Test
    void allkeysRandomSparesNoGroupLikeRedis() throws Exception {
        Use touch = c -> pipeline(c, HOT, i -> new String[] {"GET", "k:" + i});
        Outcome real = scenario(redis.port(), "allkeys-random", false, touch);
        Outcome ours = scenario(store.port(), "allkeys-random", false, touch);
        for (Outcome o : new Outcome[] {real, ours}) {
            double hotShare = o.hotKept() / (double) HOT;
            double coldShare = o.coldKept() / (double) (KEYS - HOT);
            assertThat(Math.abs(hotShare - coldShare)).as("%s", o).isLessThan(0.2);
        }
        assertSimilar(real, ours);
    }
}
