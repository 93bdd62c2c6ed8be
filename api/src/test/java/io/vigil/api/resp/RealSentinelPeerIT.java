package io.vigil.api.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.resp.RespValue;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RedisProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real redis-sentinel 7.0.15 treats the port as a peer: it PINGs it, publishes its hello messages to it, and, when
 * the master dies, counts the port's "down" answer toward ODOWN and asks it for its vote.
 */
@ExtendWith(NoProcessLeftBehind.class)
class RealSentinelPeerIT {

    @Test
    void realSentinelPingsPublishesHellosAndAsksForVotes() throws Exception {
        try (RedisProcess master = RedisProcess.server().start();
                PortFixture vigil = new PortFixture()) {
            vigil.service.addMaster("mymaster", "127.0.0.1", master.port(), 2);
            try (RedisProcess real = RedisProcess.sentinel()
                            .config(
                                    "sentinel monitor mymaster 127.0.0.1 " + master.port() + " 2",
                                    "sentinel down-after-milliseconds mymaster 1000",
                                    "sentinel failover-timeout mymaster 5000",
                                    "sentinel known-sentinel mymaster 127.0.0.1 " + vigil.port() + " "
                                            + PortFixture.MY_ID)
                            .start();
                    RespTestClient realClient = new RespTestClient(real.port())) {
                String realId = ((RespValue.BulkString) realClient.call("SENTINEL", "MYID")).utf8();

                await("a hello from the real sentinel")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> vigil.service.hellos().stream().anyMatch(h -> h.contains("," + realId + ",")));
                String hello = vigil.service.hellos().get(0);
                assertThat(hello.split(",")).hasSize(8);
                assertThat(hello).contains(",mymaster,127.0.0.1," + master.port() + ",");

                await("the real sentinel to see the port as a healthy peer")
                        .atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> {
                            RespValue.Array peers =
                                    (RespValue.Array) realClient.call("SENTINEL", "SENTINELS", "mymaster");
                            assertThat(peers.elements()).hasSize(1);
                            List<RespValue> row =
                                    ((RespValue.Array) peers.elements().get(0)).elements();
                            assertThat(field(row, "runid")).isEqualTo(PortFixture.MY_ID);
                            assertThat(field(row, "flags")).isEqualTo("sentinel");
                            assertThat(Long.parseLong(field(row, "last-ok-ping-reply")))
                                    .isLessThan(1500);
                        });

                master.kill();
                vigil.service.markDown("mymaster", false);

                await("ODOWN reached with the port's answer, and a vote asked of it")
                        .atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> {
                            List<RespValue> row =
                                    ((RespValue.Array) realClient.call("SENTINEL", "MASTER", "mymaster")).elements();
                            assertThat(field(row, "flags")).contains("o_down");
                            assertThat(vigil.service.persisted()).anyMatch(p -> p.startsWith("vote " + realId + " "));
                        });
            }
        }
    }

    private static String field(List<RespValue> flat, String key) {
        for (int i = 0; i < flat.size(); i += 2) {
            if (((RespValue.BulkString) flat.get(i)).utf8().equals(key)) {
                return ((RespValue.BulkString) flat.get(i + 1)).utf8();
            }
        }
        throw new AssertionError("no field " + key + " in " + flat);
    }
}
