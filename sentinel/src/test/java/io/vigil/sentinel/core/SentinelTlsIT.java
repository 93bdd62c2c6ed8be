package io.vigil.sentinel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.vigil.testkit.FreePorts;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RawResp;
import io.vigil.testkit.RedisProcess;
import io.vigil.testkit.TlsMaterial;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Vigil sentinels that speak only TLS ({@code port 0}, {@code tls-port}, {@code tls-replication yes}) supervising
 * redis-server instances that replicate over TLS: discovery, hellos, peer questions and the failover all go over TLS,
 * and clients reach the sentinels' TLS port with a client certificate.
 */
@ExtendWith(NoProcessLeftBehind.class)
class SentinelTlsIT {

    private static TlsMaterial tls;
    private static RedisClient client;

    @BeforeAll
    static void material() {
        tls = TlsMaterial.create();
        client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .sslOptions(SslOptions.builder()
                        .jdkSslProvider()
                        .trustManager(tls.caCert().toFile())
                        .keyManager(tls.cert().toFile(), tls.key().toFile(), null)
                        .build())
                .build());
    }

    @AfterAll
    static void shutdown() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void tlsOnlyFleetDiscoversAndFailsOverOverTls() throws Exception {
        int primaryTls = FreePorts.next();
        int replicaTls = FreePorts.next();
        RedisProcess primary = RedisProcess.server()
                .args(tls.redisArgs(primaryTls).toArray(String[]::new))
                .start();
        try (RedisProcess replica = RedisProcess.server()
                        .args(tls.redisArgs(replicaTls).toArray(String[]::new))
                        .args("--replicaof", "127.0.0.1", Integer.toString(primaryTls))
                        .start();
                VigilFleet fleet = VigilFleet.start(primaryTls, 2, 10_000, port -> tlsLines(port), 1000, 1000)) {
            await("the replica syncs over TLS").atMost(Duration.ofSeconds(20)).until(() -> String.valueOf(
                            RawResp.call(replica.port(), "INFO", "replication"))
                    .contains("master_link_status:up"));
            for (SentinelProcess s : fleet.sentinels) {
                assertThat(s.port()).as("no plain port").isZero();
                assertThat(s.tlsPort()).isPositive();
            }
            await("each sentinel finds the replica's TLS port and its peer through TLS hellos")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> fleet.sentinels.stream().allMatch(s -> {
                        Map<String, String> master;
                        List<Map<String, String>> replicas;
                        try (StatefulRedisSentinelConnection<String, String> c = sentinel(s)) {
                            master = c.sync().master("mymaster");
                            replicas = c.sync().replicas("mymaster");
                        }
                        return "1".equals(master.get("num-other-sentinels"))
                                && replicas.size() == 1
                                && replicas.get(0).get("port").equals(Integer.toString(replicaTls));
                    }));

            primary.kill();

            await("both sentinels name the replica's TLS address")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> fleet.sentinels.stream()
                            .allMatch(s -> addr(s).filter(a -> a == replicaTls).isPresent()));
            await("the replica was promoted over TLS")
                    .atMost(Duration.ofSeconds(10))
                    .until(() ->
                            String.valueOf(RawResp.call(replica.port(), "ROLE")).contains("master"));
        } finally {
            primary.close();
        }
    }

    private static List<String> tlsLines(int port) {
        return List.of(
                "port 0",
                "tls-port " + port,
                "tls-replication yes",
                "tls-cert-file " + tls.cert(),
                "tls-key-file " + tls.key(),
                "tls-ca-cert-file " + tls.caCert());
    }

    private static StatefulRedisSentinelConnection<String, String> sentinel(SentinelProcess s) {
        return client.connectSentinel(RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(s.tlsPort())
                .withSsl(true)
                .withVerifyPeer(SslVerifyMode.CA)
                .build());
    }

    private static Optional<Integer> addr(SentinelProcess s) {
        try (StatefulRedisSentinelConnection<String, String> c = sentinel(s)) {
            InetSocketAddress a = (InetSocketAddress) c.sync().getMasterAddrByName("mymaster");
            return Optional.ofNullable(a).map(InetSocketAddress::getPort);
        }
    }
}
