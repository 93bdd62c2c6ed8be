package io.vigil.sentinel.core;

import io.vigil.testkit.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** In-process Vigil sentinels for integration tests, each with its own sentinel.conf in a temp directory. */
final class VigilFleet implements AutoCloseable {

    final List<SentinelProcess> sentinels = new ArrayList<>();
    final List<Path> configs = new ArrayList<>();
    final List<Integer> ports = new ArrayList<>();
    final List<Integer> exits = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Starts {@code n} sentinels monitoring {@code mymaster} at 127.0.0.1:{@code masterPort}. */
    static VigilFleet start(int n, int masterPort, int quorum, long downAfterMs) {
        long[] downAfter = new long[n];
        java.util.Arrays.fill(downAfter, downAfterMs);
        return start(masterPort, quorum, 10000, downAfter);
    }

    /** Starts one sentinel per {@code downAfterMs} entry, each with its own down-after-milliseconds. */
    static VigilFleet start(int masterPort, int quorum, long failoverTimeoutMs, long... downAfterMs) {
        return start(masterPort, quorum, failoverTimeoutMs, port -> List.of(), downAfterMs);
    }

    /**
     * Like {@link #start(int, int, long, long...)}, with more config lines per sentinel ({@code extraLines} gets the
     * port chosen for that sentinel; a later {@code port} line overrides the first, as in Redis).
     */
    static VigilFleet start(
            int masterPort,
            int quorum,
            long failoverTimeoutMs,
            java.util.function.IntFunction<List<String>> extraLines,
            long... downAfterMs) {
        VigilFleet fleet = new VigilFleet();
        try {
            for (int i = 0; i < downAfterMs.length; i++) {
                int port = FreePorts.next();
                Path dir = Files.createTempDirectory("vigil-sentinel-" + port + "-");
                List<String> lines = new ArrayList<>(List.of(
                        "port " + port,
                        "bind 127.0.0.1",
                        "dir " + dir,
                        "sentinel monitor mymaster 127.0.0.1 " + masterPort + " " + quorum,
                        "sentinel down-after-milliseconds mymaster " + downAfterMs[i],
                        "sentinel failover-timeout mymaster " + failoverTimeoutMs,
                        "sentinel parallel-syncs mymaster 1"));
                lines.addAll(extraLines.apply(port));
                Path config = dir.resolve("sentinel.conf");
                Files.write(config, lines);
                fleet.configs.add(config);
                fleet.ports.add(port);
                fleet.sentinels.add(SentinelProcess.start(config, List.of(), fleet.exitHandler(i)));
            }
        } catch (IOException e) {
            fleet.close();
            throw new UncheckedIOException(e);
        }
        return fleet;
    }

    /** Restarts sentinel {@code i} from its config file. */
    void restart(int i) throws IOException {
        sentinels.get(i).close();
        sentinels.set(i, SentinelProcess.start(configs.get(i), List.of(), exitHandler(i)));
    }

    /** What a simulated crash does in-process: record the status and stop that sentinel, off its own loop. */
    private java.util.function.IntConsumer exitHandler(int i) {
        return status -> {
            exits.add(status);
            new Thread(() -> sentinels.get(i).close(), "fleet-crash-" + i).start();
        };
    }

    @Override
    public void close() {
        sentinels.forEach(SentinelProcess::close);
    }
}
