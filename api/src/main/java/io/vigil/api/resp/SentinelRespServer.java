package io.vigil.api.resp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
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
    private volatile NetServer tlsServer;

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
        if (server != null || tlsServer != null) {
            throw new IllegalStateException("already started on " + options.host() + ":" + actualPort());
        }
        if (!options.plainPort() && options.tls().isEmpty()) {
            throw new IllegalStateException("no plain port and no TLS port: nothing to listen on");
        }
        NetServer plain = options.plainPort() ? listener(plainOptions()) : null;
        NetServer secure = options.tls().map(t -> listener(tlsOptions(t))).orElse(null);
        server = plain;
        tlsServer = secure;
        Future<?> plainListening = plain == null ? Future.succeededFuture() : plain.listen();
        Future<?> tlsListening = secure == null ? Future.succeededFuture() : secure.listen();
        return Future.all(plainListening, tlsListening).map(listening -> this).recover(failure -> {
            forget(plain, secure);
            return Future.failedFuture(failure);
        });
    }

    private NetServerOptions plainOptions() {
        return new NetServerOptions()
                .setHost(options.host())
                .setPort(options.port())
                .setTcpNoDelay(true)
                .setReuseAddress(true);
    }

    private NetServerOptions tlsOptions(RespTlsOptions tls) {
        NetServerOptions o = plainOptions().setPort(tls.port()).setSsl(true);
        o.setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(tls.certificateChain().toString())
                .setKeyPath(tls.privateKey().toString()));
        o.setTrustOptions(
                new PemTrustOptions().addCertPath(tls.trustedCertificates().toString()));
        o.setClientAuth(
                switch (tls.clientAuth()) {
                    case REQUIRED -> ClientAuth.REQUIRED;
                    case OPTIONAL -> ClientAuth.REQUEST;
                    case NONE -> ClientAuth.NONE;
                });
        return o;
    }

    private NetServer listener(NetServerOptions serverOptions) {
        NetServer created = vertx.createNetServer(serverOptions);
        created.connectHandler(socket -> RespConnection.serve(socket, vertx.getOrCreateContext(), table, context));
        return created;
    }

    private synchronized void forget(NetServer plain, NetServer secure) {
        if (plain != null) {
            plain.close();
        }
        if (secure != null) {
            secure.close();
        }
        if (server == plain) {
            server = null;
        }
        if (tlsServer == secure) {
            tlsServer = null;
        }
    }

    /** The port actually listened on (useful after {@code port(0)}); 0 before {@link #start()} completed. */
    public int actualPort() {
        NetServer current = server;
        return current == null ? 0 : current.actualPort();
    }

    /** The TLS port actually listened on; 0 when there is none or before {@link #start()} completed. */
    public int actualTlsPort() {
        NetServer current = tlsServer;
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
        NetServer plain = server;
        NetServer secure = tlsServer;
        server = null;
        tlsServer = null;
        return Future.all(
                        plain == null ? Future.succeededFuture() : plain.close(),
                        secure == null ? Future.succeededFuture() : secure.close())
                .mapEmpty();
    }
}
