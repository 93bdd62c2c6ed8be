package io.vigil.resp;

import static io.vigil.resp.Bufs.text;
import static io.vigil.resp.RespVersion.RESP2;
import static io.vigil.resp.RespVersion.RESP3;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RespWriterTest {

    private static String write(Consumer<ByteBuf> writer) {
        ByteBuf out = Unpooled.buffer();
        writer.accept(out);
        return text(out);
    }

    @Test
    void scalars() {
        assertThat(write(RespWriter::ok)).isEqualTo("+OK\r\n");
        assertThat(write(RespWriter::pong)).isEqualTo("+PONG\r\n");
        assertThat(write(o -> RespWriter.simple(o, "QUEUED"))).isEqualTo("+QUEUED\r\n");
        assertThat(write(o -> RespWriter.error(o, RespError.SYNTAX))).isEqualTo("-ERR syntax error\r\n");
        assertThat(write(o -> RespWriter.integer(o, 0))).isEqualTo(":0\r\n");
        assertThat(write(o -> RespWriter.integer(o, 1023))).isEqualTo(":1023\r\n");
        assertThat(write(o -> RespWriter.integer(o, 1024))).isEqualTo(":1024\r\n");
        assertThat(write(o -> RespWriter.integer(o, -1))).isEqualTo(":-1\r\n");
        assertThat(write(o -> RespWriter.integer(o, Long.MIN_VALUE))).isEqualTo(":-9223372036854775808\r\n");
        assertThat(write(o -> RespWriter.integer(o, Long.MAX_VALUE))).isEqualTo(":9223372036854775807\r\n");
        assertThat(write(o -> RespWriter.bulkDecimal(o, -120))).isEqualTo("$4\r\n-120\r\n");
    }

    @Test
    void bulkStrings() {
        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        assertThat(write(o -> RespWriter.bulk(o, RESP2, hello))).isEqualTo("$5\r\nhello\r\n");
        assertThat(write(o -> RespWriter.bulk(o, RESP2, new byte[0]))).isEqualTo("$0\r\n\r\n");
        assertThat(write(o -> RespWriter.bulk(o, hello, 1, 3))).isEqualTo("$3\r\nell\r\n");
        assertThat(write(o -> RespWriter.bulk(o, RESP2, "x".repeat(2000)))).startsWith("$2000\r\nxx");
    }

    @Test
    void nullsDependOnVersion() {
        assertThat(write(o -> RespWriter.bulk(o, RESP2, (byte[]) null))).isEqualTo("$-1\r\n");
        assertThat(write(o -> RespWriter.bulk(o, RESP3, (byte[]) null))).isEqualTo("_\r\n");
        assertThat(write(o -> RespWriter.nullArray(o, RESP2))).isEqualTo("*-1\r\n");
        assertThat(write(o -> RespWriter.nullArray(o, RESP3))).isEqualTo("_\r\n");
    }

    @Test
    void aggregatesDegradeInResp2() {
        assertThat(write(o -> RespWriter.arrayHeader(o, 2))).isEqualTo("*2\r\n");
        assertThat(write(o -> RespWriter.arrayHeader(o, 5000))).isEqualTo("*5000\r\n");
        assertThat(write(o -> RespWriter.mapHeader(o, RESP2, 3))).isEqualTo("*6\r\n");
        assertThat(write(o -> RespWriter.mapHeader(o, RESP3, 3))).isEqualTo("%3\r\n");
        assertThat(write(o -> RespWriter.setHeader(o, RESP2, 1))).isEqualTo("*1\r\n");
        assertThat(write(o -> RespWriter.setHeader(o, RESP3, 1))).isEqualTo("~1\r\n");
        assertThat(write(o -> RespWriter.pushHeader(o, RESP2, 3))).isEqualTo("*3\r\n");
        assertThat(write(o -> RespWriter.pushHeader(o, RESP3, 3))).isEqualTo(">3\r\n");
    }

    @Test
    void booleansDoublesVerbatim() {
        assertThat(write(o -> RespWriter.bool(o, RESP2, true))).isEqualTo(":1\r\n");
        assertThat(write(o -> RespWriter.bool(o, RESP3, false))).isEqualTo("#f\r\n");
        assertThat(write(o -> RespWriter.doubleValue(o, RESP3, 1.5))).isEqualTo(",1.5\r\n");
        assertThat(write(o -> RespWriter.doubleValue(o, RESP2, 1.5))).isEqualTo("$3\r\n1.5\r\n");
        assertThat(write(o -> RespWriter.doubleValue(o, RESP3, Double.POSITIVE_INFINITY)))
                .isEqualTo(",inf\r\n");
        assertThat(write(o -> RespWriter.verbatim(o, RESP3, "txt", "hi"))).isEqualTo("=6\r\ntxt:hi\r\n");
        assertThat(write(o -> RespWriter.verbatim(o, RESP2, "txt", "hi"))).isEqualTo("$2\r\nhi\r\n");
    }

    @Test
    void doublesFormatLikePrintfG17() {
        assertThat(RespWriter.formatDouble(0.1)).isEqualTo("0.10000000000000001");
        assertThat(RespWriter.formatDouble(3)).isEqualTo("3");
        assertThat(RespWriter.formatDouble(-2.5)).isEqualTo("-2.5");
        assertThat(RespWriter.formatDouble(1e17)).isEqualTo("1e+17");
        assertThat(RespWriter.formatDouble(1.5e-5)).isEqualTo("1.5e-05");
        assertThat(RespWriter.formatDouble(0.0001)).isEqualTo("0.0001");
        assertThat(RespWriter.formatDouble(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
        assertThat(RespWriter.formatDouble(0)).isEqualTo("0");
        assertThat(RespWriter.formatDouble(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }
}
