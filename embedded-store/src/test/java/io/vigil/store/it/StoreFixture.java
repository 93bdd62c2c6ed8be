package io.vigil.store.it;

import io.vigil.store.EmbeddedStore;
import io.vigil.store.config.StoreConfig;

/**
 * Starts an in-process store on a free loopback port, with {@code repl-diskless-sync-delay 0} (full syncs start at
 * once, as the ITs start redis-server with {@code --repl-diskless-sync-delay 0}); a test of the delay sets it.
 */
final class StoreFixture {

    private StoreFixture() {}

    static EmbeddedStore start(String... directives) {
        StoreConfig config = new StoreConfig();
        config.set("port", "0");
        config.set("repl-diskless-sync-delay", "0");
        for (int i = 0; i < directives.length; i += 2) {
            config.set(directives[i], directives[i + 1]);
        }
        return EmbeddedStore.start(config);
    }
}
