package io.vigil.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server started from a local binary as a child process, its output in {@code dir/process.log}. */
final class LocalHandle implements RedisProcess.Handle {

    private final Process process;
    private final Path log;

    private LocalHandle(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static LocalHandle start(Path binary, List<String> command, Path dir) {
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, binary.toString());
        Path log = dir.resolve("process.log");
        try {
            Process process = new ProcessBuilder(resolved)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            ProcessReaper.register(process.toHandle());
            return new LocalHandle(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + resolved, e);
        }
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void kill() {
        process.destroyForcibly();
        waitFor(10);
        ProcessReaper.unregister(process.toHandle());
    }

    @Override
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + process.pid(), e);
        }
    }

    @Override
    public void stop() {
        if (process.isAlive()) {
            signal("CONT");
            process.destroy();
            if (!waitFor(10)) {
                process.destroyForcibly();
                waitFor(10);
            }
        }
        ProcessReaper.unregister(process.toHandle());
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
