package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code maxmemory} behaviour, {@code OBJECT}/{@code MEMORY} replies, SCAN cursors and INCRBYFLOAT formatting,
 * replied byte for byte as by redis-server 7.0.15. A limit of 1 byte puts both servers over it with {@code
 * noeviction}, so every OOM rule (plain commands, MULTI, EXEC, scripts) is exercised without filling memory.
 */
class MemoryContractIT extends ContractTestBase {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryContractIT.class);

    private static final String[][] OOM = {
        {"FLUSHALL"},
        {"SET", "k", "v"},
        {"CONFIG", "SET", "maxmemory-policy", "noeviction"},
        {"CONFIG", "SET", "maxmemory", "1"},
        {"SET", "a", "b"},
        {"APPEND", "k", "x"},
        {"LPUSH", "l", "x"},
        {"GET", "k"},
        {"EXISTS", "k"},
        {"EXPIRE", "k", "1000"},
        {"PERSIST", "k"},
        {"EVAL", "return redis.call('set','x','y')", "0"},
        {"EVAL", "return redis.pcall('set','x','y')", "0"},
        {"EVAL", "redis.call('del','zz'); return redis.call('set','x','y')", "0"},
        {"EVAL", "redis.call('get','zz'); return redis.call('set','x','y')", "0"},
        {"EVAL", "return redis.call('get','k')", "0"},
        {"EVAL", "#!lua\nreturn redis.call('get','k')", "0"},
        {"EVAL", "#!lua flags=no-writes\nreturn redis.call('get','k')", "0"},
        {"EVAL", "#!lua flags=allow-oom\nreturn redis.call('set','y','z')", "0"},
        {"EVAL_RO", "return redis.call('get','k')", "0"},
        {"MULTI"},
        {"GET", "k"},
        {"SET", "a", "b"},
        {"EXEC"},
        {"MULTI"},
        {"EXEC"},
        {"MULTI"},
        {"DISCARD"},
        {"MULTI"},
        {"PING"},
        {"EXEC"},
        {"DEL", "k", "x", "y"},
        {"CONFIG", "SET", "maxmemory", "0"},
        {"MULTI"},
        {"SET", "a", "b"},
        {"EVAL", "return redis.call('set','x','y')", "0"},
        {"CONFIG", "SET", "maxmemory", "1"},
        {"EXEC"},
        {"EVAL", "return redis.call('get','a')", "0"},
        {"CONFIG", "SET", "maxmemory", "0"},
        {"SET", "a", "c"},
        {"FLUSHALL"},
    };

    private static final String[][] CONFIG_AND_OBJECT = {
        {"FLUSHALL"},
        {"CONFIG", "GET", "maxmemory"},
        {"CONFIG", "GET", "maxmemory-policy"},
        {"CONFIG", "GET", "maxmemory-samples"},
        {"CONFIG", "GET", "maxmemory-eviction-tenacity"},
        {"CONFIG", "GET", "lfu-log-factor"},
        {"CONFIG", "GET", "lfu-decay-time"},
        {"CONFIG", "SET", "maxmemory-policy", "foo"},
        {"CONFIG", "SET", "maxmemory-policy", "ALLKEYS-LRU"},
        {"CONFIG", "GET", "maxmemory-policy"},
        {"CONFIG", "SET", "maxmemory", "-1"},
        {"CONFIG", "SET", "maxmemory", "10mb"},
        {"CONFIG", "GET", "maxmemory"},
        {"CONFIG", "SET", "maxmemory", "1gb"},
        {"CONFIG", "GET", "maxmemory"},
        {"CONFIG", "SET", "maxmemory", "0"},
        {"CONFIG", "SET", "maxmemory-samples", "0"},
        {"CONFIG", "SET", "maxmemory-samples", "10"},
        {"CONFIG", "GET", "maxmemory-samples"},
        {"CONFIG", "SET", "maxmemory-samples", "5"},
        {"CONFIG", "SET", "maxmemory-eviction-tenacity", "101"},
        {"CONFIG", "SET", "lfu-log-factor", "-1"},
        {"CONFIG", "SET", "lfu-decay-time", "x"},
        {"OBJECT", "HELP"},
        {"OBJECT", "HELP", "x"},
        {"OBJECT"},
        {"OBJECT", "FOO", "k"},
        {"SET", "k", "v"},
        {"OBJECT", "FREQ", "k"},
        {"OBJECT", "FREQ", "nokey"},
        {"OBJECT", "IDLETIME", "k"},
        {"OBJECT", "IDLETIME", "nokey"},
        {"CONFIG", "SET", "maxmemory-policy", "allkeys-lfu"},
        {"SET", "fresh", "v"},
        {"OBJECT", "FREQ", "fresh"},
        {"GET", "fresh"},
        {"OBJECT", "FREQ", "fresh"},
        {"OBJECT", "IDLETIME", "fresh"},
        {"OBJECT", "IDLETIME", "nokey"},
        {"CONFIG", "SET", "maxmemory-policy", "volatile-lfu"},
        {"OBJECT", "IDLETIME", "fresh"},
        {"CONFIG", "SET", "maxmemory-policy", "noeviction"},
        {"MEMORY", "HELP"},
        {"MEMORY"},
        {"MEMORY", "USAGE"},
        {"MEMORY", "USAGE", "nokey"},
        {"MEMORY", "USAGE", "k", "SAMPLES", "-1"},
        {"MEMORY", "USAGE", "k", "SAMPLES", "x"},
        {"MEMORY", "USAGE", "k", "SAMPLES"},
        {"MEMORY", "USAGE", "k", "FOO"},
        {"MEMORY", "USAGE", "nokey", "SAMPLES", "0"},
        {"MEMORY", "FOO"},
        {"MEMORY", "PURGE"},
        {"MEMORY", "DOCTOR"},
        {"FLUSHALL"},
    };

    private static final String[][] CURSORS = {
        {"FLUSHALL"},
        {"SCAN", "-1"},
        {"SCAN", "18446744073709551615"},
        {"SCAN", "18446744073709551616"},
        {"SCAN", "-18446744073709551615"},
        {"SCAN", "-18446744073709551616"},
        {"SCAN", "+0"},
        {"SCAN", "-0"},
        {"SCAN", ""},
        {"SCAN", " 1"},
        {"SCAN", "1 "},
        {"SCAN", "0x1"},
        {"SCAN", "1.5"},
        {"SET", "a", "1"},
        {"SCAN", "-1", "MATCH", "nomatch"},
        {"SCAN", "18446744073709551615", "MATCH", "nomatch"},
        {"HSET", "h", "f", "v"},
        {"SADD", "s", "1", "2"},
        {"ZADD", "z", "1", "m"},
        {"HSCAN", "h", "-1"},
        {"SSCAN", "s", "-1"},
        {"ZSCAN", "z", "-1"},
        {"ZSCAN", "z", "-18446744073709551616"},
        {"HSCAN", "nokey", "-5"},
        {"ZSCAN", "nokey", "+3"},
        {"FLUSHALL"},
    };

    private static final String[] FLOAT_STEPS = {
        "5000",
        "0.01",
        "-5000.01",
        "10.5",
        "0.1",
        "5.0e3",
        "1e300",
        "-1e300",
        "1.5e-10",
        "0.2",
        "-0.3",
        "3",
        "1e17",
        "1",
        "-1e17",
        "0.333333333333333333333",
        "1.23456789012345678",
        "-1.23456789012345678",
        "0x10",
        "0x1p-3",
        "1e-5",
        "7",
        "99999999999999999999",
        "-99999999999999999999",
        "2.5",
        "1E2",
        ".5",
        "5.",
        "+1.5",
        "-0.0"
    };

    @AfterEach
    void noLimit() throws Exception {
        mismatches(new String[][] {{"CONFIG", "SET", "maxmemory", "0", "maxmemory-policy", "noeviction"}});
    }

    @Test
    void oomRulesMatch() throws Exception {
        assertThat(mismatches(OOM)).isEmpty();
    }

    @Test
    void configObjectAndMemoryRepliesMatch() throws Exception {
        assertThat(mismatches(CONFIG_AND_OBJECT)).isEmpty();
    }

    @Test
    void scanCursorsParseAsStrtoul() throws Exception {
        assertThat(mismatches(CURSORS)).isEmpty();
    }

    @Test
    void incrbyfloatPrintsLikeALongDouble() throws Exception {
        List<String[]> script = new ArrayList<>();
        script.add(new String[] {"FLUSHALL"});
        for (String step : FLOAT_STEPS) {
            script.add(new String[] {"INCRBYFLOAT", "f", step});
            script.add(new String[] {"INCRBYFLOAT", "fresh:" + step, step});
            script.add(new String[] {"HINCRBYFLOAT", "h", "f", step});
        }
        script.add(new String[] {"SET", "i", "inf"});
        script.add(new String[] {"INCRBYFLOAT", "i", "1"});
        script.add(new String[] {"INCRBYFLOAT", "f", "inf"});
        script.add(new String[] {"INCRBYFLOAT", "f", "abc"});
        script.add(new String[] {"INCRBYFLOAT", "f", " 1"});
        script.add(new String[] {"INCRBYFLOAT", "f", "1e5000"});
        script.add(new String[] {"SET", "s", "abc"});
        script.add(new String[] {"INCRBYFLOAT", "s", "1"});
        script.add(new String[] {"GET", "f"});
        script.add(new String[] {"FLUSHALL"});
        assertThat(mismatches(script.toArray(new String[0][]))).isEmpty();
    }

    @Test
    void idleTimeIsTouchedByTheSameCommandsAsInRedis() throws Exception {
        String[] keys = {"a", "b", "c", "d", "e", "f", "g", "h"};
        List<String[]> create = new ArrayList<>();
        create.add(new String[] {"FLUSHALL"});
        for (String k : keys) {
            create.add(new String[] {"SET", k, "v"});
        }
        assertThat(mismatches(create.toArray(new String[0][]))).isEmpty();
        await("two seconds of idle time accrue on both servers")
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> idle(redis.port(), "a") >= 2 && idle(store.port(), "a") >= 2);
        String[][] use = {
            {"EXISTS", "a"},
            {"TTL", "b"},
            {"TYPE", "c"},
            {"TOUCH", "d"},
            {"STRLEN", "e"},
            {"PTTL", "f"},
            {"GET", "g"},
            {"OBJECT", "ENCODING", "h"}
        };
        assertThat(mismatches(use)).isEmpty();
        // Idle seconds come from clocks with 1 s resolution ticking at different moments, so compare what matters:
        // which keys the commands above touched (idle 0, or 1 across a tick) and which they did not (still >= 2).
        for (String k : keys) {
            assertThat(idle(store.port(), k) <= 1)
                    .as("OBJECT IDLETIME " + k + " touched in the store as in redis-server")
                    .isEqualTo(idle(redis.port(), k) <= 1);
        }
        assertThat(mismatches(new String[][] {{"FLUSHALL"}})).isEmpty();
    }

    private static long idle(int port, String key) {
        return (Long) io.vigil.testkit.RawResp.call(port, "OBJECT", "IDLETIME", key);
    }

    /** Values of every type and encoding, small and large, for {@link #memoryUsageIsOfTheSameOrderAsRedis}. */
    private static List<String[]> values() {
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {"SET", "s", "x".repeat(100)});
        out.add(new String[] {"SET", "i", "12345"});
        out.add(new String[] {"SET", "big", "y".repeat(5000)});
        out.add(command("HSET h", 10, i -> "f" + i + " v" + i));
        out.add(command("HSET hb", 1000, i -> "f" + i + " " + "v".repeat(50) + i));
        out.add(command("RPUSH l", 100, i -> "e" + i));
        out.add(command("RPUSH lb", 5000, i -> "e".repeat(40) + i));
        out.add(command("SADD si", 100, i -> Integer.toString(i)));
        out.add(command("SADD ss", 1000, i -> "m" + i));
        out.add(command("ZADD z", 50, i -> i + " m" + i));
        out.add(command("ZADD zb", 2000, i -> i + " member" + i));
        return out;
    }

    private static String[] command(String head, int n, java.util.function.IntFunction<String> element) {
        List<String> words = new ArrayList<>(List.of(head.split(" ")));
        for (int i = 0; i < n; i++) {
            words.addAll(List.of(element.apply(i).split(" ")));
        }
        return words.toArray(new String[0]);
    }

    @Test
    void memoryUsageIsOfTheSameOrderAsRedis() throws Exception {
        try (RawConnection real = new RawConnection(redis.port());
                RawConnection ours = new RawConnection(store.port())) {
            for (RawConnection c : List.of(real, ours)) {
                c.call("FLUSHALL");
                for (String[] command : values()) {
                    c.call(command);
                }
            }
            for (String[] command : values()) {
                String key = command[1];
                long expected = Long.parseLong(real.call("MEMORY", "USAGE", key, "SAMPLES", "0")
                        .substring(1)
                        .trim());
                long actual = Long.parseLong(
                        ours.call("MEMORY", "USAGE", key).substring(1).trim());
                LOG.info("MEMORY USAGE {}: redis-server {}, vigil {}", key, expected, actual);
                // Small listpack/intset values take 4-5x Redis's bytes (the store keeps Java arrays of arrays); large
                // ones stay within 2x (2026-11-22: hash of 1000 1.27x, list of 5000 1.52x, zset of 2000 1.92x).
                double bound = expected > 10_000 ? 2.0 : 6.0;
                assertThat((double) actual / expected)
                        .as("%s: redis %s, vigil %s", key, expected, actual)
                        .isBetween(1 / bound, bound);
            }
            real.call("FLUSHALL");
            ours.call("FLUSHALL");
        }
    }

    @Test
    void execAbortsWhenMemoryRanOutAfterQueueing() throws Exception {
        List<String> replies = new ArrayList<>();
        for (int port : new int[] {redis.port(), store.port()}) {
            try (RawConnection a = new RawConnection(port);
                    RawConnection b = new RawConnection(port)) {
                StringBuilder sb = new StringBuilder();
                sb.append(a.call("FLUSHALL"));
                sb.append(a.call("MULTI"));
                sb.append(a.call("SET", "a", "b"));
                sb.append(b.call("CONFIG", "SET", "maxmemory", "1"));
                sb.append(a.call("EXEC"));
                sb.append(a.call("EXEC"));
                sb.append(a.call("MULTI"));
                sb.append(a.call("GET", "a"));
                sb.append(b.call("CONFIG", "SET", "maxmemory", "0"));
                sb.append(a.call("EXEC"));
                sb.append(a.call("MULTI"));
                sb.append(b.call("CONFIG", "SET", "maxmemory", "0"));
                sb.append(a.call("EVAL", "return redis.call('set','x','y')", "0"));
                sb.append(b.call("CONFIG", "SET", "maxmemory", "1"));
                sb.append(a.call("EXEC"));
                sb.append(b.call("CONFIG", "SET", "maxmemory", "0"));
                replies.add(sb.toString());
            }
        }
        assertThat(ContractScript.printable(replies.get(1))).isEqualTo(ContractScript.printable(replies.get(0)));
    }

    @Test
    void infoReportsTheSameMemoryFields() throws Exception {
        mismatches(new String[][] {{"CONFIG", "SET", "maxmemory", "10mb", "maxmemory-policy", "allkeys-lru"}});
        List<String> fields = List.of("maxmemory", "maxmemory_human", "maxmemory_policy");
        try (RawConnection real = new RawConnection(redis.port());
                RawConnection ours = new RawConnection(store.port())) {
            String expected = real.call("INFO", "memory");
            String actual = ours.call("INFO", "memory");
            for (String f : fields) {
                assertThat(line(actual, f)).isEqualTo(line(expected, f));
            }
            assertThat(line(ours.call("INFO", "stats"), "evicted_keys")).startsWith("evicted_keys:");
            assertThat(line(actual, "used_memory")).matches("used_memory:\\d+");
            assertThat(line(actual, "used_memory_peak")).matches("used_memory_peak:\\d+");
            assertThat(line(actual, "used_memory_rss")).matches("used_memory_rss:\\d+");
        }
    }

    private static String line(String info, String field) {
        for (String l : info.split("\r\n")) {
            if (l.startsWith(field + ":")) {
                return l;
            }
        }
        return "(no " + field + ")";
    }
}
