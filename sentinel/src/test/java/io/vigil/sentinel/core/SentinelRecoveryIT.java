package io.vigil.sentinel.core;

import static io.vigil.sentinel.core.VigilFailoverIT.addr;
import static io.vigil.sentinel.core.VigilFailoverIT.info;
import static io.vigil.sentinel.core.VigilFailoverIT.master;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RawResp;
import io.vigil.testkit.RedisProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A leader that crashes mid-failover, and a fleet restarted from its files. */
@ExtendWith(NoProcessLeftBehind.class)
class SentinelRecoveryIT {

    @BeforeAll
    static void client() {
        VigilFailoverIT.client();
    }

    @AfterAll
    static void shutdown() {
        VigilFailoverIT.shutdown();
    }

    @ParameterizedTest(name = "SIMULATE-FAILURE {0}")
    @ValueSource(strings = {"CRASH-AFTER-ELECTION", "CRASH-AFTER-PROMOTION"})
    void failoverCompletesWhenTheLeaderCrashes(String failure) {
        RedisProcess primary = RedisProcess.server().start();
        int oldPort = primary.port();
        try (RedisProcess r1 = RedisProcess.server().replicaOf(primary).start();
                RedisProcess r2 = RedisProcess.server().replicaOf(primary).start();
                VigilFleet fleet = VigilFleet.start(oldPort, 1, 4000, 1000, 3000, 3000)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> fleet.ports.stream().allMatch(p -> {
                        var m = master(p);
                        return "2".equals(m.get("num-slaves")) && "2".equals(m.get("num-other-sentinels"));
                    }));
            // quorum 1: sentinel 0 sees the master down first, starts the failover alone and wins the election
            assertThat(sentinel(fleet.ports.get(0), "SIMULATE-FAILURE", failure))
                    .isEqualTo("OK");

            primary.kill();

            await("one leader crashed").atMost(Duration.ofSeconds(30)).until(() -> fleet.exits.contains(99));
            assertThat(fleet.exits).containsExactly(99);
            await("the crashed sentinel's port is closed")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> crashed(fleet) == 0);
            List<Integer> alive = List.of(fleet.ports.get(1), fleet.ports.get(2));
            await("the surviving sentinels finish the failover")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> alive.stream().allMatch(p -> addr(p).filter(a -> a != oldPort)
                                    .isPresent())
                            && alive.stream()
                                            .map(VigilFailoverIT::addr)
                                            .distinct()
                                            .count()
                                    == 1);
            int newPort = addr(alive.get(0)).orElseThrow();
            await("the new primary really is a primary")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> info(newPort).contains("role:master"));
            RedisProcess other = newPort == r1.port() ? r2 : r1;
            await("the other replica follows it").atMost(Duration.ofSeconds(60)).until(() -> info(other.port())
                    .contains("master_port:" + newPort));
        } finally {
            primary.close();
        }
    }

    @Test
    void restartedFleetKeepsEpochsAndDiscoveries() throws Exception {
        RedisProcess primary = RedisProcess.server().start();
        int oldPort = primary.port();
        try (RedisProcess r1 = RedisProcess.server().replicaOf(primary).start();
                RedisProcess r2 = RedisProcess.server().replicaOf(primary).start();
                VigilFleet fleet = VigilFleet.start(3, oldPort, 2, 1000)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> fleet.ports.stream().allMatch(p -> {
                        var m = master(p);
                        return "2".equals(m.get("num-slaves")) && "2".equals(m.get("num-other-sentinels"));
                    }));
            primary.kill();
            await().atMost(Duration.ofSeconds(30)).until(() -> fleet.ports.stream()
                    .allMatch(p -> addr(p).filter(a -> a != oldPort).isPresent()));
            int newPort = addr(fleet.ports.get(0)).orElseThrow();
            await("every sentinel has persisted the new primary")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> {
                        for (java.nio.file.Path c : fleet.configs) {
                            if (!java.nio.file.Files.readString(c)
                                    .contains("sentinel monitor mymaster 127.0.0.1 " + newPort + " ")) {
                                return false;
                            }
                        }
                        return true;
                    });
            List<String> ids = new ArrayList<>();
            List<Long> epochs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(fleet.sentinels.get(i).myId());
                epochs.add(Long.parseLong(master(fleet.ports.get(i)).get("config-epoch")));
            }

            for (int i = 0; i < 3; i++) {
                fleet.restart(i);
            }

            for (int i = 0; i < 3; i++) {
                int port = fleet.ports.get(i);
                assertThat(fleet.sentinels.get(i).myId()).isEqualTo(ids.get(i));
                assertThat(addr(port)).contains(newPort);
                var m = master(port);
                assertThat(Long.parseLong(m.get("config-epoch"))).isGreaterThanOrEqualTo(epochs.get(i));
                assertThat(m.get("num-other-sentinels")).isEqualTo("2");
                assertThat(Integer.parseInt(m.get("num-slaves"))).isGreaterThanOrEqualTo(1);
            }
        } finally {
            primary.close();
        }
    }

    private static int crashed(VigilFleet fleet) {
        for (int i = 0; i < fleet.ports.size(); i++) {
            if (addr(fleet.ports.get(i)).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private static Object sentinel(int port, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "SENTINEL";
        System.arraycopy(args, 0, all, 1, args.length);
        return RawResp.call(port, all);
    }
}
