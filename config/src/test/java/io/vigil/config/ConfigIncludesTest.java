package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigIncludesTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path path = dir.resolve(name);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
        return path;
    }

    @Test
    void includedDirectivesTakeThePlaceOfTheIncludeLine() throws Exception {
        write("conf.d/common.conf", "hz 15\ninclude ../deeper/last.conf\n");
        write("deeper/last.conf", "maxclients 7\n");
        Path main = write("main.conf", "port 1\ninclude conf.d/common.conf\nhz 20\n");
        assertThat(ConfigIncludes.directives(main))
                .extracting(Directive::where, Directive::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("main.conf:1", "port 1"),
                        org.assertj.core.groups.Tuple.tuple("common.conf:1", "hz 15"),
                        org.assertj.core.groups.Tuple.tuple("last.conf:1", "maxclients 7"),
                        org.assertj.core.groups.Tuple.tuple("main.conf:3", "hz 20"));
    }

    @Test
    void absolutePathsAreFollowedToo() throws Exception {
        Path other = write("elsewhere/abs.conf", "port 9\n");
        Path main = write("main.conf", "include \"" + other.toAbsolutePath() + "\"\n");
        assertThat(ConfigIncludes.directives(main)).extracting(Directive::text).containsExactly("port 9");
    }

    @Test
    void aCycleIsAnErrorNamingTheLineAndTheChain() throws Exception {
        write("a.conf", "port 1\ninclude b.conf\n");
        write("b.conf", "include a.conf\n");
        assertThatThrownBy(() -> ConfigIncludes.directives(dir.resolve("a.conf")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("b.conf:1: include a.conf: include cycle: a.conf -> b.conf -> a.conf");
        write("self.conf", "include ./self.conf\n");
        assertThatThrownBy(() -> ConfigIncludes.directives(dir.resolve("self.conf")))
                .hasMessageContaining("self.conf:1: include ./self.conf: include cycle: self.conf -> self.conf");
    }

    @Test
    void includingTheSameFileTwiceWithoutACycleIsAllowed() throws Exception {
        write("part.conf", "hz 11\n");
        Path main = write("main.conf", "include part.conf\ninclude part.conf\n");
        assertThat(ConfigIncludes.directives(main)).hasSize(2);
    }

    @Test
    void badIncludesNameFileLineAndReason() throws Exception {
        Path missing = write("m.conf", "\ninclude nope.conf\n");
        assertThatThrownBy(() -> ConfigIncludes.directives(missing))
                .hasMessageStartingWith("m.conf:2: include nope.conf: cannot include '")
                .hasMessageEndingWith("nope.conf': no such file");
        Path twoArgs = write("t.conf", "include a.conf b.conf\n");
        assertThatThrownBy(() -> ConfigIncludes.directives(twoArgs))
                .hasMessage("t.conf:1: include a.conf b.conf: include takes exactly one file name");
        Path glob = write("g.conf", "include *.conf\n");
        assertThatThrownBy(() -> ConfigIncludes.directives(glob))
                .hasMessageContaining("g.conf:1: include *.conf: glob patterns are not supported");
        write("bad.conf", "port 1\nrequirepass \"x\n");
        Path outer = write("outer.conf", "include bad.conf\n");
        assertThatThrownBy(() -> ConfigIncludes.directives(outer))
                .hasMessageStartingWith("bad.conf:2: requirepass \"x: unbalanced quotes");
    }

    @Test
    void plainReadingStillRejectsInclude() throws Exception {
        Path main = write("sentinel.conf", "include other.conf\n");
        assertThatThrownBy(() -> ConfigFile.read(main)).hasMessageContaining("include is not supported");
        assertThat(ConfigFile.read(main, ConfigFile.Include.KEEP).directives())
                .singleElement()
                .extracting(Directive::name)
                .isEqualTo("include");
    }
}
