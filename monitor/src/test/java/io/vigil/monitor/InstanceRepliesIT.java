package io.vigil.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RedisProcess;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** AUTH on connect and the PING replies that do and do not count as alive, on real redis-server. */
@ExtendWith(NoProcessLeftBehind.class)
class InstanceRepliesIT {

    private ExecutorService eventLoop;
    private MonitorService monitor;
    private RedisClient plainClient;

    @BeforeEach
    void start() {
        eventLoop = Executors.newSingleThreadExecutor();
        monitor = MonitorService.create(
                MonitorOptions.of(InstanceLinkIT.MY_ID), eventLoop, () -> System.nanoTime() / 1_000_000);
        plainClient = RedisClient.create();
    }

    @AfterEach
    void stop() {
        monitor.close();
        plainClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        eventLoop.shutdownNow();
    }

    StatefulRedisConnection<String, String> connect(RedisProcess process, String user, String password) {
        RedisURI uri = RedisURI.create(process.uri());
        if (password != null) {
            uri.setAuthentication(user, password.toCharArray());
        }
        return plainClient.connect(uri);
    }

    @Test
    void authenticatesWithPasswordOrAclUserAndReportsWrongCredentials() {
        try (RedisProcess server = RedisProcess.server()
                .args("--requirepass", "s3cret")
                .config("user vigil on >userpw ~* &* +@all")
                .start()) {
            Recorder withPassword = new Recorder();
            Recorder withUser = new Recorder();
            Recorder wrong = new Recorder();
            LinkTarget target = InstanceLinkIT.target(server, InstanceKind.MASTER);
            InstanceLink byPassword = monitor.open(target.withPassword("s3cret"), InstanceLinkIT.fast(), withPassword);
            InstanceLink byUser = monitor.open(target.withUser("vigil", "userpw"), InstanceLinkIT.fast(), withUser);
            monitor.open(target.withPassword("wrong"), InstanceLinkIT.fast(), wrong);

            await().atMost(InstanceLinkIT.WAIT)
                    .until(() -> byPassword.state() == LinkState.UP && byUser.state() == LinkState.UP);
            await().atMost(InstanceLinkIT.WAIT).until(() -> withUser.countPings(PingOutcome.PONG) > 0);
            await().atMost(InstanceLinkIT.WAIT).until(() -> wrong.lastState() == LinkState.DOWN);
            assertThat(wrong.changes)
                    .extracting(LinkStateChange::reason)
                    .anyMatch(reason -> reason.contains("WRONGPASS"));
            try (StatefulRedisConnection<String, String> admin = connect(server, null, "s3cret")) {
                assertThat(admin.sync().clientList()).contains("user=vigil").contains("name=sentinel-abcdef12-cmd");
            }
        }
    }

    @Test
    void masterDownIsAValidPingReply() {
        try (RedisProcess replica = RedisProcess.server().start();
                StatefulRedisConnection<String, String> admin = connect(replica, null, null)) {
            admin.sync().configSet("replica-serve-stale-data", "no");
            admin.sync().replicaof("127.0.0.1", 1);
            Recorder events = new Recorder();
            monitor.open(InstanceLinkIT.target(replica, InstanceKind.REPLICA), InstanceLinkIT.fast(), events);

            await().atMost(InstanceLinkIT.WAIT).until(() -> events.countPings(PingOutcome.MASTERDOWN) > 0);
            PingResult masterDown = events.pings.stream()
                    .filter(p -> p.outcome() == PingOutcome.MASTERDOWN)
                    .findFirst()
                    .orElseThrow();
            assertThat(masterDown.isValid()).isTrue();
            assertThat(masterDown.detail()).startsWith("MASTERDOWN");
        }
    }

    @Test
    void busyScriptAnswersPingWithBusyUntilScriptKill() {
        try (RedisProcess server = RedisProcess.server()
                        .args("--busy-reply-threshold", "100")
                        .start();
                StatefulRedisConnection<String, String> scriptRunner = connect(server, null, null)) {
            Recorder events = new Recorder();
            InstanceLink link =
                    monitor.open(InstanceLinkIT.target(server, InstanceKind.MASTER), InstanceLinkIT.fast(), events);
            await().atMost(InstanceLinkIT.WAIT).until(() -> link.state() == LinkState.UP);

            CompletableFuture<Object> script = scriptRunner
                    .async()
                    .eval("while true do end", ScriptOutputType.STATUS)
                    .toCompletableFuture();
            await("PING answered -BUSY")
                    .atMost(InstanceLinkIT.WAIT)
                    .until(() -> events.countPings(PingOutcome.BUSY) > 0);
            assertThat(PingOutcome.BUSY.isValid()).isFalse();

            CommandResult<String> killed =
                    link.scriptKill().toCompletableFuture().join();

            assertThat(killed.status()).as(killed.toString()).isEqualTo(CommandStatus.OK);
            assertThat(killed.value()).contains("OK");
            await().atMost(InstanceLinkIT.WAIT).until(script::isDone);
            assertThat(script).isCompletedExceptionally();
            int pongs = (int) events.countPings(PingOutcome.PONG);
            await("PONG again").atMost(InstanceLinkIT.WAIT).until(() -> events.countPings(PingOutcome.PONG) > pongs);
        }
    }
}
