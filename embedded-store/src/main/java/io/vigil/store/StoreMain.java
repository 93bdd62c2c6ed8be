package io.vigil.store;

import io.vigil.config.ConfigException;
import io.vigil.store.config.ConfigLoader;
import io.vigil.store.config.StoreConfig;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the store from a {@code redis-server}-style command line: {@code [config-file] [--directive value ...]}.
 * Used by {@code vigil store} and by scripts that start the store with {@code java -cp}.
 */
public final class StoreMain {

    private StoreMain() {}

    /** Starts the store and blocks until it shuts down; exits 1 on a configuration or bind error. */
    public static void main(String[] args) {
        int status = run(Arrays.asList(args), new PrintWriter(System.err, true));
        System.exit(status);
    }

    /**
     * Starts the store and blocks until {@code SHUTDOWN}; returns the exit status: 0 after a shutdown, 1 when the
     * configuration is invalid or an address cannot be bound (the reason is printed to {@code err}).
     */
    public static int run(List<String> args, PrintWriter err) {
        StoreConfig config;
        try {
            config = load(args);
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("*** FATAL CONFIG ERROR *** " + e.getMessage());
            return 1;
        }
        EmbeddedStore store;
        try {
            store = EmbeddedStore.start(config);
        } catch (IllegalStateException e) {
            err.println("*** FATAL *** " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(store::closeAfterFinalSave, "vigil-store-shutdown"));
        StoreSignals.install(store);
        store.terminated().join();
        if (store.fatalError() != null) {
            err.println("*** FATAL *** " + store.fatalError());
            return 1;
        }
        return 0;
    }

    /**
     * Parses {@code [config-file] [--directive value ...]} into a configuration.
     *
     * @throws ConfigException naming {@code file:line} or {@code command line:<position>}, the line and the reason
     */
    public static StoreConfig load(List<String> args) {
        return ConfigLoader.load(args);
    }
}
