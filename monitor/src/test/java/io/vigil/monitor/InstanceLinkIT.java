package io.vigil.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vigil.monitor.info.InstanceRole;
import io.vigil.monitor.info.MasterLinkStatus;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RedisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Links against real redis-server and redis-sentinel processes. */
@ExtendWith(NoProcessLeftBehind.class)
class InstanceLinkIT {

    static final String MY_ID = "abcdef1234567890abcdef1234567890abcdef12";
    static final Duration WAIT = Duration.ofSeconds(15);

    private static ExecutorService eventThreads;
    private static RedisClient plainClient;
    private final LongSupplier clock = () -> System.nanoTime() / 1_000_000;
    private MonitorService monitor;

    @BeforeAll
    static void startEventThreads() {
        // several threads on purpose: the service must still deliver one callback at a time
        eventThreads = Executors.newFixedThreadPool(4);
        plainClient = RedisClient.create();
    }

    @AfterAll
    static void stopEventThreads() throws InterruptedException {
        plainClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        eventThreads.shutdown();
        assertThat(eventThreads.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @BeforeEach
    void createService() {
        Recorder.OVERLAP.set(null);
        monitor = MonitorService.create(MonitorOptions.of(MY_ID), eventThreads, clock);
    }

    @AfterEach
    void closeService() {
        monitor.close();
        assertThat(Recorder.OVERLAP.get())
                .as("listener callbacks ran concurrently")
                .isNull();
    }

    static LinkSettings fast() {
        return LinkSettings.builder()
                .pingPeriod(Duration.ofMillis(100))
                .infoPeriod(Duration.ofMillis(200))
                .pingTimeout(Duration.ofMillis(300))
                .silenceLimit(Duration.ofMillis(1000))
                .commandTimeout(Duration.ofMillis(1000))
                .connectTimeout(Duration.ofMillis(500))
                .maxPendingCommands(10)
                .reconnectDelay(Duration.ofMillis(50), Duration.ofMillis(400))
                .build();
    }

    static LinkTarget target(RedisProcess process, InstanceKind kind) {
        return LinkTarget.of(process.host(), process.port(), kind);
    }

    String clientList(RedisProcess process) {
        try (StatefulRedisConnection<String, String> connection = plainClient.connect(RedisURI.create(process.uri()))) {
            return connection.sync().clientList();
        }
    }

    String commandStats(RedisProcess process) {
        try (StatefulRedisConnection<String, String> connection = plainClient.connect(RedisURI.create(process.uri()))) {
            return connection.sync().info("commandstats");
        }
    }

    @Test
    void infoOfMasterAndReplicaIsParsedAndConnectionsAreNamed() {
        try (RedisProcess master = RedisProcess.server()
                        .args("--repl-diskless-sync-delay", "0")
                        .start();
                RedisProcess replica = RedisProcess.server().replicaOf(master).start()) {
            Recorder onMaster = new Recorder();
            Recorder onReplica = new Recorder();
            InstanceLink toMaster = monitor.open(target(master, InstanceKind.MASTER), fast(), onMaster);
            monitor.open(target(replica, InstanceKind.REPLICA), fast(), onReplica);

            await("master INFO listing the online replica").atMost(WAIT).until(() -> {
                InfoReply last = onMaster.lastInfo();
                return last != null
                        && last.info().replicas().size() == 1
                        && last.info().replicas().get(0).state().orElse("").equals("online");
            });
            InfoReply masterInfo = onMaster.lastInfo();
            assertThat(masterInfo.info().role()).isEqualTo(InstanceRole.MASTER);
            assertThat(masterInfo.info().tcpPort()).hasValue(master.port());
            assertThat(masterInfo.info().runId())
                    .hasValueSatisfying(id -> assertThat(id).hasSize(40));
            assertThat(masterInfo.info().replicas().get(0).port()).isEqualTo(replica.port());
            assertThat(masterInfo.receivedAtMillis()).isGreaterThanOrEqualTo(masterInfo.sentAtMillis());

            await("replica INFO with link up").atMost(WAIT).until(() -> {
                InfoReply last = onReplica.lastInfo();
                return last != null
                        && last.info().masterLinkStatus().equals(java.util.Optional.of(MasterLinkStatus.UP));
            });
            assertThat(onReplica.lastInfo().info().role()).isEqualTo(InstanceRole.REPLICA);
            assertThat(onReplica.lastInfo().info().masterPort()).hasValue(master.port());

            await("PONGs").atMost(WAIT).until(() -> onMaster.countPings(PingOutcome.PONG) >= 3);
            PingResult pong = onMaster.pings.stream()
                    .filter(p -> p.outcome() == PingOutcome.PONG)
                    .findFirst()
                    .orElseThrow();
            assertThat(pong.isValid()).isTrue();
            assertThat(pong.latencyMillis()).isBetween(0L, 1000L);
            assertThat(pong.address()).isEqualTo(toMaster.address());

            assertThat(toMaster.state()).isEqualTo(LinkState.UP);
            assertThat(onMaster.changes.get(0).from()).isEqualTo(LinkState.CONNECTING);
            assertThat(onMaster.changes.get(0).to()).isEqualTo(LinkState.UP);
            String clients = clientList(master);
            assertThat(clients).contains("name=sentinel-abcdef12-cmd").contains("name=sentinel-abcdef12-pubsub");
            assertThat(clients).containsPattern("name=sentinel-abcdef12-pubsub .*sub=1");
        }
    }

    @Test
    void killedInstanceGoesDownAndPingsDoNotPileUp() {
        try (RedisProcess server = RedisProcess.server().start()) {
            Recorder events = new Recorder();
            InstanceLink link = monitor.open(target(server, InstanceKind.MASTER), fast(), events);
            await().atMost(WAIT).until(() -> link.state() == LinkState.UP);

            server.kill();

            await("DOWN after the kill").atMost(WAIT).until(() -> events.lastState() == LinkState.DOWN);
            await("reconnect attempts fail again")
                    .atMost(WAIT)
                    .until(() -> events.changes.stream()
                                    .filter(c -> c.to() == LinkState.DOWN)
                                    .count()
                            >= 3);
            assertThat(link.pendingCommands()).isZero();
            assertThat(events.changes).extracting(LinkStateChange::reason).anyMatch(r -> r.contains("refused"));
            CommandResult<Long> refused =
                    link.publishHello("x").toCompletableFuture().join();
            assertThat(refused.status()).isIn(CommandStatus.NOT_CONNECTED);
        }
    }

    @Test
    void pausedInstanceIsDetectedByTimeoutsAndRecoversOnResume() {
        LinkSettings settings = fast().toBuilder()
                .pingPeriod(Duration.ofMillis(50))
                .pingTimeout(Duration.ofMillis(200))
                .silenceLimit(Duration.ofMillis(2000))
                .maxPendingCommands(6)
                .build();
        try (RedisProcess server = RedisProcess.server().start()) {
            Recorder events = new Recorder();
            InstanceLink link = monitor.open(target(server, InstanceKind.MASTER), settings, events);
            await().atMost(WAIT).until(() -> link.state() == LinkState.UP);
            AtomicInteger maxPending = new AtomicInteger();
            try {
                server.pause();
                await("a PING reported pending").atMost(WAIT).until(() -> {
                    maxPending.accumulateAndGet(link.pendingCommands(), Math::max);
                    return events.countPings(PingOutcome.PENDING) > 0;
                });
                await("pending commands reach the cap").atMost(WAIT).until(() -> {
                    maxPending.accumulateAndGet(link.pendingCommands(), Math::max);
                    return link.pendingCommands() == 6;
                });
                CommandResult<Long> refused =
                        link.publishHello("x").toCompletableFuture().join();
                assertThat(refused.status()).as(refused.toString()).isEqualTo(CommandStatus.REJECTED);
                assertThat(refused.error())
                        .hasValueSatisfying(e -> assertThat(e).contains("6 commands pending"));
                await("DOWN after the silence limit").atMost(WAIT).until(() -> {
                    maxPending.accumulateAndGet(link.pendingCommands(), Math::max);
                    return events.lastState() == LinkState.DOWN;
                });
                assertThat(maxPending.get())
                        .as("pending commands never above the cap")
                        .isEqualTo(6);
                assertThat(link.pendingCommands()).isZero();
                PingResult pending = events.pings.stream()
                        .filter(p -> p.outcome() == PingOutcome.PENDING)
                        .findFirst()
                        .orElseThrow();
                assertThat(pending.latencyMillis()).isGreaterThanOrEqualTo(200);
                assertThat(pending.isValid()).isFalse();
                assertThat(events.changes)
                        .extracting(LinkStateChange::reason)
                        .anyMatch(r -> r.startsWith("no reply for"));
            } finally {
                server.resume();
            }
            int pongsBefore = (int) events.countPings(PingOutcome.PONG);
            await("UP again after resume").atMost(WAIT).until(() -> link.state() == LinkState.UP);
            await("PONGs again").atMost(WAIT).until(() -> events.countPings(PingOutcome.PONG) > pongsBefore);
        }
    }

    @Test
    void reconnectsAfterRestartOnTheSamePort() {
        RedisProcess first = RedisProcess.server().start();
        int port = first.port();
        Recorder events = new Recorder();
        InstanceLink link;
        String firstRunId;
        try {
            link = monitor.open(target(first, InstanceKind.MASTER), fast(), events);
            await().atMost(WAIT).until(() -> events.lastInfo() != null);
            firstRunId = events.lastInfo().info().runId().orElseThrow();
            first.kill();
            await().atMost(WAIT).until(() -> events.lastState() == LinkState.DOWN);
        } finally {
            first.close();
        }
        try (RedisProcess second = RedisProcess.server().port(port).start()) {
            assertThat(second.port()).isEqualTo(port);
            await("UP again on port " + port).atMost(WAIT).until(() -> link.state() == LinkState.UP);
            await("INFO from the new process")
                    .atMost(WAIT)
                    .until(() -> !events.lastInfo().info().runId().orElseThrow().equals(firstRunId));
            assertThat(events.changes)
                    .extracting(LinkStateChange::to)
                    .containsSubsequence(LinkState.UP, LinkState.DOWN, LinkState.CONNECTING, LinkState.UP);
        }
    }

    @Test
    void helloPublishedOnOneLinkArrivesOnAnother() {
        try (RedisProcess server = RedisProcess.server().start()) {
            Recorder publisherEvents = new Recorder();
            Recorder receiverEvents = new Recorder();
            InstanceLink publisher = monitor.open(target(server, InstanceKind.MASTER), fast(), publisherEvents);
            InstanceLink receiver = monitor.open(target(server, InstanceKind.MASTER), fast(), receiverEvents);
            await().atMost(WAIT).until(() -> publisher.state() == LinkState.UP && receiver.state() == LinkState.UP);

            String payload = "127.0.0.1,26379," + MY_ID + ",7,mymaster,127.0.0.1," + server.port() + ",3";
            CommandResult<Long> published =
                    publisher.publishHello(payload).toCompletableFuture().join();

            assertThat(published.status()).isEqualTo(CommandStatus.OK);
            assertThat(published.value()).contains(2L);
            await("hello received").atMost(WAIT).until(() -> !receiverEvents.hellos.isEmpty());
            HelloMessage hello = receiverEvents.hellos.get(0);
            assertThat(hello.channel()).isEqualTo(InstanceLink.HELLO_CHANNEL);
            assertThat(hello.payload()).isEqualTo(payload);
            assertThat(hello.address()).isEqualTo(receiver.address());
        }
    }

    @Test
    void reconfigureTurnsAMasterIntoAReplicaAndBack() {
        try (RedisProcess primary = RedisProcess.server().start();
                RedisProcess other = RedisProcess.server().start()) {
            Recorder events = new Recorder();
            InstanceLink link = monitor.open(target(other, InstanceKind.MASTER), fast(), events);
            await().atMost(WAIT).until(() -> link.state() == LinkState.UP);

            CommandResult<ReconfigureReply> toReplica = link.reconfigure(primary.host(), primary.port())
                    .toCompletableFuture()
                    .join();

            assertThat(toReplica.status()).as(toReplica.toString()).isEqualTo(CommandStatus.OK);
            ReconfigureReply reply = toReplica.valueOrThrow();
            assertThat(reply.slaveofAccepted()).as(reply.toString()).isTrue();
            assertThat(reply.configRewriteFailed()).as(reply.toString()).isFalse();
            int upsBefore = (int)
                    events.changes.stream().filter(c -> c.to() == LinkState.UP).count();
            await("INFO reporting a replica of the primary").atMost(WAIT).until(() -> {
                InfoReply last = events.lastInfo();
                return last != null
                        && last.info().role() == InstanceRole.REPLICA
                        && last.info().masterPort().orElse(0) == primary.port();
            });
            await("pub/sub link, killed by CLIENT KILL TYPE pubsub, is back")
                    .atMost(WAIT)
                    .until(() -> events.changes.stream()
                                            .filter(c -> c.to() == LinkState.UP)
                                            .count()
                                    > upsBefore
                            && link.state() == LinkState.UP);

            CommandResult<ReconfigureReply> toMaster =
                    link.reconfigure(null, 0).toCompletableFuture().join();

            assertThat(toMaster.status()).isEqualTo(CommandStatus.OK);
            await("INFO reporting a master").atMost(WAIT).until(() -> {
                InfoReply last = events.lastInfo();
                return last != null && last.info().role() == InstanceRole.MASTER;
            });
            assertThat(other.dir().resolve("redis.conf")).content().doesNotContain("replicaof " + primary.host());
            String stats = commandStats(other);
            assertThat(stats)
                    .as("exactly the Redis Sentinel transaction, twice")
                    .contains("cmdstat_multi:calls=2,")
                    .contains("cmdstat_slaveof:calls=2,")
                    .contains("cmdstat_config|rewrite:calls=2,")
                    .contains("cmdstat_client|kill:calls=4,")
                    .contains("cmdstat_exec:calls=2,")
                    .doesNotContain("cmdstat_replicaof");
        }
    }

    @Test
    void configRewriteErrorDoesNotFailTheTransaction() throws Exception {
        try (RedisProcess primary = RedisProcess.server().start();
                RedisProcess other = RedisProcess.server().start()) {
            Path config = other.dir().resolve("redis.conf");
            Files.delete(config);
            Files.createDirectory(config);
            Recorder events = new Recorder();
            InstanceLink link = monitor.open(target(other, InstanceKind.REPLICA), fast(), events);
            await().atMost(WAIT).until(() -> link.state() == LinkState.UP);

            CommandResult<ReconfigureReply> result = link.reconfigure(primary.host(), primary.port())
                    .toCompletableFuture()
                    .join();

            assertThat(result.status()).as(result.toString()).isEqualTo(CommandStatus.OK);
            assertThat(result.valueOrThrow().configRewriteFailed()).isTrue();
            assertThat(result.valueOrThrow().configRewrite()).contains("Rewriting config file");
            assertThat(result.valueOrThrow().slaveofAccepted()).isTrue();
            await("INFO reporting a replica").atMost(WAIT).until(() -> {
                InfoReply last = events.lastInfo();
                return last != null && last.info().masterPort().orElse(0) == primary.port();
            });
            Files.delete(config);
        }
    }

    @Test
    void errorRepliesAndCapsAreTypedOutcomes() {
        try (RedisProcess server = RedisProcess.server().start()) {
            Recorder events = new Recorder();
            InstanceLink link = monitor.open(target(server, InstanceKind.MASTER), fast(), events);
            await().atMost(WAIT).until(() -> link.state() == LinkState.UP);

            CommandResult<String> notBusy =
                    link.scriptKill().toCompletableFuture().join();
            assertThat(notBusy.status()).isEqualTo(CommandStatus.ERROR_REPLY);
            assertThat(notBusy.error()).hasValueSatisfying(e -> assertThat(e).startsWith("NOTBUSY"));

            CommandResult<List<Object>> configGet =
                    link.dispatch("CONFIG", "GET", "port").toCompletableFuture().join();
            assertThat(configGet.valueOrThrow()).containsExactly("port", Integer.toString(server.port()));
            CommandResult<List<Object>> status =
                    link.dispatch("set", "k", "v").toCompletableFuture().join();
            assertThat(status.valueOrThrow()).containsExactly("OK");

            link.setInfoPeriod(Duration.ofMillis(100));
            assertThat(link.infoPeriod()).isEqualTo(Duration.ofMillis(100));
            int infos = events.infos.size();
            await("INFO every 100 ms").atMost(WAIT).until(() -> events.infos.size() >= infos + 5);
        }
    }

    @Test
    void askingARealSentinelWhetherAMasterIsDown() {
        try (RedisProcess master = RedisProcess.server().start();
                RedisProcess sentinel = RedisProcess.sentinel()
                        .config("sentinel monitor mymaster 127.0.0.1 " + master.port() + " 1")
                        .start()) {
            Recorder events = new Recorder();
            InstanceLink link = monitor.open(target(sentinel, InstanceKind.SENTINEL), fast(), events);
            await().atMost(WAIT).until(() -> link.state() == LinkState.UP);

            CommandResult<MasterDownReply> answer = link.isMasterDownByAddr("127.0.0.1", master.port(), 0, "*")
                    .toCompletableFuture()
                    .join();

            assertThat(answer.status()).as(answer.toString()).isEqualTo(CommandStatus.OK);
            assertThat(answer.valueOrThrow()).isEqualTo(new MasterDownReply(false, "*", 0));
            assertThat(answer.valueOrThrow().leader()).isEmpty();

            CommandResult<Long> hello = link.publishHello(
                            "127.0.0.1,1," + MY_ID + ",0,mymaster,127.0.0.1," + master.port() + ",0")
                    .toCompletableFuture()
                    .join();
            assertThat(hello.status()).as(hello.toString()).isEqualTo(CommandStatus.OK);

            await("PONG from the sentinel").atMost(WAIT).until(() -> events.countPings(PingOutcome.PONG) > 0);
            assertThat(events.infos).as("no INFO polling on sentinel links").isEmpty();
            assertThat(clientList(sentinel)).contains("name=sentinel-abcdef12-cmd");

            CommandResult<List<Object>> role =
                    link.dispatch("ROLE").toCompletableFuture().join();
            assertThat(role.valueOrThrow()).first().isEqualTo("sentinel");
        }
    }
}
