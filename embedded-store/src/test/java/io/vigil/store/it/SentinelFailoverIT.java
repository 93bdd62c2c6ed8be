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
 * A real redis-sentinel supervises three stores: it discovers the replicas from the master's INFO, and when the
 * master dies it promotes one of them and repoints the other, which resynchronizes partially (no full sync).
 */
@ExtendWith(NoProcessLeftBehind.class)
class SentinelFailoverIT {

    private static Map<String, String> info(EmbeddedStore s, String section) {
        return ReplicationChecks.info((String) RawResp.call(s.port(), "INFO", section));
    }

    @Test
    @SuppressWarnings("unchecked")
    void redisSentinelFailsOverBetweenStores() {
        EmbeddedStore master = StoreFixture.start();
        EmbeddedStore r1 = StoreFixture.start();
        EmbeddedStore r2 = StoreFixture.start();
        try {
            RawResp.call(master.port(), "SET", "k", "before");
            for (EmbeddedStore r : List.of(r1, r2)) {
                RawResp.call(r.port(), "REPLICAOF", "127.0.0.1", Integer.toString(master.port()));
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(info(master, "replication"))
                    .containsEntry("connected_slaves", "2"));
            try (RedisProcess sentinel = RedisProcess.sentinel()
                    .config(
                            "sentinel monitor m 127.0.0.1 " + master.port() + " 1",
                            "sentinel down-after-milliseconds m 1000",
                            "sentinel failover-timeout m 10000")
                    .start()) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    List<Map<String, String>> replicas =
                            RawResp.records(RawResp.call(sentinel.port(), "SENTINEL", "REPLICAS", "m"));
                    assertThat(replicas).hasSize(2);
                    assertThat(replicas).allSatisfy(r -> assertThat(r.get("master-link-status"))
                            .isEqualTo("ok"));
                });
                master.close();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    List<Object> addr =
                            (List<Object>) RawResp.call(sentinel.port(), "SENTINEL", "GET-MASTER-ADDR-BY-NAME", "m");
                    assertThat(addr.get(1)).isIn(Integer.toString(r1.port()), Integer.toString(r2.port()));
                });
                List<Object> addr =
                        (List<Object>) RawResp.call(sentinel.port(), "SENTINEL", "GET-MASTER-ADDR-BY-NAME", "m");
                EmbeddedStore promoted = addr.get(1).equals(Integer.toString(r1.port())) ? r1 : r2;
                EmbeddedStore other = promoted == r1 ? r2 : r1;
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(info(promoted, "replication")).containsEntry("role", "master");
                    assertThat(info(other, "replication"))
                            .containsEntry("master_port", Integer.toString(promoted.port()))
                            .containsEntry("master_link_status", "up");
                });
                assertThat(RawResp.call(promoted.port(), "SET", "k", "after")).isEqualTo("OK");
                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(RawResp.call(other.port(), "GET", "k"))
                                .isEqualTo("after"));
                assertThat(info(promoted, "stats"))
                        .containsEntry("sync_full", "0")
                        .containsEntry("sync_partial_ok", "1");
            }
        } finally {
            master.close();
            r1.close();
            r2.close();
        }
    }
}
