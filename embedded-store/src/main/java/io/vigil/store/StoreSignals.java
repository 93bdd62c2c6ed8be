package io.vigil.store;

import io.vigil.store.replication.GracefulShutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SIGTERM} and {@code SIGINT} for a store run as a process ({@link StoreMain}), as redis-server handles them:
 * each starts the shutdown that {@code shutdown-on-sigterm} / {@code shutdown-on-sigint} asks for ({@code default},
 * {@code save}, {@code nosave}, {@code now}, {@code force}); the process exits 0 once the store stopped, keeps
 * running when the shutdown failed (a final save without {@code force}), and exits 1 at once on a second {@code
 * SIGINT} while the shutdown waits for replicas.
 *
 * <p>The JDK offers no supported API to tell the two signals apart (a shutdown hook runs for both and cannot keep
 * the process alive), so this uses {@code sun.misc.Signal} from the {@code jdk.unsupported} module; where the JVM
 * refuses a handler (e.g. {@code -Xrs}), the shutdown hook's default shutdown remains.
 */
final class StoreSignals {

    private static final Logger LOG = LoggerFactory.getLogger(StoreSignals.class);

    private StoreSignals() {}

    /** Installs the handlers for {@code store}. */
    static void install(EmbeddedStore store) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> handle(store, name));
            } catch (IllegalArgumentException e) {
                LOG.warn(
                        "Cannot handle SIG{} ({}): it stops the store with the default shutdown", name, e.getMessage());
            }
        }
    }

    /** On the JVM's signal thread: hands the signal to the command thread and returns. */
    private static void handle(EmbeddedStore store, String name) {
        try {
            if (store.onSignal(name) == GracefulShutdown.SignalOutcome.EXIT_NOW) {
                Runtime.getRuntime().halt(1);
            }
        } catch (IllegalStateException e) {
            LOG.debug("SIG{} after the store stopped: {}", name, e.getMessage());
        }
    }
}
