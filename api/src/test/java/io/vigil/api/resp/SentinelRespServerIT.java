package io.vigil.api.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The port over real sockets: wire bytes, pipelining, inline requests, protocol errors, pushes, ordering. */
class SentinelRespServerIT {

    private PortFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new PortFixture();
        fixture.service.addMaster("mymaster", "127.0.0.1", 6379, 2);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void listenOnZeroReportsTheActualPort() {
        assertThat(fixture.port()).isBetween(1, 65535);
    }

    @Test
    void pipelinedRequestsAnswerInOrder() throws Exception {
        try (RawClient client = new RawClient(fixture.port())) {
            client.send(
                    "*1\r\n$4\r\nPING\r\n*3\r\n$8\r\nSENTINEL\r\n$23\r\nget-master-addr-by-name\r\n$8\r\nmymaster\r\n"
                            + "*2\r\n$4\r\nPING\r\n$2\r\nhi\r\n");
            String expected = "+PONG\r\n*2\r\n$9\r\n127.0.0.1\r\n$4\r\n6379\r\n$2\r\nhi\r\n";
            assertThat(client.read(expected.length())).isEqualTo(expected);
        }
    }

    @Test
    void inlineCommandsWork() throws Exception {
        try (RawClient client = new RawClient(fixture.port())) {
            client.send("SENTINEL get-master-addr-by-name nope\r\nPING\r\n");
            String expected = "*-1\r\n+PONG\r\n";
            assertThat(client.read(expected.length())).isEqualTo(expected);
        }
    }

