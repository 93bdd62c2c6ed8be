package io.vigil.api.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RedisProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lettuce's master/replica mode uses the port for discovery (SENTINEL MASTER/REPLICAS) and follows a failover
 * announced with {@code +switch-master} on its {@code PSUBSCRIBE *} link, writing to the new master afterwards.
 */
@ExtendWith(NoProcessLeftBehind.class)
class LettuceMasterReplicaIT {

    @Test
    void followsSwitchMasterToTheNewMaster() throws Exception {
        RedisClient client = RedisClient.create();
        try (RedisProcess first = RedisProcess.server().start();
                RedisProcess second = RedisProcess.server().replicaOf(first).start();
                PortFixture port = new PortFixture()) {
            port.service.addMaster("mymaster", "127.0.0.1", first.port(), 1);
            port.service.addReplica("mymaster", "127.0.0.1", second.port(), 0);
            RedisURI uri = RedisURI.Builder.sentinel("127.0.0.1", port.port(), "mymaster")
                    .build();

            try (StatefulRedisMasterReplicaConnection<String, String> app =
                            MasterReplica.connect(client, StringCodec.UTF8, uri);
                    StatefulRedisConnection<String, String> secondDirect =
                            client.connect(RedisURI.create(second.uri()));
                    StatefulRedisConnection<String, String> firstDirect =
                            client.connect(RedisURI.create(first.uri()))) {
                app.setReadFrom(ReadFrom.UPSTREAM);
                assertThat(app.sync().set("before", "1")).isEqualTo("OK");
                await("Lettuce's PSUBSCRIBE * on the sentinel port")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> port.server.events().publish("+probe", "vigil") >= 1);

                secondDirect.sync().replicaofNoOne();
                firstDirect.sync().replicaof("127.0.0.1", second.port());
                assertThat(port.service.promote("mymaster", "127.0.0.1", second.port()))
                        .as("+switch-master reached Lettuce's pattern subscription")
                        .isEqualTo(1);

                await("Lettuce to write to the promoted replica")
                        .atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200))
                        .ignoreExceptions()
                        .untilAsserted(() -> {
                            assertThat(app.sync().set("after", "2")).isEqualTo("OK");
                            assertThat(secondDirect.sync().get("after")).isEqualTo("2");
                        });
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
