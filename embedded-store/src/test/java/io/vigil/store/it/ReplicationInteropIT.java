package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.store.EmbeddedStore;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RawResp;
import io.vigil.testkit.RedisProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replication between the store and a real redis-server 7 in both directions, each with a full sync and then a
 * partial resync after the link is cut.
 */
@ExtendWith(NoProcessLeftBehind.class)
class ReplicationInteropIT {

    private static Map<String, String> info(int port, String section) {
        return ReplicationChecks.info((String) RawResp.call(port, "INFO", section));
    }

    private static void fill(int port) {
        RawResp.call(port, "SET", "s", "v");
        RawResp.call(port, "SET", "n", "12345");
        RawResp.call(port, "SET", "ttl", "x", "EX", "1000");
        RawResp.call(port, "HSET", "h", "a", "1", "b", "2");
        RawResp.call(port, "RPUSH", "l", "x", "y", "z");
        RawResp.call(port, "SADD", "set", "m1", "m2", "3");
        RawResp.call(port, "ZADD", "z", "1.5", "one", "2", "two");
        RawResp.call(port, "SET", "big", "b".repeat(5000));
    }

    private static void assertCopied(int port) {
        assertThat(RawResp.call(port, "GET", "s")).isEqualTo("v");
        assertThat(RawResp.call(port, "GET", "n")).isEqualTo("12345");
        assertThat((Long) RawResp.call(port, "TTL", "ttl")).isBetween(900L, 1000L);
        assertThat(RawResp.call(port, "HGETALL", "h")).isEqualTo(List.of("a", "1", "b", "2"));
        assertThat(RawResp.call(port, "LRANGE", "l", "0", "-1")).isEqualTo(List.of("x", "y", "z"));
        assertThat(RawResp.call(port, "SCARD", "set")).isEqualTo(3L);
        assertThat(RawResp.call(port, "ZSCORE", "z", "one")).isEqualTo("1.5");
        assertThat(RawResp.call(port, "STRLEN", "big")).isEqualTo(5000L);
    }

    private static void awaitSynced(int master, int replica) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(info(replica, "replication")).containsEntry("master_link_status", "up");
            assertThat(info(replica, "replication").get("master_repl_offset"))
                    .isEqualTo(info(master, "replication").get("master_repl_offset"));
        });
    }

    private static void cutAndResync(int master, int replica, IntFunction<Object> write) {
        RawResp.call(master, "CLIENT", "KILL", "TYPE", "replica");
        write.apply(master);
        awaitSynced(master, replica);
        assertThat(RawResp.call(replica, "GET", "after-cut")).isEqualTo("1");
        assertThat(info(master, "stats")).containsEntry("sync_full", "1").containsEntry("sync_partial_ok", "1");
    }

    @Test
    void redisServerReplicatesFromTheStore() {
        try (EmbeddedStore store = StoreFixture.start()) {
            fill(store.port());
            try (RedisProcess redis = RedisProcess.server()
                    .args("--replicaof", "127.0.0.1", Integer.toString(store.port()))
                    .start()) {
                awaitSynced(store.port(), redis.port());
                assertCopied(redis.port());
                RawResp.call(store.port(), "INCR", "n");
                RawResp.call(store.port(), "LPUSH", "l", "w");
                awaitSynced(store.port(), redis.port());
                assertThat(RawResp.call(redis.port(), "GET", "n")).isEqualTo("12346");
                Map<String, String> master = info(store.port(), "replication");
                assertThat(master.get("slave0")).startsWith("ip=127.0.0.1,port=" + redis.port() + ",state=online");
                cutAndResync(store.port(), redis.port(), p -> RawResp.call(p, "SET", "after-cut", "1"));
                // a new fencing epoch reaches the stream; redis-server logs the unknown command and goes on
                assertThat(RawResp.call(store.port(), "VIGIL", "FENCE", "5")).isEqualTo(1L);
                RawResp.call(store.port(), "VIGIL", "LEASE", "5", "60000");
                RawResp.call(store.port(), "SET", "after-fence", "1");
                awaitSynced(store.port(), redis.port());
                assertThat(RawResp.call(redis.port(), "GET", "after-fence")).isEqualTo("1");
            }
        }
    }

    @Test
    void theStoreReplicatesFromRedisServer() {
        try (RedisProcess redis = RedisProcess.server()
                        .args("--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0")
                        .start();
                EmbeddedStore store = StoreFixture.start()) {
            fill(redis.port());
            RawResp.call(store.port(), "REPLICAOF", "127.0.0.1", Integer.toString(redis.port()));
            awaitSynced(redis.port(), store.port());
            assertCopied(store.port());
            RawResp.call(redis.port(), "INCR", "n");
            RawResp.call(redis.port(), "EXPIRE", "s", "500");
            awaitSynced(redis.port(), store.port());
            assertThat(RawResp.call(store.port(), "GET", "n")).isEqualTo("12346");
            assertThat((Long) RawResp.call(store.port(), "TTL", "s")).isBetween(400L, 500L);
            cutAndResync(redis.port(), store.port(), p -> RawResp.call(p, "SET", "after-cut", "1"));
        }
    }

    @Test
    void theStoreLoadsADiskBasedTransferFromRedisServer() {
        try (RedisProcess redis =
                        RedisProcess.server().args("--repl-diskless-sync", "no").start();
                EmbeddedStore store = StoreFixture.start()) {
            fill(redis.port());
            RawResp.call(store.port(), "REPLICAOF", "127.0.0.1", Integer.toString(redis.port()));
            awaitSynced(redis.port(), store.port());
            assertCopied(store.port());
        }
    }
}
