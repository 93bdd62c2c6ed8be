package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisReadOnlyException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import io.vigil.store.EmbeddedStore;
import io.vigil.testkit.RawResp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Lettuce's master/replica support discovers the topology from the store's ROLE and INFO replication, writes to
 * the master, reads from the replica, and maps the replica's refusal to its READONLY exception.
 */
class LettuceMasterReplicaIT {

    @Test
    void lettuceDiscoversTheReplicaAndReadsFromIt() {
        try (EmbeddedStore master = StoreFixture.start();
                EmbeddedStore replica = StoreFixture.start()) {
            RawResp.call(replica.port(), "REPLICAOF", "127.0.0.1", Integer.toString(master.port()));
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat((String) RawResp.call(master.port(), "INFO", "replication"))
                            .contains("slave0:ip=127.0.0.1,port=" + replica.port() + ",state=online"));
            RedisClient client = RedisClient.create();
            try (StatefulRedisMasterReplicaConnection<String, String> conn = MasterReplica.connect(
                    client, StringCodec.UTF8, RedisURI.create("redis://127.0.0.1:" + master.port()))) {
                conn.setReadFrom(ReadFrom.REPLICA);
                RedisCommands<String, String> redis = conn.sync();
                redis.set("k", "v");
                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(redis.get("k")).isEqualTo("v"));
                assertThat((String) RawResp.call(replica.port(), "INFO", "stats"))
                        .containsPattern("keyspace_hits:[1-9]"); // the GET was served by the replica
                assertThat((String) RawResp.call(master.port(), "INFO", "stats"))
                        .contains("keyspace_hits:0");
            } finally {
                client.shutdown();
            }
            RedisClient direct = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + replica.port()));
            try (var conn = direct.connect()) {
                assertThatThrownBy(() -> conn.sync().set("x", "y")).isInstanceOf(RedisReadOnlyException.class);
            } finally {
                direct.shutdown();
            }
        }
    }
}
