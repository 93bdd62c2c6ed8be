package io.vigil.store.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LongDoubleTest {

    private static LongDouble ld(String s) {
        return LongDouble.parse(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String sum(String a, String b) {
        return ld(a).add(ld(b)).toHumanString();
    }

    @Test
    void sumsPrintAsRedisLongDoublesDo() {
        assertThat(sum("0.01", "5000")).isEqualTo("5000.00999999999999979");
        assertThat(sum("10.5", "0.1")).isEqualTo("10.6");
        assertThat(sum("9223372036854775806", "1.5")).isEqualTo("9223372036854775807.5");
        assertThat(sum("9223372036854775807", "1.5")).isEqualTo("9223372036854775808");
        assertThat(sum("5000.00999999999999979", "-5000.01")).isEqualTo("0");
        assertThat(sum("-3", "3")).isEqualTo("0");
        assertThat(sum("0x10", "1e3")).isEqualTo("1016");
        assertThat(ld("1e60").toHumanString())
                .isEqualTo("999999999999999999999373423426722168652130621984886772203520");
    }

    @Test
    void parsingFollowsString2ld() {
        assertThat(ld(" 1")).isNull();
        assertThat(ld("1 ")).isNull();
        assertThat(ld("")).isNull();
        assertThat(ld("nan")).isNull();
        assertThat(ld("1e5000")).isNull();
        assertThat(ld("1e-5000")).isNull();
        assertThat(ld("0e-5000").toHumanString()).isEqualTo("0");
        assertThat(ld("0.0e99999999").toHumanString()).isEqualTo("0");
        assertThat(ld("1e99999999")).isNull();
        assertThat(ld("abc")).isNull();
        assertThat(ld("1e")).isNull();
        assertThat(ld("+.5").toHumanString()).isEqualTo("0.5");
        assertThat(ld("-inf").isFinite()).isFalse();
        assertThat(ld("Infinity").isFinite()).isFalse();
        assertThat(ld("inf").add(ld("-inf")).isFinite()).isFalse();
        assertThat(ld("1.18e4932").add(ld("1.18e4932")).isFinite()).isFalse();
    }
}
