package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @Test
    void keepsEveryLineAndFindsDirectivesWithTheirLines() {
        ConfigFile file =
                ConfigFile.parse("redis.conf", "# comment\n\n  PORT 6379 \r\n   # indented comment\nsave \"\"\n");
        assertThat(file.lines()).hasSize(5);
        assertThat(file.lines().get(0).isCommentOrBlank()).isTrue();
        assertThat(file.lines().get(2).text()).isEqualTo("  PORT 6379 ");
        List<Directive> directives = file.directives();
        assertThat(directives).hasSize(2);
        assertThat(directives.get(0).name()).isEqualTo("port");
        assertThat(directives.get(0).line()).isEqualTo(3);
        assertThat(directives.get(0).text()).isEqualTo("PORT 6379");
        assertThat(directives.get(0).where()).isEqualTo("redis.conf:3");
        assertThat(directives.get(1).args()).containsExactly("");
        assertThat(file.text()).isEqualTo("# comment\n\n  PORT 6379 \n   # indented comment\nsave \"\"\n");
    }

    @Test
    void syntaxErrorsNameFileAndLine() {
        assertThatThrownBy(() -> ConfigFile.parse("sentinel.conf", "port 1\nrequirepass \"abc\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sentinel.conf:2: requirepass \"abc: unbalanced quotes");
        assertThatThrownBy(() -> ConfigFile.parse("sentinel.conf", "requirepass \"a\"b\n"))
                .hasMessageContaining("sentinel.conf:1: ")
                .hasMessageContaining("closing quote must be followed by a space");
    }

    @Test
    void includeIsRejectedClearly() {
        assertThatThrownBy(() -> ConfigFile.parse("sentinel.conf", "# x\nInclude /etc/other.conf\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sentinel.conf:2: Include /etc/other.conf: include is not supported");
    }

    @Test
    void readsFilesAndNamesThemByFileName(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("sentinel.conf");
        Files.writeString(path, "port 26379");
        ConfigFile file = ConfigFile.read(path);
        assertThat(file.sourceName()).isEqualTo("sentinel.conf");
        assertThat(file.path()).contains(path);
        assertThat(file.directives())
                .singleElement()
                .extracting(Directive::args)
                .isEqualTo(List.of("26379"));
        assertThatThrownBy(() -> ConfigFile.read(dir.resolve("missing.conf")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing.conf: configuration file not found");
    }

    @Test
    void shiftTurnsTheFirstArgumentIntoTheNameAndKeepsLocation() {
        Directive directive = ConfigFile.parse("s.conf", "sentinel MONITOR m 1.2.3.4 6379 2")
                .directives()
                .get(0);
        Directive shifted = directive.shift();
        assertThat(shifted.name()).isEqualTo("monitor");
        assertThat(shifted.args()).containsExactly("m", "1.2.3.4", "6379", "2");
        assertThat(shifted.where()).isEqualTo("s.conf:1");
        assertThat(shifted.text()).isEqualTo("sentinel MONITOR m 1.2.3.4 6379 2");
        Directive bare = ConfigFile.parse("s.conf", "sentinel").directives().get(0);
        assertThatThrownBy(bare::shift).hasMessage("s.conf:1: sentinel: 'sentinel' needs an option name after it");
    }
}
