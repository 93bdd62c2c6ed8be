package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.EmbeddedStore;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lists against a real redis-server 7.0.15, byte for byte: every list command including the blocking ones in
 * their non-blocking paths (data present, errors, inside MULTI, short timeouts), and {@code CLIENT UNBLOCK}.
 */
@ExtendWith(NoProcessLeftBehind.class)
class ListContractIT {

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
        {"RPUSH", "l", "a", "b", "c"},
        {"LPUSH", "l", "z", "y"},
        {"LPUSHX", "l", "x"},
        {"RPUSHX", "l", "d"},
        {"LPUSHX", "nol", "a"},
        {"RPUSHX", "nol", "a"},
        {"LPUSH"},
        {"RPUSH", "l"},
        {"LLEN", "l"},
        {"LLEN", "nol"},
        {"LRANGE", "l", "0", "-1"},
        {"LRANGE", "l", "1", "2"},
        {"LRANGE", "l", "-3", "-1"},
        {"LRANGE", "l", "-100", "100"},
        {"LRANGE", "l", "5", "2"},
        {"LRANGE", "l", "100", "200"},
        {"LRANGE", "l", "a", "1"},
        {"LRANGE", "l", "0", "b"},
        {"LRANGE", "nol", "0", "-1"},
        {"LRANGE", "l", "0"},
        {"LINDEX", "l", "0"},
        {"LINDEX", "l", "-1"},
        {"LINDEX", "l", "100"},
        {"LINDEX", "l", "-100"},
        {"LINDEX", "l", "x"},
        {"LINDEX", "nol", "0"},
        {"LINDEX", "nol", "x"},
        {"LSET", "l", "0", "X"},
        {"LSET", "l", "-1", "D"},
        {"LSET", "l", "100", "v"},
        {"LSET", "l", "x", "v"},
        {"LSET", "nol", "0", "v"},
        {"LRANGE", "l", "0", "-1"},
        {"LPOP", "l"},
        {"RPOP", "l"},
        {"LPOP", "l", "2"},
        {"RPOP", "l", "2"},
        {"LPOP", "l", "0"},
        {"LPOP", "l", "-1"},
        {"LPOP", "l", "x"},
        {"LPOP", "l", "1", "2"},
        {"LPOP", "nol"},
        {"LPOP", "nol", "1"},
        {"LPOP", "nol", "0"},
        {"RPOP", "nol", "3"},
        {"LPOP", "l", "100"},
        {"EXISTS", "l"},
        {"RPUSH", "l", "a", "b", "a", "c", "a", "d", "a"},
        {"LPOS", "l", "a"},
        {"LPOS", "l", "a", "RANK", "2"},
        {"LPOS", "l", "a", "RANK", "-1"},
        {"LPOS", "l", "a", "RANK", "-2"},
        {"LPOS", "l", "a", "RANK", "10"},
        {"LPOS", "l", "a", "COUNT", "0"},
        {"LPOS", "l", "a", "COUNT", "2"},
        {"LPOS", "l", "a", "RANK", "2", "COUNT", "2"},
        {"LPOS", "l", "a", "RANK", "-1", "COUNT", "0"},
        {"LPOS", "l", "a", "MAXLEN", "2"},
        {"LPOS", "l", "a", "MAXLEN", "2", "COUNT", "0"},
        {"LPOS", "l", "a", "RANK", "-1", "MAXLEN", "3", "COUNT", "0"},
        {"LPOS", "l", "a", "RANK", "0"},
        {"LPOS", "l", "a", "RANK", "x"},
        {"LPOS", "l", "a", "COUNT", "-1"},
        {"LPOS", "l", "a", "COUNT", "x"},
        {"LPOS", "l", "a", "MAXLEN", "-1"},
        {"LPOS", "l", "a", "MAXLEN", "x"},
        {"LPOS", "l", "a", "COUNT"},
        {"LPOS", "l", "a", "FOO", "1"},
        {"LPOS", "l", "zz"},
        {"LPOS", "l", "zz", "COUNT", "1"},
        {"LPOS", "nol", "a"},
        {"LPOS", "nol", "a", "COUNT", "1"},
        {"LPOS", "l", "a", "RANK", "-9223372036854775808"},
        {"LREM", "l", "2", "a"},
        {"LRANGE", "l", "0", "-1"},
        {"LREM", "l", "-1", "a"},
        {"LRANGE", "l", "0", "-1"},
        {"LREM", "l", "0", "a"},
        {"LRANGE", "l", "0", "-1"},
        {"LREM", "l", "0", "zz"},
        {"LREM", "l", "x", "a"},
        {"LREM", "nol", "0", "a"},
        {"LINSERT", "l", "BEFORE", "c", "x"},
        {"LINSERT", "l", "after", "c", "y"},
        {"LINSERT", "l", "AFTER", "zz", "y"},
        {"LINSERT", "l", "MIDDLE", "c", "y"},
        {"LINSERT", "nol", "BEFORE", "c", "y"},
        {"LINSERT", "l", "BEFORE"},
        {"LRANGE", "l", "0", "-1"},
        {"LTRIM", "l", "1", "-2"},
        {"LRANGE", "l", "0", "-1"},
        {"LTRIM", "l", "0", "100"},
        {"LTRIM", "l", "x", "1"},
        {"LTRIM", "nol", "0", "1"},
        {"LTRIM", "l", "5", "1"},
        {"EXISTS", "l"},
        {"RPUSH", "src", "a", "b", "c"},
        {"LMOVE", "src", "dst", "LEFT", "RIGHT"},
        {"LMOVE", "src", "dst", "right", "left"},
        {"LRANGE", "dst", "0", "-1"},
        {"LMOVE", "src", "src", "LEFT", "RIGHT"},
        {"LMOVE", "src", "dst", "UP", "LEFT"},
        {"LMOVE", "src", "dst", "LEFT", "DOWN"},
        {"LMOVE", "nol", "dst", "LEFT", "LEFT"},
        {"RPOPLPUSH", "src", "dst"},
        {"RPOPLPUSH", "src", "dst"},
        {"EXISTS", "src"},
        {"LRANGE", "dst", "0", "-1"},
        {"RPOPLPUSH", "dst", "dst"},
        {"LRANGE", "dst", "0", "-1"},
        {"SET", "str", "v"},
        {"LPUSH", "str", "a"},
        {"RPUSH", "str", "a"},
        {"LPUSHX", "str", "a"},
        {"LPOP", "str"},
        {"RPOP", "str", "2"},
        {"LLEN", "str"},
        {"LRANGE", "str", "0", "1"},
        {"LINDEX", "str", "0"},
        {"LSET", "str", "0", "a"},
        {"LREM", "str", "0", "a"},
        {"LTRIM", "str", "0", "1"},
        {"LINSERT", "str", "BEFORE", "a", "b"},
        {"LPOS", "str", "a"},
        {"LMOVE", "str", "dst", "LEFT", "LEFT"},
        {"LMOVE", "dst", "str", "LEFT", "LEFT"},
        {"RPOPLPUSH", "dst", "str"},
        {"BLPOP", "str", "0"},
        {"BLPOP", "nol", "str", "0"},
        {"BLMOVE", "str", "dst", "LEFT", "LEFT", "0"},
        {"TYPE", "dst"},
        {"OBJECT", "ENCODING", "dst"},
        {"BLPOP", "dst", "0"},
        {"BRPOP", "dst", "nol", "0"},
        {"RPUSH", "q", "1", "2", "3"},
        {"BLPOP", "nol", "q", "0"},
        {"BRPOP", "q", "0.5"},
        {"BLMOVE", "q", "dst", "LEFT", "RIGHT", "1"},
        {"BRPOPLPUSH", "dst", "q", "0"},
        {"BLPOP", "q", "-1"},
        {"BLPOP", "q", "x"},
        {"BLPOP", "q", "inf"},
        {"BLPOP", "q", "1e400"},
        {"BLPOP", "q", "nan"},
        {"BLPOP", "q", "99999999999999999"},
        {"BRPOP", "q", "-0.5"},
        {"BLMOVE", "q", "d", "UP", "LEFT", "0"},
        {"BLMOVE", "q", "d", "LEFT", "LEFT", "-1"},
        {"BLMOVE", "q", "d", "LEFT", "LEFT", "x"},
        {"BRPOPLPUSH", "q", "d", "-1"},
        {"BRPOPLPUSH", "q", "d", "abc"},
        {"BLPOP", "nol", "0.01"},
        {"BRPOP", "nol", "0.01"},
        {"BLMOVE", "nol", "d", "LEFT", "LEFT", "0.01"},
        {"BRPOPLPUSH", "nol", "d", "0.01"},
        {"BLPOP"},
        {"BLPOP", "q"},
        {"BLMOVE", "q", "d", "LEFT", "LEFT"},
        {"MULTI"},
        {"BLPOP", "nol", "0"},
        {"BRPOP", "nol", "0"},
        {"BLMOVE", "nol", "d", "LEFT", "LEFT", "0"},
        {"BRPOPLPUSH", "nol", "d", "0"},
        {"RPUSH", "nol", "x"},
        {"BLPOP", "nol", "0"},
        {"EXEC"},
        {"CLIENT", "UNBLOCK", "999999"},
        {"CLIENT", "UNBLOCK", "999999", "TIMEOUT"},
        {"CLIENT", "UNBLOCK", "999999", "ERROR"},
        {"CLIENT", "UNBLOCK", "999999", "MAYBE"},
        {"CLIENT", "UNBLOCK", "abc"},
        {"CLIENT", "UNBLOCK"},
        {"DBSIZE"},
        {"FLUSHALL"}
    };

    @Test
    void listRepliesMatchRedis() throws Exception {
        assertThat(ContractScript.mismatches(redis.port(), store.port(), SCRIPT))
                .isEmpty();
    }
}
