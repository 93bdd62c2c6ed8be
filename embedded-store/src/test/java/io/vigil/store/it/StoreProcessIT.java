package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.testkit.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store as its own process ({@code java -cp <test classpath> io.vigil.store.StoreMain ...}, what {@code vigil
 * store} runs): it says where it listens, serves {@code redis-cli}, exits on {@code SHUTDOWN}, and refuses a bad
 * config file naming file:line.
 */
class StoreProcessIT {

    @TempDir
    Path dir;

    private Process launch(String... args) throws IOException {
        return StoreLauncher.launch(dir.resolve("store.log"), args);
    }

    private String log() throws IOException {
        return StoreLauncher.read(dir.resolve("store.log"));
    }

    @Test
    void runsFromConfigFileAndShutsDown() throws Exception {
        int port = FreePorts.next();
        Path conf = dir.resolve("store.conf");
        Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\nsave \"\"\nappendonly no\n");
        Process store = launch(conf.toString(), "--hz", "20");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> log().contains("Ready to accept connections"));
            assertThat(log()).contains("listening on 127.0.0.1:" + port);
            assertThat(cli(port, "SET", "k", "v")).isEqualTo("OK\n");
            assertThat(cli(port, "CONFIG", "GET", "hz")).isEqualTo("hz\n20\n");
            cli(port, "SHUTDOWN", "NOSAVE");
            assertThat(store.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(store.exitValue()).isZero();
        } finally {
            store.destroyForcibly();
        }
    }

    @Test
    void badConfigFileFailsNamingFileAndLine() throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "port 1\nmaxmemory lots\n");
        Process store = launch(conf.toString());
        try {
            assertThat(store.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(store.exitValue()).isEqualTo(1);
            assertThat(log()).contains("bad.conf:2: maxmemory lots: argument must be a memory value");
        } finally {
            store.destroyForcibly();
        }
    }

    @Test
    void sigtermSavesWhenSaveRulesExistAndTheNextStartLoadsTheDump() throws Exception {
        int port = FreePorts.next();
        Process store = launch("--port", "" + port, "--dir", dir.toString(), "--save", "3600", "1");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> log().contains("Ready to accept connections"));
            assertThat(cli(port, "RPUSH", "list", "a", "b")).isEqualTo("2\n");
            store.destroy(); // SIGTERM
            assertThat(store.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            store.destroyForcibly();
        }
        assertThat(dir.resolve("dump.rdb")).exists();
        Files.move(dir.resolve("store.log"), dir.resolve("first.log"));
        Process again = launch("--port", "" + port, "--dir", dir.toString());
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> log().contains("Done loading RDB"));
            assertThat(cli(port, "LRANGE", "list", "0", "-1")).isEqualTo("a\nb\n");
            cli(port, "SHUTDOWN", "NOSAVE");
            assertThat(again.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            again.destroyForcibly();
        }
    }

    @Test
    void withNoSaveDirectiveRedisDefaultRulesApplyAndShutdownSaves() throws Exception {
        int port = FreePorts.next();
        Process store = launch("--port", "" + port, "--dir", dir.toString());
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> log().contains("Ready to accept connections"));
            assertThat(cli(port, "CONFIG", "GET", "save")).isEqualTo("save\n3600 1 300 100 60 10000\n");
            assertThat(cli(port, "SET", "k", "v")).isEqualTo("OK\n");
            assertThat(dir.resolve("dump.rdb")).doesNotExist();
            cli(port, "SHUTDOWN");
            assertThat(store.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(store.exitValue()).isZero();
        } finally {
            store.destroyForcibly();
        }
        assertThat(dir.resolve("dump.rdb"))
                .as("a clean SHUTDOWN saves, as redis-server does")
                .exists();
        assertThat(log()).contains("Saving the final RDB snapshot before exiting.");
    }

    @Test
    void aDumpItCannotLoadMakesItExitWithTheReason() throws Exception {
        Files.write(dir.resolve("dump.rdb"), "REDIS0010\u00ffnot a checksum".getBytes(StandardCharsets.ISO_8859_1));
        Process store = launch("--port", "" + FreePorts.next(), "--dir", dir.toString());
        try {
            assertThat(store.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(store.exitValue()).isEqualTo(1);
            assertThat(log()).contains("Fatal error loading the DB").contains("dump.rdb");
        } finally {
            store.destroyForcibly();
        }
    }

    private static String cli(int port, String... args) throws Exception {
        return StoreLauncher.cli(port, args);
    }
}
