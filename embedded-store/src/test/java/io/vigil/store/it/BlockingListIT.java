package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vigil.store.EmbeddedStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real sockets: a Lettuce BLPOP waits until a second connection pushes, and a short BLPOP times out. */
class BlockingListIT {

    private static EmbeddedStore store;
    private static RedisClient client;

    @BeforeAll
    static void start() {
        store = StoreFixture.start();
        client = RedisClient.create(RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(store.port())
                .withTimeout(Duration.ofSeconds(30))
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
    void blpopIsWokenByAnotherConnectionsPush() throws Exception {
        try (StatefulRedisConnection<String, String> waiter = client.connect();
                StatefulRedisConnection<String, String> pusher = client.connect()) {
            RedisFuture<KeyValue<String, String>> popped = waiter.async().blpop(0, "jobs");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> pusher.sync().clientList().contains("cmd=blpop"));
            assertThat(popped.isDone()).isFalse();
            assertThat(pusher.sync().lpush("jobs", "job-1")).isEqualTo(1);
            KeyValue<String, String> kv = popped.get(10, TimeUnit.SECONDS);
            assertThat(kv.getKey()).isEqualTo("jobs");
            assertThat(kv.getValue()).isEqualTo("job-1");
            assertThat(pusher.sync().exists("jobs")).isZero();
            assertThat(waiter.sync().ping()).isEqualTo("PONG");
        }
    }

    @Test
    void shortTimeoutAnswersNull() throws Exception {
        try (StatefulRedisConnection<String, String> waiter = client.connect()) {
            RedisFuture<KeyValue<String, String>> popped = waiter.async().brpop(0.2, "nothing");
            await().atMost(Duration.ofSeconds(10)).until(popped::isDone);
            assertThat(popped.get()).isNull();
        }
    }
}
