package io.vigil.store.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.engine.Harness;
import org.junit.jupiter.api.Test;

class PubSubTest {

    private final Harness h = new Harness();
    private final Harness.Conn pub = h.connect();

    @Test
    void subscribeAndReceiveInResp2() {
        Harness.Conn sub = h.connect();
        assertThat(sub.cmd("SUBSCRIBE", "__sentinel__:hello", "b"))
                .isEqualTo("*3\r\n$9\r\nsubscribe\r\n$18\r\n__sentinel__:hello\r\n:1\r\n"
                        + "*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n");
        assertThat(pub.cmd("PUBLISH", "__sentinel__:hello", "hi")).isEqualTo(":1\r\n");
        assertThat(sub.out.take()).isEqualTo("*3\r\n$7\r\nmessage\r\n$18\r\n__sentinel__:hello\r\n$2\r\nhi\r\n");
        assertThat(sub.cmd("GET", "x"))
                .isEqualTo("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are "
                        + "allowed in this context\r\n");
        assertThat(sub.cmd("PING")).isEqualTo("*2\r\n$4\r\npong\r\n$0\r\n\r\n");
        assertThat(sub.cmd("UNSUBSCRIBE"))
                .isEqualTo("*3\r\n$11\r\nunsubscribe\r\n$18\r\n__sentinel__:hello\r\n:1\r\n"
                        + "*3\r\n$11\r\nunsubscribe\r\n$1\r\nb\r\n:0\r\n");
        assertThat(sub.cmd("UNSUBSCRIBE")).isEqualTo("*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n");
    }

    @Test
    void patternsAndResp3Pushes() {
        Harness.Conn sub = h.connect();
        sub.cmd("HELLO", "3");
        assertThat(sub.cmd("PSUBSCRIBE", "news.*")).isEqualTo(">3\r\n$10\r\npsubscribe\r\n$6\r\nnews.*\r\n:1\r\n");
        assertThat(pub.cmd("PUBLISH", "news.tech", "x")).isEqualTo(":1\r\n");
        assertThat(sub.out.take()).isEqualTo(">4\r\n$8\r\npmessage\r\n$6\r\nnews.*\r\n$9\r\nnews.tech\r\n$1\r\nx\r\n");
        assertThat(sub.cmd("GET", "k"))
                .as("RESP3 clients may run commands while subscribed")
                .isEqualTo("_\r\n");
        assertThat(pub.cmd("PUBSUB", "NUMPAT")).isEqualTo(":1\r\n");
        assertThat(pub.cmd("PUBSUB", "NUMSUB", "a")).isEqualTo("*2\r\n$1\r\na\r\n:0\r\n");
    }

    @Test
    void disconnectDropsSubscriptions() {
        Harness.Conn sub = h.connect();
        sub.cmd("SUBSCRIBE", "c");
        h.engine.disconnect(sub.client);
        assertThat(pub.cmd("PUBLISH", "c", "x")).isEqualTo(":0\r\n");
        assertThat(pub.cmd("PUBSUB", "CHANNELS")).isEqualTo("*0\r\n");
    }
}
