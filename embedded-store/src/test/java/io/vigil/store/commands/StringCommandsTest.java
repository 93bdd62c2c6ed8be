package io.vigil.store.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.engine.Harness;
import org.junit.jupiter.api.Test;

class StringCommandsTest {

    private final Harness h = new Harness();
    private final Harness.Conn c = h.connect();

    @Test
    void setOptions() {
        assertThat(c.cmd("SET", "k", "v", "NX")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("SET", "k", "w", "NX")).isEqualTo("$-1\r\n");
        assertThat(c.cmd("SET", "k", "w", "XX", "GET")).isEqualTo("$1\r\nv\r\n");
        assertThat(c.cmd("SET", "k", "x", "NX", "XX")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.cmd("SET", "k", "x", "EX", "0")).isEqualTo("-ERR invalid expire time in 'set' command\r\n");
        assertThat(c.cmd("SET", "k", "x", "EX", "a")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(c.cmd("SET", "k", "x", "EX", "10", "PX", "10")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.cmd("SET", "k", "x", "KEEPTTL", "EX", "10")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.cmd("SET", "k", "x", "EX")).isEqualTo("-ERR syntax error\r\n");
    }

    @Test
    void setWithTtlPropagatesAbsoluteTime() {
        c.cmd("SET", "k", "v", "EX", "10");
        assertThat(h.propagated).containsExactly("0:SET k v PXAT " + (h.clock.millis() + 10_000));
        assertThat(c.cmd("PTTL", "k")).isEqualTo(":10000\r\n");
        c.cmd("SET", "k", "v2", "KEEPTTL");
        assertThat(c.cmd("TTL", "k")).isEqualTo(":10\r\n");
        c.cmd("SET", "k", "v3");
        assertThat(c.cmd("TTL", "k")).isEqualTo(":-1\r\n");
    }

    @Test
    void counters() {
        assertThat(c.cmd("INCR", "n")).isEqualTo(":1\r\n");
        assertThat(c.cmd("INCRBY", "n", "-5")).isEqualTo(":-4\r\n");
        assertThat(c.cmd("DECRBY", "n", "-9223372036854775808")).isEqualTo("-ERR decrement would overflow\r\n");
        c.cmd("SET", "n", "9223372036854775807");
        assertThat(c.cmd("INCR", "n")).isEqualTo("-ERR increment or decrement would overflow\r\n");
        c.cmd("SET", "s", "abc");
        assertThat(c.cmd("INCR", "s")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        c.cmd("SET", "f", "10.5");
        assertThat(c.cmd("INCRBYFLOAT", "f", "0.1")).isEqualTo("$4\r\n10.6\r\n");
        assertThat(c.cmd("INCRBYFLOAT", "f", "5.0e3"))
                .as("an 80-bit long double printed with %.17Lf, as redis-server 7.0.15")
                .isEqualTo("$22\r\n5010.60000000000000009\r\n");
        assertThat(c.cmd("INCRBYFLOAT", "f", "x")).isEqualTo("-ERR value is not a valid float\r\n");
        assertThat(c.cmd("INCRBYFLOAT", "f", "inf")).isEqualTo("-ERR increment would produce NaN or Infinity\r\n");
        assertThat(h.propagated).contains("0:SET f 5010.60000000000000009 KEEPTTL");
    }

    @Test
    void rangesAndBits() {
        c.cmd("SET", "k", "Hello World");
        assertThat(c.cmd("GETRANGE", "k", "-5", "-1")).isEqualTo("$5\r\nWorld\r\n");
        assertThat(c.cmd("GETRANGE", "k", "5", "1")).isEqualTo("$0\r\n\r\n");
        assertThat(c.cmd("SETRANGE", "k", "6", "Redis")).isEqualTo(":11\r\n");
        assertThat(c.cmd("SETRANGE", "new", "3", "ab")).isEqualTo(":5\r\n");
        assertThat(c.cmd("GET", "new")).isEqualTo("$5\r\n\0\0\0ab\r\n");
        assertThat(c.cmd("SETRANGE", "k", "-1", "x")).isEqualTo("-ERR offset is out of range\r\n");
        assertThat(c.cmd("APPEND", "k", "!")).isEqualTo(":12\r\n");
        assertThat(c.cmd("STRLEN", "k")).isEqualTo(":12\r\n");
        assertThat(c.cmd("SETBIT", "b", "7", "1")).isEqualTo(":0\r\n");
        assertThat(c.cmd("GETBIT", "b", "7")).isEqualTo(":1\r\n");
        assertThat(c.cmd("SETBIT", "b", "7", "2")).isEqualTo("-ERR bit is not an integer or out of range\r\n");
        assertThat(c.cmd("SETBIT", "b", "-1", "1")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
        c.cmd("SET", "bc", "foobar");
        assertThat(c.cmd("BITCOUNT", "bc")).isEqualTo(":26\r\n");
        assertThat(c.cmd("BITCOUNT", "bc", "1", "1")).isEqualTo(":6\r\n");
        assertThat(c.cmd("BITCOUNT", "bc", "5", "30", "BIT")).isEqualTo(":17\r\n");
        assertThat(c.cmd("BITCOUNT", "bc", "1")).isEqualTo("-ERR syntax error\r\n");
    }

    @Test
    void multiKeyCommands() {
        assertThat(c.cmd("MSET", "a", "1", "b")).isEqualTo("-ERR wrong number of arguments for 'mset' command\r\n");
        assertThat(c.cmd("MSET", "a", "1", "b", "2")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("MSETNX", "b", "3", "c", "4")).isEqualTo(":0\r\n");
        assertThat(c.cmd("MGET", "a", "b", "c")).isEqualTo("*3\r\n$1\r\n1\r\n$1\r\n2\r\n$-1\r\n");
        assertThat(c.cmd("GETDEL", "a")).isEqualTo("$1\r\n1\r\n");
        assertThat(c.cmd("EXISTS", "a", "b", "b")).isEqualTo(":2\r\n");
        assertThat(c.cmd("GETSET", "b", "9")).isEqualTo("$1\r\n2\r\n");
    }

    @Test
    void getexChangesTtl() {
        c.cmd("SET", "k", "v");
        assertThat(c.cmd("GETEX", "k", "PX", "500")).isEqualTo("$1\r\nv\r\n");
        assertThat(c.cmd("PTTL", "k")).isEqualTo(":500\r\n");
        assertThat(c.cmd("GETEX", "k", "PERSIST")).isEqualTo("$1\r\nv\r\n");
        assertThat(c.cmd("TTL", "k")).isEqualTo(":-1\r\n");
        assertThat(c.cmd("GETEX", "k", "PERSIST", "EX", "1")).isEqualTo("-ERR syntax error\r\n");
        assertThat(h.propagated).contains("0:PEXPIREAT k " + (h.clock.millis() + 500), "0:PERSIST k");
    }
}
