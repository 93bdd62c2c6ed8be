package io.vigil.api.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobPatternTest {

    @Test
    void starQuestionAndLiterals() {
        assertThat(GlobPattern.matches("*", "+switch-master")).isTrue();
        assertThat(GlobPattern.matches("*", "")).isTrue();
        assertThat(GlobPattern.matches("+*-master", "+switch-master")).isTrue();
        assertThat(GlobPattern.matches("my?aster", "mymaster")).isTrue();
        assertThat(GlobPattern.matches("my?aster", "mmaster")).isFalse();
        assertThat(GlobPattern.matches("mymaster", "mymaster2")).isFalse();
        assertThat(GlobPattern.matches("a**b", "axxb")).isTrue();
    }

    @Test
    void classesRangesNegationAndEscapes() {
        assertThat(GlobPattern.matches("m[xy]", "my")).isTrue();
        assertThat(GlobPattern.matches("m[^xy]", "my")).isFalse();
        assertThat(GlobPattern.matches("m[a-c]", "mb")).isTrue();
        assertThat(GlobPattern.matches("m[c-a]", "mb")).isTrue();
        assertThat(GlobPattern.matches("a\\*b", "a*b")).isTrue();
        assertThat(GlobPattern.matches("a\\*b", "axb")).isFalse();
    }

    @Test
    void caseInsensitiveVariant() {
        assertThat(GlobPattern.matchesIgnoreCase("ANNOUNCE-*", "announce-ip")).isTrue();
        assertThat(GlobPattern.matches("ANNOUNCE-*", "announce-ip")).isFalse();
    }
}
