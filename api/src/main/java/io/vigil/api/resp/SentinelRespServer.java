package io.vigil.api.resp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vigil.api.resp.impl.ClientRegistry;
import io.vigil.api.resp.impl.CommandTable;
import io.vigil.api.resp.impl.PubSubHub;
import io.vigil.api.resp.impl.RespConnection;
import io.vigil.api.resp.impl.ServerContext;
import io.vigil.api.sentinel.SentinelService;
import java.time.Clock;
import java.util.Objects;

/**
 * The sentinel's RESP port: speaks the Redis Sentinel protocol (RESP2 and RESP3, pipelining, inline commands) to
 * clients and peer sentinels, answering from a {@link SentinelService}, and delivers events published through {@link
 * #events()} to subscribed clients.
 *
 * <pre>{@code
 * SentinelRespServer port = new SentinelRespServer(vertx, new SentinelRespOptions().port(26379), service);
 * port.start().await();
 * port.events().publish("+switch-master", "mymaster 10.0.0.1 6379 10.0.0.2 6379");
 * port.stop();
 * }</pre>
 */
public final class SentinelRespServer {

    private final Vertx vertx;
    private final SentinelRespOptions options;
    private final PubSubHub hub = new PubSubHub();
    private final ServerContext context;
    private final CommandTable table;
    private volatile NetServer server;

    /** A port answering from {@code service}, using the system clock. */
    public SentinelRespServer(Vertx vertx, SentinelRespOptions options, SentinelService service) {
        this(vertx, options, service, Clock.systemUTC());
    }

    /** A port answering from {@code service}; {@code clock} dates uptime and client ages. */
    public SentinelRespServer(Vertx vertx, SentinelRespOptions options, SentinelService service, Clock clock) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.options = Objects.requireNonNull(options, "options");
        this.context = new ServerContext(
                Objects.requireNonNull(service, "service"),
                hub,
                new ClientRegistry(),
                options,
                Objects.requireNonNull(clock, "clock"),
                clock.millis(),
                this::actualPort);
        this.table = new CommandTable(context);
    }

    /**
     * Binds and listens. Completes with this server once listening, or fails with the bind error (e.g. the port is in
     * use), after which {@code start()} may be called again.
     *
     * @throws IllegalStateException when already started
     */
    public synchronized Future<SentinelRespServer> start() {
        if (server != null) {
            throw new IllegalStateException("already started on " + options.host() + ":" + actualPort());
        }
        NetServer created = vertx.createNetServer(new NetServerOptions()
                .setHost(options.host())
                .setPort(options.port())
                .setTcpNoDelay(true)
                .setReuseAddress(true));
        created.connectHandler(socket -> RespConnection.serve(socket, vertx.getOrCreateContext(), table, context));
        server = created;
        return created.listen().map(listening -> this).recover(failure -> {
            forget(created);
            return Future.failedFuture(failure);
        });
    }

    private synchronized void forget(NetServer failed) {
        if (server == failed) {
            server = null;
        }
    }

    /** The port actually listened on (useful after {@code port(0)}); 0 before {@link #start()} completed. */
    public int actualPort() {
        NetServer current = server;
        return current == null ? 0 : current.actualPort();
    }

    /** Where the sentinel process publishes its events; deliveries go to this port's subscribers. */
    public EventPublisher events() {
        return hub;
    }

    /** The options this port was built with. */
    public SentinelRespOptions options() {
        return options;
    }

    /** Stops listening and closes every client connection. */
    public synchronized Future<Void> stop() {
        NetServer current = server;
        if (current == null) {
            return Future.succeededFuture();
        }
        server = null;
        return current.close();
    }
}
