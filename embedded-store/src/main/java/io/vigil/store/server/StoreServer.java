package io.vigil.store.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ManualIoEventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.vigil.store.commands.InfoCommand;
import io.vigil.store.engine.StoreEngine;
import io.vigil.store.replication.ReplicationManager;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network side of the store: one Netty event loop thread accepts connections, reads requests, runs every
 * command (through the {@link StoreEngine}) and writes replies, as Redis's main thread does. The engine's cron runs
 * on the same thread {@code hz} times a second. This is Redis's own model: no locks, no thread hop per request, and
 * commands of all clients execute one at a time, atomically.
 */
public final class StoreServer {

    private static final Logger LOG = LoggerFactory.getLogger(StoreServer.class);

    private final StoreEngine engine;
    private final ManualIoEventLoop group;
    private final Thread loopThread;
    private final List<Channel> listeners = new ArrayList<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final Transport transport;

    private StoreServer(StoreEngine engine, Transport transport) {
        this.engine = engine;
        this.transport = transport;
        this.loopThread = new FastThreadLocalThread(this::drive, "vigil-store-1");
        this.group = new ManualIoEventLoop(null, loopThread, transport.ioHandlerFactory());
        loopThread.start();
    }

    /**
     * The command thread: runs the event loop (I/O, then tasks and timers) until it terminates. The loop is a
     * {@link ManualIoEventLoop} so that a script running past {@code busy-reply-threshold} can serve the network
     * once from inside its count hook ({@link #serveWhileBusy}).
     */
    private void drive() {
        while (!group.isTerminated()) {
            try {
                group.run(0);
            } catch (Throwable t) {
                LOG.error("Unexpected error in the event loop", t);
            }
        }
    }

    /**
     * One non-blocking round of socket I/O, no tasks or timers (Redis's {@code processEventsWhileBlocked}), from
     * inside a timed-out script; returns {@code false} once the store is stopping.
     */
    private boolean serveWhileBusy() {
        if (group.isShuttingDown()) {
            return false;
        }
        if (group.inEventLoop()) {
            group.runNow(-1);
        }
        return !group.isShuttingDown();
    }

    /**
     * Binds every {@code bind} address on {@code port} and starts serving.
     *
     * @throws IllegalStateException when a required address cannot be bound (the message says which and why)
     */
    public static StoreServer start(StoreEngine engine) {
        Transport transport = Transport.best();
        InfoCommand.multiplexingApi(transport.api());
        StoreServer server = new StoreServer(engine, transport);
        try {
            server.bind();
        } catch (RuntimeException e) {
            server.group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        engine.shutdownHook(server::stopAsync);
        engine.evictionScheduler(() -> server.group.next().execute(engine::evictionStep));
        engine.busyScriptSupport(server.group, server::serveWhileBusy);
        server.call(e -> {
            ReplicationManager repl = ReplicationManager.of(e);
            repl.listeningPort(server.port());
            repl.commandThread(server.group.next());
            repl.connector(new NettyLinkConnector(server.group.next(), transport, e));
            return null;
        });
        server.scheduleCron();
        return server;
    }

    /** Runs the engine's cron every {@code 1000 / hz} ms, re-reading {@code hz} each time (CONFIG SET hz applies). */
    private void scheduleCron() {
        long period = Math.max(1, 1000 / engine.config().hz());
        group.next()
                .schedule(
                        () -> {
                            engine.cron();
                            if (!group.isShuttingDown()) {
                                scheduleCron();
                            }
                        },
                        period,
                        TimeUnit.MILLISECONDS);
    }

    private void bind() {
        int port = engine.config().port();
        LOG.info(
                "Vigil store starting (Redis {} compatible), pid {}, {} databases, config file {}",
                io.vigil.store.commands.ConnectionCommands.REDIS_VERSION,
                ProcessHandle.current().pid(),
                engine.config().databases(),
                engine.config().configFile() == null ? "none" : engine.config().configFile());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(
                        ChannelOption.SO_BACKLOG,
                        Integer.parseInt(engine.config().get("tcp-backlog")))
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ClientHandler(engine));
                    }
                });
        for (String address : engine.config().bind()) {
            boolean optional = address.startsWith("-");
            String host = optional ? address.substring(1) : address;
            if (host.equals("*")) {
                host = "0.0.0.0";
            } else if (host.equals("::*")) {
                host = "::";
            }
            int bindPort = listeners.isEmpty() ? port : port();
            try {
                Channel channel = bootstrap.bind(host, bindPort).sync().channel();
                listeners.add(channel);
                LOG.info("Vigil store listening on {}:{} ({})", host, port(channel), transport.api());
            } catch (Exception e) {
                if (optional) {
                    LOG.warn("Could not bind optional address {}:{}: {}", host, bindPort, e.getMessage());
                    continue;
                }
                throw new IllegalStateException(
                        "Could not create server TCP listening socket " + host + ":" + bindPort + ": " + e.getMessage(),
                        e);
            }
        }
        if (listeners.isEmpty()) {
            throw new IllegalStateException(
                    "no address could be bound (bind " + engine.config().get("bind") + ")");
        }
    }

    /**
     * Logs that the store serves every command, as redis-server does once its dataset is loaded (scripts and tests
     * wait for this line).
     */
    public void logReady() {
        LOG.info("Ready to accept connections tcp (run_id {})", engine.runId());
    }

    private static int port(Channel channel) {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The bound port. */
    public int port() {
        return port(listeners.get(0));
    }

    /** The first bound address. */
    public String host() {
        return ((InetSocketAddress) listeners.get(0).localAddress())
                .getAddress()
                .getHostAddress();
    }

    /** Runs an action on the command thread and waits for its result. */
    public <T> T call(Function<StoreEngine, T> action) {
        try {
            return group.next().submit(() -> action.apply(engine)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("store action failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the store", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("store did not run the action within 30 s", e);
        }
    }

    /** Completes when the event loop has stopped. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    private void stopAsync() {
        for (Channel listener : listeners) {
            listener.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(f -> terminated.complete(null));
    }

    /** Stops listening, closes all clients and the event loop, and waits (up to 10 s). */
    public void stop() {
        if (!group.isShuttingDown()) {
            try {
                group.submit(() -> {
                            for (var c : new ArrayList<>(engine.clients())) {
                                engine.kill(c, false);
                            }
                        })
                        .await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopAsync();
        }
        terminated.orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
    }
}
