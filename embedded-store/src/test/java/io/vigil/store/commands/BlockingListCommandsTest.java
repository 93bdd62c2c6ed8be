package io.vigil.store.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.engine.Harness;
import org.junit.jupiter.api.Test;

class BlockingListCommandsTest {

    private final Harness h = new Harness();
    private final Harness.Conn a = h.connect();
    private final Harness.Conn b = h.connect();
    private final Harness.Conn c = h.connect();
    private final Harness.Conn pusher = h.connect();

    @Test
    void popsAtOnceWhenAListHasElementsAndPropagatesAsPlainPop() {
        pusher.cmd("RPUSH", "k2", "x", "y");
        assertThat(a.cmd("BLPOP", "k1", "k2", "0")).isEqualTo("*2\r\n$2\r\nk2\r\n$1\r\nx\r\n");
        assertThat(a.cmd("BRPOP", "k2", "0")).isEqualTo("*2\r\n$2\r\nk2\r\n$1\r\ny\r\n");
        pusher.cmd("RPUSH", "src", "v");
        assertThat(a.cmd("BLMOVE", "src", "dst", "left", "RIGHT", "0")).isEqualTo("$1\r\nv\r\n");
        assertThat(a.cmd("BRPOPLPUSH", "dst", "src", "0")).isEqualTo("$1\r\nv\r\n");
        assertThat(h.propagated)
                .containsExactly(
                        "0:RPUSH k2 x y",
                        "0:LPOP k2",
                        "0:RPOP k2",
                        "0:RPUSH src v",
                        "0:LMOVE src dst left RIGHT",
                        "0:RPOPLPUSH dst src");
    }

    @Test
    void timeoutErrors() {
        assertThat(a.cmd("BLPOP", "k", "-1")).isEqualTo("-ERR timeout is negative\r\n");
        assertThat(a.cmd("BLPOP", "k", "inf")).isEqualTo("-ERR timeout is negative\r\n");
        assertThat(a.cmd("BLPOP", "k", "1e400")).isEqualTo("-ERR timeout is negative\r\n");
        assertThat(a.cmd("BLPOP", "k", "99999999999999999")).isEqualTo("-ERR timeout is negative\r\n");
        assertThat(a.cmd("BLPOP", "k", "x")).isEqualTo("-ERR timeout is not a float or out of range\r\n");
        assertThat(a.cmd("BLPOP", "k", "nan")).isEqualTo("-ERR timeout is not a float or out of range\r\n");
        assertThat(a.cmd("BLPOP", "k", " 1")).isEqualTo("-ERR timeout is not a float or out of range\r\n");
        assertThat(a.cmd("BLPOP", "k", "1e5000")).isEqualTo("-ERR timeout is not a float or out of range\r\n");
        assertThat(a.cmd("BLMOVE", "k", "d", "UP", "LEFT", "0")).isEqualTo("-ERR syntax error\r\n");
        assertThat(a.cmd("BRPOPLPUSH", "k", "d", "-0.5")).isEqualTo("-ERR timeout is negative\r\n");
        assertThat(BlockingTimeout.millis("0.0001".getBytes())).isZero();
        assertThat(BlockingTimeout.millis("0x10".getBytes())).isEqualTo(16_000);
        assertThat(BlockingTimeout.millis("1.5".getBytes())).isEqualTo(1500);
        assertThat(h.engine.blockedClientCount()).isZero();
    }

    @Test
    void timesOutOnTheManualClock() {
        assertThat(a.cmd("BLPOP", "k", "1.5")).isEmpty();
        assertThat(b.cmd("BLMOVE", "k", "d", "LEFT", "LEFT", "0")).isEmpty();
        assertThat(h.engine.blockedClientCount()).isEqualTo(2);
        assertThat(pusher.cmd("INFO", "clients")).contains("blocked_clients:2\r\n");
        h.clock.advance(1499);
        h.engine.cron();
        assertThat(a.out.take()).isEmpty();
        h.clock.advance(1);
        h.engine.cron();
        assertThat(a.out.take()).isEqualTo("*-1\r\n");
        assertThat(h.engine.blockedClientCount()).isEqualTo(1);
        assertThat(a.cmd("PING")).isEqualTo("+PONG\r\n");
        h.clock.advance(1_000_000);
        h.engine.cron();
        assertThat(b.out.take()).isEmpty();
    }

    @Test
    void resp3TimeoutIsNull() {
        a.cmd("HELLO", "3");
        a.cmd("BRPOP", "k", "0.1");
        h.clock.advance(100);
        h.engine.cron();
        assertThat(a.out.take()).isEqualTo("_\r\n");
    }

