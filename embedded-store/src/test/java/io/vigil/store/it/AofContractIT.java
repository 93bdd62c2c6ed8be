package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.EmbeddedStore;
import io.vigil.testkit.RawResp;
import io.vigil.testkit.RedisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AOF directives and commands answer as redis-server 7.0.15 does, {@code INFO persistence} has Redis's fields in
 * Redis's order once AOF is on, and turning AOF on at run time writes a base first, which redis-server then loads.
 */
class AofContractIT extends ContractTestBase {

    private static final String[][] SCRIPT = {
        {"CONFIG", "GET", "appendonly"},
        {"CONFIG", "GET", "appendfsync"},
        {"CONFIG", "GET", "appenddirname"},
        {"CONFIG", "GET", "appendfilename"},
        {"CONFIG", "GET", "aof-use-rdb-preamble"},
        {"CONFIG", "GET", "aof-load-truncated"},
        {"CONFIG", "GET", "auto-aof-rewrite-percentage"},
        {"CONFIG", "GET", "auto-aof-rewrite-min-size"},
        {"CONFIG", "SET", "appendfsync", "sometimes"},
        {"CONFIG", "SET", "appendfsync", "always"},
        {"CONFIG", "GET", "appendfsync"},
        {"CONFIG", "SET", "appendfsync", "everysec"},
        {"CONFIG", "SET", "appendonly", "maybe"},
        {"CONFIG", "SET", "appenddirname", "other"},
        {"CONFIG", "SET", "appendfilename", "other.aof"},
        {"CONFIG", "SET", "auto-aof-rewrite-min-size", "1mb"},
        {"CONFIG", "GET", "auto-aof-rewrite-min-size"},
        {"CONFIG", "SET", "auto-aof-rewrite-percentage", "-1"},
        {"CONFIG", "SET", "auto-aof-rewrite-percentage", "100"},
        {"CONFIG", "SET", "auto-aof-rewrite-min-size", "64mb"},
        {"BGREWRITEAOF", "now"},
    };

    @TempDir
    Path dir;

    @Test
    void repliesMatchRedis() throws Exception {
        assertThat(mismatches(SCRIPT))
                .as("commands whose replies differ from Redis 7")
                .isEmpty();
    }

    @Test
    void turningAofOnAtRunTimeWritesABaseThatRedisServerLoads() throws Exception {
        Map<String, String> expected;
        try (EmbeddedStore aof = StoreFixture.start("dir", dir.toString());
                RedisProcess reference = RedisProcess.server().start()) {
            InteropData.populate(aof.port());
            assertThat(RawResp.call(aof.port(), "CONFIG", "SET", "appendonly", "yes"))
                    .isEqualTo("OK");
            assertThat(RawResp.call(reference.port(), "CONFIG", "SET", "appendonly", "yes"))
                    .isEqualTo("OK");
            RawResp.call(aof.port(), "SET", "db0:str", "while the first base is written");
            awaitRewriteEnd(aof.port());
            awaitRewriteEnd(reference.port());
            assertThat(persistenceFieldNames(aof.port())).isEqualTo(persistenceFieldNames(reference.port()));
            RawResp.call(aof.port(), "SET", "db0:after", "the base");
            expected = InteropData.fingerprint(aof.port());
        }
        assertThat(Files.readString(dir.resolve("appendonlydir/appendonly.aof.manifest")))
                .isEqualTo("file appendonly.aof.1.base.rdb seq 1 type b\n"
                        + "file appendonly.aof.1.incr.aof seq 1 type i\n");
        try (RedisProcess redis = RedisProcess.server()
                .args("--dir", dir.toString(), "--appendonly", "yes")
                .start()) {
            assertThat(InteropData.fingerprint(redis.port())).isEqualTo(expected);
        }
    }

    private static void awaitRewriteEnd(int port) {
        Awaitility.await("the first AOF base to be written")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> String.valueOf(RawResp.call(port, "INFO", "persistence"))
                        .contains("aof_rewrite_in_progress:0\r\naof_rewrite_scheduled:0"));
    }
}
