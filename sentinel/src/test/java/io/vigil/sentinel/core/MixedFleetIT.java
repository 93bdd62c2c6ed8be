package io.vigil.sentinel.core;

import static io.vigil.sentinel.core.VigilFailoverIT.addr;
import static io.vigil.sentinel.core.VigilFailoverIT.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RedisProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fleets that mix Vigil sentinels and real redis-sentinel 7 processes fail over together. */
@ExtendWith(NoProcessLeftBehind.class)
class MixedFleetIT {

    @BeforeAll
    static void client() {
        VigilFailoverIT.client();
    }

    @AfterAll
    static void shutdown() {
        VigilFailoverIT.shutdown();
    }

    @ParameterizedTest(name = "{0} Vigil + {1} redis-sentinel")
    @CsvSource({"2, 1", "1, 2"})
    void mixedFleetFailsOver(int vigils, int redisSentinels) {
        RedisProcess primary = RedisProcess.server().start();
        int oldPort = primary.port();
        List<RedisProcess> reference = new ArrayList<>();
        try (RedisProcess r1 = RedisProcess.server().replicaOf(primary).start();
                RedisProcess r2 = RedisProcess.server().replicaOf(primary).start();
                VigilFleet fleet = VigilFleet.start(vigils, oldPort, 2, 1000)) {
            for (int i = 0; i < redisSentinels; i++) {
                reference.add(RedisProcess.sentinel()
                        .config(
                                "sentinel monitor mymaster 127.0.0.1 " + oldPort + " 2",
                                "sentinel down-after-milliseconds mymaster 1000",
                                "sentinel failover-timeout mymaster 10000")
                        .start());
            }
            List<Integer> all = new ArrayList<>(fleet.ports);
            reference.forEach(s -> all.add(s.port()));
            await("every sentinel sees the two replicas and the other sentinels")
                    .atMost(Duration.ofSeconds(40))
                    .until(() -> all.stream().allMatch(p -> {
                        var m = VigilFailoverIT.master(p);
                        return "2".equals(m.get("num-slaves")) && "2".equals(m.get("num-other-sentinels"));
                    }));

            primary.kill();

            await("every sentinel, Vigil and Redis, names the same new primary")
                    .atMost(Duration.ofSeconds(40))
                    .until(() ->
                            all.stream().map(VigilFailoverIT::addr).distinct().count() == 1
                                    && addr(all.get(0))
                                            .filter(p -> p != oldPort)
                                            .isPresent());
            int newPort = addr(all.get(0)).orElseThrow();
            assertThat(newPort).isIn(r1.port(), r2.port());
            RedisProcess other = newPort == r1.port() ? r2 : r1;
            await("the other replica follows the new primary")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> info(other.port()).contains("master_port:" + newPort));
        } finally {
            reference.forEach(RedisProcess::close);
            primary.close();
        }
    }
}
