package io.vigil.sentinel.core;

import io.vertx.core.Vertx;
import io.vigil.api.resp.SentinelRespOptions;
import io.vigil.api.resp.SentinelRespServer;
import io.vigil.config.AtomicFileWriter;
import io.vigil.config.ConfigFile;
import io.vigil.config.Directive;
import io.vigil.config.sentinel.MasterState;
import io.vigil.config.sentinel.SentinelConfig;
import io.vigil.config.sentinel.SentinelState;
import io.vigil.config.sentinel.SentinelStateStore;
import io.vigil.election.Address;
import io.vigil.election.SentinelNode;
import io.vigil.election.Timings;
import io.vigil.monitor.LinkSettings;
import io.vigil.monitor.MonitorOptions;
import io.vigil.monitor.MonitorService;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Vigil sentinel: loads sentinel.conf, restores the core from its persisted state, opens the RESP port
 * and runs the event loop until {@link #close()} (or {@code SHUTDOWN}).
 */
public final class SentinelProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SentinelProcess.class);

    /** How often the core is ticked. */
    static final long TICK_MILLIS = 10;

    /** At most this long, links to the known instances get to connect before the core starts judging them. */
    static final long WARMUP_MILLIS = 10_000;

    private final ScheduledExecutorService executor;
    private final MonitorService monitor;
    private final SentinelLoop loop;
    private final Vertx vertx;
    private final SentinelRespServer server;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final SentinelNode node;

    private SentinelProcess(
            ScheduledExecutorService executor,
            MonitorService monitor,
            SentinelLoop loop,
            Vertx vertx,
            SentinelRespServer server,
            SentinelNode node) {
        this.executor = executor;
        this.monitor = monitor;
        this.loop = loop;
        this.vertx = vertx;
        this.server = server;
        this.node = node;
    }

    /**
     * Starts a sentinel from {@code file} with command-line {@code overrides} applied on top.
     *
     * @param file the sentinel.conf (must be writable: state is persisted in it)
     * @param overrides directives from the command line
     * @param exit what a simulated crash or SHUTDOWN does with the process (receives the exit status)
     * @throws io.vigil.config.ConfigException when the file is invalid (naming file:line)
     */
    public static SentinelProcess start(Path file, List<Directive> overrides, IntConsumer exit) throws IOException {
        AtomicFileWriter.removeStaleTemps(file);
        SentinelStateStore store = new SentinelStateStore(file);
        SentinelConfig config = SentinelConfig.parse(ConfigFile.read(file), overrides);
        config.warnings().forEach(w -> LOG.warn("{}", w));
        SentinelState state = config.state();
        if (state.myId().isEmpty()) {
            state = state.withMyId(SentinelState.newRunId());
            store.save(state);
        }
        String myId = state.myId().get();
        Timings timings = TimingsMapping.timings(config.vigil());
        long warmupStart = System.nanoTime();
        boolean warmed = FailoverWarmup.run();
        LOG.debug(
                "warm-up failover through a throwaway core: {} in {} ms",
                warmed ? "promoted" : "did NOT reach the promotion",
                (System.nanoTime() - warmupStart) / 1_000_000);
        Address announce = announce(config, state);

        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-sentinel-loop");
            t.setDaemon(true);
            return t;
        });
        MonitorService monitor = MonitorService.create(MonitorOptions.of(myId), executor, System::currentTimeMillis);
        SentinelNode node = new SentinelNode(
                announce, StateMapping.toDurable(state), timings, System::currentTimeMillis, new SecureRandom());
        // The core schedules every PING (with its probe budget); the links' own PING is only a keepalive that
        // lets a link notice a silent connection and reconnect.
        LinkSettings links = LinkSettings.builder()
                .pingPeriod(Duration.ofSeconds(1))
                .infoPeriod(Duration.ofHours(1))
                .pingTimeout(Duration.ofSeconds(1))
                .silenceLimit(Duration.ofSeconds(5))
                .commandTimeout(Duration.ofSeconds(2))
                .connectTimeout(Duration.ofSeconds(2))
                .reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(200))
                .build();
        LinkTable.Credentials peers = new LinkTable.Credentials(config.sentinelUser(), config.sentinelPass());
        SentinelProcess[] self = new SentinelProcess[1];
        SentinelLoop loop = new SentinelLoop(
                executor,
                node,
                store,
                state,
                monitor,
                links,
                TlsMapping.links(config.tls()),
                peers,
                TICK_MILLIS,
                () -> exit.accept(99));
        Vertx vertx = Vertx.vertx();
        CoreSentinelService service = new CoreSentinelService(loop, config, timings, () -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread t = new Thread(
                    () -> {
                        self[0].close();
                        done.complete(null);
                        exit.accept(0);
                    },
                    "vigil-shutdown");
            t.start();
            return done;
        });
        SentinelRespOptions options = new SentinelRespOptions()
                .host(bindHost(config.bind()))
                .port(config.port())
                .configFile(file.toAbsolutePath().toString());
        if (config.port() == 0) {
            options.noPlainPort();
        }
        TlsMapping.port(config.tls()).ifPresent(options::tls);
        config.requirepass().ifPresent(options::requirePass);
        SentinelRespServer server = new SentinelRespServer(vertx, options, service);
        try {
            server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            loop.stop();
            monitor.close();
            vertx.close();
            executor.shutdownNow();
            throw new IOException(
                    "cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        loop.events(server.events());
        loop.start(WARMUP_MILLIS).join();
        self[0] = new SentinelProcess(executor, monitor, loop, vertx, server, node);
        LOG.info(
                "Vigil sentinel {} listening on {}:{}{}, announcing {} ({} masters monitored, timings {})",
                myId,
                options.host(),
                server.actualPort(),
                server.actualTlsPort() > 0 ? " and TLS port " + server.actualTlsPort() : "",
                announce,
                state.masters().size(),
                timings);
        for (MasterState m : state.masters()) {
            LOG.info(
                    "+monitor master {} {} {} quorum {}",
                    m.name(),
                    m.address().host(),
                    m.address().port(),
                    m.quorum());
        }
        return self[0];
    }

    /** This sentinel's run id. */
    public String myId() {
        return node.myId();
    }

    /** The RESP port actually bound. */
    public int port() {
        return server.actualPort();
    }

    /** The TLS port actually bound, 0 without {@code tls-port}. */
    public int tlsPort() {
        return server.actualTlsPort();
    }

    /** Blocks until the process was closed. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops the port, the loop and every link. */
    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            server.stop().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("stopping the RESP port: {}", e.toString());
        }
        loop.stop();
        monitor.close();
        vertx.close();
        executor.shutdownNow();
        stopped.countDown();
    }

    private static String bindHost(List<String> bind) {
        if (bind.isEmpty()) {
            return "0.0.0.0";
        }
        String first = bind.get(0).startsWith("-") ? bind.get(0).substring(1) : bind.get(0);
        return "*".equals(first) ? "0.0.0.0" : first;
    }

    /**
     * The address announced in hellos: announce-ip/port when set; otherwise, like Redis, the local address this host
     * uses to reach the first master, and the port this sentinel listens on.
     */
    private static Address announce(SentinelConfig config, SentinelState state) {
        int port = config.announcePort() > 0
                ? config.announcePort()
                : config.tls().replication() && config.tls().port() > 0
                        ? config.tls().port()
                        : config.port();
        if (config.announceIp().isPresent()) {
            return new Address(config.announceIp().get(), port);
        }
        String bound = bindHost(config.bind());
        if (!"0.0.0.0".equals(bound) && !bound.contains(":")) {
            return new Address(bound, port);
        }
        Optional<MasterState> first = state.masters().stream().findFirst();
        if (first.isPresent()) {
            try (DatagramSocket probe = new DatagramSocket()) {
                probe.connect(new InetSocketAddress(
                        InetAddress.getByName(first.get().address().host()),
                        first.get().address().port()));
                InetAddress local = probe.getLocalAddress();
                if (local != null && !local.isAnyLocalAddress()) {
                    return new Address(local.getHostAddress(), port);
                }
            } catch (IOException e) {
                LOG.debug(
                        "cannot find the local address towards {}: {}",
                        first.get().address(),
                        e.toString());
            }
        }
        return new Address("127.0.0.1", port);
    }
}
