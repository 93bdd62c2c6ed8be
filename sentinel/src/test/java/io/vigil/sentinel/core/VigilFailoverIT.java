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
import java.nio.file.Path;
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
    private static final Path SCRIPTS = tempDir();

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("vigil-scripts-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

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
                VigilFleet fleet = VigilFleet.start(oldPort, 2, 10_000, VigilFailoverIT::scripts, 1000, 1000, 1000)) {
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
            for (int p : fleet.ports) {
                await("sentinel " + p + " ran its scripts")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> scriptLog(p, "reconfig").size() == 1
                                && scriptLog(p, "notify").stream().anyMatch(l -> l.startsWith("+switch-master ")));
                assertThat(scriptLog(p, "notify"))
                        .contains("+sdown master mymaster 127.0.0.1 " + oldPort)
                        .contains("+switch-master mymaster 127.0.0.1 " + oldPort + " 127.0.0.1 " + newPort);
                assertThat(scriptLog(p, "reconfig").get(0))
                        .matches("mymaster (leader|observer) start 127.0.0.1 " + oldPort + " 127.0.0.1 " + newPort);
            }
            assertThat(fleet.ports.stream()
                            .filter(p -> scriptLog(p, "reconfig").get(0).contains(" leader ")))
                    .as("exactly one leader ran the client reconfiguration script")
                    .hasSize(1);
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

    /** A notification and a client-reconfig script per sentinel, each appending its arguments to a log. */
    private static List<String> scripts(int port) {
        try {
            Path dir = Files.createDirectories(SCRIPTS.resolve(Integer.toString(port)));
            List<String> lines = new java.util.ArrayList<>();
            for (String kind : List.of("notify", "reconfig")) {
                Path script = dir.resolve(kind + ".sh");
                Files.writeString(script, "#!/bin/sh\necho \"$@\" >> " + dir.resolve(kind + ".log") + "\n");
                script.toFile().setExecutable(true);
                lines.add("sentinel " + (kind.equals("notify") ? "notification-script" : "client-reconfig-script")
                        + " mymaster " + script);
            }
            return lines;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> scriptLog(int port, String kind) {
        try {
            Path log = SCRIPTS.resolve(Integer.toString(port)).resolve(kind + ".log");
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
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