    @Test
    void servesBlockedClientsInArrivalOrder() {
        a.cmd("BLPOP", "k", "0");
        b.cmd("BLPOP", "other", "k", "0");
        c.cmd("BRPOP", "k", "0");
        assertThat(pusher.cmd("RPUSH", "k", "1", "2")).isEqualTo(":2\r\n");
        assertThat(a.out.take()).isEqualTo("*2\r\n$1\r\nk\r\n$1\r\n1\r\n");
        assertThat(b.out.take()).isEqualTo("*2\r\n$1\r\nk\r\n$1\r\n2\r\n");
        assertThat(c.out.take()).isEmpty();
        assertThat(pusher.cmd("EXISTS", "k")).isEqualTo(":0\r\n");
        pusher.cmd("LPUSH", "k", "3");
        assertThat(c.out.take()).isEqualTo("*2\r\n$1\r\nk\r\n$1\r\n3\r\n");
        assertThat(h.propagated).containsExactly("0:RPUSH k 1 2", "0:LPOP k", "0:LPOP k", "0:LPUSH k 3", "0:RPOP k");
        assertThat(h.engine.blockedClientCount()).isZero();
    }

    @Test
    void wakesUpAfterExecAndBlockingCommandsInsideExecDoNotBlock() {
        a.cmd("BLPOP", "k", "0");
        pusher.cmd("MULTI");
        pusher.cmd("RPUSH", "k", "x");
        pusher.cmd("BLPOP", "none", "0");
        pusher.cmd("BLMOVE", "none", "d", "LEFT", "LEFT", "0");
        pusher.cmd("LLEN", "k");
        assertThat(pusher.cmd("EXEC")).isEqualTo("*4\r\n:1\r\n*-1\r\n$-1\r\n:1\r\n");
        assertThat(a.out.take()).isEqualTo("*2\r\n$1\r\nk\r\n$1\r\nx\r\n");
        assertThat(h.propagated).containsExactly("0:MULTI", "0:RPUSH k x", "-1:EXEC", "0:LPOP k");
    }

    @Test
    void wakesUpOnLmoveAndChainsBlmoves() {
        a.cmd("BLMOVE", "q1", "q2", "RIGHT", "LEFT", "0");
        b.cmd("BRPOPLPUSH", "q2", "q3", "0");
        c.cmd("BLPOP", "q3", "0");
        pusher.cmd("RPUSH", "src", "job");
        pusher.cmd("LMOVE", "src", "q1", "LEFT", "LEFT");
        assertThat(a.out.take()).isEqualTo("$3\r\njob\r\n");
        assertThat(b.out.take()).isEqualTo("$3\r\njob\r\n");
        assertThat(c.out.take()).isEqualTo("*2\r\n$2\r\nq3\r\n$3\r\njob\r\n");
        assertThat(pusher.cmd("DBSIZE")).isEqualTo(":0\r\n");
        assertThat(h.propagated)
                .containsExactly(
                        "0:RPUSH src job",
                        "0:LMOVE src q1 LEFT LEFT",
                        "0:LMOVE q1 q2 RIGHT LEFT",
                        "0:RPOPLPUSH q2 q3",
                        "0:LPOP q3");
    }

    @Test
    void wrongTypeAndPipelinedRequestsWaitForTheBlock() {
        pusher.cmd("SET", "s", "v");
        assertThat(a.cmd("BLPOP", "none", "s", "0")).startsWith("-WRONGTYPE");
        assertThat(a.raw("*3\r\n$5\r\nBLPOP\r\n$1\r\nk\r\n$1\r\n0\r\n*1\r\n$4\r\nPING\r\n"))
                .isEmpty();
        pusher.cmd("RPUSH", "k", "v");
        assertThat(a.out.take()).isEqualTo("*2\r\n$1\r\nk\r\n$1\r\nv\r\n+PONG\r\n");
    }

    @Test
    void clientKillAndDisconnectForgetTheBlockedClient() {
        a.cmd("BLPOP", "k", "0");
        b.cmd("BLPOP", "k", "0");
        assertThat(pusher.cmd("CLIENT", "KILL", "ID", String.valueOf(a.client.id())))
                .isEqualTo(":1\r\n");
        assertThat(a.out.closed()).isTrue();
        h.engine.disconnect(b.client);
        assertThat(h.engine.blockedClientCount()).isZero();
        pusher.cmd("RPUSH", "k", "v");
        assertThat(pusher.cmd("LLEN", "k")).isEqualTo(":1\r\n");
    }

    @Test
    void clientUnblock() {
        a.cmd("BLPOP", "k", "0");
        b.cmd("BLMOVE", "k", "d", "LEFT", "LEFT", "0");
        String idA = String.valueOf(a.client.id());
        assertThat(pusher.cmd("CLIENT", "UNBLOCK", idA, "MAYBE"))
                .isEqualTo("-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR\r\n");
        assertThat(pusher.cmd("CLIENT", "UNBLOCK", idA)).isEqualTo(":1\r\n");
        assertThat(a.out.take()).isEqualTo("*-1\r\n");
        assertThat(pusher.cmd("CLIENT", "UNBLOCK", idA)).isEqualTo(":0\r\n");
        assertThat(pusher.cmd("CLIENT", "UNBLOCK", String.valueOf(b.client.id()), "ERROR"))
                .isEqualTo(":1\r\n");
        assertThat(b.out.take()).isEqualTo("-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n");
    }
}
