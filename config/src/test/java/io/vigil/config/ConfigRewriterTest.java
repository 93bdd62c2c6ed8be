package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generic rewrite, as the embedded store would use it for redis.conf. */
class ConfigRewriterTest {

    private static final Set<String> MANAGED = Set.of("replicaof", "port", "save");

    private static Optional<String> key(Directive directive) {
        return MANAGED.contains(directive.name()) ? Optional.of(directive.name()) : Optional.empty();
    }

    private static String rewrite(String original, ConfigRewriter.Line... lines) {
        return ConfigRewriter.rewrite(
                ConfigFile.parse("redis.conf", original), List.of(lines), ConfigRewriterTest::key);
    }

    @Test
    void replacesInPlaceKeepsCommentsAndUnmanagedLines() {
        String original = "# primary\nPort 6379   \n\nmaxmemory 1gb # not a comment\nreplicaof 10.0.0.1 6379\n# end\n";
        String result = rewrite(
                original,
                ConfigRewriter.Line.of("port", List.of("port", "6379")),
                ConfigRewriter.Line.of("replicaof", List.of("replicaof", "10.0.0.2", "6380")));
        assertThat(result)
                .isEqualTo(
                        "# primary\nPort 6379   \n\nmaxmemory 1gb # not a comment\nreplicaof 10.0.0.2 6380\n# end\n");
    }

    @Test
    void dropsManagedLinesNoLongerWantedAndDuplicates() {
        String result = rewrite(
                "replicaof 10.0.0.1 6379\nport 1\nport 2\n", ConfigRewriter.Line.of("port", List.of("port", "7")));
        assertThat(result).isEqualTo("port 7\n");
    }

    @Test
    void appendsNewLinesAfterOneSignature() {
        String once = rewrite("maxmemory 1gb\n", ConfigRewriter.Line.of("replicaof", List.of("replicaof", "h", "2")));
        assertThat(once).isEqualTo("maxmemory 1gb\n" + ConfigRewriter.SIGNATURE + "\nreplicaof h 2\n");
        String twice = ConfigRewriter.rewrite(
                ConfigFile.parse("redis.conf", once),
                List.of(
                        ConfigRewriter.Line.of("replicaof", List.of("replicaof", "h", "2")),
                        ConfigRewriter.Line.of("save", List.of("save", ""))),
                ConfigRewriterTest::key);
        assertThat(twice).isEqualTo("maxmemory 1gb\n" + ConfigRewriter.SIGNATURE + "\nreplicaof h 2\nsave \"\"\n");
    }

    @Test
    void replaceOnlyLinesAreNotAppended() {
        assertThat(rewrite("", ConfigRewriter.Line.replaceOnly("port", List.of("port", "6379"))))
                .isEmpty();
        assertThat(rewrite("port 1\n", ConfigRewriter.Line.replaceOnly("port", List.of("port", "6379"))))
                .isEqualTo("port 6379\n");
    }

    @Test
    void quotesValuesThatNeedIt() {
        String result = rewrite("", ConfigRewriter.Line.of("save", List.of("save", "a b\"c")));
        assertThat(result).endsWith("save \"a b\\\"c\"\n");
        assertThat(ConfigFile.parse("x", result).directives().get(0).args()).containsExactly("a b\"c");
    }

    @Test
    void duplicateDesiredKeysAreABug() {
        assertThatThrownBy(() -> rewrite(
                        "",
                        ConfigRewriter.Line.of("port", List.of("port", "1")),
                        ConfigRewriter.Line.of("port", List.of("port", "2"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'port'");
    }
}
