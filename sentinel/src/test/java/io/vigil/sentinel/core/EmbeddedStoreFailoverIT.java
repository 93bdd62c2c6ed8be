package io.vigil.sentinel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RawResp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three Vigil sentinels supervising Vigil's own store (primary and two replicas, each its own process) with write
 * fencing: a SIGKILLed primary is replaced and the other replica resyncs partially; a primary that is stopped
 * (SIGSTOP) and resumed after the failover refuses writes at once (FENCED) instead of accepting writes that would be
 * thrown away, and is then demoted with a partial resync.
 */
@ExtendWith(NoProcessLeftBehind.class)
class EmbeddedStoreFailoverIT {

    private static final List<String> FENCING = List.of("vigil master mymaster write-fencing yes");

    @Test
    void killedPrimaryIsReplacedAndTheOtherReplicaResyncsPartially() throws Exception {
        try (StoreProcess primary = StoreProcess.start();
                StoreProcess r1 = StoreProcess.replicaOf(primary);
                StoreProcess r2 = StoreProcess.replicaOf(primary);
                VigilFleet fleet = VigilFleet.start(primary.port, 2, 10_000, port -> FENCING, 1000, 1000, 1000)) {
            awaitReady(fleet, primary);
            assertThat(primary.call("SET", "before", "1")).isEqualTo("OK");

            primary.kill();

            int newPort = awaitSwitch(fleet, primary.port);
            StoreProcess promoted = newPort == r1.port ? r1 : r2;
            StoreProcess other = promoted == r1 ? r2 : r1;
            await("the new primary takes writes once a majority of sentinels granted it a lease")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> "OK".equals(promoted.call("SET", "after", "1")));
            await("the other replica follows the new primary")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> other.info("replication").contains("master_port:" + newPort)
                            && other.info("replication").contains("master_link_status:up"));
            assertThat(promoted.infoLong("stats", "sync_full"))
                    .as("no full sync after the failover")
                    .isZero();
            assertThat(promoted.infoLong("stats", "sync_partial_ok")).isEqualTo(1);
            assertThat(other.call("GET", "before")).isEqualTo("1");
        }
    }

    @Test
    void stoppedPrimaryIsFencedWhenItResumesThenDemotedWithAPartialResync() throws Exception {
        try (StoreProcess primary = StoreProcess.start();
                StoreProcess r1 = StoreProcess.replicaOf(primary);
                StoreProcess r2 = StoreProcess.replicaOf(primary);
                VigilFleet fleet = VigilFleet.start(primary.port, 2, 10_000, port -> FENCING, 1000, 1000, 1000)) {
            awaitReady(fleet, primary);
            assertThat(primary.call("SET", "before", "1")).isEqualTo("OK");

            primary.signal("STOP");
            int newPort = awaitSwitch(fleet, primary.port);
            StoreProcess promoted = newPort == r1.port ? r1 : r2;
            await("the new primary takes writes").atMost(Duration.ofSeconds(10)).until(() -> "OK"
                    .equals(promoted.call("SET", "after", "1")));
            long fullSyncs = promoted.infoLong("stats", "sync_full");

            primary.signal("CONT");
            Object write = primary.call("SET", "lost", "1");
            assertThat(String.valueOf(write))
                    .as("the resumed old primary must not accept a write that the failover will discard")
                    .matches("(?s).*(FENCED|READONLY).*");

            await("the old primary is demoted and follows the new one")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> primary.info("replication").contains("master_port:" + newPort)
                            && primary.info("replication").contains("master_link_status:up"));
            assertThat(promoted.infoLong("stats", "sync_full"))
                    .as("the old primary resynced partially")
                    .isEqualTo(fullSyncs);
            assertThat(primary.call("GET", "after")).isEqualTo("1");
            assertThat(primary.call("GET", "lost")).isNull();
        }
    }

    private static void awaitReady(VigilFleet fleet, StoreProcess primary) {
        // Replicas are in sync only after the primary's repl-diskless-sync-delay (5 s by default, as Redis):
        // wait for both links, or a kill before then leaves replicas with no data to resync from.
        await("sentinels see two replicas and each other, the replicas are in sync, and the primary holds a lease")
                .atMost(Duration.ofSeconds(30))
                .until(() -> fleet.ports.stream().allMatch(p -> {
                            List<?> m = (List<?>) RawResp.call(p, "SENTINEL", "MASTER", "mymaster");
                            return field(m, "num-slaves").equals("2")
                                    && field(m, "num-other-sentinels").equals("2");
                        })
                        && primary.info("replication").split("state=online", -1).length == 3
                        && "OK".equals(primary.call("SET", "probe", "1")));
    }

    private static int awaitSwitch(VigilFleet fleet, int oldPort) {
        await("every sentinel names a new primary")
                .atMost(Duration.ofSeconds(30))
                .until(() -> fleet.ports.stream()
                        .allMatch(p -> addr(p).filter(a -> a != oldPort).isPresent()));
        return addr(fleet.ports.get(0)).orElseThrow();
    }

    private static Optional<Integer> addr(int sentinelPort) {
        try {
            List<?> a = (List<?>) RawResp.call(sentinelPort, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", "mymaster");
            return a == null ? Optional.empty() : Optional.of(Integer.parseInt((String) a.get(1)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String field(List<?> flat, String name) {
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            if (name.equals(flat.get(i))) {
                return String.valueOf(flat.get(i + 1));
            }
        }
        return "";
    }
}
