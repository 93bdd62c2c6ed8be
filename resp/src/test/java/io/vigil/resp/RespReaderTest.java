package io.vigil.resp;

import static io.vigil.resp.Bufs.buffer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespReaderTest {

    private static RespValue.BulkString bulk(String s) {
        return new RespValue.BulkString(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void readsEveryType() throws Exception {
        ByteBuf in = buffer("+OK\r\n-ERR bad\r\n:42\r\n$3\r\nabc\r\n$-1\r\n*-1\r\n*2\r\n:1\r\n$1\r\nx\r\n"
                + "%1\r\n+k\r\n:2\r\n~1\r\n:3\r\n>2\r\n+message\r\n$1\r\nm\r\n_\r\n,1.5\r\n#t\r\n(123\r\n"
                + "=7\r\ntxt:abc\r\n!5\r\nERR x\r\n|1\r\n+a\r\n+b\r\n:9\r\n");
        assertThat(RespReader.read(in)).isEqualTo(new RespValue.SimpleString("OK"));
        assertThat(RespReader.read(in)).isEqualTo(new RespValue.Error("ERR bad"));
        assertThat(RespReader.read(in)).isEqualTo(new RespValue.Integer(42));
        assertThat(RespReader.read(in)).isEqualTo(bulk("abc"));
        assertThat(RespReader.read(in)).isEqualTo(new RespValue.Null('$'));
        assertThat(RespReader.read(in)).isEqualTo(new RespValue.Null('*'));
        assertThat(RespReader.read(in)).isEqualTo(new RespValue.Array(List.of(new RespValue.Integer(1), bulk("x"))));
        assertThat(RespReader.read(in))
                .isEqualTo(new RespValue.Map(List.of(new RespValue.SimpleString("k"), new RespValue.Integer(2))));
        assertThat(RespReader.read(in)).isEqualTo(new RespValue.Set(List.of(new RespValue.Integer(3))));
        assertThat(RespReader.read(in))
                .isEqualTo(new RespValue.Push(List.of(new RespValue.SimpleString("message"), bulk("m"))));
        assertThat(RespReader.read(in)).isEqualTo(new RespValue.Null('_'));
        assertThat(((RespValue.Double) RespReader.read(in)).value()).isEqualTo(1.5);
        assertThat(RespReader.read(in)).isEqualTo(new RespValue.Boolean(true));
        assertThat(RespReader.read(in)).isEqualTo(new RespValue.BigNumber("123"));
        assertThat(RespReader.read(in)).isEqualTo(new RespValue.Verbatim("txt", "abc"));
        assertThat(((RespValue.Error) RespReader.read(in)).code()).isEqualTo("ERR");
        assertThat(RespReader.read(in)).as("attribute dropped").isEqualTo(new RespValue.Integer(9));
        assertThat(RespReader.read(in)).isNull();
    }

    @Test
    void partialValueConsumesNothing() throws Exception {
        String whole = "*2\r\n$5\r\nhello\r\n:7\r\n";
        for (int i = 0; i < whole.length(); i++) {
            ByteBuf in = buffer(whole.substring(0, i));
            assertThat(RespReader.read(in)).as("prefix %d", i).isNull();
            assertThat(in.readerIndex()).isZero();
        }
    }

    @Test
    void unknownMarkerIsAProtocolError() {
        assertThatThrownBy(() -> RespReader.read(buffer("?x\r\n")))
                .isInstanceOf(RespProtocolException.class)
                .hasMessage("Protocol error: unknown reply type '?'");
    }
}
