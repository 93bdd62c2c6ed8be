package io.vigil.store.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.engine.Harness;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SortedSetCommandsTest {

    private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

    private final Harness h = new Harness();
    private final Harness.Conn c = h.connect();

    private static String bulks(String... items) {
        StringBuilder sb = new StringBuilder("*").append(items.length).append("\r\n");
        for (String s : items) {
            sb.append('$').append(s.length()).append("\r\n").append(s).append("\r\n");
        }
        return sb.toString();
    }

    @Test
    void zaddOptionsAndCounts() {
        assertThat(c.cmd("ZADD", "z", "1", "a", "2", "b")).isEqualTo(":2\r\n");
        assertThat(c.cmd("ZADD", "z", "CH", "3", "a", "2", "b", "4", "c")).isEqualTo(":2\r\n");
        assertThat(c.cmd("ZADD", "z", "NX", "9", "a", "5", "d")).isEqualTo(":1\r\n");
        assertThat(c.cmd("ZADD", "z", "XX", "CH", "9", "a", "9", "e")).isEqualTo(":1\r\n");
        assertThat(c.cmd("ZADD", "z", "GT", "CH", "1", "a", "10", "b")).isEqualTo(":1\r\n");
        assertThat(c.cmd("ZADD", "z", "LT", "CH", "100", "c", "0", "d")).isEqualTo(":1\r\n");
        assertThat(c.cmd("ZRANGE", "z", "0", "-1", "WITHSCORES"))
                .isEqualTo(bulks("d", "0", "c", "4", "a", "9", "b", "10"));
        assertThat(c.cmd("ZADD", "z", "NX", "XX", "1", "a"))
                .isEqualTo("-ERR XX and NX options at the same time are not compatible\r\n");
        assertThat(c.cmd("ZADD", "z", "GT", "LT", "1", "a"))
                .isEqualTo("-ERR GT, LT, and/or NX options at the same time are not compatible\r\n");
        assertThat(c.cmd("ZADD", "z", "INCR", "1", "a", "1", "b"))
                .isEqualTo("-ERR INCR option supports a single increment-element pair\r\n");
        assertThat(c.cmd("ZADD", "z", "1", "a", "2")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.cmd("ZADD", "z", "1", "a", "x", "b")).isEqualTo("-ERR value is not a valid float\r\n");
        assertThat(c.cmd("ZCARD", "z")).isEqualTo(":4\r\n");
        assertThat(c.cmd("ZADD", "missing", "XX", "1", "a")).isEqualTo(":0\r\n");
        assertThat(c.cmd("EXISTS", "missing")).isEqualTo(":0\r\n");
    }

    @Test
    void scoresParseLikeStrtodAndFormatLikeRedis() {
        c.cmd("ZADD", "z", "0.1", "a", "+inf", "b", "-Infinity", "c", "1e3", "d", ".5", "e", "0x10", "f");
        assertThat(c.cmd("ZSCORE", "z", "a")).isEqualTo("$19\r\n0.10000000000000001\r\n");
        assertThat(c.cmd("ZSCORE", "z", "b")).isEqualTo("$3\r\ninf\r\n");
        assertThat(c.cmd("ZSCORE", "z", "c")).isEqualTo("$4\r\n-inf\r\n");
        assertThat(c.cmd("ZSCORE", "z", "d")).isEqualTo("$4\r\n1000\r\n");
        assertThat(c.cmd("ZSCORE", "z", "f")).isEqualTo("$2\r\n16\r\n");
        assertThat(c.cmd("ZINCRBY", "z", "0.2", "a")).isEqualTo("$19\r\n0.30000000000000004\r\n");
        for (String bad : new String[] {"nan", "1e400", "1e-400", " 1", "1 ", "", "1d", "0x"}) {
            assertThat(c.cmd("ZADD", "z", bad, "x")).as(bad).isEqualTo("-ERR value is not a valid float\r\n");
        }
        assertThat(c.cmd("ZINCRBY", "z", "-inf", "b")).isEqualTo("-ERR resulting score is not a number (NaN)\r\n");
        assertThat(c.cmd("ZADD", "z", "INCR", "-inf", "b")).isEqualTo("-ERR resulting score is not a number (NaN)\r\n");
        assertThat(c.cmd("ZSCORE", "z", "b")).isEqualTo("$3\r\ninf\r\n");
        assertThat(c.cmd("ZADD", "z", "XX", "INCR", "1", "nope")).isEqualTo("$-1\r\n");
        assertThat(c.cmd("ZMSCORE", "z", "d", "nope")).isEqualTo("*2\r\n$4\r\n1000\r\n$-1\r\n");
    }

    @Test
    void resp3RepliesUseDoublesAndNestedPairs() {
        c.cmd("HELLO", "3");
        c.cmd("ZADD", "z", "1", "a", "2.5", "b");
        assertThat(c.cmd("ZSCORE", "z", "b")).isEqualTo(",2.5\r\n");
        assertThat(c.cmd("ZSCORE", "z", "x")).isEqualTo("_\r\n");
        assertThat(c.cmd("ZRANGE", "z", "0", "-1", "WITHSCORES"))
                .isEqualTo("*2\r\n*2\r\n$1\r\na\r\n,1\r\n*2\r\n$1\r\nb\r\n,2.5\r\n");
        assertThat(c.cmd("ZPOPMIN", "z")).isEqualTo("*2\r\n$1\r\na\r\n,1\r\n");
        assertThat(c.cmd("ZPOPMIN", "z", "1")).isEqualTo("*1\r\n*2\r\n$1\r\nb\r\n,2.5\r\n");
    }

    @Test
    void tiesOrderByMemberAndRanks() {
        c.cmd("ZADD", "z", "1", "c", "1", "a", "1", "b", "0", "z");
        assertThat(c.cmd("ZRANGE", "z", "0", "-1")).isEqualTo(bulks("z", "a", "b", "c"));
        assertThat(c.cmd("ZRANK", "z", "b")).isEqualTo(":2\r\n");
        assertThat(c.cmd("ZREVRANK", "z", "b")).isEqualTo(":1\r\n");
        assertThat(c.cmd("ZRANK", "z", "nope")).isEqualTo("$-1\r\n");
        assertThat(c.cmd("ZREVRANGE", "z", "0", "1")).isEqualTo(bulks("c", "b"));
        assertThat(c.cmd("ZRANGE", "z", "-2", "100", "REV")).isEqualTo(bulks("a", "z"));
        assertThat(c.cmd("ZRANGE", "z", "3", "1")).isEqualTo("*0\r\n");
        assertThat(c.cmd("ZRANGE", "z", "0", "1", "LIMIT", "0", "1"))
                .isEqualTo(
                        "-ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX\r\n");
    }

    @Test
    void scoreRanges() {
        c.cmd("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        assertThat(c.cmd("ZRANGEBYSCORE", "z", "(1", "3")).isEqualTo(bulks("b", "c"));
        assertThat(c.cmd("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "1", "2"))
                .isEqualTo(bulks("b", "c"));
        assertThat(c.cmd("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "-1", "2"))
                .isEqualTo("*0\r\n");
        assertThat(c.cmd("ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "3", "-1"))
                .isEqualTo(bulks("d", "e"));
        assertThat(c.cmd("ZREVRANGEBYSCORE", "z", "4", "(2", "WITHSCORES")).isEqualTo(bulks("d", "4", "c", "3"));
        assertThat(c.cmd("ZRANGE", "z", "(5", "1", "BYSCORE", "REV", "LIMIT", "1", "1"))
                .isEqualTo(bulks("c"));
        assertThat(c.cmd("ZCOUNT", "z", "(1", "(5")).isEqualTo(":3\r\n");
        assertThat(c.cmd("ZCOUNT", "z", "3", "(3")).isEqualTo(":0\r\n");
        assertThat(c.cmd("ZCOUNT", "z", "", "(")).isEqualTo(":0\r\n");
        assertThat(c.cmd("ZCOUNT", "z", "x", "1")).isEqualTo("-ERR min or max is not a float\r\n");
        assertThat(c.cmd("ZCOUNT", "z", "1", "nan")).isEqualTo("-ERR min or max is not a float\r\n");
        assertThat(c.cmd("ZREMRANGEBYSCORE", "z", "(4", "+inf")).isEqualTo(":1\r\n");
        assertThat(c.cmd("ZREMRANGEBYRANK", "z", "0", "-3")).isEqualTo(":2\r\n");
        assertThat(c.cmd("ZRANGE", "z", "0", "-1")).isEqualTo(bulks("c", "d"));
    }

    @Test
    void lexRanges() {
        c.cmd("ZADD", "l", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e");
        assertThat(c.cmd("ZRANGEBYLEX", "l", "[b", "(d")).isEqualTo(bulks("b", "c"));
        assertThat(c.cmd("ZRANGEBYLEX", "l", "-", "+", "LIMIT", "1", "2")).isEqualTo(bulks("b", "c"));
        assertThat(c.cmd("ZREVRANGEBYLEX", "l", "+", "(c")).isEqualTo(bulks("e", "d"));
        assertThat(c.cmd("ZRANGE", "l", "[d", "-", "BYLEX", "REV")).isEqualTo(bulks("d", "c", "b", "a"));
        assertThat(c.cmd("ZLEXCOUNT", "l", "(a", "[c")).isEqualTo(":2\r\n");
        assertThat(c.cmd("ZLEXCOUNT", "l", "+", "-")).isEqualTo(":0\r\n");
        assertThat(c.cmd("ZLEXCOUNT", "l", "b", "+")).isEqualTo("-ERR min or max not valid string range item\r\n");
        assertThat(c.cmd("ZLEXCOUNT", "l", "--", "+")).isEqualTo("-ERR min or max not valid string range item\r\n");
        assertThat(c.cmd("ZRANGE", "l", "-", "+", "BYLEX", "WITHSCORES"))
                .isEqualTo("-ERR syntax error, WITHSCORES not supported in combination with BYLEX\r\n");
        assertThat(c.cmd("ZREMRANGEBYLEX", "l", "[b", "[d")).isEqualTo(":3\r\n");
        assertThat(c.cmd("ZRANGE", "l", "0", "-1")).isEqualTo(bulks("a", "e"));
    }

    @Test
    void weightsAndAggregates() {
        c.cmd("ZADD", "a", "1", "x", "2", "y");
        c.cmd("ZADD", "b", "10", "y", "20", "z");
        assertThat(c.cmd("ZUNIONSTORE", "u", "2", "a", "b", "WEIGHTS", "2", "0.5"))
                .isEqualTo(":3\r\n");
        assertThat(c.cmd("ZRANGE", "u", "0", "-1", "WITHSCORES")).isEqualTo(bulks("x", "2", "y", "9", "z", "10"));
        assertThat(c.cmd("ZINTERSTORE", "i", "2", "a", "b", "AGGREGATE", "MAX")).isEqualTo(":1\r\n");
        assertThat(c.cmd("ZSCORE", "i", "y")).isEqualTo("$2\r\n10\r\n");
        assertThat(c.cmd("ZUNION", "2", "a", "b", "AGGREGATE", "MIN", "WITHSCORES"))
                .isEqualTo(bulks("x", "1", "y", "2", "z", "20"));
        assertThat(c.cmd("ZDIFF", "2", "b", "a", "WITHSCORES")).isEqualTo(bulks("z", "20"));
        assertThat(c.cmd("ZINTERSTORE", "i", "2", "a", "missing")).isEqualTo(":0\r\n");
        assertThat(c.cmd("EXISTS", "i")).isEqualTo(":0\r\n");
        c.cmd("ZADD", "p", "inf", "m");
        c.cmd("ZADD", "n", "-inf", "m");
        c.cmd("ZUNIONSTORE", "s", "2", "p", "n");
        assertThat(c.cmd("ZSCORE", "s", "m")).isEqualTo("$1\r\n0\r\n");
        c.cmd("ZUNIONSTORE", "s", "1", "p", "WEIGHTS", "0");
        assertThat(c.cmd("ZSCORE", "s", "m")).isEqualTo("$1\r\n0\r\n");
        assertThat(c.cmd("ZUNIONSTORE", "s", "0", "a"))
                .isEqualTo("-ERR at least 1 input key is needed for 'zunionstore' command\r\n");
        assertThat(c.cmd("ZUNIONSTORE", "s", "2", "a", "b", "WEIGHTS", "1", "x"))
                .isEqualTo("-ERR weight value is not a float\r\n");
        assertThat(c.cmd("ZUNIONSTORE", "s", "3", "a", "b")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.cmd("ZDIFF", "1", "a", "WEIGHTS", "1")).isEqualTo("-ERR syntax error\r\n");
    }

    @Test
    void popsDeleteEmptyKeysAndPropagateAsReceived() {
        c.cmd("ZADD", "z", "1", "a", "2", "b", "3", "c");
        h.propagated.clear();
        assertThat(c.cmd("ZPOPMAX", "z", "2")).isEqualTo(bulks("c", "3", "b", "2"));
        assertThat(c.cmd("ZPOPMIN", "z", "-1")).isEqualTo("-ERR value is out of range, must be positive\r\n");
        assertThat(c.cmd("ZPOPMIN", "z", "0")).isEqualTo("*0\r\n");
        assertThat(c.cmd("ZPOPMIN", "z")).isEqualTo(bulks("a", "1"));
        assertThat(c.cmd("EXISTS", "z")).isEqualTo(":0\r\n");
        assertThat(c.cmd("ZPOPMIN", "z")).isEqualTo("*0\r\n");
        assertThat(h.propagated).containsExactly("0:ZPOPMAX z 2", "0:ZPOPMIN z");
    }

    @Test
    void zmpopPopsFromTheFirstNonEmptyKeyAndPropagatesAsZpop() {
        c.cmd("ZADD", "z", "1", "a", "2", "b", "3", "c");
        h.propagated.clear();
        assertThat(c.cmd("ZMPOP", "2", "missing", "z", "MAX", "COUNT", "2"))
                .isEqualTo("*2\r\n$1\r\nz\r\n*2\r\n*2\r\n$1\r\nc\r\n$1\r\n3\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n");
        assertThat(c.cmd("ZMPOP", "1", "z", "MIN")).isEqualTo("*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n");
        assertThat(c.cmd("ZMPOP", "1", "z", "MIN")).isEqualTo("*-1\r\n");
        assertThat(h.propagated).containsExactly("0:ZPOPMAX z 2", "0:ZPOPMIN z 1");
        assertThat(c.cmd("ZMPOP", "1", "z", "MIN", "COUNT", "0")).isEqualTo("-ERR count should be greater than 0\r\n");
        assertThat(c.cmd("ZMPOP", "0", "z", "MIN")).isEqualTo("-ERR numkeys should be greater than 0\r\n");
    }

    @Test
    void noOpWritesAreNotPropagated() {
        c.cmd("ZADD", "z", "1", "a");
        h.propagated.clear();
        c.cmd("ZADD", "z", "1", "a");
        c.cmd("ZADD", "z", "NX", "5", "a");
        c.cmd("ZREM", "z", "nope");
        c.cmd("ZREMRANGEBYSCORE", "z", "5", "10");
        assertThat(h.propagated).isEmpty();
        c.cmd("ZREM", "z", "a");
        assertThat(h.propagated).containsExactly("0:ZREM z a");
        assertThat(c.cmd("EXISTS", "z")).isEqualTo(":0\r\n");
    }

    @Test
    void wrongTypeEverywhere() {
        c.cmd("SET", "s", "x");
        for (String[] cmd : new String[][] {
            {"ZADD", "s", "1", "a"}, {"ZSCORE", "s", "a"}, {"ZCARD", "s"}, {"ZRANGE", "s", "0", "-1"},
            {"ZPOPMIN", "s"}, {"ZRANDMEMBER", "s"}, {"ZSCAN", "s", "0"}, {"ZUNIONSTORE", "d", "1", "s"},
            {"ZCOUNT", "s", "0", "1"}, {"ZREM", "s", "a"}, {"ZRANK", "s", "a"}, {"ZMSCORE", "s", "a"}
        }) {
            assertThat(c.cmd(cmd)).as(String.join(" ", cmd)).isEqualTo(WRONGTYPE);
        }
    }

    @Test
    void encodingConvertsAtThresholdsAndMemoryIsTracked() {
        long empty = h.engine.keyspace().db(0).memoryBytes();
        c.cmd("ZADD", "z", "1", "a");
        assertThat(c.cmd("OBJECT", "ENCODING", "z")).isEqualTo("$8\r\nlistpack\r\n");
        for (int i = 0; i < 128; i++) {
            c.cmd("ZADD", "z", String.valueOf(i), "member:" + i);
        }
        assertThat(c.cmd("OBJECT", "ENCODING", "z")).isEqualTo("$8\r\nskiplist\r\n");
        long full = h.engine.keyspace().db(0).memoryBytes();
        assertThat(full - empty).isGreaterThan(129 * 60L);
        c.cmd("ZREMRANGEBYRANK", "z", "0", "99");
        long trimmed = h.engine.keyspace().db(0).memoryBytes();
        assertThat(trimmed).isLessThan(full - 100 * 60L);
        assertThat(c.cmd("OBJECT", "ENCODING", "z")).isEqualTo("$8\r\nskiplist\r\n");
        c.cmd("ZUNIONSTORE", "copy", "1", "z");
        assertThat(c.cmd("OBJECT", "ENCODING", "copy")).isEqualTo("$8\r\nlistpack\r\n");
        c.cmd("DEL", "z", "copy");
        assertThat(h.engine.keyspace().db(0).memoryBytes()).isEqualTo(empty);
    }

    @Test
    void zrandmemberPicksDistinctOrRepeatedMembers() {
        for (int i = 0; i < 20; i++) {
            c.cmd("ZADD", "z", String.valueOf(i), "m" + i);
        }
        Set<String> distinct = new HashSet<>(members(c.cmd("ZRANDMEMBER", "z", "10")));
        assertThat(distinct).hasSize(10);
        assertThat(members(c.cmd("ZRANDMEMBER", "z", "-50"))).hasSize(50).allMatch(m -> m.matches("m\\d+"));
        assertThat(members(c.cmd("ZRANDMEMBER", "z", "100"))).hasSize(20);
        assertThat(c.cmd("ZRANDMEMBER", "z", "2", "WITHSCORES")).startsWith("*4\r\n");
        assertThat(c.cmd("ZRANDMEMBER", "z")).matches("(?s)\\$\\d+\r\nm\\d+\r\n");
        assertThat(c.cmd("ZRANDMEMBER", "z", "-9223372036854775807", "WITHSCORES"))
                .isEqualTo("-ERR value is out of range\r\n");
        assertThat(c.cmd("ZRANDMEMBER", "nokey")).isEqualTo("$-1\r\n");
        assertThat(c.cmd("ZRANDMEMBER", "nokey", "3")).isEqualTo("*0\r\n");
    }

    @Test
    void zscanWalksASkiplistWithACursor() {
        for (int i = 0; i < 300; i++) {
            c.cmd("ZADD", "z", String.valueOf(i), "m" + i);
        }
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        int rounds = 0;
        do {
            String reply = c.cmd("ZSCAN", "z", cursor, "COUNT", "50", "MATCH", "m*");
            Matcher m = Pattern.compile("^\\*2\r\n\\$\\d+\r\n(\\d+)\r\n").matcher(reply);
            assertThat(m.find()).isTrue();
            cursor = m.group(1);
            for (String s : members(reply.substring(m.end()))) {
                if (s.startsWith("m")) {
                    seen.add(s);
                }
            }
            rounds++;
        } while (!cursor.equals("0") && rounds < 100);
        assertThat(seen).hasSize(300);
        assertThat(c.cmd("ZSCAN", "z", "0", "COUNT", "0")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.cmd("ZSCAN", "z", "-1"))
                .as("strtoul wraps -1 to the last cursor")
                .startsWith("*2\r\n$1\r\n0\r\n");
        assertThat(c.cmd("ZSCAN", "z", "18446744073709551616")).isEqualTo("-ERR invalid cursor\r\n");
    }

    @Test
    void zrangestoreAndTransactions() {
        c.cmd("ZADD", "src", "1", "a", "2", "b", "3", "c");
        assertThat(c.cmd("ZRANGESTORE", "dst", "src", "(1", "+inf", "BYSCORE")).isEqualTo(":2\r\n");
        assertThat(c.cmd("ZRANGE", "dst", "0", "-1")).isEqualTo(bulks("b", "c"));
        assertThat(c.cmd("ZRANGESTORE", "dst", "src", "5", "9")).isEqualTo(":0\r\n");
        assertThat(c.cmd("EXISTS", "dst")).isEqualTo(":0\r\n");
        Harness.Conn other = h.connect();
        c.cmd("WATCH", "src");
        other.cmd("ZINCRBY", "src", "1", "a");
        c.cmd("MULTI");
        c.cmd("ZCARD", "src");
        assertThat(c.cmd("EXEC")).isEqualTo("*-1\r\n");
    }

    /** The bulk strings of a flat array reply. */
    private static java.util.List<String> members(String reply) {
        java.util.List<String> out = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("\\$\\d+\r\n([^\r]*)\r\n").matcher(reply);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
