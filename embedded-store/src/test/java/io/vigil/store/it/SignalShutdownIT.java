package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.testkit.FreePorts;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RawResp;
import io.vigil.testkit.RedisProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code SIGTERM} and {@code SIGINT} with Redis 7's {@code shutdown-on-sigterm} / {@code shutdown-on-sigint} flags,
 * on a store process and on redis-server 7.0 with the same arguments: the same dump written or not, the same exit
 * status, the same refusal to stop when the final save fails, the same immediate exit on a second {@code SIGINT}.
 */
@ExtendWith(NoProcessLeftBehind.class)
class SignalShutdownIT {

    @TempDir
    Path tmp;

    /** A server process (the store or redis-server), its port, {@code dir} and log. */
    private record Server(Process process, int port, Path dir, Path log) implements AutoCloseable {

        void signal(String name) throws Exception {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue()).isZero();
        }

        int exitWithin(Duration d) throws Exception {
            assertThat(process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS))
                    .as("exited; log:\n%s", output())
                    .isTrue();
            return process.exitValue();
        }

        String output() throws Exception {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private Server start(String kind, String... directives) throws Exception {
        int port = FreePorts.next();
        Path dir = Files.createDirectories(tmp.resolve(kind + "-" + port));
        Path log = tmp.resolve(kind + "-" + port + ".log");
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--dir", dir.toString()));
        args.addAll(List.of(directives));
        Process p;
        if (kind.equals("store")) {
            p = StoreLauncher.launch(log, args.toArray(String[]::new));
        } else {
            List<String> command = new ArrayList<>(List.of("redis-server", "--bind", "127.0.0.1"));
            command.addAll(args);
            p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        }
        Server s = new Server(p, port, dir, log);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(log) && s.output().contains("Ready to accept connections"));
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"store", "redis-server"})
    void sigtermWithNosaveDoesNotSaveDespiteSaveRules(String kind) throws Exception {
        try (Server s = start(kind, "--save", "3600", "1", "--shutdown-on-sigterm", "nosave")) {
            RawResp.call(s.port(), "SET", "k", "v");
            s.signal("TERM");
            assertThat(s.exitWithin(Duration.ofSeconds(20))).isZero();
            assertThat(s.dir().resolve("dump.rdb")).doesNotExist();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"store", "redis-server"})
    void sigintWithSaveSavesWithoutSaveRules(String kind) throws Exception {
        try (Server s = start(kind, "--save", "", "--shutdown-on-sigint", "save")) {
            RawResp.call(s.port(), "SET", "k", "v");
            s.signal("INT");
            assertThat(s.exitWithin(Duration.ofSeconds(20))).isZero();
            assertThat(s.dir().resolve("dump.rdb")).exists();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"store", "redis-server"})
    void aFailedSaveKeepsTheServerRunningUnlessForceIsSet(String kind) throws Exception {
        try (Server s = start(kind, "--save", "3600", "1")) {
            RawResp.call(s.port(), "SET", "k", "v");
            Files.delete(s.dir()); // the final save cannot create its file
            s.signal("TERM");
            await().atMost(Duration.ofSeconds(10)).until(() -> s.output()
                    .toLowerCase(java.util.Locale.ROOT)
                    .contains("errors trying to shut down the server"));
            assertThat(s.process().isAlive()).isTrue();
            assertThat(RawResp.call(s.port(), "GET", "k")).isEqualTo("v");

            assertThat(RawResp.call(s.port(), "CONFIG", "SET", "shutdown-on-sigterm", "force"))
                    .isEqualTo("OK");
            s.signal("TERM");
            assertThat(s.exitWithin(Duration.ofSeconds(20))).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"store", "redis-server"})
    void aSecondSigintWhileWaitingForAReplicaExitsAtOnce(String kind) throws Exception {
        try (Server s = start(kind, "--save", "", "--shutdown-timeout", "60", "--repl-diskless-sync-delay", "0");
                RedisProcess replica = RedisProcess.server()
                        .args("--replicaof", "127.0.0.1", Integer.toString(s.port()))
                        .start()) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> String.valueOf(RawResp.call(s.port(), "INFO", "replication"))
                            .contains("state=online"));
            replica.pause();
            try {
                RawResp.call(s.port(), "SET", "k", "v"); // the replica will never acknowledge it
                s.signal("INT");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> s.output().contains("Waiting for replicas before shutting down."));
                assertThat(s.process().isAlive()).isTrue();
                s.signal("INT");
                assertThat(s.exitWithin(Duration.ofSeconds(10))).isEqualTo(1);
                assertThat(s.output()).contains("You insist... exiting now.");
            } finally {
                replica.resume();
            }
        }
    }
}
