package io.vigil.store.it;

import io.vigil.store.EmbeddedStore;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RedisProcess;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared half of every {@code *ContractIT}: a real redis-server and an embedded store, started once per class,
 * and {@link #mismatches(String[][])} to run a command script against both (see {@link ContractScript}).
 */
@ExtendWith(NoProcessLeftBehind.class)
abstract class ContractTestBase {

    static RedisProcess redis;
    static EmbeddedStore store;

    @BeforeAll
    static void startServers() {
        redis = RedisProcess.server().start();
        store = StoreFixture.start();
    }

    @AfterAll
    static void stopServers() {
        if (store != null) {
            store.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** The commands of {@code script} whose replies differ between redis-server and the store. */
    static List<String> mismatches(String[][] script) throws Exception {
        return ContractScript.mismatches(redis.port(), store.port(), script);
    }

    /** The field names of {@code INFO persistence} in their order. */
    static List<String> persistenceFieldNames(int port) {
        List<String> names = new java.util.ArrayList<>();
        for (String line : String.valueOf(io.vigil.testkit.RawResp.call(port, "INFO", "persistence"))
                .split("\r\n")) {
            if (line.contains(":")) {
                names.add(line.substring(0, line.indexOf(':')));
            }
        }
        return names;
    }
}
