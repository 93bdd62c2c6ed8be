package io.vigil.store.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.SafeEncoder;

/**
 * A dataset for persistence interop tests (RDB and AOF, store and redis-server): every type in its compact and its
 * large encoding, TTLs, several databases; and a canonical fingerprint of it to compare two servers.
 */
final class InteropData {

    private InteropData() {}

    /** Runs a Redis checker ({@code redis-check-rdb}, {@code redis-check-aof}) on a file; it must exit 0. */
    static String checkTool(String tool, java.nio.file.Path file) throws Exception {
        Process p = new ProcessBuilder(tool, file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(p.waitFor()).as(output).isZero();
        return output;
    }

    static final long FAR_FUTURE_MS = 4_102_444_800_123L;
    static final int[] DBS = {0, 1, 7};

    /** Writes the dataset: small values (listpack, intset, int-encoded strings) and large ones (LZF, hashtables). */
    static void populate(int port) {
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
    static Object call(int port, int db, String... args) {
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
    static Map<String, String> fingerprint(int port) {
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
}
