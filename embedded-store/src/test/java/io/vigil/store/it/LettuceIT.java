package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vigil.store.EmbeddedStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lettuce (RESP3 via HELLO 3 by default) works against the store unchanged. */
class LettuceIT {

    private static EmbeddedStore store;
    private static RedisClient client;

    @BeforeAll
    static void start() {
        store = StoreFixture.start("requirepass", "s3cret");
        client = RedisClient.create(RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(store.port())
                .withPassword("s3cret".toCharArray())
                .withClientName("lettuce-it")
                .withTimeout(Duration.ofSeconds(5))
                .build());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.shutdown();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void stringsExpiryAndErrors() {
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            RedisCommands<String, String> redis = conn.sync();
            assertThat(redis.ping()).isEqualTo("PONG");
            assertThat(redis.clientGetname()).isEqualTo("lettuce-it");
            assertThat(redis.set("k", "v", SetArgs.Builder.ex(100))).isEqualTo("OK");
            assertThat(redis.get("k")).isEqualTo("v");
            assertThat(redis.ttl("k")).isEqualTo(100);
            assertThat(redis.get("missing")).isNull();
            assertThat(redis.incrby("n", 5)).isEqualTo(5);
            assertThat(redis.incrbyfloat("f", 1.5)).isEqualTo(1.5);
            assertThat(redis.mget("k", "missing")).hasSize(2);
            assertThat(redis.exists("k", "n")).isEqualTo(2);
            assertThatThrownBy(() -> redis.incr("k"))
                    .isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessage("ERR value is not an integer or out of range");
            assertThat(redis.info("replication")).contains("role:master").contains("master_repl_offset:0");
            assertThat(redis.dbsize()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void transactions() {
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            RedisCommands<String, String> redis = conn.sync();
            redis.multi();
            redis.set("t", "1");
            redis.incr("t");
            TransactionResult result = redis.exec();
            assertThat(result.wasDiscarded()).isFalse();
            assertThat((Object) result.get(1)).isEqualTo(2L);
        }
    }

    @Test
    void pubSubDeliversMessages() {
        List<String> received = new CopyOnWriteArrayList<>();
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
                StatefulRedisConnection<String, String> pub = client.connect()) {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    received.add(channel + "=" + message);
                }

                @Override
                public void message(String pattern, String channel, String message) {
                    received.add(pattern + ":" + channel + "=" + message);
                }
            });
            sub.sync().subscribe("__sentinel__:hello");
            sub.sync().psubscribe("news.*");
            assertThat(pub.sync().publish("__sentinel__:hello", "127.0.0.1,26379,x,0,m,127.0.0.1,6379,0"))
                    .isEqualTo(1);
            pub.sync().publish("news.a", "b");
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
            assertThat(received)
                    .containsExactly("__sentinel__:hello=127.0.0.1,26379,x,0,m,127.0.0.1,6379,0", "news.*:news.a=b");
        }
    }
}
