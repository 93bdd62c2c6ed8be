package io.vigil.store.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BacklogTest {

    private static void append(Backlog b, String s) {
        ByteBuf buf = Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
        b.append(buf, buf.readerIndex(), buf.readableBytes());
    }

    private static String from(Backlog b, long offset) {
        ByteBuf out = Unpooled.buffer();
        b.copyFrom(offset, out);
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void holdsTheStreamFromItsStartOffset() {
        Backlog b = new Backlog(16, 100);
        assertThat(b.firstByteOffset()).isEqualTo(101);
        assertThat(b.histlen()).isZero();
        assertThat(b.covers(101)).isTrue();
        assertThat(from(b, 101)).isEmpty();
        append(b, "hello");
        assertThat(b.endOffset()).isEqualTo(105);
        assertThat(from(b, 101)).isEqualTo("hello");
        assertThat(from(b, 104)).isEqualTo("lo");
        assertThat(from(b, 106)).isEmpty();
        assertThat(b.covers(100)).isFalse();
        assertThat(b.covers(107)).isFalse();
    }

    @Test
    void wrapsAroundAndForgetsTheOldest() {
        Backlog b = new Backlog(8, 0);
        append(b, "abcdef");
        append(b, "ghijk");
        assertThat(b.histlen()).isEqualTo(8);
        assertThat(b.endOffset()).isEqualTo(11);
        assertThat(b.firstByteOffset()).isEqualTo(4);
        assertThat(from(b, 4)).isEqualTo("defghijk");
        assertThat(from(b, 9)).isEqualTo("ijk");
        assertThat(b.covers(3)).isFalse();
        assertThatThrownBy(() -> from(b, 3)).hasMessageContaining("outside the backlog [4, 12]");
    }

    @Test
    void anAppendLargerThanTheRingKeepsItsTail() {
        Backlog b = new Backlog(4, 0);
        append(b, "x");
        append(b, "0123456789");
        assertThat(b.endOffset()).isEqualTo(11);
        assertThat(from(b, 8)).isEqualTo("6789");
    }

    @Test
    void resizeKeepsTheNewestHistory() {
        Backlog b = new Backlog(8, 0);
        append(b, "abcdefghij");
        b.resize(4);
        assertThat(b.firstByteOffset()).isEqualTo(7);
        assertThat(from(b, 7)).isEqualTo("ghij");
        append(b, "kl");
        assertThat(from(b, 9)).isEqualTo("ijkl");
        b.resize(32);
        append(b, "mn");
        assertThat(from(b, 9)).isEqualTo("ijklmn");
        assertThat(b.histlen()).isEqualTo(6);
    }
}
