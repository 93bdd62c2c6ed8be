package io.vigil.api.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ArrayOutput;
import io.lettuce.core.output.ListOfMapsOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RedisProcess;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Lettuce 7 talks to the port as to a redis-sentinel: HELLO 3 handshake, sentinel commands, pub/sub, discovery. */
@ExtendWith(NoProcessLeftBehind.class)
class LettuceSentinelIT {

    private PortFixture fixture;
    private RedisClient client;

    @BeforeEach
    void start() throws Exception {
        fixture = new PortFixture();
        fixture.service.addMaster("mymaster", "127.0.0.1", 6379, 2);
        fixture.service.addReplica("mymaster", "127.0.0.1", 6380, 4242);
        fixture.service.addPeer("mymaster", "127.0.0.1", 26380, "a".repeat(40), false);
        client = RedisClient.create();
    }

    @AfterEach
    void stop() throws Exception {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        fixture.close();
    }

    private RedisURI sentinelUri() {
        return RedisURI.create("redis://127.0.0.1:" + fixture.port());
    }

    @Test
    void sentinelCommandsThroughLettuce() {
        try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel(sentinelUri())) {
            RedisSentinelCommands<String, String> sentinel = connection.sync();

            InetSocketAddress address = (InetSocketAddress) sentinel.getMasterAddrByName("mymaster");
            assertThat(address.getHostString()).isEqualTo("127.0.0.1");
            assertThat(address.getPort()).isEqualTo(6379);
            assertThat(sentinel.getMasterAddrByName("nope")).isNull();

            List<Map<String, String>> masters = sentinel.masters();
            assertThat(masters).hasSize(1);
            assertThat(masters.get(0)).containsEntry("name", "mymaster").containsEntry("flags", "master");
            assertThat(sentinel.master("mymaster")).containsEntry("quorum", "2").containsEntry("port", "6379");
            assertThat(sentinel.replicas("mymaster").get(0))
                    .containsEntry("name", "127.0.0.1:6380")
                    .containsEntry("slave-repl-offset", "4242");
            assertThat(sentinel.slaves("mymaster")).isEqualTo(sentinel.replicas("mymaster"));
            assertThat(sentinel.ping()).isEqualTo("PONG");
            assertThat(sentinel.info("sentinel")).contains("master0:name=mymaster,status=ok");
            assertThat(sentinel.clientSetname("lettuce-it")).isEqualTo("OK");
            assertThat(sentinel.clientGetname()).isEqualTo("lettuce-it");

            List<Map<String, String>> peers = sentinel.dispatch(
                    CommandType.SENTINEL,
                    new ListOfMapsOutput<>(StringCodec.UTF8),
                    new CommandArgs<>(StringCodec.UTF8).add("SENTINELS").add("mymaster"));
            assertThat(peers.get(0)).containsEntry("runid", "a".repeat(40)).containsEntry("voted-leader", "?");

            List<Object> down = sentinel.dispatch(
                    CommandType.SENTINEL,
                    new ArrayOutput<>(StringCodec.UTF8),
                    new CommandArgs<>(StringCodec.UTF8)
                            .add("IS-MASTER-DOWN-BY-ADDR")
                            .add("127.0.0.1")
                            .add(6379)
                            .add(0)
                            .add("*"));
            assertThat(down).containsExactly(0L, "*", 0L);
        }
    }

    @Test
    void lettuceNegotiatesResp3() {
        try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel(sentinelUri())) {
            assertThat(connection.sync().clientList()).contains(" resp=3");
        }
    }

    @Test
    void psubscribeReceivesPublishedEvents() {
        List<String> received = new CopyOnWriteArrayList<>();
        try (StatefulRedisPubSubConnection<String, String> pubsub = client.connectPubSub(sentinelUri())) {
            pubsub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String pattern, String channel, String message) {
                    received.add(pattern + "|" + channel + "|" + message);
                }
            });
            pubsub.sync().psubscribe("*");

            fixture.server.events().publish("+switch-master", "mymaster 127.0.0.1 6379 127.0.0.1 6380");

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received)
                    .containsExactly("*|+switch-master|mymaster 127.0.0.1 6379 127.0.0.1 6380"));
        }
    }

    @Test
    void sentinelUriResolvesTheMasterToARealServer() {
        try (RedisProcess master = RedisProcess.server().start()) {
            fixture.service.addMaster("real", "127.0.0.1", master.port(), 1);
            RedisURI viaSentinel = RedisURI.Builder.sentinel("127.0.0.1", fixture.port(), "real")
                    .build();
            try (StatefulRedisConnection<String, String> connection = client.connect(viaSentinel)) {
                connection.sync().set("vigil", "works");
                assertThat(connection.sync().get("vigil")).isEqualTo("works");
            }
        }
    }
}
