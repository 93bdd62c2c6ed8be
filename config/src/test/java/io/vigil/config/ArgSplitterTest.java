package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Expected results follow Redis's sdssplitargs (checked against redis-cli 7.0.15, which uses it). */
class ArgSplitterTest {

    @Test
    void splitsOnAnyWhiteSpace() {
        assertThat(ArgSplitter.split("  port\t6379  ")).containsExactly("port", "6379");
        assertThat(ArgSplitter.split("")).isEmpty();
        assertThat(ArgSplitter.split(" \t ")).isEmpty();
    }

    @Test
    void doubleQuotesUnderstandRedisEscapes() {
        assertThat(ArgSplitter.split("x \"a\\nb\\rc\\td\\be\\af\\\\g\\\"h\""))
                .containsExactly("x", "a\nb\rc\td\be\u0007f\\g\"h");
    }

    @Test
    void hexEscapesProduceBytesDecodedAsUtf8() {
        assertThat(ArgSplitter.split("\"a\\x41b\"")).containsExactly("aAb");
        assertThat(ArgSplitter.split("\"\\xc3\\xa9\"")).containsExactly("é");
    }

    @Test
    void incompleteHexEscapeAndUnknownEscapesStandForTheCharacter() {
        assertThat(ArgSplitter.split("\"\\z\\x4\"")).containsExactly("zx4");
    }

    @Test
    void singleQuotesOnlyUnderstandEscapedSingleQuote() {
        assertThat(ArgSplitter.split("'it\\'s' 'a\\nb'")).containsExactly("it's", "a\\nb");
    }

    @Test
    void emptyQuotesGiveAnEmptyArgument() {
        assertThat(ArgSplitter.split("save \"\"")).containsExactly("save", "");
        assertThat(ArgSplitter.split("save ''")).containsExactly("save", "");
    }

    @Test
    void quotesMayStartInsideAnArgument() {
        assertThat(ArgSplitter.split("a\"b c\" d")).containsExactly("ab c", "d");
    }

    @Test
    void closingQuoteMustBeFollowedBySpace() {
        assertThatThrownBy(() -> ArgSplitter.split("\"ab\"c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("closing quote must be followed by a space");
        assertThatThrownBy(() -> ArgSplitter.split("'ab'c")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ArgSplitter.split("\"ab\"\tc")).containsExactly("ab", "c");
    }

    @Test
    void unbalancedQuotesAreErrors() {
        assertThatThrownBy(() -> ArgSplitter.split("requirepass \"abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unbalanced quotes");
        assertThatThrownBy(() -> ArgSplitter.split("requirepass 'abc")).hasMessage("unbalanced quotes");
        assertThatThrownBy(() -> ArgSplitter.split("x \"abc\\")).hasMessage("unbalanced quotes");
    }

    @Test
    void verticalTabEndsNothingInsideAnUnquotedArgumentButIsSkippedBetweenArguments() {
        assertThat(ArgSplitter.split("a\u000Bb")).containsExactly("a\u000Bb");
        assertThat(ArgSplitter.split("\u000Ba b")).containsExactly("a", "b");
    }

    @Test
    void hashInsideALineIsAnArgument() {
        assertThat(ArgSplitter.split("port 6379 # note")).containsExactly("port", "6379", "#", "note");
    }

    @Test
    void nonAsciiTextSurvives() {
        assertThat(ArgSplitter.split("logfile /var/log/vigil-é.log 'ß ü'"))
                .containsExactly("logfile", "/var/log/vigil-é.log", "ß ü");
    }

    @Test
    void nulEndsTheLineAsInC() {
        assertThat(ArgSplitter.split("a b\0c d")).containsExactly("a", "b");
    }

    @Test
    void quotingRoundTripsThroughTheSplitter() {
        String[] samples = {"", "plain", "with space", "q\"uote", "it's", "back\\slash", "nl\nx", "\u0001ctl", "é ü"};
        for (String sample : samples) {
            assertThat(ArgSplitter.split("x " + Quoting.quoteIfNeeded(sample)))
                    .as(sample)
                    .containsExactly("x", sample);
        }
        assertThat(Quoting.quoteIfNeeded("plain")).isEqualTo("plain");
        assertThat(Quoting.quoteIfNeeded("")).isEqualTo("\"\"");
    }
}
