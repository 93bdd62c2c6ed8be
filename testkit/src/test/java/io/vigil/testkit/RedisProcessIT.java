package io.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoProcessLeftBehind.class)
class RedisProcessIT {

    private static RedisClient client;

    @BeforeAll
    static void createClient() {
        client = RedisClient.create();
    }

    @AfterAll
    static void shutdownClient() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void startsARealServerThatLettuceTalksTo() {
        try (RedisProcess redis = RedisProcess.server().start();
                StatefulRedisConnection<String, String> connection = client.connect(RedisURI.create(redis.uri()))) {
            RedisCommands<String, String> commands = connection.sync();
            assertThat(commands.set("greeting", "hello")).isEqualTo("OK");
            assertThat(commands.get("greeting")).isEqualTo("hello");
            assertThat(commands.info("server")).contains("tcp_port:" + redis.port());
        }
    }

    @Test
    void replicaFollowsPrimary() {
        try (RedisProcess primary = RedisProcess.server().start();
                RedisProcess replica = RedisProcess.server().replicaOf(primary).start();
                StatefulRedisConnection<String, String> toPrimary = client.connect(RedisURI.create(primary.uri()));
                StatefulRedisConnection<String, String> toReplica = client.connect(RedisURI.create(replica.uri()))) {
            toPrimary.sync().set("k", "v");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> "v".equals(toReplica.sync().get("k")));
            assertThat(toReplica.sync().info("replication")).contains("role:slave");
        }
    }

    @Test
    void killedProcessIsGoneAndNotLeftBehind() {
        RedisProcess redis = RedisProcess.server().start();
        redis.kill();
        assertThat(redis.isAlive()).isFalse();
        assertThat(Ping.answers(redis.port())).isFalse();
        redis.close();
        assertThat(ProcessReaper.liveProcesses()).isEmpty();
    }

    @Test
    void startsASentinelWatchingAPrimary() {
        try (RedisProcess primary = RedisProcess.server().start();
                RedisProcess sentinel = RedisProcess.sentinel()
                        .config("sentinel monitor mymaster 127.0.0.1 " + primary.port() + " 1")
                        .start();
                StatefulRedisSentinelConnection<String, String> connection =
                        client.connectSentinel(RedisURI.create(sentinel.uri()))) {
            SocketAddress address = connection.sync().getMasterAddrByName("mymaster");
            InetSocketAddress inet = (InetSocketAddress) address;
            assertThat(inet.getHostString()).isEqualTo("127.0.0.1");
            assertThat(inet.getPort()).isEqualTo(primary.port());
        }
    }

    @Test
    void invalidArgumentsFailWithTheServerLog() {
        assertThatThrownBy(() ->
                        RedisProcess.server().args("--no-such-directive", "1").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-directive");
        assertThat(ProcessReaper.liveProcesses()).isEmpty();
    }
}
