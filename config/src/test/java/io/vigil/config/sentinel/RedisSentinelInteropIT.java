package io.vigil.config.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.config.ConfigFile;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RawResp;
import io.vigil.testkit.RedisProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * sentinel.conf interoperability with a real redis-sentinel 7: a file Vigil rewrote is loaded by redis-sentinel with
 * the same state, and a file redis-sentinel rewrote is read by Vigil into the same state.
 */
@ExtendWith(NoProcessLeftBehind.class)
class RedisSentinelInteropIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String VIGIL_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    private static final String GHOST_PEER = "00000000000000000000000000000000000000aa";

    @Test
    void redisSentinelLoadsAFileVigilRewrote() throws IOException {
        try (RedisProcess master = RedisProcess.server().start();
                RedisProcess replica = RedisProcess.server().replicaOf(master).start()) {
            MasterState shop = MasterState.monitor("shop", new HostPort("127.0.0.1", master.port()), 1)
                    .withOptions(MasterOptions.DEFAULTS.withDownAfterMs(4000).withFailoverTimeoutMs(20_000))
                    .withAddress(new HostPort("127.0.0.1", master.port()), 3)
                    .withKnownReplicas(List.of(new HostPort("127.0.0.1", replica.port())))
                    .withKnownSentinels(List.of(new KnownSentinel(new HostPort("127.0.0.1", 1), GHOST_PEER)));
            shop = new MasterState(
                    shop.name(),
                    shop.address(),
                    shop.quorum(),
                    shop.options(),
                    3,
                    5,
                    Optional.empty(),
                    shop.knownReplicas(),
                    shop.knownSentinels());
            SentinelState state = new SentinelState(Optional.of(VIGIL_ID), 7, List.of(shop));
            String text = SentinelStateStore.render(ConfigFile.parse("sentinel.conf", "# written by Vigil\n"), state);

            try (RedisProcess sentinel =
                    RedisProcess.sentinel().config(text.split("\n")).start()) {
                assertThat(RawResp.call(sentinel.port(), "SENTINEL", "MYID")).isEqualTo(VIGIL_ID);
                Map<String, String> fields =
                        RawResp.record(RawResp.call(sentinel.port(), "SENTINEL", "MASTER", "shop"));
                assertThat(fields)
                        .containsEntry("port", Integer.toString(master.port()))
                        .containsEntry("config-epoch", "3")
                        .containsEntry("down-after-milliseconds", "4000")
                        .containsEntry("failover-timeout", "20000")
                        .containsEntry("quorum", "1");
                assertThat(RawResp.records(RawResp.call(sentinel.port(), "SENTINEL", "SENTINELS", "shop")))
                        .extracting(m -> m.get("runid"))
                        .containsExactly(GHOST_PEER);
                assertThat(RawResp.records(RawResp.call(sentinel.port(), "SENTINEL", "REPLICAS", "shop")))
                        .extracting(m -> m.get("port"))
                        .contains(Integer.toString(replica.port()));

                assertThat(RawResp.call(sentinel.port(), "SENTINEL", "FLUSHCONFIG"))
                        .isEqualTo("OK");
                SentinelState reread = SentinelConfig.load(sentinel.dir().resolve("redis.conf"))
                        .state();
                assertThat(reread).isEqualTo(state);
            }
        }
    }

    @Test
    void vigilReadsAFileRedisSentinelRewrote() throws IOException {
        try (RedisProcess master = RedisProcess.server().start();
                RedisProcess replica = RedisProcess.server().replicaOf(master).start();
                RedisProcess first = RedisProcess.sentinel()
                        .config("# operator comment", "sentinel monitor shop 127.0.0.1 " + master.port() + " 2")
                        .start();
                RedisProcess second = RedisProcess.sentinel()
                        .config("sentinel monitor shop 127.0.0.1 " + master.port() + " 2")
                        .start()) {
            String firstId = (String) RawResp.call(first.port(), "SENTINEL", "MYID");
            String secondId = (String) RawResp.call(second.port(), "SENTINEL", "MYID");
            await("redis-sentinel to discover the replica and its peer")
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        Map<String, String> fields =
                                RawResp.record(RawResp.call(first.port(), "SENTINEL", "MASTER", "shop"));
                        return "1".equals(fields.get("num-slaves")) && "1".equals(fields.get("num-other-sentinels"));
                    });
            assertThat(RawResp.call(first.port(), "SENTINEL", "SET", "shop", "down-after-milliseconds", "7000"))
                    .isEqualTo("OK");
            assertThat(RawResp.call(first.port(), "SENTINEL", "SET", "shop", "parallel-syncs", "2"))
                    .isEqualTo("OK");
            assertThat(RawResp.call(first.port(), "SENTINEL", "FLUSHCONFIG")).isEqualTo("OK");

            Path file = first.dir().resolve("redis.conf");
            SentinelConfig config = SentinelConfig.load(file);
            assertThat(config.port()).isEqualTo(first.port());
            SentinelState state = config.state();
            assertThat(state.myId()).contains(firstId);
            assertThat(state.currentEpoch()).isZero();
            MasterState shop = state.master("shop").orElseThrow();
            assertThat(shop.address()).isEqualTo(new HostPort("127.0.0.1", master.port()));
            assertThat(shop.quorum()).isEqualTo(2);
            assertThat(shop.options().downAfterMs()).isEqualTo(7000);
            assertThat(shop.options().parallelSyncs()).isEqualTo(2);
            assertThat(shop.configEpoch()).isZero();
            assertThat(shop.knownReplicas()).containsExactly(new HostPort("127.0.0.1", replica.port()));
            assertThat(shop.knownSentinels())
                    .containsExactly(new KnownSentinel(new HostPort("127.0.0.1", second.port()), secondId));

            String before = Files.readString(file);
            new SentinelStateStore(file).save(state);
            assertThat(Files.readString(file))
                    .as("rewriting redis-sentinel's file with the same state changes nothing")
                    .isEqualTo(before);
        }
    }
}
