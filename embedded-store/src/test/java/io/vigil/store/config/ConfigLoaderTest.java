package io.vigil.store.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static StoreConfig load(String... args) {
        return ConfigLoader.load(List.of(args));
    }

    @Test
    void commandLineFormOfRedisServer() {
        StoreConfig config = load(
                "--port",
                "7000",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--replicaof",
                "127.0.0.1",
                "6379",
                "--client-output-buffer-limit",
                "pubsub",
                "1mb",
                "0",
                "0");
        assertThat(config.port()).isEqualTo(7000);
        assertThat(config.get("save")).isEmpty();
        assertThat(config.get("appendonly")).isEqualTo("yes");
        assertThat(config.get("appendfsync")).isEqualTo("always");
        assertThat(config.get("replicaof")).isEqualTo("127.0.0.1 6379");
        assertThat(config.outputLimit(ClientClass.PUBSUB)).isEqualTo(new OutputBufferLimit(1048576, 0, 0));
        assertThat(config.get("client-output-buffer-limit"))
                .isEqualTo("normal 0 0 0 slave 268435456 67108864 60 pubsub 1048576 0 0");
        assertThat(config.configFile()).isNull();
    }

    @Test
    void aSaveOptionWithoutValueClearsTheRulesAsInRedis() {
        assertThat(load("--save", "--port", "7000").get("save")).isEmpty();
        assertThat(load("--port", "7000", "--save").get("save")).isEmpty();
        assertThat(load("--save", "60", "1", "--save", "10", "5").get("save")).isEqualTo("60 1 10 5");
    }

    @Test
    void shutdownOnSignalFlagsCombineAsInRedis7() throws Exception {
        StoreConfig config = load("--shutdown-on-sigterm", "now", "nosave", "--shutdown-on-sigint", "default");
        assertThat(config.get("shutdown-on-sigterm")).isEqualTo("nosave now"); // Redis's order
        assertThat(config.get("shutdown-on-sigint")).isEqualTo("default");
        Path file = write("sig.conf", "shutdown-on-sigint save force\nshutdown-on-sigterm default save\n");
        assertThat(load(file.toString()).get("shutdown-on-sigint")).isEqualTo("save force");
        assertThat(load(file.toString()).get("shutdown-on-sigterm")).isEqualTo("save");
        assertThatThrownBy(() -> load("--shutdown-on-sigterm", "later"))
                .hasMessageContaining("argument(s) must be one of the following: default, save, nosave, now, force");
        config.set("shutdown-on-sigterm", "FORCE now");
        assertThat(config.get("shutdown-on-sigterm")).isEqualTo("now force");
    }

    @Test
    void configFileFirstThenOptionsWhichOverrideIt() throws Exception {
        Path file = write("store.conf", "# comment\n  port 7001\nrequirepass \"a b\"\nslave-priority 5\n");
        StoreConfig config = load(file.toString(), "--port", "7002");
        assertThat(config.port()).isEqualTo(7002);
        assertThat(config.requirePass()).isEqualTo("a b");
        assertThat(config.replicaPriority()).isEqualTo(5);
        assertThat(config.configFile()).isEqualTo(file.toAbsolutePath());
        assertThat(ConfigLoader.load(file, List.of("--port", "7003")).port()).isEqualTo(7003);
    }

    @Test
    void quotingAndEscapesAreRedis() throws Exception {
        Path file = write(
                "q.conf",
                "requirepass \"tab\\there\\x41\\\"\"\nmasterauth 'it\\'s'\nmasteruser a\"b c\"\n"
                        + "replica-announce-ip \"caf\u00e9\"\n");
        StoreConfig config = load(file.toString());
        assertThat(config.requirePass()).isEqualTo("tab\thereA\"");
        assertThat(config.get("masterauth")).isEqualTo("it's");
        assertThat(config.get("masteruser")).isEqualTo("ab c");
        assertThat(config.get("replica-announce-ip").getBytes(StandardCharsets.ISO_8859_1))
                .as("the store keeps strings as bytes: UTF-8 text becomes one char per byte")
                .isEqualTo("caf\u00e9".getBytes(StandardCharsets.UTF_8));
        Path unbalanced = write("u.conf", "port 1\nrequirepass \"abc\n");
        assertThatThrownBy(() -> load(unbalanced.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("u.conf:2: requirepass \"abc: unbalanced quotes");
    }

    @Test
    void unknownDirectiveNamesFileLineDirectiveAndValue() throws Exception {
        // command-line values are shown as the config line they make: quoted
        Path file = write("bad.conf", "port 7001\n\nmaxmemmory 100mb\n");
        assertThatThrownBy(() -> load(file.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "bad.conf:3: maxmemmory 100mb: unknown directive 'maxmemmory' (did you mean 'maxmemory'?)");
        assertThatThrownBy(() -> load("--port", "1", "--no-such-directive", "1"))
                .hasMessageStartingWith(
                        "command line:3: no-such-directive \"1\": unknown directive 'no-such-directive'");
    }

    @Test
    void invalidValuesNameFileLineAndReason() throws Exception {
        Path file = write("bad.conf", "port 99999\n");
        assertThatThrownBy(() -> load(file.toString()))
                .hasMessage("bad.conf:1: port 99999: argument must be between 0 and 65535 inclusive");
        assertThatThrownBy(() -> load("--maxmemory-policy", "lru"))
                .hasMessageStartingWith("command line:1: maxmemory-policy \"lru\": argument(s) must be one of");
        assertThatThrownBy(() -> load("--rdbcompression", "maybe"))
                .hasMessage("command line:1: rdbcompression \"maybe\": argument must be 'yes' or 'no'");
        assertThatThrownBy(() -> load("--dir", dir.resolve("missing").toString()))
                .hasMessageEndingWith(": No such file or directory");
    }

    @Test
    void wrongNumberOfArgumentsIsAnErrorLikeInRedis() throws Exception {
        Path file = write("n.conf", "port 1 2\n");
        assertThatThrownBy(() -> load(file.toString()))
                .hasMessageStartingWith("n.conf:1: port 1 2: wrong number of arguments");
        assertThatThrownBy(() -> load("--requirepass"))
                .hasMessageStartingWith("command line:1: requirepass: wrong number of arguments");
        assertThatThrownBy(() -> load("--replicaof", "127.0.0.1"))
                .hasMessageStartingWith("command line:1: replicaof \"127.0.0.1\": wrong number of arguments");
        assertThatThrownBy(() -> load("--bind")).hasMessageContaining("wrong number of arguments");
        assertThat(load("--slaveof", "no", "one").get("replicaof")).isEmpty();
        assertThat(load("--bind", "127.0.0.1", "::1").bind()).containsExactly("127.0.0.1", "::1");
    }

    @Test
    void unsupportedFeaturesAreRejectedNotIgnored() {
        assertThatThrownBy(() -> load("--io-threads", "4"))
                .hasMessageContaining("io-threads other than 1 is not supported yet");
        assertThatThrownBy(() -> load("--appendfsync", "sometimes"))
                .hasMessageStartingWith("command line:1: appendfsync \"sometimes\": ");
        assertThatThrownBy(() -> load("--appenddirname", "a/b"))
                .hasMessageStartingWith("command line:1: appenddirname \"a/b\": ");
        assertThatThrownBy(() -> load("--port", "1", "--sentinel"))
                .hasMessageContaining("--sentinel: the embedded store does not run as a sentinel");
        assertThatThrownBy(() -> load("--port", "1", "-"))
                .hasMessageContaining("reading the configuration from standard input is not supported");
        assertThatThrownBy(() -> load("--port", "1", "--include", "x.conf"))
                .hasMessageContaining("include is not supported");
    }

    @Test
    void saveLinesAccumulateReplacingTheDefaultAndSaveEmptyClears() throws Exception {
        Path file = write("save.conf", "save 900 1\nsave 300 10 60 100\n");
        assertThat(load(file.toString()).get("save")).isEqualTo("900 1 300 10 60 100");
        assertThat(load(file.toString(), "--save", "").get("save")).isEmpty();
        assertThat(load(file.toString(), "--save", "60", "5").get("save")).isEqualTo("900 1 300 10 60 100 60 5");
        Path cleared = write("cleared.conf", "save 900 1\nsave \"\"\nsave 10 1\n");
        assertThat(load(cleared.toString()).get("save")).isEqualTo("10 1");
        Path bare = write("bare.conf", "save 900 1\nsave\n");
        assertThat(load(bare.toString()).get("save")).isEmpty();
        assertThatThrownBy(() -> load("--save", "3600"))
                .hasMessage("command line:1: save \"3600\": Invalid save parameters");
        assertThatThrownBy(() -> load("--save", "0", "1")).hasMessageContaining("Invalid save parameters");
    }

    @Test
    void withoutASaveDirectiveTheRulesAreRedis7sDefault() throws Exception {
        // what redis-server 7.0.15 answers to CONFIG GET save after the same command lines
        assertThat(new StoreConfig().get("save")).isEqualTo("3600 1 300 100 60 10000");
        assertThat(load().get("save")).isEqualTo("3600 1 300 100 60 10000");
        assertThat(load("--port", "7000").get("save")).isEqualTo("3600 1 300 100 60 10000");
        assertThat(load("--save", "100", "1", "--save", "200", "2").get("save")).isEqualTo("100 1 200 2");
    }

    @Test
    void theFirstSaveReplacesANonEmptyDefaultAndLaterOnesAdd() {
        StoreConfig start = new StoreConfig();
        start.set("save", "3600 1 300 100");
        StoreConfig config = ConfigLoader.load(start, List.of("--save", "60", "1", "--save", "10", "2"));
        assertThat(config.get("save")).isEqualTo("60 1 10 2");
        StoreConfig untouched = new StoreConfig();
        untouched.set("save", "3600 1 300 100");
        assertThat(ConfigLoader.load(untouched, List.of("--port", "1")).get("save"))
                .isEqualTo("3600 1 300 100");
    }

    @Test
    void includeIsFollowedWithRelativePathsInOrder() throws Exception {
        Files.createDirectories(dir.resolve("conf.d"));
        write("conf.d/extra.conf", "hz 15\nsave 60 1\nmaxclients 9\n");
        Path file = write("main.conf", "save 900 1\ninclude conf.d/extra.conf\nhz 20\n");
        StoreConfig config = load(file.toString());
        assertThat(config.hz()).isEqualTo(20);
        assertThat(config.maxClients()).isEqualTo(9);
        assertThat(config.get("save")).isEqualTo("900 1 60 1");
        write("conf.d/extra.conf", "hz 15\nbogus yes\n");
        assertThatThrownBy(() -> load(file.toString()))
                .hasMessageStartingWith("extra.conf:2: bogus yes: unknown directive 'bogus'");
        write("conf.d/extra.conf", "include ../main.conf\n");
        assertThatThrownBy(() -> load(file.toString()))
                .hasMessageContaining(
                        "extra.conf:1: include ../main.conf: include cycle: main.conf -> extra.conf" + " -> main.conf");
    }

    @Test
    void aMissingOrUnreadableConfigFileIsAnError() throws Exception {
        assertThatThrownBy(() -> load(dir.resolve("nope.conf").toString(), "--port", "1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.conf: configuration file not found");
        Path latin1 = dir.resolve("latin1.conf");
        Files.write(latin1, "requirepass caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> load(latin1.toString()))
                .hasMessageEndingWith("latin1.conf: cannot read the configuration file: it is not valid UTF-8");
    }
}
