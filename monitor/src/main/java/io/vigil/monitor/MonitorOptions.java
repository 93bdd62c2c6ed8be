package io.vigil.monitor;

import java.util.Objects;

/**
 * Service-wide settings of a {@link MonitorService}.
 *
 * @param myId this sentinel's run id; its first 8 characters name the connections
 *     ({@code CLIENT SETNAME sentinel-<first 8>-cmd} and {@code -pubsub})
 * @param ioThreads Netty I/O threads shared by all links (Lettuce's {@code ioThreadPoolSize})
 * @param computationThreads threads for Lettuce's computation pool, which also runs the links' timers
 */
public record MonitorOptions(String myId, int ioThreads, int computationThreads) {

    /** Checks that the id can name a connection and the thread counts are in 1..64. */
    public MonitorOptions {
        Objects.requireNonNull(myId, "myId");
        if (myId.length() < 8 || !myId.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new IllegalArgumentException(
                    "myId must be at least 8 printable ASCII characters without spaces, was '" + myId + "'");
        }
        if (ioThreads < 1 || ioThreads > 64) {
            throw new IllegalArgumentException("ioThreads must be in 1..64, was " + ioThreads);
        }
        if (computationThreads < 1 || computationThreads > 64) {
            throw new IllegalArgumentException("computationThreads must be in 1..64, was " + computationThreads);
        }
    }

    /** Two I/O threads and two computation threads: enough for hundreds of watched instances. */
    public static MonitorOptions of(String myId) {
        return new MonitorOptions(myId, 2, 2);
    }

    /** The name the command connection gives itself. */
    public String commandClientName() {
        return "sentinel-" + myId.substring(0, 8) + "-cmd";
    }

    /** The name the pub/sub connection gives itself. */
    public String pubSubClientName() {
        return "sentinel-" + myId.substring(0, 8) + "-pubsub";
    }
}
