package io.vigil.sentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StoreCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return VigilMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpDescribesTheRedisServerForm() {
        assertThat(run("store", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: vigil store [config-file] [--directive value ...]");
    }

    @Test
    void unsupportedDirectiveFailsAtStartNamingIt() {
        assertThat(run("store", "--port", "0", "--io-threads", "4")).isEqualTo(1);
        assertThat(err.toString())
                .contains("command line:3: io-threads \"4\": ")
                .contains("io-threads other than 1 is not supported yet");
    }

    @Test
    void unknownDirectiveFailsAtStart() {
        assertThat(run("store", "--no-such-directive", "1")).isEqualTo(1);
        assertThat(err.toString())
                .contains("command line:1: no-such-directive \"1\": unknown directive 'no-such-directive'");
    }

    @Test
    void argumentsReachTheStoreUnchangedEmptyOnesIncluded() {
        assertThat(run("store", "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--port", "99999"))
                .isEqualTo(1);
        assertThat(err.toString())
                .as("the empty value of --save keeps its place: --port is the 7th argument")
                .contains("command line:7: port \"99999\": argument must be between 0 and 65535 inclusive");
    }

    @Test
    void aConfigFileFirstIsReadBeforeTheOptions(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("store.conf");
        Files.writeString(conf, "port 0\nmaxmemory lots\n");
        assertThat(run("store", conf.toString(), "--port", "99999")).isEqualTo(1);
        assertThat(err.toString()).contains("store.conf:2: maxmemory lots: argument must be a memory value");
    }

    @Test
    void picocliHandsRedisServerArgumentsOverUnchanged(@TempDir Path dir) throws Exception {
        Path atFile = Files.writeString(dir.resolve("secret"), "--port 1\n");
        List<String> args = List.of(
                "--save",
                "",
                "--replicaof",
                "127.0.0.1",
                "6379",
                "--requirepass",
                "@" + atFile,
                "--masterauth",
                "--",
                "-x",
                "--port",
                "6380");
        List<String> argv = new ArrayList<>(List.of("store"));
        argv.addAll(args);
        CommandLine.ParseResult parsed = VigilMain.commandLine().parseArgs(argv.toArray(String[]::new));
        StoreCommand store = (StoreCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(store.arguments).isEqualTo(args);
        assertThat(parsed.subcommand().isUsageHelpRequested()).isFalse();
    }
}