    @Test
    void protocolErrorRepliesThenCloses() throws Exception {
        try (RawClient client = new RawClient(fixture.port())) {
            client.send("PING\r\n*x\r\n");
            String expected = "+PONG\r\n-ERR Protocol error: invalid multibulk length\r\n";
            assertThat(client.read(expected.length())).isEqualTo(expected);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void helloThreeSwitchesTheFollowingReplies() throws Exception {
        try (RawClient client = new RawClient(fixture.port())) {
            client.send(
                    "SENTINEL get-master-addr-by-name nope\r\nHELLO 3\r\nSENTINEL get-master-addr-by-name nope\r\n");
            String hello = "%6\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:3\r\n"
                    + "$2\r\nid\r\n:1\r\n$4\r\nmode\r\n$8\r\nsentinel\r\n$7\r\nmodules\r\n*0\r\n";
            String expected = "*-1\r\n" + hello + "_\r\n";
            assertThat(client.read(expected.length())).isEqualTo(expected);
        }
    }

    @Test
    void deferredVoteHoldsBackLaterRepliesUntilPersisted() throws Exception {
        CompletableFuture<Void> fsync = new CompletableFuture<>();
        fixture.service.votePersistence(fsync);
        String runid = "b".repeat(40);
        try (RawClient client = new RawClient(fixture.port())) {
            client.send("SENTINEL is-master-down-by-addr 127.0.0.1 6379 3 " + runid + "\r\nPING\r\n");
            await().during(Duration.ofMillis(200))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> fixture.service.persisted().isEmpty());
            fsync.complete(null);
            String expected = "*3\r\n:0\r\n$40\r\n" + runid + "\r\n:3\r\n+PONG\r\n";
            assertThat(client.read(expected.length())).isEqualTo(expected);
            assertThat(fixture.service.persisted()).containsExactly("vote " + runid + " 3");
        }
    }

    @Test
    void subscribersReceivePublishedEventsInResp2AndResp3() throws Exception {
        try (RawClient resp2 = new RawClient(fixture.port());
                RawClient resp3 = new RawClient(fixture.port())) {
            resp2.send("SUBSCRIBE +switch-master\r\n");
            String confirm = "*3\r\n$9\r\nsubscribe\r\n$14\r\n+switch-master\r\n:1\r\n";
            assertThat(resp2.read(confirm.length())).isEqualTo(confirm);
            resp3.send("HELLO 3\r\nPSUBSCRIBE *\r\n");
            resp3.readThrough("$7\r\nmodules\r\n*0\r\n");
            String pconfirm = ">3\r\n$10\r\npsubscribe\r\n$1\r\n*\r\n:1\r\n";
            assertThat(resp3.read(pconfirm.length())).isEqualTo(pconfirm);

            await().atMost(Duration.ofSeconds(5))
                    .until(() ->
                            fixture.server.events().publish("+switch-master", "mymaster 127.0.0.1 6379 127.0.0.1 6380")
                                    == 2);

            String payload = "mymaster 127.0.0.1 6379 127.0.0.1 6380";
            String message =
                    "*3\r\n$7\r\nmessage\r\n$14\r\n+switch-master\r\n$" + payload.length() + "\r\n" + payload + "\r\n";
            assertThat(resp2.read(message.length())).isEqualTo(message);
            String pmessage = ">4\r\n$8\r\npmessage\r\n$1\r\n*\r\n$14\r\n+switch-master\r\n$" + payload.length()
                    + "\r\n" + payload + "\r\n";
            assertThat(resp3.read(pmessage.length())).isEqualTo(pmessage);
        }
    }

    @Test
    void subscriberThatDoesNotReadIsDisconnected() throws Exception {
        try (RawClient observer = new RawClient(fixture.port());
                java.net.Socket stalled = new java.net.Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress("127.0.0.1", fixture.port()));
            stalled.getOutputStream()
                    .write("SUBSCRIBE +sdown\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> fixture.server.events().publish("+probe-none", "x") == 0
                            && fixture.server.events().publish("+sdown", "warm-up") == 1);
            String big = "x".repeat(64 * 1024);

            await("the stalled subscriber to be dropped")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> {
                        for (int i = 0; i < 64; i++) {
                            fixture.server.events().publish("+sdown", big);
                        }
                        observer.send("INFO clients\r\n");
                        String header = observer.readThrough("\r\n");
                        String body = observer.read(
                                Integer.parseInt(header.substring(1).trim()) + 2);
                        return body.contains("connected_clients:1\r\n");
                    });
        }
    }

    @Test
    void stopDoesNotWaitForAStalledReader() throws Exception {
        try (java.net.Socket stalled = new java.net.Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress("127.0.0.1", fixture.port()));
            stalled.getOutputStream()
                    .write("SUBSCRIBE +sdown\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> fixture.server.events().publish("+sdown", "x") == 1);
            String big = "x".repeat(64 * 1024);
            for (int i = 0; i < 40; i++) {
                fixture.server.events().publish("+sdown", big);
            }
            fixture.server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void clientKillClosesTheOtherConnection() throws Exception {
        try (RawClient killer = new RawClient(fixture.port());
                RawClient victim = new RawClient(fixture.port())) {
            victim.send("CLIENT ID\r\n");
            String idReply = victim.read(4);
            assertThat(idReply).isEqualTo(":2\r\n");
            killer.send("CLIENT KILL ID 2\r\n");
            assertThat(killer.read(4)).isEqualTo(":1\r\n");
            assertThat(victim.closedByServer()).isTrue();
        }
    }

    @Test
    void stopClosesClientConnections() throws Exception {
        try (RawClient client = new RawClient(fixture.port())) {
            client.send("PING\r\n");
            assertThat(client.read(7)).isEqualTo("+PONG\r\n");
            fixture.server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(client.closedByServer()).isTrue();
            assertThat(fixture.server.actualPort()).isZero();
        }
    }

    @Test
    void secondServerOnTheSamePortFailsToStart() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            SentinelRespServer clash = new SentinelRespServer(
                    vertx, new SentinelRespOptions().host("127.0.0.1").port(fixture.port()), fixture.service);
            assertThatThrownBy(() -> clash.start()
                            .toCompletionStage()
                            .toCompletableFuture()
                            .get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
            assertThat(clash.actualPort()).isZero();
            fixture.server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            await("the freed port to be bound by a retried start")
                    .atMost(Duration.ofSeconds(10))
                    .ignoreExceptions()
                    .until(() -> clash.start()
                                    .toCompletionStage()
                                    .toCompletableFuture()
                                    .get(10, TimeUnit.SECONDS)
                                    .actualPort()
                            > 0);
            clash.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
