package io.vigil.store.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.Numbers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NumbersTest {

    private static long parse(String s) {
        return Numbers.parseLong(s.getBytes(StandardCharsets.US_ASCII), RespError.NOT_INTEGER);
    }

    @Test
    void strictLongs() {
        assertThat(parse("0")).isZero();
        assertThat(parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        for (String bad : new String[] {"", "-", "01", "+1", " 1", "1 ", "-0", "9223372036854775808", "1a"}) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(CommandException.class);
        }
    }

    @Test
    void longsToBytes() {
        for (long v : new long[] {0, 7, -7, 10, -10, 1234567890123L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(new String(Numbers.toBytes(v), StandardCharsets.US_ASCII))
                    .isEqualTo(Long.toString(v));
        }
    }

    @Test
    void humanDecimalsLikeLd2string() {
        assertThat(Numbers.humanDecimal(new BigDecimal("10.50"))).isEqualTo("10.5");
        assertThat(Numbers.humanDecimal(new BigDecimal("3.0e3"))).isEqualTo("3000");
        assertThat(Numbers.humanDecimal(new BigDecimal("0.000"))).isEqualTo("0");
        assertThat(Numbers.humanDecimal(
                        new BigDecimal("1").divide(new BigDecimal("3"), 30, java.math.RoundingMode.HALF_EVEN)))
                .isEqualTo("0.33333333333333333");
    }
}
