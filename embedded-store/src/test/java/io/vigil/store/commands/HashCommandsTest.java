package io.vigil.store.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.engine.Harness;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HashCommandsTest {

    private static final Pattern BULK = Pattern.compile("\\$\\d+\r\n([^\r]*)\r\n");

    private final Harness h = new Harness();
    private final Harness.Conn c = h.connect();

    private static List<String> bulks(String reply) {
        List<String> out = new ArrayList<>();
        Matcher m = BULK.matcher(reply);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private long memory() {
        return h.engine.keyspace().db(0).memoryBytes();
    }

    @Test
    void setGetAndDeleteTheLastFieldDeletesTheKey() {
        assertThat(c.cmd("HSET", "h", "a", "1", "b", "2")).isEqualTo(":2\r\n");
        assertThat(c.cmd("HSET", "h", "a", "3", "c", "4")).isEqualTo(":1\r\n");
        assertThat(c.cmd("HMSET", "h", "d", "5")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("HSET", "h", "a", "1", "b"))
                .isEqualTo("-ERR wrong number of arguments for 'hset' command\r\n");
        assertThat(c.cmd("HGETALL", "h"))
                .isEqualTo(
                        "*8\r\n$1\r\na\r\n$1\r\n3\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n4\r\n$1\r\nd\r\n$1\r\n5\r\n");
        assertThat(c.cmd("HMGET", "h", "a", "zz")).isEqualTo("*2\r\n$1\r\n3\r\n$-1\r\n");
        assertThat(c.cmd("HSETNX", "h", "a", "x")).isEqualTo(":0\r\n");
        assertThat(c.cmd("HDEL", "h", "a", "b", "c", "d", "e")).isEqualTo(":4\r\n");
        assertThat(c.cmd("EXISTS", "h")).isEqualTo(":0\r\n");
        assertThat(c.cmd("HDEL", "h", "a")).isEqualTo(":0\r\n");
        assertThat(h.propagated)
                .containsExactly("0:HSET h a 1 b 2", "0:HSET h a 3 c 4", "0:HMSET h d 5", "0:HDEL h a b c d e");
    }

    @Test
    void wrongTypeAndMissingKeys() {
        c.cmd("SET", "s", "v");
        for (String[] cmd : new String[][] {
            {"HGET", "s", "a"},
            {"HSET", "s", "a", "1"},
            {"HLEN", "s"},
            {"HGETALL", "s"},
            {"HINCRBY", "s", "a", "1"},
            {"HRANDFIELD", "s", "2"},
            {"HSCAN", "s", "0"},
            {"HDEL", "s", "a"}
        }) {
            assertThat(c.cmd(cmd)).startsWith("-WRONGTYPE");
        }
        assertThat(c.cmd("HLEN", "none")).isEqualTo(":0\r\n");
        assertThat(c.cmd("HGETALL", "none")).isEqualTo("*0\r\n");
        assertThat(c.cmd("HRANDFIELD", "none")).isEqualTo("$-1\r\n");
        assertThat(c.cmd("HRANDFIELD", "none", "-3")).isEqualTo("*0\r\n");
        assertThat(c.cmd("HSCAN", "none", "0")).isEqualTo("*2\r\n$1\r\n0\r\n*0\r\n");
        assertThat(c.cmd("HSCAN", "none", "x")).isEqualTo("-ERR invalid cursor\r\n");
    }

    @Test
    void incrementsAndFloatPropagation() {
        assertThat(c.cmd("HINCRBY", "h", "n", "5")).isEqualTo(":5\r\n");
        assertThat(c.cmd("HINCRBY", "h", "n", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        c.cmd("HSET", "h", "s", "abc", "m", "9223372036854775807");
        assertThat(c.cmd("HINCRBY", "h", "s", "1")).isEqualTo("-ERR hash value is not an integer\r\n");
        assertThat(c.cmd("HINCRBY", "h", "m", "1")).isEqualTo("-ERR increment or decrement would overflow\r\n");
        assertThat(c.cmd("HINCRBYFLOAT", "h", "s", "1")).isEqualTo("-ERR hash value is not a float\r\n");
        assertThat(c.cmd("HINCRBYFLOAT", "h", "f", "inf")).isEqualTo("-ERR value is NaN or Infinity\r\n");
        assertThat(c.cmd("HINCRBYFLOAT", "h", "f", "1.0e-2")).isEqualTo("$4\r\n0.01\r\n");
        assertThat(c.cmd("HINCRBYFLOAT", "h", "f", "5.0e3")).isEqualTo("$22\r\n5000.00999999999999979\r\n");
        assertThat(h.propagated).contains("0:HSET h f 5000.00999999999999979");
    }

    @Test
    void encodingsConvertOneWayAtRedisThresholds() {
        String[] args = new String[2 + 2 * 512];
        args[0] = "HSET";
        args[1] = "big";
        for (int i = 0; i < 512; i++) {
            args[2 + 2 * i] = "f" + i;
            args[3 + 2 * i] = "v";
        }
        c.cmd(args);
        assertThat(c.cmd("OBJECT", "ENCODING", "big")).isEqualTo("$8\r\nlistpack\r\n");
        c.cmd("HSET", "big", "one-more", "v");
        assertThat(c.cmd("OBJECT", "ENCODING", "big")).isEqualTo("$9\r\nhashtable\r\n");
        c.cmd("HDEL", "big", "one-more", "f1", "f2");
        assertThat(c.cmd("OBJECT", "ENCODING", "big")).isEqualTo("$9\r\nhashtable\r\n");
        c.cmd("HSET", "long", "f", "x".repeat(64));
        assertThat(c.cmd("OBJECT", "ENCODING", "long")).isEqualTo("$8\r\nlistpack\r\n");
        c.cmd("HINCRBYFLOAT", "long", "g".repeat(65), "1");
        assertThat(c.cmd("OBJECT", "ENCODING", "long")).isEqualTo("$9\r\nhashtable\r\n");
    }

    @Test
    void memoryEstimateReturnsToBaselineWhenTheHashIsDeleted() {
        long empty = memory();
        c.cmd("HSET", "h", "a", "1");
        long small = memory();
        assertThat(small).isGreaterThan(empty);
        for (int i = 0; i < 600; i++) {
            c.cmd("HSET", "h", "f" + i, "value-" + i);
        }
        assertThat(memory()).isGreaterThan(small + 600 * 40);
        for (int i = 0; i < 600; i++) {
            c.cmd("HDEL", "h", "f" + i);
        }
        c.cmd("HDEL", "h", "a");
        assertThat(c.cmd("EXISTS", "h")).isEqualTo(":0\r\n");
        assertThat(memory()).isEqualTo(empty);
    }

    @Test
    void watchSeesFieldChangesButNotNoOps() {
        Harness.Conn other = h.connect();
        c.cmd("HSET", "h", "a", "1");
        c.cmd("WATCH", "h");
        other.cmd("HSETNX", "h", "a", "2");
        other.cmd("HDEL", "h", "zz");
        c.cmd("MULTI");
        c.cmd("HGET", "h", "a");
        assertThat(c.cmd("EXEC")).isEqualTo("*1\r\n$1\r\n1\r\n");
        c.cmd("WATCH", "h");
        other.cmd("HINCRBY", "h", "a", "1");
        c.cmd("MULTI");
        c.cmd("HGET", "h", "a");
        assertThat(c.cmd("EXEC")).isEqualTo("*-1\r\n");
    }

    @Test
    void randomFieldsRespectCountSemanticsAndAreRepeatableWithASeed() {
        for (int i = 0; i < 20; i++) {
            c.cmd("HSET", "h", "f" + i, "v" + i);
        }
        List<String> distinct = bulks(c.cmd("HRANDFIELD", "h", "15"));
        assertThat(distinct).hasSize(15).doesNotHaveDuplicates();
        List<String> repeated = bulks(c.cmd("HRANDFIELD", "h", "-100"));
        assertThat(repeated).hasSize(100);
        assertThat(new HashSet<>(repeated).size()).isLessThan(100);
        List<String> pairs = bulks(c.cmd("HRANDFIELD", "h", "5", "WITHVALUES"));
        for (int i = 0; i < pairs.size(); i += 2) {
            assertThat(pairs.get(i + 1)).isEqualTo("v" + pairs.get(i).substring(1));
        }
        h.engine.seedRandom(42);
        String first = c.cmd("HRANDFIELD", "h", "7");
        h.engine.seedRandom(42);
        assertThat(c.cmd("HRANDFIELD", "h", "7")).isEqualTo(first);
        c.cmd("HELLO", "3");
        assertThat(c.cmd("HRANDFIELD", "h", "-1", "WITHVALUES")).startsWith("*1\r\n*2\r\n");
        assertThat(c.cmd("HGETALL", "none")).isEqualTo("%0\r\n");
    }

    @Test
    void hscanOfAHashtableReturnsEveryFieldOnce() {
        for (int i = 0; i < 1000; i++) {
            c.cmd("HSET", "h", "f" + i, "v" + i);
        }
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        do {
            List<String> reply = bulks(c.cmd("HSCAN", "h", cursor, "COUNT", "50"));
            cursor = reply.get(0);
            for (int i = 1; i < reply.size(); i += 2) {
                assertThat(seen.add(reply.get(i)))
                        .as("field %s seen twice", reply.get(i))
                        .isTrue();
                assertThat(reply.get(i + 1)).isEqualTo("v" + reply.get(i).substring(1));
            }
        } while (!cursor.equals("0"));
        assertThat(seen).hasSize(1000);
        assertThat(bulks(c.cmd("HSCAN", "h", "0", "MATCH", "f99*", "COUNT", "100000")))
                .containsExactlyInAnyOrder(
                        "0", "f99", "v99", "f990", "v990", "f991", "v991", "f992", "v992", "f993", "v993", "f994",
                        "v994", "f995", "v995", "f996", "v996", "f997", "v997", "f998", "v998", "f999", "v999");
    }
}
