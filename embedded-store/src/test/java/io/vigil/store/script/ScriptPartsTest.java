package io.vigil.store.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.store.command.CommandException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScriptPartsTest {

    @Test
    void numbersFormatLikePrintfG17() {
        assertThat(LuaNumbers.g17(5.5)).isEqualTo("5.5");
        assertThat(LuaNumbers.g17(100)).isEqualTo("100");
        assertThat(LuaNumbers.g17(0.1)).isEqualTo("0.10000000000000001");
        assertThat(LuaNumbers.g17(0.0001)).isEqualTo("0.0001");
        assertThat(LuaNumbers.g17(1e-5)).isEqualTo("1.0000000000000001e-05");
        assertThat(LuaNumbers.g17(1e20)).isEqualTo("1e+20");
        assertThat(LuaNumbers.g17(123456789012345678d)).isEqualTo("1.2345678901234568e+17");
        assertThat(LuaNumbers.g17(-0.0)).isEqualTo("-0");
        assertThat(LuaNumbers.g17(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    }

    @Test
    void rand48FollowsTheLcg() {
        Rand48 r = new Rand48();
        assertThat(r.nextUnit()).isEqualTo(0.1708280361121651);
        assertThat(r.nextUnit()).isEqualTo(0.7499019805108672);
        r.seed(0);
        assertThat(r.nextUnit()).isEqualTo(0.1708280361121651);
    }

    @Test
    void shebangKeepsLineNumbersAndReadsFlags() {
        Shebang plain = Shebang.parse(bytes("return 1"));
        assertThat(plain.noWrites()).isFalse();
        assertThat(new String(plain.source(), StandardCharsets.US_ASCII)).isEqualTo("return 1");
        Shebang ro = Shebang.parse(bytes("#!lua flags=no-writes,allow-oom\nreturn 1"));
        assertThat(ro.noWrites()).isTrue();
        assertThat(new String(ro.source(), StandardCharsets.US_ASCII)).isEqualTo("\nreturn 1");
        assertThatThrownBy(() -> Shebang.parse(bytes("#!lua")))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("Invalid script shebang");
        assertThatThrownBy(() -> Shebang.parse(bytes("#!lua flags=x\n")))
                .hasMessageContaining("Unexpected flag in script shebang: x");
        assertThatThrownBy(() -> Shebang.parse(bytes("#!py\n"))).hasMessageContaining("Unexpected engine");
    }

    @Test
    void errorTextsAreNormalizedLikeLuaPushErrorBuff() {
        assertThat(ScriptErrors.normalize("-WRONGTYPE Operation")).isEqualTo("WRONGTYPE Operation");
        assertThat(ScriptErrors.normalize("-single")).isEqualTo("ERR single");
        assertThat(ScriptErrors.normalize("plain text\r\n")).isEqualTo("ERR plain text");
        assertThat(ScriptErrors.raised("ERR x", "abc", "@user_script", "3").text())
                .isEqualTo("ERR x script: abc, on @user_script:3.");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
