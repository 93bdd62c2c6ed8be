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

class SetCommandsTest {

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

    private void sadd(String key, int from, int to) {
        List<String> args = new ArrayList<>(List.of("SADD", key));
        for (int i = from; i < to; i++) {
            args.add(Integer.toString(i));
        }
        c.cmd(args.toArray(String[]::new));
    }

    @Test
    void addRemoveAndDeleteWhenEmpty() {
        assertThat(c.cmd("SADD", "s", "3", "1", "2", "1")).isEqualTo(":3\r\n");
        assertThat(c.cmd("SMEMBERS", "s")).isEqualTo("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n");
        assertThat(c.cmd("SISMEMBER", "s", "01")).isEqualTo(":0\r\n");
        assertThat(c.cmd("SMISMEMBER", "s", "1", "9")).isEqualTo("*2\r\n:1\r\n:0\r\n");
        assertThat(c.cmd("SREM", "s", "1", "2", "3", "4")).isEqualTo(":3\r\n");
        assertThat(c.cmd("EXISTS", "s")).isEqualTo(":0\r\n");
        assertThat(c.cmd("SREM", "s", "1")).isEqualTo(":0\r\n");
        assertThat(h.propagated).containsExactly("0:SADD s 3 1 2 1", "0:SREM s 1 2 3 4");
        c.cmd("SET", "str", "x");
        assertThat(c.cmd("SADD", "str", "1")).startsWith("-WRONGTYPE");
        assertThat(c.cmd("SINTER", "none", "str")).startsWith("-WRONGTYPE");
    }

    @Test
    void encodingsConvertOneWay() {
        sadd("ints", 0, 512);
        assertThat(c.cmd("OBJECT", "ENCODING", "ints")).isEqualTo("$6\r\nintset\r\n");
        c.cmd("SADD", "ints", "512");
        assertThat(c.cmd("OBJECT", "ENCODING", "ints")).isEqualTo("$9\r\nhashtable\r\n");
        c.cmd("SREM", "ints", "512");
        assertThat(c.cmd("OBJECT", "ENCODING", "ints")).isEqualTo("$9\r\nhashtable\r\n");
        assertThat(c.cmd("SCARD", "ints")).isEqualTo(":512\r\n");
        c.cmd("SADD", "m", "1", "x");
        assertThat(c.cmd("OBJECT", "ENCODING", "m")).isEqualTo("$9\r\nhashtable\r\n");
        assertThat(c.cmd("SISMEMBER", "m", "1")).isEqualTo(":1\r\n");
        c.cmd("SADD", "w", "-0");
        assertThat(c.cmd("OBJECT", "ENCODING", "w")).isEqualTo("$9\r\nhashtable\r\n");
    }

    @Test
    void spopPropagatesTheRemovedMembers() {
        c.cmd("SADD", "s", "1", "2", "3", "4", "5", "6");
        h.propagated.clear();
        String one = bulks(c.cmd("SPOP", "s")).get(0);
        List<String> two = bulks(c.cmd("SPOP", "s", "2"));
        assertThat(two).hasSize(2).doesNotContain(one);
        assertThat(h.propagated).containsExactly("0:SREM s " + one, "0:SREM s " + String.join(" ", two));
        List<String> rest = bulks(c.cmd("SPOP", "s", "10"));
        assertThat(rest).hasSize(3);
        assertThat(h.propagated).last().isEqualTo("0:DEL s");
        assertThat(c.cmd("EXISTS", "s")).isEqualTo(":0\r\n");
        Set<String> all = new HashSet<>(rest);
        all.add(one);
        all.addAll(two);
        assertThat(all).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6");
        assertThat(c.cmd("SPOP", "s", "0")).isEqualTo("*0\r\n");
        assertThat(c.cmd("SPOP", "s", "-1")).isEqualTo("-ERR value is out of range, must be positive\r\n");
    }

    @Test
    void spopIsRepeatableWithASeed() {
        sadd("a", 0, 100);
        sadd("b", 0, 100);
        h.engine.seedRandom(7);
        String fromA = c.cmd("SPOP", "a", "10");
        h.engine.seedRandom(7);
        assertThat(c.cmd("SPOP", "b", "10")).isEqualTo(fromA);
    }

    @Test
    void srandmemberCountSemantics() {
        c.cmd("SADD", "s", "a", "b", "c", "d", "e");
        assertThat(bulks(c.cmd("SRANDMEMBER", "s", "3"))).hasSize(3).doesNotHaveDuplicates();
        assertThat(bulks(c.cmd("SRANDMEMBER", "s", "10"))).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        List<String> repeated = bulks(c.cmd("SRANDMEMBER", "s", "-50"));
        assertThat(repeated).hasSize(50).isSubsetOf("a", "b", "c", "d", "e");
        assertThat(new HashSet<>(repeated)).hasSizeGreaterThan(1);
        assertThat(c.cmd("SCARD", "s")).isEqualTo(":5\r\n");
        assertThat(c.cmd("SRANDMEMBER", "s", "-9223372036854775808"))
                .isEqualTo("-ERR value is out of range, value must between -9223372036854775807 and "
                        + "9223372036854775807\r\n");
    }

