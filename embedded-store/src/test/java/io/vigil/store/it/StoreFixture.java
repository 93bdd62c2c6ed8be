package io.vigil.store.it;

import io.vigil.store.EmbeddedStore;
import io.vigil.store.config.StoreConfig;
import io.vigil.testkit.RawResp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * Starts an in-process store on a free loopback port, with {@code repl-diskless-sync-delay 0} (full syncs start at
 * once, as the ITs start redis-server with {@code --repl-diskless-sync-delay 0}; a test of the delay sets it) , no
 * save rules, and a temporary {@code dir} of its own.
 */
final class StoreFixture {

    private StoreFixture() {}

    /**
     * A store with {@code directives} applied over the defaults, less the default {@code save} rules (as {@code
     * RedisProcess} starts redis-server with {@code --save ""}): a test that wants snapshots sets {@code save} and
     * a {@code dir} of its own, so no {@code dump.rdb} lands in the working directory.
     */
    static EmbeddedStore start(String... directives) {
        StoreConfig config = new StoreConfig();
        config.set("port", "0");
        config.set("repl-diskless-sync-delay", "0");
        config.set("save", "");
        try {
            // Its own directory: a dump or AOF another test left in the working directory is never loaded.
            config.set("dir", Files.createTempDirectory("vigil-store-it-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < directives.length; i += 2) {
            config.set(directives[i], directives[i + 1]);
        }
        return EmbeddedStore.start(config);
    }

    /**
     * Waits until {@code store} has loaded its dataset ({@code INFO persistence} says {@code loading:0}): a store
     * listens before it loads its dump or AOF, and answers {@code -LOADING} meanwhile.
     */
    static EmbeddedStore awaitLoaded(EmbeddedStore store) {
        Awaitility.await("the store to finish loading")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> String.valueOf(RawResp.call(store.port(), "INFO", "persistence"))
                        .contains("\r\nloading:0\r\n"));
        return store;
    }
}
