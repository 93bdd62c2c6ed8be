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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code INFO replication} and {@code ROLE} have the same fields, in the same order and with the same shape, on the
 * store as on redis-server 7.0.15, for a master with a replica, a connected replica and a replica whose master is
 * gone.
 */
@ExtendWith(NoProcessLeftBehind.class)
class ReplicationInfoContractIT {

    private static Map<String, String> info(int port) {
        return ReplicationChecks.info((String) RawResp.call(port, "INFO", "replication"));
    }

    private static void awaitUp(int replica) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(info(replica)).containsEntry("master_link_status", "up"));
    }

    @Test
    void aReplicaThatNeverSyncedLooksTheSame() {
        try (RedisProcess redis = RedisProcess.server()
                        .args("--replicaof", "127.0.0.1", "1")
                        .start();
                EmbeddedStore store = StoreFixture.start("replicaof", "127.0.0.1 1")) {
            Map<String, String> s = info(store.port());
            Map<String, String> r = info(redis.port());
            assertThat(s.keySet()).containsExactlyElementsOf(r.keySet());
            for (String f : List.of(
                    "master_link_status",
                    "master_last_io_seconds_ago",
                    "master_sync_in_progress",
                    "slave_read_repl_offset",
                    "slave_repl_offset",
                    "master_link_down_since_seconds",
                    "master_repl_offset",
                    "second_repl_offset",
                    "repl_backlog_active",
                    "repl_backlog_first_byte_offset",
                    "repl_backlog_histlen")) {
                assertThat(s.get(f)).as(f).isEqualTo(r.get(f));
            }
        }
    }

    @Test
    void sameFieldsAsRedisServer() throws Exception {
        try (RedisProcess redisMaster = RedisProcess.server().start();
                RedisProcess redisReplica = RedisProcess.server()
                        .args("--replicaof", "127.0.0.1", Integer.toString(0))
                        .start();
                EmbeddedStore storeMaster = StoreFixture.start();
                EmbeddedStore storeReplica = StoreFixture.start()) {
            RawResp.call(redisReplica.port(), "REPLICAOF", "127.0.0.1", Integer.toString(redisMaster.port()));
            RawResp.call(storeReplica.port(), "REPLICAOF", "127.0.0.1", Integer.toString(storeMaster.port()));
            awaitUp(redisReplica.port());
            awaitUp(storeReplica.port());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(info(redisMaster.port())).containsKey("slave0");
                assertThat(info(storeMaster.port())).containsKey("slave0");
            });

            assertThat(info(storeMaster.port()).keySet())
                    .containsExactlyElementsOf(info(redisMaster.port()).keySet());
            assertThat(info(storeReplica.port()).keySet())
                    .containsExactlyElementsOf(info(redisReplica.port()).keySet());
            assertThat(info(storeMaster.port()).get("slave0"))
                    .matches("ip=127\\.0\\.0\\.1,port=\\d+,state=online,offset=\\d+,lag=\\d+");
            assertThat(shape(RawResp.call(storeMaster.port(), "ROLE")))
                    .isEqualTo(shape(RawResp.call(redisMaster.port(), "ROLE")));
            assertThat(shape(RawResp.call(storeReplica.port(), "ROLE")))
                    .isEqualTo(shape(RawResp.call(redisReplica.port(), "ROLE")));

            RawResp.call(storeReplica.port(), "REPLICAOF", "127.0.0.1", "1");
            RawResp.call(redisReplica.port(), "REPLICAOF", "127.0.0.1", "1");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(info(storeReplica.port())).containsEntry("master_link_status", "down");
                assertThat(info(redisReplica.port())).containsEntry("master_link_status", "down");
            });
            assertThat(info(storeReplica.port()).keySet())
                    .containsExactlyElementsOf(info(redisReplica.port()).keySet());
            long storeDown = Long.parseLong(info(storeReplica.port()).get("master_link_down_since_seconds"));
            long redisDown = Long.parseLong(info(redisReplica.port()).get("master_link_down_since_seconds"));
            assertThat(storeDown).isNotNegative().isCloseTo(redisDown, org.assertj.core.data.Offset.offset(1L));

            RawResp.call(storeMaster.port(), "REPLICAOF", "127.0.0.1", "1");
            RawResp.call(redisMaster.port(), "REPLICAOF", "127.0.0.1", "1");
            Map<String, String> store = info(storeMaster.port());
            Map<String, String> redis = info(redisMaster.port());
            assertThat(store.keySet()).containsExactlyElementsOf(redis.keySet());
            assertThat(store.get("master_link_down_since_seconds"))
                    .isEqualTo(redis.get("master_link_down_since_seconds"));
        }
    }

    /** The reply's structure: types and list sizes, with the role words kept. */
    private static Object shape(Object reply) {
        if (reply instanceof List<?> list) {
            return list.stream().map(ReplicationInfoContractIT::shape).toList();
        }
        if (reply instanceof String s
                && List.of("master", "slave", "connected", "connect").contains(s)) {
            return s;
        }
        return reply == null ? "null" : reply.getClass().getSimpleName();
    }
}
