package io.vigil.api.resp.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.resp.RespError;
import io.vigil.resp.RespVersion;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ReplyEncoderTest {

    private static final Reply.MapReply MAP = new Reply.MapReply(
            List.of(Reply.bulk("name"), Reply.bulk("mymaster"), Reply.bulk("port"), Reply.bulk("1")));

    @Test
    void mapsAreFlatArraysInResp2AndMapsInResp3() {
        assertThat(CommandHarness.wire(MAP, RespVersion.RESP2))
                .isEqualTo("*4\r\n$4\r\nname\r\n$8\r\nmymaster\r\n$4\r\nport\r\n$1\r\n1\r\n");
        assertThat(CommandHarness.wire(MAP, RespVersion.RESP3))
                .isEqualTo("%2\r\n$4\r\nname\r\n$8\r\nmymaster\r\n$4\r\nport\r\n$1\r\n1\r\n");
    }

    @Test
    void nullsAndPushesFollowTheVersion() {
        assertThat(CommandHarness.wire(Reply.NULL, RespVersion.RESP2)).isEqualTo("$-1\r\n");
        assertThat(CommandHarness.wire(Reply.NULL_ARRAY, RespVersion.RESP2)).isEqualTo("*-1\r\n");
        assertThat(CommandHarness.wire(Reply.NULL_ARRAY, RespVersion.RESP3)).isEqualTo("_\r\n");
        Reply push = new Reply.Push(List.of(Reply.bulk("message"), Reply.bulk("a"), Reply.bulk("b")));
        assertThat(CommandHarness.wire(push, RespVersion.RESP2)).startsWith("*3\r\n");
        assertThat(CommandHarness.wire(push, RespVersion.RESP3)).startsWith(">3\r\n");
    }

    @Test
    void sequencesAreConsecutiveRepliesAndErrorsComeFromTheCatalog() {
        Reply sequence = new Reply.Sequence(List.of(Reply.OK, Reply.integer(-7), Reply.error(RespError.NOAUTH)));
        assertThat(CommandHarness.wire(sequence, RespVersion.RESP2))
                .isEqualTo("+OK\r\n:-7\r\n-NOAUTH Authentication required.\r\n");
    }

    @Test
    void incompleteRepliesCannotBeWritten() {
        assertThatThrownBy(() -> CommandHarness.wire(new Reply.Deferred(new CompletableFuture<>()), RespVersion.RESP2))
                .hasMessageContaining("Deferred");
        assertThatThrownBy(() -> new Reply.Simple("a\r\nb")).hasMessageContaining("CR or LF");
        assertThatThrownBy(() -> new Reply.MapReply(List.of(Reply.OK))).hasMessageContaining("pairs");
    }
}
