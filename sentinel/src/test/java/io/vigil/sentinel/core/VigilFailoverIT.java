package io.vigil.sentinel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RedisProcess;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Three Vigil sentinels supervising a real redis-server primary with two replicas. */
@ExtendWith(NoProcessLeftBehind.class)
class VigilFailoverIT {

    private static RedisClient client;

    @BeforeAll
    static void client() {
        client = RedisClient.create();
    }

    @AfterAll
    static void shutdown() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void killedPrimaryIsReplacedAndTheOldOneDemotedWhenItReturns() throws Exception {
        RedisProcess primary = RedisProcess.server().start();
        int oldPort = primary.port();
        try (RedisProcess r1 = RedisProcess.server().replicaOf(primary).start();
                RedisProcess r2 = RedisProcess.server().replicaOf(primary).start();
                VigilFleet fleet = VigilFleet.start(3, oldPort, 2, 1000)) {
            awaitDiscovery(fleet, 2, 2);
            List<String> switches = new CopyOnWriteArrayList<>();
            StatefulRedisPubSubConnection<String, String> events =
                    client.connectPubSub(RedisURI.create("redis://127.0.0.1:" + fleet.ports.get(0)));
            events.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    if (channel.equals("+switch-master")) {
                        switches.add(message);
                    }
                }
            });
            events.sync().subscribe("+switch-master");

            primary.kill();

            await("every sentinel names a new primary")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> fleet.ports.stream()
                            .allMatch(p -> addr(p).filter(a -> a != oldPort).isPresent()));
            int newPort = addr(fleet.ports.get(0)).orElseThrow();
            assertThat(newPort).isIn(r1.port(), r2.port());
            for (int p : fleet.ports) {
                assertThat(addr(p)).contains(newPort);
            }
            await("+switch-master reaches a subscriber")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !switches.isEmpty());
            assertThat(switches.get(0)).isEqualTo("mymaster 127.0.0.1 " + oldPort + " 127.0.0.1 " + newPort);

            RedisProcess other = newPort == r1.port() ? r2 : r1;
            await("the other replica follows the new primary")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> info(other.port()).contains("master_port:" + newPort)
                            && info(other.port()).contains("master_link_status:up"));
            try (StatefulRedisConnection<String, String> c =
                    client.connect(RedisURI.create("redis://127.0.0.1:" + newPort))) {
                assertThat(c.sync().set("after-failover", "1")).isEqualTo("OK");
            }

            try (RedisProcess returned = RedisProcess.server().port(oldPort).start()) {
                await("the old primary comes back as a replica of the new one")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> info(oldPort).contains("role:slave")
                                && info(oldPort).contains("master_port:" + newPort));
            }
            for (int i = 0; i < 3; i++) {
                String text = Files.readString(fleet.configs.get(i));
                assertThat(text).contains("sentinel monitor mymaster 127.0.0.1 " + newPort + " 2");
                assertThat(text).containsPattern("sentinel current-epoch [1-9]");
            }
            events.close();
        } finally {
            primary.close();
        }
    }

    private static void awaitDiscovery(VigilFleet fleet, int replicas, int otherSentinels) {
        await("sentinels discover replicas and each other")
                .atMost(Duration.ofSeconds(30))
                .until(() -> fleet.ports.stream().allMatch(p -> {
                    Map<String, String> m = master(p);
                    return Integer.parseInt(m.getOrDefault("num-slaves", "0")) == replicas
                            && Integer.parseInt(m.getOrDefault("num-other-sentinels", "0")) == otherSentinels;
                }));
    }

    static Optional<Integer> addr(int sentinelPort) {
        try (StatefulRedisSentinelConnection<String, String> c =
                client.connectSentinel(RedisURI.create("redis://127.0.0.1:" + sentinelPort))) {
            InetSocketAddress a = (InetSocketAddress) c.sync().getMasterAddrByName("mymaster");
            return a == null ? Optional.empty() : Optional.of(a.getPort());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static Map<String, String> master(int sentinelPort) {
        try (StatefulRedisSentinelConnection<String, String> c =
                client.connectSentinel(RedisURI.create("redis://127.0.0.1:" + sentinelPort))) {
            return c.sync().master("mymaster");
        }
    }

    static String info(int port) {
        try (StatefulRedisConnection<String, String> c = client.connect(RedisURI.create("redis://127.0.0.1:" + port))) {
            return c.sync().info("replication");
        } catch (RuntimeException e) {
            return "";
        }
    }
}
