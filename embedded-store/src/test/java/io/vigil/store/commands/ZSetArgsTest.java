package io.vigil.store.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandException;
import io.vigil.store.types.LexRange;
import io.vigil.store.types.ScoreRange;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ZSetArgsTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static double score(String s) {
        return ZSetArgs.parseScore(b(s), RespError.NOT_FLOAT);
    }

    @Test
    void plainIntegersTakeTheFastPathToTheSameDoubleAsStrtod() {
        assertThat(score("000000012345")).isEqualTo(12345.0);
        assertThat(Double.doubleToRawLongBits(score("-0"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Double.doubleToRawLongBits(score("-000"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(Double.doubleToRawLongBits(score("+0"))).isEqualTo(0L);
        assertThat(score("+7")).isEqualTo(7.0);
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            String digits = Long.toString(random.nextLong(1, Long.MAX_VALUE));
            digits = digits.substring(0, 1 + random.nextInt(digits.length()));
            String text = (random.nextBoolean() ? "-" : "") + "0".repeat(random.nextInt(3)) + digits;
            assertThat(score(text)).as(text).isEqualTo(Double.parseDouble(text));
        }
        assertThat(Double.isNaN(ZSetArgs.plainInteger(b("1234567890123456789"))))
                .as("19 digits: slow path")
                .isTrue();
        assertThat(score("1234567890123456789")).isEqualTo(1234567890123456789.0);
        assertThat(Double.isNaN(ZSetArgs.plainInteger(b("-")))).isTrue();
        assertThat(Double.isNaN(ZSetArgs.plainInteger(b("1.0")))).isTrue();
    }

    @Test
    void strictScoresAcceptWhatStrtodAcceptsWhole() {
        assertThat(score("1.5")).isEqualTo(1.5);
        assertThat(score("-.5")).isEqualTo(-0.5);
        assertThat(score("5.")).isEqualTo(5.0);
        assertThat(score("1E3")).isEqualTo(1000.0);
        assertThat(score("+inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(score("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(score("0x10")).isEqualTo(16.0);
        assertThat(score("0x1p-2")).isEqualTo(0.25);
        assertThat(score("0e400")).isEqualTo(0.0);
        assertThat(score("4.9e-324")).isEqualTo(Double.MIN_VALUE);
        for (String bad :
                new String[] {"", " 1", "1 ", "nan", "-nan", "1e400", "1e-400", "1e", "e1", ".", "1d", "0x"}) {
            assertThatThrownBy(() -> score(bad))
                    .as("'%s'", bad)
                    .isInstanceOf(CommandException.class)
                    .hasMessageContaining("not a valid float");
        }
    }

    @Test
    void rangeBoundsAreLenientLikeZslParseRange() {
        assertThat(ZSetArgs.scoreRange(b("(1"), b("+inf")))
                .isEqualTo(new ScoreRange(1, true, Double.POSITIVE_INFINITY, false));
        assertThat(ZSetArgs.scoreRange(b(""), b("("))).isEqualTo(new ScoreRange(0, false, 0, true));
        assertThat(ZSetArgs.scoreRange(b(" 1"), b("1e400")))
                .isEqualTo(new ScoreRange(1, false, Double.POSITIVE_INFINITY, false));
        for (String bad : new String[] {"x", "1 ", "nan", "  ", "(x"}) {
            assertThatThrownBy(() -> ZSetArgs.scoreRange(b(bad), b("1")))
                    .as("'%s'", bad)
                    .hasMessageContaining("min or max is not a float");
        }
    }

    @Test
    void lexRangeItems() {
        LexRange r = ZSetArgs.lexRange(b("[a"), b("+"));
        assertThat(r.gteMin(b("a"))).isTrue();
        assertThat(r.lteMax(b("\u00ff\u00ff"))).isTrue();
        LexRange open = ZSetArgs.lexRange(b("(a"), b("(c"));
        assertThat(open.gteMin(b("a"))).isFalse();
        assertThat(open.lteMax(b("c"))).isFalse();
        assertThat(open.lteMax(b("bzz"))).isTrue();
        assertThat(ZSetArgs.lexRange(b("-"), b("-")).isEmpty()).isTrue();
        assertThat(ZSetArgs.lexRange(b("[b"), b("[a")).isEmpty()).isTrue();
        assertThat(ZSetArgs.lexRange(b("[a"), b("[a")).isEmpty()).isFalse();
        for (String bad : new String[] {"", "a", "++", "-x"}) {
            assertThatThrownBy(() -> ZSetArgs.lexRange(b(bad), b("+")))
                    .as("'%s'", bad)
                    .hasMessageContaining("min or max not valid string range item");
        }
    }
}
