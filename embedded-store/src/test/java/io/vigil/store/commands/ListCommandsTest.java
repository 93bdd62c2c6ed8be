package io.vigil.store.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.engine.Harness;
import org.junit.jupiter.api.Test;

class ListCommandsTest {

    private final Harness h = new Harness();
    private final Harness.Conn c = h.connect();

    @Test
    void pushPopAndLength() {
        assertThat(c.cmd("RPUSH", "l", "a", "b", "c")).isEqualTo(":3\r\n");
        assertThat(c.cmd("LPUSH", "l", "z")).isEqualTo(":4\r\n");
        assertThat(c.cmd("LPUSHX", "none", "a")).isEqualTo(":0\r\n");
        assertThat(c.cmd("RPUSHX", "l", "d")).isEqualTo(":5\r\n");
        assertThat(c.cmd("LLEN", "l")).isEqualTo(":5\r\n");
        assertThat(c.cmd("LPOP", "l")).isEqualTo("$1\r\nz\r\n");
        assertThat(c.cmd("RPOP", "l", "2")).isEqualTo("*2\r\n$1\r\nd\r\n$1\r\nc\r\n");
        assertThat(c.cmd("LPOP", "l", "0")).isEqualTo("*0\r\n");
        assertThat(c.cmd("LPOP", "none", "0")).isEqualTo("*-1\r\n");
        assertThat(c.cmd("LPOP", "none")).isEqualTo("$-1\r\n");
        assertThat(c.cmd("LPOP", "l", "-1")).isEqualTo("-ERR value is out of range, must be positive\r\n");
        assertThat(c.cmd("LPOP", "l", "x")).isEqualTo("-ERR value is out of range, must be positive\r\n");
        assertThat(c.cmd("LPOP", "l", "1", "2")).isEqualTo("-ERR wrong number of arguments for 'lpop' command\r\n");
        assertThat(c.cmd("LPOP", "l", "9")).isEqualTo("*2\r\n$1\r\na\r\n$1\r\nb\r\n");
        assertThat(c.cmd("EXISTS", "l")).isEqualTo(":0\r\n");
        assertThat(h.propagated)
                .containsExactly(
                        "0:RPUSH l a b c", "0:LPUSH l z", "0:RPUSHX l d", "0:LPOP l", "0:RPOP l 2", "0:LPOP l 9");
    }

    @Test
    void resp3NullForms() {
        c.cmd("HELLO", "3");
        assertThat(c.cmd("LPOP", "none")).isEqualTo("_\r\n");
        assertThat(c.cmd("LPOP", "none", "2")).isEqualTo("_\r\n");
        assertThat(c.cmd("LINDEX", "none", "0")).isEqualTo("_\r\n");
    }

    @Test
    void rangesIndexesAndTrim() {
        c.cmd("RPUSH", "l", "a", "b", "c", "d", "e");
        assertThat(c.cmd("LRANGE", "l", "1", "-2")).isEqualTo("*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n");
        assertThat(c.cmd("LRANGE", "l", "-100", "100")).startsWith("*5\r\n");
        assertThat(c.cmd("LRANGE", "l", "3", "1")).isEqualTo("*0\r\n");
        assertThat(c.cmd("LRANGE", "l", "x", "1")).isEqualTo("-ERR value is not an integer or out of range\r\n");
        assertThat(c.cmd("LINDEX", "l", "-1")).isEqualTo("$1\r\ne\r\n");
        assertThat(c.cmd("LINDEX", "l", "5")).isEqualTo("$-1\r\n");
        assertThat(c.cmd("LSET", "l", "0", "A")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("LSET", "l", "9", "A")).isEqualTo("-ERR index out of range\r\n");
        assertThat(c.cmd("LSET", "none", "0", "A")).isEqualTo("-ERR no such key\r\n");
        assertThat(c.cmd("LTRIM", "l", "1", "-2")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("LRANGE", "l", "0", "-1")).isEqualTo("*3\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n");
        assertThat(c.cmd("LTRIM", "l", "5", "1")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("EXISTS", "l")).isEqualTo(":0\r\n");
    }

