package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.vigil.store.EmbeddedStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The classic single-instance distributed lock works against the store through Lettuce: acquire with {@code SET
 * lock token NX PX 30000}, release with the compare-and-delete script (by {@code EVAL} and by {@code EVALSHA}), and
 * several clients contending for the lock never overlap.
 */
class DistributedLockIT {

    private static final String UNLOCK =
            "if redis.call(\"get\",KEYS[1]) == ARGV[1] then return redis.call(\"del\",KEYS[1]) else return 0 end";

    private static EmbeddedStore store;
    private static RedisClient client;

    @BeforeAll
    static void start() {
        store = StoreFixture.start();
        client = RedisClient.create(RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(store.port())
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
    void onlyTheOwnerReleasesTheLockWithEval() {
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            RedisCommands<String, String> redis = conn.sync();
            assertThat(redis.set("lock:a", "owner", SetArgs.Builder.nx().px(30_000)))
                    .isEqualTo("OK");
            assertThat(redis.set("lock:a", "intruder", SetArgs.Builder.nx().px(30_000)))
                    .isNull();
            Long stranger = redis.eval(UNLOCK, ScriptOutputType.INTEGER, new String[] {"lock:a"}, "intruder");
            assertThat(stranger).isZero();
            assertThat(redis.pttl("lock:a")).isBetween(1L, 30_000L);
            Long owner = redis.eval(UNLOCK, ScriptOutputType.INTEGER, new String[] {"lock:a"}, "owner");
            assertThat(owner).isEqualTo(1L);
            assertThat(redis.exists("lock:a")).isZero();
        }
    }

    @Test
    void evalshaReleasesAndAnswersNoScriptAfterFlush() {
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            RedisCommands<String, String> redis = conn.sync();
            String sha = redis.scriptLoad(UNLOCK);
            assertThat(sha).isEqualTo(redis.digest(UNLOCK));
            assertThat(redis.scriptExists(sha)).containsExactly(true);
            redis.set("lock:b", "t1", SetArgs.Builder.nx().px(30_000));
            Long released = redis.evalsha(sha, ScriptOutputType.INTEGER, new String[] {"lock:b"}, "t1");
            assertThat(released).isEqualTo(1L);
            assertThat(redis.scriptFlush()).isEqualTo("OK");
            assertThatThrownBy(() -> redis.evalsha(sha, ScriptOutputType.INTEGER, new String[] {"lock:b"}, "t1"))
                    .isInstanceOf(RedisNoScriptException.class)
                    .hasMessage("NOSCRIPT No matching script. Please use EVAL.");
            assertThatThrownBy(() -> redis.eval("return redis.call('nosuch')", ScriptOutputType.STATUS))
                    .isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessageStartingWith("ERR Unknown Redis command called from script script: ");
        }
    }

    @Test
    void contendingClientsNeverHoldTheLockTogether() throws Exception {
        int workers = 4;
        int rounds = 25;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                results.add(pool.submit(() -> {
                    int acquired = 0;
                    try (StatefulRedisConnection<String, String> conn = client.connect()) {
                        RedisCommands<String, String> redis = conn.sync();
                        String sha = redis.scriptLoad(UNLOCK);
                        while (acquired < rounds) {
                            String token = UUID.randomUUID().toString();
                            if (!"OK"
                                    .equals(redis.set(
                                            "lock:c",
                                            token,
                                            SetArgs.Builder.nx().px(30_000)))) {
                                continue;
                            }
                            long holders = redis.incr("holders");
                            assertThat(holders)
                                    .as("clients holding the lock at once")
                                    .isEqualTo(1L);
                            redis.incr("work");
                            redis.decr("holders");
                            Long released =
                                    redis.evalsha(sha, ScriptOutputType.INTEGER, new String[] {"lock:c"}, token);
                            assertThat(released).isEqualTo(1L);
                            acquired++;
                        }
                    }
                    return acquired;
                }));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(rounds);
            }
        } finally {
            pool.shutdownNow();
        }
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            assertThat(conn.sync().get("work")).isEqualTo(String.valueOf(workers * rounds));
            assertThat(conn.sync().exists("lock:c")).isZero();
        }
    }
}
