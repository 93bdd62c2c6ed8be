package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The main proof that replies match Redis 7: the same command script runs against the embedded store and a real
 * {@code redis-server} over raw RESP2 sockets, and every reply must be identical byte for byte.
 */
class RedisContractIT extends ContractTestBase {

    private static final String[][] SCRIPT = {
        {"FLUSHALL"},
        {"PING"},
        {"PING", "hello"},
        {"PING", "a", "b"},
        {"ECHO", "x y"},
        {"ECHO"},
        {"NOSUCH", "a", "b"},
        {"nosuch"},
        {"GET"},
        {"get", "k", "extra"},
        {"SET", "k", "v"},
        {"GET", "k"},
        {"GET", "missing"},
        {"SET", "k", "v2", "GET"},
        {"SET", "k", "v3", "NX"},
        {"SET", "k", "v3", "XX", "GET"},
        {"SET", "k", "v", "NX", "XX"},
        {"SET", "k", "v", "EX", "0"},
        {"SET", "k", "v", "PX", "-5"},
        {"SET", "k", "v", "EX", "abc"},
        {"SET", "k", "v", "EX"},
        {"SET", "k", "v", "EX", "100", "KEEPTTL"},
        {"SET", "k", "v", "EX", "100"},
        {"TTL", "k"},
        {"SET", "k", "v", "KEEPTTL"},
        {"TTL", "k"},
        {"SET", "k", "v"},
        {"TTL", "k"},
        {"PTTL", "k"},
        {"TTL", "nokey"},
        {"SET", "k", "v", "EXAT", "99999999999"},
        {"EXPIRETIME", "k"},
        {"PEXPIRETIME", "k"},
        {"PERSIST", "k"},
        {"PERSIST", "k"},
        {"SETNX", "k", "x"},
        {"SETNX", "n1", "x"},
        {"SETEX", "k", "0", "v"},
        {"SETEX", "k", "10", "v"},
        {"TTL", "k"},
        {"PSETEX", "k", "-1", "v"},
        {"GETSET", "k", "new"},
        {"GETDEL", "k"},
        {"GETDEL", "k"},
        {"GETEX", "nokey"},
        {"SET", "g", "v"},
        {"GETEX", "g", "EX", "50"},
        {"TTL", "g"},
        {"GETEX", "g", "PERSIST"},
        {"TTL", "g"},
        {"GETEX", "g", "FOO"},
        {"GETEX", "g", "EX", "1", "PX", "1"},
        {"MSET", "a", "1", "b", "2"},
        {"MSET", "a"},
        {"MSET", "a", "1", "b"},
        {"MGET", "a", "b", "nokey"},
        {"MSETNX", "a", "1", "c", "3"},
        {"MSETNX", "c", "3", "d", "4"},
        {"INCR", "counter"},
        {"INCRBY", "counter", "10"},
        {"DECR", "counter"},
        {"DECRBY", "counter", "3"},
        {"INCRBY", "counter", "x"},
        {"INCR", "g"},
        {"SET", "big", "9223372036854775807"},
        {"INCR", "big"},
        {"DECRBY", "big", "-9223372036854775808"},
        {"SET", "neg", "-9223372036854775808"},
        {"DECR", "neg"},
        {"SET", "sp", " 1"},
        {"INCR", "sp"},
        {"SET", "plus", "+1"},
        {"INCR", "plus"},
        {"SET", "lead", "01"},
        {"INCR", "lead"},
        {"INCRBYFLOAT", "fl", "1.5"},
        {"INCRBYFLOAT", "fl", "0.1"},
        {"INCRBYFLOAT", "fl", "-1.6"},
        {"INCRBYFLOAT", "fl", "1e3"},
        {"INCRBYFLOAT", "fl", "abc"},
        {"INCRBYFLOAT", "fl", "inf"},
        {"SET", "fl2", "10.50"},
        {"INCRBYFLOAT", "fl2", "0"},
        {"INCRBYFLOAT", "fl3", "3.0e-2"},
        {"APPEND", "s", "Hello"},
        {"APPEND", "s", " World"},
        {"STRLEN", "s"},
        {"STRLEN", "nokey"},
        {"GETRANGE", "s", "0", "4"},
        {"GETRANGE", "s", "-5", "-1"},
        {"GETRANGE", "s", "5", "1"},
        {"GETRANGE", "s", "-1", "-5"},
        {"GETRANGE", "s", "0", "100"},
        {"GETRANGE", "nokey", "0", "1"},
        {"GETRANGE", "s", "a", "1"},
        {"SETRANGE", "s", "6", "Redis"},
        {"GET", "s"},
        {"SETRANGE", "s", "-1", "x"},
        {"SETRANGE", "s2", "5", "x"},
        {"GET", "s2"},
        {"SETRANGE", "s3", "5", ""},
        {"EXISTS", "s3"},
        {"SETRANGE", "s", "1", ""},
        {"SETRANGE", "s", "536870912", "x"},
        {"SETBIT", "bits", "7", "1"},
        {"SETBIT", "bits", "7", "0"},
        {"SETBIT", "bits", "100", "1"},
        {"GETBIT", "bits", "100"},
        {"GETBIT", "bits", "10000"},
        {"GETBIT", "nokey", "1"},
        {"SETBIT", "bits", "1", "2"},
        {"SETBIT", "bits", "-1", "1"},
        {"SETBIT", "bits", "4294967296", "1"},
        {"SET", "fb", "foobar"},
        {"BITCOUNT", "fb"},
        {"BITCOUNT", "fb", "0", "0"},
        {"BITCOUNT", "fb", "1", "1"},
        {"BITCOUNT", "fb", "1", "-2"},
        {"BITCOUNT", "fb", "5", "30", "BIT"},
        {"BITCOUNT", "fb", "1"},
        {"BITCOUNT", "fb", "0", "1", "FOO"},
        {"BITCOUNT", "nokey"},
        {"BITCOUNT", "fb", "-1", "-3"},
        {"DEL", "a", "b", "nokey"},
        {"UNLINK", "c"},
        {"EXISTS", "d", "d", "nokey"},
        {"TYPE", "d"},
        {"TYPE", "nokey"},
        {"RENAME", "nokey", "x"},
        {"RENAME", "d", "d"},
        {"RENAMENX", "d", "d"},
        {"RENAME", "d", "e"},
        {"RENAMENX", "e", "fb"},
        {"RENAMENX", "e", "f"},
        {"COPY", "f", "f"},
        {"COPY", "f", "f2"},
        {"COPY", "f", "f2"},
        {"COPY", "f", "f2", "REPLACE"},
        {"COPY", "f", "f3", "DB", "20"},
        {"COPY", "f", "f3", "DB", "x"},
        {"COPY", "f", "f3", "FOO"},
        {"COPY", "nokey", "x"},
        {"MOVE", "f", "0"},
        {"MOVE", "f", "99"},
        {"MOVE", "f", "x"},
        {"MOVE", "f", "2"},
        {"MOVE", "nokey", "2"},
        {"TOUCH", "f2", "nokey", "f2"},
        {"EXPIRE", "f2", "100", "XX"},
        {"EXPIRE", "f2", "100", "NX"},
        {"EXPIRE", "f2", "50", "GT"},
        {"EXPIRE", "f2", "200", "GT"},
        {"EXPIRE", "f2", "300", "LT"},
        {"EXPIRE", "f2", "10", "LT"},
        {"TTL", "f2"},
        {"EXPIRE", "f2", "1", "NX", "XX"},
        {"EXPIRE", "f2", "1", "GT", "LT"},
        {"EXPIRE", "f2", "1", "bogus"},
        {"EXPIRE", "f2", "x"},
        {"EXPIRE", "f2", "9223372036854775807"},
        {"PEXPIRE", "f2", "9223372036854775807"},
        {"EXPIREAT", "f2", "99999999999"},
        {"TTL", "nokey"},
        {"EXPIRE", "nokey", "10"},
        {"PEXPIREAT", "f2", "1"},
        {"EXISTS", "f2"},
        {"EXPIRE"},
        {"DBSIZE"},
        {"SELECT", "1"},
        {"DBSIZE"},
        {"SELECT", "16"},
        {"SELECT", "-1"},
        {"SELECT", "x"},
        {"SELECT", "99999999999"},
        {"SELECT", "0"},
        {"SWAPDB", "0", "1"},
        {"DBSIZE"},
        {"SWAPDB", "0", "1"},
        {"SWAPDB", "x", "1"},
        {"SWAPDB", "0", "y"},
        {"SWAPDB", "0", "99"},
        {"SELECT", "5"},
        {"RANDOMKEY"},
        {"KEYS", "*"},
        {"SCAN", "0"},
        {"SELECT", "0"},
        {"SCAN", "x"},
        {"SCAN", "0", "COUNT", "0"},
        {"SCAN", "0", "COUNT", "x"},
        {"SCAN", "0", "FOO", "bar"},
        {"SCAN", "0", "MATCH"},
        {"SET", "k1", "v"},
        {"KEYS", "k1"},
        {"KEYS", "nomatch*"},
        {"KEYS", "k[0-9]"},
        {"OBJECT", "ENCODING", "k1"},
        {"OBJECT", "ENCODING", "counter"},
        {"OBJECT", "ENCODING", "nokey"},
        {"SET", "long", "x".repeat(45)},
        {"OBJECT", "ENCODING", "long"},
        {"OBJECT", "FREQ", "k1"},
        {"OBJECT", "FREQ", "nokey"},
        {"OBJECT", "NOPE", "k1"},
        {"OBJECT"},
        {"OBJECT", "ENCODING"},
        {"CLIENT", "SETNAME", "bad name"},
        {"CLIENT", "SETNAME", "good"},
        {"CLIENT", "GETNAME"},
        {"CLIENT", "SETNAME", ""},
        {"CLIENT", "GETNAME"},
        {"CLIENT", "KILL", "1.2.3.4:5"},
        {"CLIENT", "KILL", "TYPE", "foo"},
        {"CLIENT", "KILL", "ID", "0"},
        {"CLIENT", "KILL", "ADDR"},
        {"CLIENT", "KILL", "ADDR", "1.2.3.4:5", "SKIPME", "maybe"},
        {"CLIENT", "KILL", "ADDR", "1.2.3.4:5"},
        {"CLIENT", "NOPE"},
        {"CLIENT"},
        {"CONFIG", "GET", "maxmemory"},
        {"CONFIG", "GET", "save"},
        {"CONFIG", "GET", "appendonly"},
        {"CONFIG", "GET", "proto-max-bulk-len"},
        {"CONFIG", "GET", "nosuchparam"},
        {"CONFIG", "GET", "databases"},
        {"CONFIG", "GET", "client-output-buffer-limit"},
        {"CONFIG", "GET", "slave-priority"},
        {"CONFIG", "SET", "foo", "bar"},
        {"CONFIG", "SET", "hz"},
        {"CONFIG", "SET", "databases", "3"},
        {"CONFIG", "SET", "maxclients", "x"},
        {"CONFIG", "SET", "hz", "11"},
        {"CONFIG", "GET", "hz"},
        {"CONFIG", "SET", "hz", "10"},
        {"CONFIG", "RESETSTAT"},
        {"AUTH", "x"},
        {"AUTH", "default", "anything"},
        {"AUTH", "someone", "x"},
        {"AUTH", "a", "b", "c"},
        {"HELLO", "4"},
        {"HELLO", "x"},
        {"HELLO", "2", "FOO"},
        {"HELLO", "2", "SETNAME", "bad name"},
        {"MULTI"},
        {"SET", "t", "1"},
        {"INCR", "t"},
        {"GET"},
        {"EXEC"},
        {"EXISTS", "t"},
        {"MULTI"},
        {"SET", "t", "1"},
        {"INCR", "t"},
        {"INCR", "s"},
        {"EXEC"},
        {"EXEC"},
        {"DISCARD"},
        {"MULTI"},
        {"MULTI"},
        {"WATCH", "x"},
        {"DISCARD"},
        {"WATCH", "t"},
        {"UNWATCH"},
        {"PUBLISH", "ch", "msg"},
        {"PUBSUB", "NUMSUB", "ch"},
        {"PUBSUB", "NUMPAT"},
        {"PUBSUB", "CHANNELS"},
        {"PUBSUB", "FOO"},
        {"FLUSHDB", "FOO"},
        {"FLUSHDB", "ASYNC"},
        {"FLUSHALL", "SYNC"},
        {"DBSIZE"},
        {"ROLE"},
        {"REPLICAOF", "NO", "ONE"},
        {"SLAVEOF", "no", "one"},
        {"REPLICAOF", "x", "y"},
        {"REPLICAOF", "a"},
        {"MULTI"},
        {"SLAVEOF", "NO", "ONE"},
        {"CLIENT", "KILL", "TYPE", "normal"},
        {"CLIENT", "KILL", "TYPE", "pubsub"},
        {"EXEC"},
        {"SHUTDOWN", "FOO"},
        {"LASTSAVE", "x"},
        {"TIME", "x"},
        {"COMMAND", "INFO", "nosuchcommand"},
        {"COMMAND", "FOO"},
        {"SET", "bin", "a\r\nb\u0000c\u00ff"},
        {"GET", "bin"},
        {"STRLEN", "bin"},
    };