    @Test
    void remInsertAndPos() {
        c.cmd("RPUSH", "l", "a", "b", "a", "c", "a");
        assertThat(c.cmd("LPOS", "l", "a")).isEqualTo(":0\r\n");
        assertThat(c.cmd("LPOS", "l", "a", "RANK", "-1")).isEqualTo(":4\r\n");
        assertThat(c.cmd("LPOS", "l", "a", "COUNT", "0")).isEqualTo("*3\r\n:0\r\n:2\r\n:4\r\n");
        assertThat(c.cmd("LPOS", "l", "a", "RANK", "2", "COUNT", "2", "MAXLEN", "4"))
                .isEqualTo("*1\r\n:2\r\n");
        assertThat(c.cmd("LPOS", "l", "a", "RANK", "0")).startsWith("-ERR RANK can't be zero");
        assertThat(c.cmd("LPOS", "l", "a", "COUNT", "-1")).isEqualTo("-ERR COUNT can't be negative\r\n");
        assertThat(c.cmd("LPOS", "l", "a", "MAXLEN", "x")).isEqualTo("-ERR MAXLEN can't be negative\r\n");
        assertThat(c.cmd("LPOS", "l", "a", "COUNT")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.cmd("LPOS", "l", "zz")).isEqualTo("$-1\r\n");
        assertThat(c.cmd("LPOS", "none", "a", "COUNT", "1")).isEqualTo("*0\r\n");
        assertThat(c.cmd("LINSERT", "l", "BEFORE", "c", "x")).isEqualTo(":6\r\n");
        assertThat(c.cmd("LINSERT", "l", "AFTER", "nope", "x")).isEqualTo(":-1\r\n");
        assertThat(c.cmd("LINSERT", "l", "MIDDLE", "c", "x")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.cmd("LINSERT", "none", "AFTER", "c", "x")).isEqualTo(":0\r\n");
        assertThat(c.cmd("LREM", "l", "-2", "a")).isEqualTo(":2\r\n");
        assertThat(c.cmd("LRANGE", "l", "0", "-1")).isEqualTo("*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nx\r\n$1\r\nc\r\n");
        assertThat(c.cmd("LREM", "l", "0", "zz")).isEqualTo(":0\r\n");
    }

    @Test
    void moveBetweenLists() {
        c.cmd("RPUSH", "src", "a", "b");
        assertThat(c.cmd("LMOVE", "src", "dst", "LEFT", "RIGHT")).isEqualTo("$1\r\na\r\n");
        assertThat(c.cmd("RPOPLPUSH", "src", "dst")).isEqualTo("$1\r\nb\r\n");
        assertThat(c.cmd("EXISTS", "src")).isEqualTo(":0\r\n");
        assertThat(c.cmd("LRANGE", "dst", "0", "-1")).isEqualTo("*2\r\n$1\r\nb\r\n$1\r\na\r\n");
        assertThat(c.cmd("LMOVE", "dst", "dst", "LEFT", "RIGHT")).isEqualTo("$1\r\nb\r\n");
        assertThat(c.cmd("LRANGE", "dst", "0", "-1")).isEqualTo("*2\r\n$1\r\na\r\n$1\r\nb\r\n");
        assertThat(c.cmd("LMOVE", "dst", "x", "UP", "RIGHT")).isEqualTo("-ERR syntax error\r\n");
        assertThat(c.cmd("LMOVE", "none", "x", "LEFT", "RIGHT")).isEqualTo("$-1\r\n");
        c.cmd("SET", "s", "v");
        assertThat(c.cmd("LMOVE", "dst", "s", "LEFT", "RIGHT")).startsWith("-WRONGTYPE");
        assertThat(c.cmd("LPUSH", "s", "a")).startsWith("-WRONGTYPE");
        assertThat(c.cmd("LLEN", "s")).startsWith("-WRONGTYPE");
    }

    @Test
    void typeEncodingAndMemoryAccounting() {
        long before = h.engine.keyspace().db(0).memoryBytes();
        c.cmd("RPUSH", "l", "a", "b");
        assertThat(c.cmd("TYPE", "l")).isEqualTo("+list\r\n");
        assertThat(c.cmd("OBJECT", "ENCODING", "l")).isEqualTo("$9\r\nquicklist\r\n");
        for (int i = 0; i < 200; i++) {
            c.cmd("RPUSH", "l", "element-" + i);
        }
        c.cmd("LTRIM", "l", "0", "0");
        c.cmd("LSET", "l", "0", "x".repeat(1000));
        c.cmd("LPOP", "l");
        assertThat(h.engine.keyspace().db(0).memoryBytes()).isEqualTo(before);
    }
}
