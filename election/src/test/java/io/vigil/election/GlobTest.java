package io.vigil.election;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {
    @Test
    void matchesLikeRedis() {
        assertThat(Glob.matches("*", "mymaster")).isTrue();
        assertThat(Glob.matches("my*", "mymaster")).isTrue();
        assertThat(Glob.matches("my*", "other")).isFalse();
        assertThat(Glob.matches("m?master", "mymaster")).isTrue();
        assertThat(Glob.matches("[mn]ymaster", "nymaster")).isTrue();
        assertThat(Glob.matches("[^m]ymaster", "mymaster")).isFalse();
        assertThat(Glob.matches("[a-c]x", "bx")).isTrue();
        assertThat(Glob.matches("a\\*", "a*")).isTrue();
        assertThat(Glob.matches("a\\*", "ab")).isFalse();
        assertThat(Glob.matches("mymaster", "mymaster2")).isFalse();
    }
}
