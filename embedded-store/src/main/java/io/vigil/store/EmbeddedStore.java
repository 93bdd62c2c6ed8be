package io.vigil.store;

import io.vigil.store.command.CommandTable;
import io.vigil.store.commands.StandardCommands;
import io.vigil.store.config.StoreConfig;
import io.vigil.store.engine.StoreEngine;
import io.vigil.store.keyspace.StoreClock;
import io.vigil.store.persistence.Persistence;
import io.vigil.store.server.StoreServer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The embedded RESP store as a running server: {@code redis-cli}, {@code redis-benchmark}, Lettuce and Jedis
 * connect to it as to Redis 7.
 *
 * <pre>{@code
 * StoreConfig config = new StoreConfig();
 * config.set("port", "0");
 * try (EmbeddedStore store = EmbeddedStore.start(config)) {
 *     RedisClient.create("redis://127.0.0.1:" + store.port()) ...
 * }
 * }</pre>
 */
public final class EmbeddedStore implements AutoCloseable {

    private final StoreServer server;
    private final StoreEngine engine;

    private EmbeddedStore(StoreServer server, StoreEngine engine) {
        this.server = server;
        this.engine = engine;
    }

    /**
     * Why the store stopped by itself at start (an RDB file it could not load), or {@code null}. Safe to read from
     * any thread once {@link #terminated()} completed.
     */
    public String fatalError() {
        return engine.persistence().fatalError();
    }

    /** Starts a store with the standard commands and the system clock; returns once it listens. */
    public static EmbeddedStore start(StoreConfig config) {
        return start(config, StoreClock.SYSTEM, StandardCommands.table());
    }

    /**
     * Starts a store with the given clock and command table; returns once it listens. As redis-server, it listens
     * first and loads the dataset (the AOF when {@code appendonly yes}, else the dump) on a loader thread meanwhile:
     * until the data is in, commands without the {@code LOADING} flag are answered {@code -LOADING}. A dataset that
     * cannot be loaded stops the store ({@link #terminated()} completes, {@link #fatalError()} says why).
     *
     * @throws IllegalStateException when an address cannot be bound, or the AOF manifest cannot be read
     */
    public static EmbeddedStore start(StoreConfig config, StoreClock clock, CommandTable table) {
        StoreEngine engine = new StoreEngine(config, clock, table);
        Persistence.StartupLoad load = "yes".equals(config.get("appendonly"))
                ? aofLoad(engine) // AOF wins over the dump, as in Redis: with AOF on, dump.rdb is not loaded
                : engine.persistence().rdbLoad();
        if (load != null) {
            engine.persistence().beginLoading(load); // before the event loop starts: no client sees an empty store
        }
        StoreServer server = StoreServer.start(engine);
        server.call(e -> {
            e.persistence().startLoading(server::logReady);
            return null;
        });
        return new EmbeddedStore(server, engine);
    }

    private static Persistence.StartupLoad aofLoad(StoreEngine engine) {
        try {
            return engine.aof().startupLoad();
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Fatal error loading the append only file: " + e.getMessage(), e);
        }
    }

    /** The port it listens on (the actual port when configured with {@code port 0}). */
    public int port() {
        return server.port();
    }

    /** The first bound address. */
    public String host() {
        return server.host();
    }

    /** Runs {@code action} on the command thread (where the engine may be touched) and returns its result. */
    public <T> T call(Function<StoreEngine, T> action) {
        return server.call(action);
    }

    /** Completes when the server has stopped (after {@code SHUTDOWN} or {@link #close()}). */
    public CompletableFuture<Void> terminated() {
        return server.terminated();
    }

    /**
     * What {@code SIGTERM} does to redis-server: wait (up to {@code shutdown-timeout}) for lagging replicas, save
     * when save rules exist (a failed save is logged; the JVM is exiting anyway), then {@link #close()}.
     */
    public void closeAfterFinalSave() {
        if (!server.terminated().isDone()) {
            try {
                long timeout = server.call(e -> {
                    io.vigil.store.replication.ReplicationManager.of(e)
                            .shutdown()
                            .onSignal();
                    return e.config().getLong("shutdown-timeout");
                });
                server.terminated().get(timeout + 5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (IllegalStateException | java.util.concurrent.ExecutionException e) {
                org.slf4j.LoggerFactory.getLogger(EmbeddedStore.class)
                        .warn("Could not shut down cleanly before exiting: {}", e.getMessage());
            } catch (java.util.concurrent.TimeoutException e) {
                org.slf4j.LoggerFactory.getLogger(EmbeddedStore.class)
                        .warn("The shutdown did not end within shutdown-timeout: exiting anyway");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }

    /**
     * A {@code SIGTERM} or {@code SIGINT} ({@code "TERM"}, {@code "INT"}) caught by {@link StoreSignals}: starts the
     * shutdown its {@code shutdown-on-sig*} flags ask for, on the command thread. Returns at once; {@link
     * #terminated()} completes when the store has stopped.
     */
    public io.vigil.store.replication.GracefulShutdown.SignalOutcome onSignal(String signal) {
        if (server.terminated().isDone()) {
            return io.vigil.store.replication.GracefulShutdown.SignalOutcome.SHUTTING_DOWN;
        }
        return server.call(e ->
                io.vigil.store.replication.ReplicationManager.of(e).shutdown().onSignal(signal));
    }

    /** Stops listening, closes every client and stops the event loop; waits for it. */
    @Override
    public void close() {
        server.stop();
    }
}
