package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The argv rules of redis-server 7.0 ({@code server.c main()}). */
class CommandLineTest {

    private static List<List<String>> tokens(CommandLine line) {
        return line.directives().stream().map(Directive::tokens).toList();
    }

    @Test
    void eachDoubleDashNameStartsADirective() {
        CommandLine line =
                CommandLine.parse(List.of("--port", "6379", "--save", "", "--replicaof", "127.0.0.1", "6380"));
        assertThat(line.configFile()).isEmpty();
        assertThat(tokens(line))
                .containsExactly(
                        List.of("port", "6379"), List.of("save", ""), List.of("replicaof", "127.0.0.1", "6380"));
        assertThat(line.directives().get(2).where()).isEqualTo("command line:5");
    }

    @Test
    void firstArgumentIsTheConfigFile() {
        CommandLine line = CommandLine.parse(List.of("/etc/redis.conf", "--port", "7000"));
        assertThat(line.configFile()).contains(Path.of("/etc/redis.conf"));
        assertThat(tokens(line)).containsExactly(List.of("port", "7000"));
    }

    @Test
    void valuesKeepSpacesAndQuotes() {
        CommandLine line = CommandLine.parse(List.of("--requirepass", "a b\"c'd", "--logfile", "x"));
        assertThat(tokens(line)).containsExactly(List.of("requirepass", "a b\"c'd"), List.of("logfile", "x"));
    }

    @Test
    void nameAndValueMayShareOneArgument() {
        assertThat(tokens(CommandLine.parse(List.of("--port 6380", "--bind", "::1"))))
                .containsExactly(List.of("port", "6380"), List.of("bind", "::1"));
    }

    @Test
    void aDoubleDashArgumentRightAfterANameIsItsValue() {
        assertThat(tokens(CommandLine.parse(List.of("--masterauth", "--secret", "--port", "1"))))
                .containsExactly(List.of("masterauth", "--secret"), List.of("port", "1"));
    }

    @Test
    void bareSaveGetsAnEmptyValue() {
        assertThat(tokens(CommandLine.parse(List.of("--save", "--port", "1"))))
                .containsExactly(List.of("save", ""), List.of("port", "1"));
        assertThat(tokens(CommandLine.parse(List.of("--port", "1", "--save"))))
                .containsExactly(List.of("port", "1"), List.of("save", ""));
    }

    @Test
    void sentinelFlagTakesNoValue() {
        CommandLine line = CommandLine.parse(List.of("s.conf", "--sentinel", "--port", "26380"));
        assertThat(line.sentinelMode()).isTrue();
        assertThat(tokens(line)).containsExactly(List.of("port", "26380"));
        assertThat(CommandLine.parse(List.of("s.conf", "--sentinel")).sentinelMode())
                .isTrue();
    }

    @Test
    void stdinAndStrayArgumentsAreRejected() {
        assertThatThrownBy(() -> CommandLine.parse(List.of("-")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("standard input is not supported");
        assertThatThrownBy(() -> CommandLine.parse(List.of("a.conf", "b.conf")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("command line:2: 'b.conf'");
    }
}
