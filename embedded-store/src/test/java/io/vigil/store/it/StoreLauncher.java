package io.vigil.store.it;

import io.vigil.store.StoreMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the store as its own process ({@code java -cp <test classpath> io.vigil.store.StoreMain ...}, what
 * {@code vigil store} runs), its output going to a log file.
 */
final class StoreLauncher {

    private StoreLauncher() {}

    /**
     * Launches the store with {@code args}; stdout and stderr go to {@code log}. Without a config file the store's {@code dir}
     * is the log's directory unless {@code args} name another (the last one wins), so its saves stay out of the
     * working directory; with one, the file says where.
     */
    static Process launch(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StoreMain.class.getName()));
        if (args.length == 0 || args[0].startsWith("--")) {
            command.addAll(List.of("--dir", log.toAbsolutePath().getParent().toString()));
        }
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Runs {@code redis-cli -p <port> <args>} and returns what it printed (stdout and stderr). */
    static String cli(int port, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(port)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    /** The log's content so far. */
    static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
