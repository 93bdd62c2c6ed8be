package io.vigil.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RespErrorTest {

    private static String wire(RespError e) {
        return new String(e.wire(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void fixedErrorsHaveRedisWireForm() {
        assertThat(wire(RespError.WRONGTYPE))
                .isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        assertThat(wire(RespError.NOAUTH)).isEqualTo("-NOAUTH Authentication required.\r\n");
        assertThat(RespError.READONLY.code()).isEqualTo("READONLY");
        assertThat(RespError.INPROG.code()).isEqualTo("INPROG");
    }

    @Test
    void arityNamesTheCommand() {
        assertThat(RespError.wrongArity("config|get").text())
                .isEqualTo("ERR wrong number of arguments for 'config|get' command");
    }

    @Test
    void unknownCommandQuotesArgumentsLikeRedis() {
        assertThat(RespError.unknownCommand("foo").text())
                .isEqualTo("ERR unknown command 'foo', with args beginning with: ");
        assertThat(RespError.unknownCommand("foo", "a", "b").text())
                .isEqualTo("ERR unknown command 'foo', with args beginning with: 'a' 'b' ");
        String longArg = "x".repeat(200);
        assertThat(RespError.unknownCommand("foo", longArg, "next").text())
                .isEqualTo("ERR unknown command 'foo', with args beginning with: '" + "x".repeat(128) + "' ");
    }

    @Test
    void formattedErrorsCannotBreakTheProtocol() {
        assertThat(wire(RespError.unknownCommand("a\r\nb")))
                .isEqualTo("-ERR unknown command 'a  b', with args beginning with: \r\n");
        assertThat(RespError.unknownSubcommand("config", "x").text())
                .isEqualTo("ERR unknown subcommand 'x'. Try CONFIG HELP.");
    }
}
