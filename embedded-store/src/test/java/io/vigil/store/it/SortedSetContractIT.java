package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.EmbeddedStore;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RedisProcess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sorted-set replies match Redis 7.0.15 byte for byte: the same script runs against a real {@code redis-server} and
 * the embedded store (RESP2), plus a RESP3 script for the nested pair and double replies.
 */
@ExtendWith(NoProcessLeftBehind.class)
class SortedSetContractIT {

    private static RedisProcess redis;
    private static EmbeddedStore store;

    @BeforeAll
    static void start() {
        redis = RedisProcess.server().start();
        store = StoreFixture.start();
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static final String[][] SCRIPT = {
        {"FLUSHALL"},
        // ZADD, options and errors
        {"ZADD", "z", "1", "a", "2", "b", "3", "c"},
        {"ZADD", "z", "1", "a"},
        {"ZADD", "z", "CH", "5", "a", "2", "b", "9", "new"},
        {"ZADD", "z", "NX", "100", "a", "4", "d"},
        {"ZADD", "z", "XX", "6", "a", "7", "zz"},
        {"ZADD", "z", "XX", "CH", "7", "a"},
        {"ZADD", "z", "GT", "CH", "1", "a", "8", "b"},
        {"ZADD", "z", "LT", "CH", "100", "a", "0", "c"},
        {"ZADD", "z", "XX", "GT", "50", "a"},
        {"ZADD", "z", "NX", "XX", "1", "a"},
        {"ZADD", "z", "GT", "LT", "1", "a"},
        {"ZADD", "z", "GT", "NX", "1", "a"},
        {"ZADD", "z", "NX", "LT", "1", "a"},
        {"ZADD", "z", "INCR", "1", "a", "2", "b"},
        {"ZADD", "z", "1", "a", "2"},
        {"ZADD", "z", "nx"},
        {"ZADD", "z"},
        {"ZADD", "z", "abc", "a"},
        {"ZADD", "z", "nan", "a"},
        {"ZADD", "z", "1e400", "a"},
        {"ZADD", "z", "1e-400", "a"},
        {"ZADD", "z", " 1", "a"},
        {"ZADD", "z", "1 ", "a"},
        {"ZADD", "z", "", "a"},
        {"ZADD", "z", "1", "a", "x", "b"},
        {"ZADD", "z", "INCR", "10", "a"},
        {"ZADD", "z", "INCR", "NX", "10", "a"},
        {"ZADD", "z", "INCR", "XX", "10", "nope"},
        {"ZADD", "z", "INCR", "GT", "-1", "a"},
        {"ZADD", "z", "INCR", "LT", "-1", "a"},
        {"ZADD", "nokey", "XX", "1", "a"},
        {"EXISTS", "nokey"},
        {"ZADD", "nokey", "XX", "INCR", "1", "a"},
        {"ZRANGE", "z", "0", "-1", "WITHSCORES"},
        {"SET", "str", "x"},
        {"ZADD", "str", "1", "a"},
        {"ZCARD", "str"},
        {"ZSCORE", "str", "a"},
        {"ZRANGE", "str", "0", "-1"},
        // scores and their formatting
        {
            "ZADD",
            "f",
            "1.5",
            "a",
            "-0",
            "b",
            "+inf",
            "c",
            "-inf",
            "d",
            "0.1",
            "e",
            "1e20",
            "g",
            "3.0000000000000004",
            "h"
        },
        {"ZADD", "f", "1.1", "i", "0x10", "j", "Infinity", "k", "-INF", "l", "1E3", "m", ".5", "n", "5.", "o"},
        {"ZRANGE", "f", "0", "-1", "WITHSCORES"},
        {"ZSCORE", "f", "b"},
        {"ZSCORE", "f", "c"},
        {"ZSCORE", "f", "e"},
        {"ZSCORE", "f", "nope"},
        {"ZSCORE", "nokey", "a"},
        {"ZMSCORE", "f", "a", "nope", "c"},
        {"ZMSCORE", "nokey", "a", "b"},
        {"ZMSCORE", "str", "a"},
        {"ZINCRBY", "f", "0.2", "e"},
        {"ZINCRBY", "f", "1", "c"},
        {"ZINCRBY", "f", "-inf", "c"},
        {"ZINCRBY", "f", "abc", "c"},
        {"ZINCRBY", "f", "5", "brandnew"},
        {"ZINCRBY", "str", "1", "a"},
        {"ZINCRBY", "f", "1"},
        {"ZCARD", "f"},
        {"ZCARD", "nokey"},
        // ranks and rank ranges
        {"DEL", "r"},
        {"ZADD", "r", "1", "a", "1", "b", "1", "c", "2", "d", "3", "e", "0", "z"},
        {"ZRANK", "r", "a"},
        {"ZRANK", "r", "z"},
        {"ZREVRANK", "r", "a"},
        {"ZREVRANK", "r", "e"},
        {"ZRANK", "r", "nope"},
        {"ZRANK", "nokey", "a"},
        {"ZRANK", "str", "a"},
        {"ZRANGE", "r", "0", "-1"},
        {"ZRANGE", "r", "2", "3", "WITHSCORES"},
        {"ZRANGE", "r", "-2", "-1"},
        {"ZRANGE", "r", "-100", "100"},
        {"ZRANGE", "r", "5", "2"},
        {"ZRANGE", "r", "10", "20"},
        {"ZRANGE", "r", "0", "-1", "REV"},
        {"ZRANGE", "r", "0", "1", "REV", "WITHSCORES"},
        {"ZRANGE", "r", "a", "1"},
        {"ZRANGE", "r", "0", "1", "LIMIT", "0", "1"},
        {"ZRANGE", "r", "0", "1", "LIMIT", "0", "-1"},
        {"ZRANGE", "r", "0", "1", "FOO"},
        {"ZRANGE", "r", "0", "1", "REV", "REV"},
        {"ZRANGE", "nokey", "0", "-1"},
        {"ZREVRANGE", "r", "0", "2"},
        {"ZREVRANGE", "r", "0", "2", "WITHSCORES"},
        {"ZREVRANGE", "r", "0", "2", "REV"},
        {"ZREVRANGE", "r", "0", "2", "LIMIT", "0", "1"},
        // score ranges
        {"ZRANGE", "r", "1", "2", "BYSCORE"},
        {"ZRANGE", "r", "(1", "2", "BYSCORE", "WITHSCORES"},
        {"ZRANGE", "r", "-inf", "+inf", "BYSCORE", "LIMIT", "1", "3"},
        {"ZRANGE", "r", "+inf", "-inf", "BYSCORE", "REV", "LIMIT", "1", "2"},
        {"ZRANGE", "r", "(1", "(1", "BYSCORE"},
        {"ZRANGE", "r", "1", "1", "BYSCORE"},
        {"ZRANGE", "r", "3", "1", "BYSCORE"},
        {"ZRANGE", "r", "x", "1", "BYSCORE"},
        {"ZRANGE", "r", "1", "nan", "BYSCORE"},
        {"ZRANGE", "r", "1", "2", "BYSCORE", "BYLEX"},
        {"ZRANGEBYSCORE", "r", "-inf", "+inf"},
        {"ZRANGEBYSCORE", "r", "1", "2", "WITHSCORES"},
        {"ZRANGEBYSCORE", "r", "(0", "(3", "LIMIT", "1", "2"},
        {"ZRANGEBYSCORE", "r", "0", "10", "LIMIT", "10", "2"},
        {"ZRANGEBYSCORE", "r", "0", "10", "LIMIT", "-1", "2"},
        {"ZRANGEBYSCORE", "r", "0", "10", "LIMIT", "2", "-1"},
        {"ZRANGEBYSCORE", "r", "0", "10", "LIMIT", "2", "0"},
        {"ZRANGEBYSCORE", "r", "0", "10", "LIMIT", "2"},
        {"ZRANGEBYSCORE", "r", "0", "10", "LIMIT", "a", "1"},
        {"ZRANGEBYSCORE", "r", "0", "10", "REV"},
        {"ZRANGEBYSCORE", "r", "", "1"},
        {"ZRANGEBYSCORE", "r", "(", "1"},
        {"ZRANGEBYSCORE", "r", " 1", "1"},
        {"ZRANGEBYSCORE", "r", "1e400", "1e500"},
        {"ZREVRANGEBYSCORE", "r", "+inf", "-inf", "WITHSCORES"},
        {"ZREVRANGEBYSCORE", "r", "2", "(1", "LIMIT", "0", "1"},
        {"ZREVRANGEBYSCORE", "r", "1", "2"},
        {"ZCOUNT", "r", "-inf", "+inf"},
        {"ZCOUNT", "r", "(1", "3"},
        {"ZCOUNT", "r", "1", "(1"},
        {"ZCOUNT", "r", "5", "1"},
        {"ZCOUNT", "r", "a", "1"},
        {"ZCOUNT", "nokey", "0", "1"},
        {"ZCOUNT", "str", "0", "1"},
        {"ZCOUNT", "nokey", "x", "1"},
        // lex ranges
        {"DEL", "l"},
        {"ZADD", "l", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e", "0", "f", "0", "g", "0", "aa", "0", ""},
        {"ZRANGEBYLEX", "l", "-", "+"},
        {"ZRANGEBYLEX", "l", "[a", "[c"},
        {"ZRANGEBYLEX", "l", "(a", "(c"},
        {"ZRANGEBYLEX", "l", "[", "(b"},
        {"ZRANGEBYLEX", "l", "(", "+"},
        {"ZRANGEBYLEX", "l", "-", "+", "LIMIT", "2", "3"},
        {"ZRANGEBYLEX", "l", "+", "-"},
        {"ZRANGEBYLEX", "l", "a", "[c"},
        {"ZRANGEBYLEX", "l", "[a", ""},
        {"ZRANGEBYLEX", "l", "++", "+"},
        {"ZRANGEBYLEX", "l", "-", "+", "WITHSCORES"},
        {"ZREVRANGEBYLEX", "l", "+", "-"},
        {"ZREVRANGEBYLEX", "l", "[e", "(b", "LIMIT", "1", "2"},
        {"ZRANGE", "l", "[b", "[d", "BYLEX"},
        {"ZRANGE", "l", "[d", "[b", "BYLEX", "REV"},
        {"ZRANGE", "l", "-", "+", "BYLEX", "LIMIT", "0", "2"},
        {"ZLEXCOUNT", "l", "-", "+"},
        {"ZLEXCOUNT", "l", "[b", "(f"},
        {"ZLEXCOUNT", "l", "(b", "(b"},
        {"ZLEXCOUNT", "l", "[b", "[b"},
        {"ZLEXCOUNT", "l", "+", "-"},
        {"ZLEXCOUNT", "l", "x", "+"},
        {"ZLEXCOUNT", "nokey", "-", "+"},
        // ZREM and the remove-range commands
        {"ZREM", "l", "a", "nope", "b"},
        {"ZREM", "nokey", "a"},
        {"ZREM", "str", "a"},
        {"ZREMRANGEBYLEX", "l", "[c", "[e"},
        {"ZREMRANGEBYLEX", "l", "x", "[e"},
        {"ZRANGE", "l", "0", "-1"},
        {"ZREMRANGEBYRANK", "r", "0", "1"},
        {"ZREMRANGEBYRANK", "r", "-1", "-1"},
        {"ZREMRANGEBYRANK", "r", "5", "1"},
        {"ZREMRANGEBYRANK", "r", "a", "1"},
        {"ZRANGE", "r", "0", "-1", "WITHSCORES"},
        {"ZREMRANGEBYSCORE", "r", "(1", "2"},
        {"ZREMRANGEBYSCORE", "r", "x", "2"},
        {"ZREMRANGEBYSCORE", "nokey", "0", "2"},
        {"ZRANGE", "r", "0", "-1", "WITHSCORES"},
        {"ZREMRANGEBYSCORE", "r", "-inf", "+inf"},
        {"EXISTS", "r"},
        {"ZREM", "l", "", "aa", "f", "g"},
        {"EXISTS", "l"},
        // pops
        {"DEL", "p"},
        {"ZADD", "p", "1", "a", "2", "b", "3", "c", "4", "d"},
        {"ZPOPMIN", "p"},
        {"ZPOPMAX", "p"},
        {"ZPOPMIN", "p", "0"},
        {"ZPOPMIN", "p", "-1"},
        {"ZPOPMIN", "p", "x"},
        {"ZPOPMIN", "p", "1", "2"},
        {"ZPOPMAX", "p", "10"},
        {"EXISTS", "p"},
        {"ZPOPMIN", "p"},
        {"ZPOPMIN", "p", "2"},
        {"ZPOPMIN", "str"},
        {"ZPOPMIN", "str", "0"},
        // ZRANDMEMBER (deterministic cases)
        {"ZADD", "one", "5", "only"},
        {"ZRANDMEMBER", "one"},
        {"ZRANDMEMBER", "one", "-3"},
        {"ZRANDMEMBER", "one", "-2", "WITHSCORES"},
        {"ZRANDMEMBER", "f", "100", "WITHSCORES"},
        {"ZRANDMEMBER", "f", "0"},
        {"ZRANDMEMBER", "nokey"},
        {"ZRANDMEMBER", "nokey", "5"},
        {"ZRANDMEMBER", "one", "1", "FOO"},
        {"ZRANDMEMBER", "one", "1", "WITHSCORES", "x"},
        {"ZRANDMEMBER", "one", "x"},
        {"ZRANDMEMBER", "one", "-9223372036854775808"},
        {"ZRANDMEMBER", "one", "-9223372036854775807", "WITHSCORES"},
        {"ZRANDMEMBER", "str"},
        // ZSCAN on a small set
        {"ZSCAN", "f", "0"},
        {"ZSCAN", "f", "0", "MATCH", "[a-c]"},
        {"ZSCAN", "f", "0", "COUNT", "0"},
        {"ZSCAN", "f", "0", "COUNT", "x"},
        {"ZSCAN", "f", "0", "TYPE", "zset"},
        {"ZSCAN", "f", "x"},
        {"ZSCAN", "nokey", "0", "BAD"},
        {"ZSCAN", "str", "0"},
        // set algebra
        {"DEL", "u1", "u2", "u3"},
        {"ZADD", "u1", "1", "a", "2", "b", "3", "c"},
        {"ZADD", "u2", "10", "b", "20", "c", "30", "d"},
        {"ZUNIONSTORE", "out", "2", "u1", "u2"},
        {"ZRANGE", "out", "0", "-1", "WITHSCORES"},
        {"ZUNIONSTORE", "out", "2", "u1", "u2", "WEIGHTS", "2", "0.5"},
        {"ZRANGE", "out", "0", "-1", "WITHSCORES"},
        {"ZUNIONSTORE", "out", "2", "u1", "u2", "AGGREGATE", "MIN"},
        {"ZRANGE", "out", "0", "-1", "WITHSCORES"},
        {"ZUNIONSTORE", "out", "2", "u1", "u2", "AGGREGATE", "max", "WEIGHTS", "1", "-1"},
        {"ZRANGE", "out", "0", "-1", "WITHSCORES"},
        {"ZUNIONSTORE", "out", "3", "u1", "nokey", "u2"},
        {"ZINTERSTORE", "out", "2", "u1", "u2"},
        {"ZRANGE", "out", "0", "-1", "WITHSCORES"},
        {"ZINTERSTORE", "out", "2", "u1", "u2", "AGGREGATE", "MAX", "WEIGHTS", "3", "1"},
        {"ZRANGE", "out", "0", "-1", "WITHSCORES"},
        {"ZINTERSTORE", "out", "2", "u1", "u1"},
        {"ZRANGE", "out", "0", "-1", "WITHSCORES"},
        {"ZINTERSTORE", "out", "2", "u1", "nokey"},
        {"EXISTS", "out"},
        {"ZUNIONSTORE", "out", "0", "u1"},
        {"ZUNIONSTORE", "out", "-1", "u1"},
        {"ZUNIONSTORE", "out", "x", "u1"},
        {"ZUNIONSTORE", "out", "3", "u1", "u2"},
        {"ZUNIONSTORE", "out", "2", "u1", "u2", "WEIGHTS", "1"},
        {"ZUNIONSTORE", "out", "2", "u1", "u2", "WEIGHTS", "1", "x"},
        {"ZUNIONSTORE", "out", "2", "u1", "u2", "AGGREGATE", "avg"},
        {"ZUNIONSTORE", "out", "2", "u1", "u2", "AGGREGATE"},
        {"ZUNIONSTORE", "out", "2", "u1", "u2", "WITHSCORES"},
        {"ZUNIONSTORE", "out", "2", "u1", "str"},
        {"ZUNIONSTORE", "out", "2", "u1", "str", "BAD"},
        {"ZADD", "inf1", "inf", "a"},
        {"ZADD", "inf2", "-inf", "a"},
        {"ZUNIONSTORE", "out", "2", "inf1", "inf2"},
        {"ZRANGE", "out", "0", "-1", "WITHSCORES"},
        {"ZUNIONSTORE", "out", "1", "inf1", "WEIGHTS", "0"},
        {"ZRANGE", "out", "0", "-1", "WITHSCORES"},
        {"ZINTERSTORE", "out", "2", "inf1", "inf2", "WEIGHTS", "1", "1"},
        {"ZRANGE", "out", "0", "-1", "WITHSCORES"},
        {"ZUNION", "2", "u1", "u2"},
        {"ZUNION", "2", "u1", "u2", "WITHSCORES"},
        {"ZUNION", "2", "u1", "u2", "WEIGHTS", "1", "2", "AGGREGATE", "SUM", "WITHSCORES"},
        {"ZINTER", "2", "u1", "u2", "WITHSCORES"},
        {"ZINTER", "1", "nokey"},
        {"ZDIFF", "2", "u1", "u2", "WITHSCORES"},
        {"ZDIFF", "2", "u2", "u1"},
        {"ZDIFF", "1", "u1", "WEIGHTS", "1"},
        {"ZDIFF", "2", "u1", "u1"},
        {"ZDIFFSTORE", "out", "2", "u2", "u1"},
        {"ZRANGE", "out", "0", "-1", "WITHSCORES"},
        {"ZDIFFSTORE", "out", "2", "u1", "u1"},
        {"EXISTS", "out"},
        {"ZDIFFSTORE", "out", "1", "u1", "AGGREGATE", "MIN"},
        {"ZUNION", "0", "u1"},
        // ZRANGESTORE
        {"ZRANGESTORE", "dst", "u2", "0", "1"},
        {"ZRANGE", "dst", "0", "-1", "WITHSCORES"},
        {"ZRANGESTORE", "dst", "u2", "(10", "+inf", "BYSCORE", "LIMIT", "0", "1"},
        {"ZRANGE", "dst", "0", "-1", "WITHSCORES"},
        {"ZRANGESTORE", "dst", "u2", "0", "-1", "REV"},
        {"ZRANGESTORE", "dst", "u2", "5", "10"},
        {"EXISTS", "dst"},
        {"ZRANGESTORE", "dst", "nokey", "0", "-1"},
        {"ZRANGESTORE", "dst", "u2", "0", "-1", "WITHSCORES"},
        {"ZRANGESTORE", "dst", "str", "0", "-1"},
        {"ZRANGESTORE", "dst", "u2", "[a", "[z", "BYLEX"},
        // encodings and conversion thresholds
        {"ZADD", "big", "1", "0123456789012345678901234567890123456789012345678901234567890123"},
        {"OBJECT", "ENCODING", "big"},
        {"ZADD", "big", "1", "01234567890123456789012345678901234567890123456789012345678901234"},
        {"OBJECT", "ENCODING", "big"},
        {"ZREM", "big", "01234567890123456789012345678901234567890123456789012345678901234"},
        {"OBJECT", "ENCODING", "big"},
        {"ZRANGE", "big", "0", "-1", "WITHSCORES"},
        {"ZUNIONSTORE", "small", "1", "big"},
        {"OBJECT", "ENCODING", "small"},
        {"TYPE", "small"},
        {"ZADD", "huge", "01234567890123456789012345678901234567890123456789012345678901234567", "a"},
        {"OBJECT", "ENCODING", "huge"},
        {"ZADD", "neg", "-0", "a"},
        {"ZINCRBY", "neg", "-0", "b"},
        {"ZADD", "neg", "INCR", "-0", "c"},
        {"ZRANGE", "neg", "0", "-1", "WITHSCORES"},
        {"ZADD", "neg", "1", "01234567890123456789012345678901234567890123456789012345678901234567"},
        {"ZINCRBY", "neg", "-0", "d"},
        {"ZSCORE", "neg", "d"},
        {"ZSCORE", "neg", "a"},
        {"ZRANGE", "neg", "0", "-1", "WITHSCORES"},
        {"ZUNION", "1", "neg", "WITHSCORES"},
        {"ZUNIONSTORE", "neg2", "1", "neg"},
        {"ZRANGE", "neg2", "0", "-1", "WITHSCORES"},
        {"ZSCAN", "huge", "0"},
        {"ZRANK", "big", "0123456789012345678901234567890123456789012345678901234567890123"},
        {"ZRANGEBYSCORE", "neg", "-inf", "+inf", "LIMIT", "1", "2", "WITHSCORES"},
        {"ZREVRANGE", "neg", "1", "-1", "WITHSCORES"},
        {"ZCOUNT", "neg", "0", "0"},
        {"ZREMRANGEBYRANK", "neg", "0", "0"},
        {"ZPOPMAX", "neg", "2"},
        {"ZCARD", "neg"},
        {"OBJECT", "ENCODING", "neg"},
        // wrong arity
        {"ZSCORE", "z"},
        {"ZCARD"},
        {"ZRANGE", "z", "0"},
        {"ZREM", "z"},
        {"ZRANK", "z", "a", "WITHSCORE"},
    };

    private static final String[][] RESP3_SCRIPT = {
        {"FLUSHALL"},
        {"ZADD", "z", "1", "a", "2.5", "b", "inf", "c"},
        {"ZSCORE", "z", "b"},
        {"ZSCORE", "z", "c"},
        {"ZSCORE", "z", "nope"},
        {"ZMSCORE", "z", "a", "nope"},
        {"ZINCRBY", "z", "0.5", "a"},
        {"ZADD", "z", "INCR", "1", "a"},
        {"ZADD", "z", "XX", "INCR", "1", "nope"},
        {"ZRANGE", "z", "0", "-1", "WITHSCORES"},
        {"ZRANGE", "z", "0", "-1"},
        {"ZRANGEBYSCORE", "z", "-inf", "+inf", "WITHSCORES"},
        {"ZREVRANGE", "z", "0", "-1", "WITHSCORES"},
        {"ZUNION", "1", "z", "WITHSCORES"},
        {"ZINTER", "1", "z", "WITHSCORES"},
        {"ZDIFF", "1", "z", "WITHSCORES"},
        {"ZSCAN", "z", "0"},
        {"ZRANDMEMBER", "z", "10", "WITHSCORES"},
        {"ZRANDMEMBER", "nokey"},
        {"ZPOPMIN", "z"},
        {"ZPOPMIN", "z", "1"},
        {"ZPOPMAX", "z", "5"},
        {"ZPOPMIN", "z"},
        {"ZRANK", "z", "a"},
    };

    @Test
    void resp2RepliesMatchRedisByteForByte() throws Exception {
        assertThat(ContractScript.mismatches(redis.port(), store.port(), SCRIPT))
                .as("sorted-set commands whose replies differ from Redis 7")
                .isEmpty();
    }

    @Test
    void resp3RepliesMatchRedisByteForByte() throws Exception {
        List<String> mismatches = new ArrayList<>();
        try (RawConnection real = new RawConnection(redis.port());
                RawConnection ours = new RawConnection(store.port())) {
            real.call("HELLO", "3");
            ours.call("HELLO", "3");
            for (String[] command : RESP3_SCRIPT) {
                String expected = real.call(command);
                String actual = ours.call(command);
                if (!expected.equals(actual)) {
                    mismatches.add(String.join(" ", command) + "\n   redis: " + ContractScript.printable(expected)
                            + "\n   vigil: " + ContractScript.printable(actual));
                }
            }
        }
        assertThat(mismatches).as("RESP3 sorted-set replies that differ").isEmpty();
    }
}
