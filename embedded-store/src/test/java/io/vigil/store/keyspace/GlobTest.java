package io.vigil.store.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GlobTest {

    private static boolean m(String pattern, String s) {
        return Glob.matches(
                pattern.getBytes(StandardCharsets.ISO_8859_1), s.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    @Test
    void matchesLikeStringmatchlen() {
        assertThat(m("*", ""))
                .as("stringmatchlen quirk: the loop never runs for an empty string")
                .isFalse();
        assertThat(m("h?llo", "hello")).isTrue();
        assertThat(m("h*llo", "heeeello")).isTrue();
        assertThat(m("h[ae]llo", "hallo")).isTrue();
        assertThat(m("h[^e]llo", "hello")).isFalse();
        assertThat(m("h[a-b]llo", "hbllo")).isTrue();
        assertThat(m("h[b-a]llo", "hallo")).as("reversed range").isTrue();
        assertThat(m("h\\*llo", "h*llo")).isTrue();
        assertThat(m("h\\*llo", "hello")).isFalse();
        assertThat(m("a*b*c", "aXbYc")).isTrue();
        assertThat(m("a*b*c", "aXbY")).isFalse();
        assertThat(m("[abc", "a")).isTrue();
        assertThat(m("__sentinel__:*", "__sentinel__:hello")).isTrue();
        assertThat(Glob.matches(
                        "HeLLo".getBytes(StandardCharsets.US_ASCII), "hello".getBytes(StandardCharsets.US_ASCII), true))
                .isTrue();
    }

    @Test
    void pathologicalPatternEndsQuickly() {
        assertThat(m("a*".repeat(30) + "b", "a".repeat(60))).isFalse();
    }
}