    @Test
    void everyReplyMatchesRedisByteForByte() throws Exception {
        assertThat(mismatches(SCRIPT))
                .as("commands whose replies differ from Redis 7")
                .isEmpty();
    }

    @Test
    void protocolErrorsMatchRedisAndClose() throws Exception {
        String[] garbage = {
            "*1\r\n$-1\r\n",
            "*3000000000\r\n",
            "*1\r\nx\r\n",
            "*1\r\n$01\r\n",
            "GET \"a\r\n",
            "PING \"a\"b\r\n",
            "*1\r\n$536870913\r\n",
            "*-\r\n",
        };
        List<String> mismatches = new ArrayList<>();
        for (String bytes : garbage) {
            String expected;
            String actual;
            try (RawConnection real = new RawConnection(redis.port());
                    RawConnection ours = new RawConnection(store.port())) {
                real.send(bytes);
                ours.send(bytes);
                expected = real.readUntilClosed(2000);
                actual = ours.readUntilClosed(2000);
            }
            if (!expected.equals(actual)) {
                mismatches.add(
                        printable(bytes) + "\n   redis: " + printable(expected) + "\n   vigil: " + printable(actual));
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void inlineAndPipelinedRequestsMatch() throws Exception {
        String pipeline =
                "PING\r\nSET \"a b\" 'c\\'d'\r\nGET \"a b\"\r\n\r\n*2\r\n$4\r\nECHO\r\n$3\r\nxyz\r\nDEL \"a b\"\r\n";
        try (RawConnection real = new RawConnection(redis.port());
                RawConnection ours = new RawConnection(store.port())) {
            real.send(pipeline);
            ours.send(pipeline);
            for (int i = 0; i < 5; i++) {
                assertThat(ours.readReply()).isEqualTo(real.readReply());
            }
        }
    }

    @Test
    void infoReplicationHasRedisFieldNamesInRedisOrder() throws Exception {
        try (RawConnection real = new RawConnection(redis.port());
                RawConnection ours = new RawConnection(store.port())) {
            assertThat(fieldNames(ours.call("INFO", "replication")))
                    .isEqualTo(fieldNames(real.call("INFO", "replication")));
            String server = ours.call("INFO", "server");
            assertThat(server).containsPattern("\\r\\nrun_id:[0-9a-f]{40}\\r\\n");
            assertThat(ours.call("INFO", "replication")).containsPattern("master_replid:[0-9a-f]{40}\\r\\n");
            List<String> redisServerFields = fieldNames(real.call("INFO", "server"));
            assertThat(redisServerFields)
                    .containsAll(fieldNames(server).stream()
                            .filter(f -> !f.startsWith("vigil_"))
                            .toList());
        }
    }

    private static List<String> fieldNames(String info) {
        List<String> names = new ArrayList<>();
        for (String line : info.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#") && !line.startsWith("$")) {
                names.add(line.substring(0, colon));
            }
        }
        return names;
    }

    private static String printable(String s) {
        return ContractScript.printable(s);
    }
}
