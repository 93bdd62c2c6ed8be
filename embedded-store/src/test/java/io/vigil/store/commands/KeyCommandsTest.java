package io.vigil.store.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.engine.Harness;
import io.vigil.store.keyspace.StoreValue;
import io.vigil.store.keyspace.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KeyCommandsTest {

    private final Harness h = new Harness();
    private final Harness.Conn c = h.connect();

    /** A stand-in for a non-string type (hash), to check WRONGTYPE and TYPE. */
    private record FakeHash() implements StoreValue {
        @Override
        public ValueType type() {
            return ValueType.HASH;
        }

        @Override
        public String encoding() {
            return "listpack";
        }

        @Override
        public long memoryUsage() {
            return 64;
        }

        @Override
        public StoreValue copy() {
            return new FakeHash();
        }
    }

    @Test
    void wrongTypeAndType() {
        h.engine.keyspace().db(0).put("h".getBytes(StandardCharsets.US_ASCII), new FakeHash(), false);
        assertThat(c.cmd("GET", "h"))
                .isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(c.cmd("APPEND", "h", "x")).startsWith("-WRONGTYPE");
        assertThat(c.cmd("TYPE", "h")).isEqualTo("+hash\r\n");
        assertThat(c.cmd("TYPE", "none")).isEqualTo("+none\r\n");
        assertThat(c.cmd("OBJECT", "ENCODING", "h")).isEqualTo("$8\r\nlistpack\r\n");
        assertThat(c.cmd("MGET", "h")).isEqualTo("*1\r\n$-1\r\n");
        assertThat(c.cmd("SET", "h", "now a string")).isEqualTo("+OK\r\n");
    }

    @Test
    void scanVisitsEveryKeyOnceEvenWhileTheTableGrows() {
        for (int i = 0; i < 300; i++) {
            c.cmd("SET", "key:" + i, "v");
        }
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        int added = 0;
        Pattern reply = Pattern.compile("\\$\\d+\r\n([^\r]*)\r\n");
        do {
            String r = c.cmd("SCAN", cursor, "COUNT", "20", "MATCH", "key:*");
            Matcher m = reply.matcher(r);
            m.find();
            cursor = m.group(1);
            while (m.find()) {
                seen.add(m.group(1));
            }
            if (added < 500) {
                c.cmd("SET", "other:" + added++, "v");
            }
        } while (!cursor.equals("0"));
        for (int i = 0; i < 300; i++) {
            assertThat(seen).contains("key:" + i);
        }
        assertThat(seen).allMatch(k -> k.startsWith("key:"));
        assertThat(c.cmd("SCAN", "x")).isEqualTo("-ERR invalid cursor\r\n");
        assertThat(c.cmd("SCAN", "0", "COUNT", "0")).isEqualTo("-ERR syntax error\r\n");
    }

    @Test
    void keysRenameCopyMove() {
        c.cmd("MSET", "a1", "x", "a2", "y", "b1", "z");
        assertThat(c.cmd("KEYS", "a[12]")).contains("a1").contains("a2").doesNotContain("b1");
        assertThat(c.cmd("RENAME", "nokey", "x")).isEqualTo("-ERR no such key\r\n");
        c.cmd("EXPIRE", "a1", "100");
        assertThat(c.cmd("RENAME", "a1", "c1")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("TTL", "c1")).isEqualTo(":100\r\n");
        assertThat(c.cmd("RENAMENX", "c1", "a2")).isEqualTo(":0\r\n");
        assertThat(c.cmd("COPY", "c1", "c1")).isEqualTo("-ERR source and destination objects are the same\r\n");
        assertThat(c.cmd("COPY", "c1", "c2", "DB", "3")).isEqualTo(":1\r\n");
        assertThat(c.cmd("COPY", "c1", "c2", "DB", "3")).isEqualTo(":0\r\n");
        assertThat(c.cmd("COPY", "c1", "c2", "DB", "3", "REPLACE")).isEqualTo(":1\r\n");
        assertThat(c.cmd("MOVE", "a2", "0")).isEqualTo("-ERR source and destination objects are the same\r\n");
        assertThat(c.cmd("MOVE", "a2", "3")).isEqualTo(":1\r\n");
        c.cmd("SELECT", "3");
        assertThat(c.cmd("DBSIZE")).isEqualTo(":2\r\n");
        assertThat(c.cmd("TTL", "c2")).isEqualTo(":100\r\n");
        assertThat(c.cmd("FLUSHALL")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("RANDOMKEY")).isEqualTo("$-1\r\n");
    }

    @Test
    void memoryEstimateTracksTheKeyspace() {
        long empty = h.engine.keyspace().memoryBytes();
        for (int i = 0; i < 1000; i++) {
            c.cmd("SET", "key:" + i, "x".repeat(100));
        }
        long full = h.engine.keyspace().memoryBytes();
        assertThat(full - empty).isBetween(1000L * 150, 1000L * 300);
        c.cmd("FLUSHDB");
        assertThat(h.engine.keyspace().memoryBytes()).isLessThanOrEqualTo(empty);
    }
}
