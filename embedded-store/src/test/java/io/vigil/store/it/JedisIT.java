package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.store.EmbeddedStore;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

/** Jedis (RESP2, CLIENT SETINFO on connect) works against the store unchanged. */
class JedisIT {

    private static EmbeddedStore store;

    @BeforeAll
    static void start() {
        store = StoreFixture.start("requirepass", "pw");
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void commandsPipelinesAndTransactions() {
        try (Jedis jedis = new Jedis("127.0.0.1", store.port())) {
            assertThatThrownBy(jedis::ping)
                    .isInstanceOf(JedisDataException.class)
                    .hasMessageStartingWith("NOAUTH");
            assertThat(jedis.auth("pw")).isEqualTo("OK");
            assertThat(jedis.set("k", "v", SetParams.setParams().px(60_000))).isEqualTo("OK");
            assertThat(jedis.get("k")).isEqualTo("v");
            assertThat(jedis.pttl("k")).isBetween(1L, 60_000L);
            assertThat(jedis.incrBy("n", 3)).isEqualTo(3);
            assertThat(jedis.incrByFloat("f", 2.5)).isEqualTo(2.5);
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < 100; i++) {
                p.set("p" + i, String.valueOf(i));
            }
            p.get("p99");
            List<Object> results = p.syncAndReturnAll();
            assertThat(results).hasSize(101).last().isEqualTo("99");
            Transaction t = jedis.multi();
            t.incr("n");
            t.get("n");
            assertThat(t.exec()).containsExactly(4L, "4");
            assertThat(jedis.scan("0").getResult()).isNotEmpty();
            assertThat(jedis.info("server")).contains("redis_version:7.0.15");
        }
    }
}
