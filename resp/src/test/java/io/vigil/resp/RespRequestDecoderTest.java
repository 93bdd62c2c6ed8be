package io.vigil.resp;

import static io.vigil.resp.Bufs.buffer;
import static io.vigil.resp.Bufs.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RespRequestDecoderTest {

    private final RespRequestDecoder decoder = new RespRequestDecoder(RespLimits.DEFAULT);

    @Test
    void decodesMultibulk() throws Exception {
        ByteBuf in = buffer("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n");
        assertThat(strings(decoder.decode(in))).containsExactly("SET", "k", "hello");
        assertThat(in.isReadable()).isFalse();
        assertThat(decoder.decode(in)).isNull();
    }

    @Test
    void everySplitPointNeedsMoreThenCompletes() throws Exception {
        String request = "*2\r\n$4\r\nECHO\r\n$11\r\nhello world\r\n*1\r\n$4\r\nPING\r\n";
        for (int split = 0; split <= request.length(); split++) {
            RespRequestDecoder fresh = new RespRequestDecoder(RespLimits.DEFAULT);
            ByteBuf in = Unpooled.buffer();
            in.writeCharSequence(request.substring(0, split), StandardCharsets.ISO_8859_1);
            byte[][] first = fresh.decode(in);
            in.writeCharSequence(request.substring(split), StandardCharsets.ISO_8859_1);
            if (first == null) {
                first = fresh.decode(in);
            }
            assertThat(strings(first)).as("split at %d", split).containsExactly("ECHO", "hello world");
            assertThat(strings(fresh.decode(in))).as("split at %d", split).containsExactly("PING");
            assertThat(fresh.decode(in)).isNull();
        }
    }

    @Test
    void skipsEmptyRequestsLikeRedis() throws Exception {
        ByteBuf in = buffer("*0\r\n*-5\r\n\r\n\r\nPING\n");
        assertThat(strings(decoder.decode(in))).containsExactly("PING");
    }

    @Test
    void bulkPayloadMayContainCrlf() throws Exception {
        assertThat(strings(decoder.decode(buffer("*2\r\n$4\r\nECHO\r\n$4\r\na\r\nb\r\n"))))
                .containsExactly("ECHO", "a\r\nb");
    }

    @Test
    void doesNotCheckTheBytesAfterABulkLikeRedis() throws Exception {
        ByteBuf in = buffer("*1\r\n$4\r\npingXX*1\r\n$4\r\nping\r\n");
        assertThat(strings(decoder.decode(in))).containsExactly("ping");
        assertThat(strings(decoder.decode(in))).containsExactly("ping");
    }

    @Test
    void inlineCommands() throws Exception {
        ByteBuf in = buffer("SET \"a b\" 'c\\'d' \"\\x41\\n\"\r\nPING\n");
        assertThat(strings(decoder.decode(in))).containsExactly("SET", "a b", "c'd", "A\n");
        assertThat(strings(decoder.decode(in))).containsExactly("PING");
    }

    @Test
    void inlineWithoutNewlineNeedsMore() throws Exception {
        ByteBuf in = buffer("PING");
        assertThat(decoder.decode(in)).isNull();
        in.writeCharSequence("\r\n", StandardCharsets.US_ASCII);
        assertThat(strings(decoder.decode(in))).containsExactly("PING");
    }

    @Test
    void protocolErrorsUseRedisTexts() {
        assertError("*3000000000\r\n", "Protocol error: invalid multibulk length");
        assertError("*01\r\n", "Protocol error: invalid multibulk length");
        assertError("*\r\n", "Protocol error: invalid multibulk length");
        assertError("*1\r\n$-1\r\n", "Protocol error: invalid bulk length");
        assertError("*1\r\n$01\r\n", "Protocol error: invalid bulk length");
        assertError("*1\r\n$536870913\r\n", "Protocol error: invalid bulk length");
        assertError("*1\r\nx\r\n", "Protocol error: expected '$', got 'x'");
        assertError("GET \"a\r\n", "Protocol error: unbalanced quotes in request");
        assertError("PING \"a\"b\r\n", "Protocol error: unbalanced quotes in request");
        assertError("x".repeat(64 * 1024 + 1), "Protocol error: too big inline request");
        assertError("*" + "1".repeat(64 * 1024 + 1), "Protocol error: too big mbulk count string");
        assertError("*1\r\n$" + "1".repeat(64 * 1024 + 1), "Protocol error: too big bulk count string");
    }

    @Test
    void protocolErrorCarriesTheWireReply() {
        assertThatThrownBy(() -> decoder.decode(buffer("*1\r\n$-1\r\n")))
                .isInstanceOfSatisfying(RespProtocolException.class, e -> assertThat(
                                new String(e.error().wire(), StandardCharsets.US_ASCII))
                        .isEqualTo("-ERR Protocol error: invalid bulk length\r\n"));
    }

    @Test
    void bulkLimitFollowsConfiguration() throws Exception {
        decoder.limits(RespLimits.DEFAULT.withMaxBulkLength(3));
        assertThat(strings(decoder.decode(buffer("*1\r\n$3\r\nabc\r\n")))).containsExactly("abc");
        assertThatThrownBy(() -> decoder.decode(buffer("*1\r\n$4\r\nabcd\r\n")))
                .hasMessage("Protocol error: invalid bulk length");
    }

    @Test
    void unauthenticatedClientsAreLimited() {
        decoder.authenticated(false);
        assertThatThrownBy(() -> decoder.decode(buffer("*11\r\n")))
                .hasMessage("Protocol error: unauthenticated multibulk length");
        RespRequestDecoder other = new RespRequestDecoder(RespLimits.DEFAULT);
        other.authenticated(false);
        assertThatThrownBy(() -> other.decode(buffer("*1\r\n$16385\r\n")))
                .hasMessage("Protocol error: unauthenticated bulk length");
    }

    @Test
    void largeArgumentCountGrowsTheArgumentArray() throws Exception {
        StringBuilder sb = new StringBuilder("*2000\r\n");
        for (int i = 0; i < 2000; i++) {
            sb.append("$1\r\nx\r\n");
        }
        assertThat(decoder.decode(buffer(sb.toString())).length).isEqualTo(2000);
    }

    private void assertError(String input, String message) {
        RespRequestDecoder fresh = new RespRequestDecoder(RespLimits.DEFAULT);
        assertThatThrownBy(() -> fresh.decode(buffer(input)))
                .as(input.length() > 40 ? input.substring(0, 40) : input)
                .isInstanceOf(RespProtocolException.class)
                .hasMessage(message);
    }
}
