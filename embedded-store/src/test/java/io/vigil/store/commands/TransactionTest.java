package io.vigil.store.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.engine.Harness;
import org.junit.jupiter.api.Test;

class TransactionTest {

    private final Harness h = new Harness();
    private final Harness.Conn c = h.connect();

    @Test
    void execRunsQueuedCommandsAndPropagatesThemWrapped() {
        assertThat(c.cmd("MULTI")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("SET", "a", "1")).isEqualTo("+QUEUED\r\n");
        assertThat(c.cmd("INCR", "a")).isEqualTo("+QUEUED\r\n");
        assertThat(c.cmd("GET", "a")).isEqualTo("+QUEUED\r\n");
        assertThat(c.cmd("EXEC")).isEqualTo("*3\r\n+OK\r\n:2\r\n$1\r\n2\r\n");
        assertThat(h.propagated).containsExactly("0:MULTI", "0:SET a 1", "0:INCR a", "-1:EXEC");
    }

    @Test
    void queueingErrorAbortsExec() {
        c.cmd("MULTI");
        assertThat(c.cmd("GET")).isEqualTo("-ERR wrong number of arguments for 'get' command\r\n");
        c.cmd("SET", "a", "1");
        assertThat(c.cmd("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n");
        assertThat(c.cmd("EXISTS", "a")).isEqualTo(":0\r\n");
    }

    @Test
    void watchedKeyChangeFailsExec() {
        Harness.Conn other = h.connect();
        c.cmd("WATCH", "k");
        other.cmd("SET", "k", "x");
        c.cmd("MULTI");
        c.cmd("SET", "k", "mine");
        assertThat(c.cmd("EXEC")).isEqualTo("*-1\r\n");
        assertThat(c.cmd("GET", "k")).isEqualTo("$1\r\nx\r\n");
        c.cmd("WATCH", "k");
        c.cmd("MULTI");
        assertThat(c.cmd("WATCH", "j")).isEqualTo("-ERR WATCH inside MULTI is not allowed\r\n");
        c.cmd("SET", "k", "mine");
        assertThat(c.cmd("EXEC")).isEqualTo("*1\r\n+OK\r\n");
    }

    @Test
    void errorsWithoutMulti() {
        assertThat(c.cmd("EXEC")).isEqualTo("-ERR EXEC without MULTI\r\n");
        assertThat(c.cmd("DISCARD")).isEqualTo("-ERR DISCARD without MULTI\r\n");
        c.cmd("MULTI");
        assertThat(c.cmd("MULTI")).isEqualTo("-ERR MULTI calls can not be nested\r\n");
        assertThat(c.cmd("DISCARD")).isEqualTo("+OK\r\n");
    }

    @Test
    void sentinelReconfigurationTransactionIsAccepted() {
        Harness.Conn victim = h.connect();
        c.cmd("MULTI");
        c.cmd("CLIENT", "KILL", "TYPE", "normal");
        c.cmd("CLIENT", "KILL", "TYPE", "pubsub");
        assertThat(c.cmd("EXEC")).isEqualTo("*2\r\n:1\r\n:0\r\n");
        assertThat(victim.out.closed()).isTrue();
    }
}
