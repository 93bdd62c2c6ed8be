package io.vigil.store.it;

import io.vigil.store.EmbeddedStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The in-process stores a test started ({@link StoreFixture}), closed after each test: {@code @RegisterExtension}. */
final class Stores implements AfterEachCallback {

    private final List<EmbeddedStore> started = new ArrayList<>();

    /** Starts a store with {@code directives} (name, value, ...). */
    EmbeddedStore start(String... directives) {
        EmbeddedStore s = StoreFixture.start(directives);
        started.add(s);
        return s;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(EmbeddedStore::close);
        started.clear();
    }
}
