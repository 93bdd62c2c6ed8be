package io.vigil.sentinel.core;

import static org.awaitility.Awaitility.await;

import io.vigil.store.StoreMain;
import io.vigil.testkit.FreePorts;
import io.vigil.testkit.ProcessReaper;
import io.vigil.testkit.RawResp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Vigil's embedded store as its own JVM process on a loopback port (what {@code vigil store} runs), so tests can
 * SIGKILL, SIGSTOP and SIGCONT it like a real server.
 */
final class StoreProcess implements AutoCloseable {

    final int port;
    final Path dir;
    private Process process;
    private final List<String> args;

    private StoreProcess(int port, Path dir, List<String> args) {
        this.port = port;
        this.dir = dir;
        this.args = args;
    }

    /** Starts a store on a free port with redis-server-style {@code --directive value} arguments. */
    static StoreProcess start(String... args) {
        try {
            int port = FreePorts.next();
            StoreProcess s =
                    new StoreProcess(port, Files.createTempDirectory("vigil-store-" + port + "-"), List.of(args));
            s.launch();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A replica of {@code primary}. */
    static StoreProcess replicaOf(StoreProcess primary, String... args) {
        List<String> all = new ArrayList<>(List.of("--replicaof", "127.0.0.1", Integer.toString(primary.port)));
        all.addAll(List.of(args));
        return start(all.toArray(String[]::new));
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                StoreMain.class.getName(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir.toString(),
                "--save",
                ""));
        command.addAll(args);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("store.log").toFile()))
                .start();
        ProcessReaper.register(process.toHandle());
        await("store on port " + port + " answers PING")
                .atMost(Duration.ofSeconds(30))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("store exited: " + log());
                    }
                    return "PONG".equals(String.valueOf(call("PING")));
                });
    }

    /** Sends one command over raw RESP2; errors come back as their text. */
    Object call(String... command) {
        try {
            return RawResp.call(port, command);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** {@code INFO section} as text ("" when unreachable). */
    String info(String section) {
        return String.valueOf(call("INFO", section));
    }

    /** One {@code field:value} of INFO. */
    long infoLong(String section, String field) {
        for (String line : info(section).split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim());
            }
        }
        return -1;
    }

    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProcessReaper.unregister(process.toHandle());
    }

    void signal(String name) {
        try {
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String log() {
        try {
            return Files.readString(dir.resolve("store.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            signal("CONT");
            kill();
        }
    }
}