    @Test
    void randomMembersOfAHashtableAreRoughlyUniform() {
        List<String> args = new ArrayList<>(List.of("SADD", "s"));
        for (int i = 0; i < 50; i++) {
            args.add("m" + i);
        }
        c.cmd(args.toArray(String[]::new));
        h.engine.seedRandom(1234);
        java.util.Map<String, Integer> hits = new java.util.HashMap<>();
        for (String m : bulks(c.cmd("SRANDMEMBER", "s", "-20000"))) {
            hits.merge(m, 1, Integer::sum);
        }
        assertThat(hits).hasSize(50);
        assertThat(hits.values())
                .allSatisfy(n -> assertThat(n).as("hits per member, seed 1234").isBetween(250, 550));
    }

    @Test
    void storeCommandsCountChangesAndDeleteEmptyResults() {
        c.cmd("SADD", "a", "1", "2", "3");
        c.cmd("SADD", "b", "2", "3", "4");
        h.propagated.clear();
        assertThat(c.cmd("SINTERSTORE", "d", "a", "b")).isEqualTo(":2\r\n");
        assertThat(c.cmd("SUNIONSTORE", "d", "a", "b")).isEqualTo(":4\r\n");
        assertThat(c.cmd("SMEMBERS", "d")).isEqualTo("*4\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n$1\r\n4\r\n");
        assertThat(c.cmd("SDIFFSTORE", "d", "a", "a")).isEqualTo(":0\r\n");
        assertThat(c.cmd("SDIFFSTORE", "d", "a", "a")).isEqualTo(":0\r\n");
        assertThat(h.propagated).containsExactly("0:SINTERSTORE d a b", "0:SUNIONSTORE d a b", "0:SDIFFSTORE d a a");
        assertThat(c.cmd("SINTERCARD", "2", "a", "b", "LIMIT", "1")).isEqualTo(":1\r\n");
    }

    @Test
    void smoveCreatesAndDeletes() {
        c.cmd("SADD", "a", "x");
        assertThat(c.cmd("SMOVE", "a", "b", "x")).isEqualTo(":1\r\n");
        assertThat(c.cmd("EXISTS", "a")).isEqualTo(":0\r\n");
        assertThat(c.cmd("SMEMBERS", "b")).isEqualTo("*1\r\n$1\r\nx\r\n");
        assertThat(c.cmd("OBJECT", "ENCODING", "b")).isEqualTo("$9\r\nhashtable\r\n");
        assertThat(c.cmd("SMOVE", "a", "b", "x")).isEqualTo(":0\r\n");
    }

    @Test
    void memoryEstimateReturnsToBaseline() {
        long empty = h.engine.keyspace().db(0).memoryBytes();
        sadd("s", 0, 2000);
        c.cmd("SADD", "s", "not-a-number");
        assertThat(h.engine.keyspace().db(0).memoryBytes()).isGreaterThan(empty + 2000 * 40);
        for (int i = 0; i < 2000; i++) {
            c.cmd("SREM", "s", Integer.toString(i));
        }
        c.cmd("SPOP", "s");
        assertThat(c.cmd("EXISTS", "s")).isEqualTo(":0\r\n");
        assertThat(h.engine.keyspace().db(0).memoryBytes()).isEqualTo(empty);
    }

    @Test
    void sscanOfAHashtableReturnsEveryMemberOnce() {
        sadd("s", 0, 3000);
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        do {
            List<String> reply = bulks(c.cmd("SSCAN", "s", cursor, "COUNT", "100"));
            cursor = reply.get(0);
            for (String m : reply.subList(1, reply.size())) {
                assertThat(seen.add(m)).as("member %s seen twice", m).isTrue();
            }
        } while (!cursor.equals("0"));
        assertThat(seen).hasSize(3000);
    }

    @Test
    void resp3RepliesUseSetTypes() {
        c.cmd("HELLO", "3");
        c.cmd("SADD", "s", "1", "2");
        assertThat(c.cmd("SMEMBERS", "s")).isEqualTo("~2\r\n$1\r\n1\r\n$1\r\n2\r\n");
        assertThat(c.cmd("SRANDMEMBER", "s", "5")).isEqualTo("*2\r\n$1\r\n1\r\n$1\r\n2\r\n");
        assertThat(c.cmd("SPOP", "none")).isEqualTo("_\r\n");
        assertThat(c.cmd("SPOP", "s", "5")).isEqualTo("~2\r\n$1\r\n1\r\n$1\r\n2\r\n");
    }
}
