package io.vigil.store.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void commandLineFormOfRedisServer() throws Exception {
        StoreConfig config = ConfigLoader.load(
                null,
                List.of(
                        "--port",
                        "7000",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--client-output-buffer-limit",
                        "pubsub",
                        "1mb",
                        "0",
                        "0"));
        assertThat(config.port()).isEqualTo(7000);
        assertThat(config.get("save")).isEmpty();
        assertThat(config.outputLimit(ClientClass.PUBSUB)).isEqualTo(new OutputBufferLimit(1048576, 0, 0));
        assertThat(config.get("client-output-buffer-limit"))
                .isEqualTo("normal 0 0 0 slave 268435456 67108864 60 pubsub 1048576 0 0");
    }

    @Test
    void fileThenOptions() throws Exception {
        Path file = dir.resolve("store.conf");
        Files.writeString(file, "# comment\nport 7001\nrequirepass \"a b\"\nslave-priority 5\n");
        StoreConfig config = ConfigLoader.load(file, List.of("--port", "7002"));
        assertThat(config.port()).isEqualTo(7002);
        assertThat(config.requirePass()).isEqualTo("a b");
        assertThat(config.replicaPriority()).isEqualTo(5);
        assertThat(config.configFile()).isEqualTo(file.toAbsolutePath());
    }

    @Test
    void errorsNameFileLineDirectiveAndReason() throws Exception {
        Path file = dir.resolve("bad.conf");
        Files.writeString(file, "port 7001\n\nfoo bar\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":3: directive 'foo': Bad directive or wrong number of arguments");
        Files.writeString(file, "port 99999\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .hasMessage(
                        file + ":1: directive 'port': argument must be between 0 and 65535 inclusive (got '99999')");
    }

    @Test
    void unsupportedFeaturesAreRejectedNotIgnored() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("--replicaof", "127.0.0.1")))
                .hasMessageContaining("directive 'replicaof'")
                .hasMessageContaining("expected 'replicaof <host> <port>' (got '127.0.0.1')");
        assertThat(ConfigLoader.load(null, List.of("--replicaof", "127.0.0.1", "6379"))
                        .get("replicaof"))
                .isEqualTo("127.0.0.1 6379");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("--io-threads", "4")))
                .hasMessageContaining("io-threads other than 1 is not supported yet");
        assertThat(ConfigLoader.load(null, List.of("--appendonly", "yes")).get("appendonly"))
                .isEqualTo("yes");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("--appendfsync", "sometimes")))
                .hasMessageContaining("directive 'appendfsync'");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("--appenddirname", "a/b")))
                .hasMessageContaining("directive 'appenddirname'");
    }

    @Test
    void withoutASaveDirectiveTheRulesAreRedis7sDefaultAndTheFirstSaveReplacesThem() throws Exception {
        // what redis-server 7.0.15 answers to CONFIG GET save after the same command lines and file
        assertThat(new StoreConfig().get("save")).isEqualTo("3600 1 300 100 60 10000");
        assertThat(ConfigLoader.load(null, List.of()).get("save")).isEqualTo("3600 1 300 100 60 10000");
        assertThat(ConfigLoader.load(null, List.of("--port", "7000")).get("save"))
                .isEqualTo("3600 1 300 100 60 10000");
        assertThat(ConfigLoader.load(null, List.of("--save", "100", "1", "--save", "200", "2"))
                        .get("save"))
                .isEqualTo("100 1 200 2");
        Path file = dir.resolve("clear-then-add.conf");
        Files.writeString(file, "save 900 1\nsave \"\"\nsave 50 5\n");
        assertThat(ConfigLoader.load(file, List.of()).get("save")).isEqualTo("50 5");
    }

    @Test
    void saveLinesAddRulesAsInRedisConfAndAreValidated() throws Exception {
        Path file = dir.resolve("save.conf");
        Files.writeString(file, "save 900 1\nsave 300 10\n");
        assertThat(ConfigLoader.load(file, List.of()).get("save")).isEqualTo("900 1 300 10");
        assertThat(ConfigLoader.load(file, List.of("--save", "")).get("save")).isEmpty();
        assertThat(ConfigLoader.load(file, List.of("--save", "60", "5")).get("save"))
                .isEqualTo("900 1 300 10 60 5");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("--save", "3600")))
                .hasMessageContaining("directive 'save': Invalid save parameters");
        assertThatThrownBy(() -> ConfigLoader.load(
                        null, List.of("--dir", dir.resolve("missing").toString())))
                .hasMessageContaining("directive 'dir': No such file or directory");
        assertThatThrownBy(() -> ConfigLoader.load(null, List.of("--rdbcompression", "maybe")))
                .hasMessageContaining("directive 'rdbcompression'");
    }

    @Test
    void rewriteKeepsCommentsAndUpdatesValues() throws Exception {
        Path file = dir.resolve("rw.conf");
        Files.writeString(file, "# keep me\nport 7001\nhz 10\n");
        StoreConfig config = ConfigLoader.load(file, List.of());
        config.set("hz", "20");
        config.set("replica-priority", "7");
        ConfigRewriter.rewrite(config);
        assertThat(Files.readAllLines(file))
                .containsExactly(
                        "# keep me", "port 7001", "hz 20", "# Generated by CONFIG REWRITE", "replica-priority 7");
        assertThat(ConfigLoader.load(file, List.of()).replicaPriority()).isEqualTo(7);
    }
}
