package io.vigil.monitor.impl;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.netty.util.concurrent.EventExecutor;
import io.vigil.monitor.CommandResult;
import io.vigil.monitor.CommandStatus;
import io.vigil.monitor.HelloMessage;
import io.vigil.monitor.InfoReply;
import io.vigil.monitor.InstanceLink;
import io.vigil.monitor.LinkListener;
import io.vigil.monitor.LinkSettings;
import io.vigil.monitor.LinkState;
import io.vigil.monitor.LinkStateChange;
import io.vigil.monitor.LinkTarget;
import io.vigil.monitor.MasterDownReply;
import io.vigil.monitor.PingOutcome;
import io.vigil.monitor.PingResult;
import io.vigil.monitor.ReconfigureReply;
import io.vigil.monitor.TlsSettings;
import io.vigil.monitor.info.InfoParseException;
import io.vigil.monitor.info.InfoParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link InstanceLink} over Lettuce. All mutable state is confined to one executor of the shared Lettuce
 * computation pool ({@code loop}): timers fire there and every Lettuce completion hops there before touching state.
 * Listener callbacks and action results go to the service's serialized event executor.
 *
 * <p>Lettuce's own reconnect and command timeouts are off: the link reconnects itself (with back-off, so its state
 * machine sees every drop) and keeps unanswered commands counted as pending until the connection is dropped, which
 * is what bounds the commands queued to a hung instance.
 */
public final class LettuceInstanceLink implements InstanceLink {

    private static final Logger log = LoggerFactory.getLogger(LettuceInstanceLink.class);
    private static final StringCodec CODEC = StringCodec.UTF8;
    private static final int TRANSACTION_COMMANDS = 6;

    private final LinkTarget target;
    private final LinkSettings settings;
    private final LinkListener listener;
    private final Executor events;
    private final LongSupplier clock;
    private final EventExecutor loop;
    private final RedisClient client;
    private final String commandName;
    private final String pubSubName;
    private final ReconnectBackoff backoff;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private volatile LinkState state = LinkState.CONNECTING;
    private volatile CommandSession command;
    private volatile Duration infoPeriod;
    private StatefulRedisPubSubConnection<String, String> pubSub;
    private boolean commandConnecting;
    private boolean pubSubConnecting;
    private String lastFailure = "not connected yet";
    private long lastInfoSentAt = Long.MIN_VALUE;
    private Future<?> pingTask;
    private Future<?> infoTask;
    private Future<?> reconnectTask;

    /** The command connection and what is pending on it. Replaced as a whole on reconnect. */
    private static final class CommandSession {
        final StatefulRedisConnection<String, String> connection;
        final AtomicInteger pending = new AtomicInteger();
        final ArrayDeque<OutstandingPing> pings = new ArrayDeque<>();
        long lastReplyAt;
        long lastPingSentAt = Long.MIN_VALUE;
        boolean infoInFlight;

        CommandSession(StatefulRedisConnection<String, String> connection, long connectedAt) {
            this.connection = connection;
            this.lastReplyAt = connectedAt;
        }
    }

    private static final class OutstandingPing {
        final long sentAt;
        boolean reportedPending;

        OutstandingPing(long sentAt) {
            this.sentAt = sentAt;
        }
    }

    /**
     * Creates a link; call {@link #start()} to connect.
     *
     * @param resources the Lettuce resources shared by all links
     * @param loop the single-threaded executor this link's state is confined to
     * @param events the serialized event executor
     * @param clock the injected clock, in milliseconds
     */
    public LettuceInstanceLink(
            LinkTarget target,
            LinkSettings settings,
            LinkListener listener,
            ClientResources resources,
            EventExecutor loop,
            Executor events,
            LongSupplier clock,
            String commandName,
            String pubSubName) {
        this.target = Objects.requireNonNull(target, "target");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.commandName = commandName;
        this.pubSubName = pubSubName;
        this.infoPeriod = settings.infoPeriod();
        this.backoff = new ReconnectBackoff(settings.reconnectInitialDelay(), settings.reconnectMaxDelay());
        this.client = RedisClient.create(resources);
        client.setOptions(clientOptions(settings, target.tls()));
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                runOnLoop(() -> connectionLost(connection));
            }
        });
    }

    static ClientOptions clientOptions(LinkSettings settings, TlsSettings tls) {
        ClientOptions.Builder options = ClientOptions.builder()
                .autoReconnect(false)
                .pingBeforeActivateConnection(false)
                .protocolVersion(ProtocolVersion.RESP2)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(settings.maxPendingCommands() + 16)
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(settings.connectTimeout())
                        .keepAlive(true)
                        .tcpNoDelay(true)
                        .build());
        if (tls.enabled()) {
            SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider();
            tls.trustedCertificates().ifPresent(pem -> ssl.trustManager(pem.toFile()));
            if (tls.clientCertificate().isPresent()) {
                ssl.keyManager(
                        tls.clientCertificate().get().toFile(),
                        tls.clientKey().get().toFile(),
                        null);
            }
            options.sslOptions(ssl.build());
        }
        return options.build();
    }

    RedisURI uri(String clientName) {
        return uri(target, settings, clientName);
    }

    static RedisURI uri(LinkTarget target, LinkSettings settings, String clientName) {
        RedisURI.Builder uri = RedisURI.builder()
                .withHost(target.address().host())
                .withPort(target.address().port())
                .withTimeout(settings.connectTimeout())
                .withClientName(clientName);
        if (target.password().isPresent()) {
            String password = target.password().get();
            if (target.username().isPresent()) {
                uri.withAuthentication(target.username().get(), password);
            } else {
                uri.withPassword(password.toCharArray());
            }
        }
        if (target.tls().enabled()) {
            uri.withSsl(true)
                    .withVerifyPeer(
                            switch (target.tls().verify()) {
                                case NONE -> SslVerifyMode.NONE;
                                case CA -> SslVerifyMode.CA;
                                case FULL -> SslVerifyMode.FULL;
                            });
        }
        return uri.build();
    }

    /** Starts connecting and the PING and INFO timers. */
    public void start() {
        runOnLoop(() -> {
            long ping = settings.pingPeriod().toMillis();
            pingTask = loop.scheduleWithFixedDelay(this::pingTick, ping, ping, TimeUnit.MILLISECONDS);
            connectMissing();
        });
    }

    @Override
    public LinkTarget target() {
        return target;
    }

    @Override
    public LinkState state() {
        return state;
    }

    @Override
    public int pendingCommands() {
        CommandSession session = command;
        return session == null ? 0 : session.pending.get();
    }

    @Override
    public Duration infoPeriod() {
        return infoPeriod;
    }

    @Override
    public void setInfoPeriod(Duration period) {
        Objects.requireNonNull(period, "period");
        if (period.compareTo(LinkSettings.MIN_INFO_PERIOD) < 0) {
            throw new IllegalArgumentException("info period must be at least " + LinkSettings.MIN_INFO_PERIOD.toMillis()
                    + " ms, was " + period.toMillis() + " ms");
        }
        infoPeriod = period;
        runOnLoop(() -> {
            if (state == LinkState.CLOSED || !target.kind().pollsInfo()) {
                return;
            }
            long delay = lastInfoSentAt == Long.MIN_VALUE
                    ? 0
                    : Math.max(0, lastInfoSentAt + period.toMillis() - clock.getAsLong());
            scheduleInfo(Math.min(delay, period.toMillis()));
        });
    }

    // ---- connecting -------------------------------------------------------------------------------------------

    private void connectMissing() {
        reconnectTask = null;
        if (state == LinkState.CLOSED) {
            return;
        }
        boolean needCommand = command == null && !commandConnecting;
        boolean needPubSub = target.kind().hasPubSub() && pubSub == null && !pubSubConnecting;
        if (!needCommand && !needPubSub) {
            return;
        }
        moveTo(LinkState.CONNECTING, "connecting to " + target.address());
        if (needCommand) {
            commandConnecting = true;
            client.connectAsync(CODEC, uri(commandName)).whenCompleteAsync(this::commandConnected, loop);
        }
        if (needPubSub) {
            pubSubConnecting = true;
            connectPubSub().whenCompleteAsync(this::pubSubConnected, loop);
        }
    }

    private CompletionStage<StatefulRedisPubSubConnection<String, String>> connectPubSub() {
        return client.connectPubSubAsync(CODEC, uri(pubSubName)).thenCompose(connection -> {
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    long at = clock.getAsLong();
                    runOnLoop(() -> helloReceived(connection, channel, message, at));
                }
            });
            return connection.async().subscribe(HELLO_CHANNEL).handle((ok, error) -> {
                if (error != null) {
                    connection.closeAsync();
                    throw new CompletionException(unwrap(error));
                }
                return connection;
            });
        });
    }

    private void commandConnected(StatefulRedisConnection<String, String> connection, Throwable error) {
        commandConnecting = false;
        if (state == LinkState.CLOSED) {
            if (connection != null) {
                connection.closeAsync();
            }
            return;
        }
        if (error != null) {
            lastFailure = "command connection failed: " + describe(error);
        } else {
            CommandSession session = new CommandSession(connection, clock.getAsLong());
            command = session;
            sendPing(session);
            if (target.kind().pollsInfo()) {
                scheduleInfo(0);
            }
        }
        attemptFinished();
    }

    private void pubSubConnected(StatefulRedisPubSubConnection<String, String> connection, Throwable error) {
        pubSubConnecting = false;
        if (state == LinkState.CLOSED) {
            if (connection != null) {
                connection.closeAsync();
            }
            return;
        }
        if (error != null) {
            lastFailure = "pub/sub connection failed: " + describe(error);
        } else {
            pubSub = connection;
        }
        attemptFinished();
    }

    private void attemptFinished() {
        if (commandConnecting || pubSubConnecting) {
            return;
        }
        if (command != null && (pubSub != null || !target.kind().hasPubSub())) {
            backoff.reset();
            moveTo(LinkState.UP, "connected");
        } else {
            moveTo(LinkState.DOWN, lastFailure);
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        if (reconnectTask == null && state != LinkState.CLOSED) {
            reconnectTask = loop.schedule(this::connectMissing, backoff.nextDelayMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void connectionLost(RedisChannelHandler<?, ?> connection) {
        if (state == LinkState.CLOSED) {
            return;
        }
        CommandSession session = command;
        if (session != null && session.connection == connection) {
            dropCommand("command connection closed");
        } else if (pubSub != null && pubSub == connection) {
            dropPubSub("pub/sub connection closed");
        }
    }

    private void dropCommand(String reason) {
        CommandSession session = command;
        if (session == null) {
            return;
        }
        command = null;
        session.connection.closeAsync();
        if (pubSub != null) {
            pubSub.closeAsync();
            pubSub = null;
        }
        lastFailure = reason;
        log.debug("{}: {}", target, reason);
        moveTo(LinkState.DOWN, reason);
        scheduleReconnect();
    }

    private void dropPubSub(String reason) {
        StatefulRedisPubSubConnection<String, String> connection = pubSub;
        pubSub = null;
        connection.closeAsync();
        lastFailure = reason;
        moveTo(LinkState.DOWN, reason);
        if (!commandConnecting) {
            scheduleReconnect();
        }
    }

    private void moveTo(LinkState next, String reason) {
        LinkState from = state;
        if (from == next) {
            return;
        }
        from.checkMoveTo(next);
        state = next;
        LinkStateChange change = new LinkStateChange(target.address(), from, next, clock.getAsLong(), reason);
        log.debug("{}: {} -> {} ({})", target, from, next, reason);
        events.execute(() -> listener.onStateChange(change));
    }

    // ---- PING, INFO, hello -------------------------------------------------------------------------------------

    private void pingTick() {
        CommandSession session = command;
        if (session == null || state == LinkState.CLOSED) {
            return;
        }
        long now = clock.getAsLong();
        long pingTimeout = settings.pingTimeout().toMillis();
        for (OutstandingPing ping : session.pings) {
            if (!ping.reportedPending && now - ping.sentAt >= pingTimeout) {
                ping.reportedPending = true;
                emitPing(PingOutcome.PENDING, ping.sentAt, now, "no reply after " + (now - ping.sentAt) + " ms");
            }
        }
        long silence = settings.silenceLimit().toMillis();
        OutstandingPing oldest = session.pings.peekFirst();
        boolean oldestPingStale = oldest == null || now - oldest.sentAt >= silence;
        if (session.pending.get() > 0 && oldestPingStale && now - session.lastReplyAt >= silence) {
            dropCommand("no reply for " + (now - session.lastReplyAt) + " ms with " + session.pending.get()
                    + " commands pending");
            return;
        }
        if (session.lastPingSentAt == Long.MIN_VALUE
                || now - session.lastPingSentAt >= settings.pingPeriod().toMillis() / 2) {
            sendPing(session);
        }
    }

    private void sendPing(CommandSession session) {
        if (session.pending.get() >= settings.maxPendingCommands()) {
            log.debug("{}: PING not sent, {} commands pending", target, session.pending.get());
            return;
        }
        OutstandingPing ping = new OutstandingPing(clock.getAsLong());
        session.lastPingSentAt = ping.sentAt;
        session.pings.addLast(ping);
        session.pending.incrementAndGet();
        CompletionStage<String> reply;
        try {
            reply = session.connection.async().ping();
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenCompleteAsync((text, error) -> pingReplied(session, ping, text, error), loop);
    }

    private void pingReplied(CommandSession session, OutstandingPing ping, String text, Throwable error) {
        session.pending.decrementAndGet();
        session.pings.remove(ping);
        if (session != command || state == LinkState.CLOSED) {
            return;
        }
        long now = clock.getAsLong();
        Throwable cause = unwrap(error);
        if (cause == null) {
            session.lastReplyAt = now;
            boolean pong = "PONG".equalsIgnoreCase(text);
            emitPing(pong ? PingOutcome.PONG : PingOutcome.ERROR, ping.sentAt, now, pong ? text : "unexpected " + text);
        } else if (cause instanceof RedisCommandExecutionException) {
            session.lastReplyAt = now;
            emitPing(PingOutcome.ofError(cause.getMessage()), ping.sentAt, now, String.valueOf(cause.getMessage()));
        } else {
            emitPing(PingOutcome.DISCONNECTED, ping.sentAt, now, describe(cause));
            dropCommand("PING failed: " + describe(cause));
        }
    }

    private void emitPing(PingOutcome outcome, long sentAt, long observedAt, String detail) {
        PingResult result = new PingResult(target.address(), outcome, sentAt, observedAt, detail);
        events.execute(() -> listener.onPing(result));
    }

    private void scheduleInfo(long delayMillis) {
        if (infoTask != null) {
            infoTask.cancel(false);
        }
        infoTask = loop.schedule(this::infoTick, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void infoTick() {
        infoTask = null;
        if (state == LinkState.CLOSED) {
            return;
        }
        CommandSession session = command;
        if (session != null && !session.infoInFlight && session.pending.get() < settings.maxPendingCommands()) {
            sendInfo(session);
        }
        scheduleInfo(infoPeriod.toMillis());
    }

    private void sendInfo(CommandSession session) {
        long sentAt = clock.getAsLong();
        lastInfoSentAt = sentAt;
        session.infoInFlight = true;
        session.pending.incrementAndGet();
        CompletionStage<String> reply;
        try {
            reply = session.connection.async().info();
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenCompleteAsync((text, error) -> infoReplied(session, sentAt, text, error), loop);
    }

    private void infoReplied(CommandSession session, long sentAt, String text, Throwable error) {
        session.pending.decrementAndGet();
        session.infoInFlight = false;
        if (session != command || state == LinkState.CLOSED) {
            return;
        }
        long now = clock.getAsLong();
        Throwable cause = unwrap(error);
        if (cause == null) {
            session.lastReplyAt = now;
            try {
                InfoReply reply = new InfoReply(target.address(), sentAt, now, InfoParser.parse(text));
                events.execute(() -> listener.onInfo(reply));
            } catch (InfoParseException e) {
                log.warn("{}: INFO reply ignored: {}", target, e.getMessage());
            }
        } else if (cause instanceof RedisCommandExecutionException) {
            session.lastReplyAt = now;
            log.debug("{}: INFO answered {}", target, cause.getMessage());
        } else {
            dropCommand("INFO failed: " + describe(cause));
        }
    }

    private void helloReceived(
            StatefulRedisPubSubConnection<String, String> connection, String channel, String message, long at) {
        if (connection != pubSub || state == LinkState.CLOSED) {
            return;
        }
        HelloMessage hello = new HelloMessage(target.address(), channel, message, at);
        events.execute(() -> listener.onHello(hello));
    }

    // ---- actions ----------------------------------------------------------------------------------------------

    @Override
    public CompletionStage<CommandResult<Long>> publishHello(String payload) {
        Objects.requireNonNull(payload, "payload");
        return action("PUBLISH " + HELLO_CHANNEL, 1, a -> a.publish(HELLO_CHANNEL, payload), Function.identity());
    }

    @Override
    public CompletionStage<CommandResult<ReconfigureReply>> reconfigure(String hostOrNull, int port) {
        if (hostOrNull != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("port must be in 1..65535, was " + port);
        }
        String name = hostOrNull == null
                ? "SLAVEOF NO ONE transaction"
                : "SLAVEOF " + hostOrNull + " " + port + " transaction";
        return action(name, TRANSACTION_COMMANDS, a -> sendReconfigure(a, hostOrNull, port), Function.identity());
    }

    private static CompletionStage<ReconfigureReply> sendReconfigure(
            RedisAsyncCommands<String, String> commands, String host, int port) {
        commands.multi();
        CommandArgs<String, String> slaveofArgs = host == null
                ? new CommandArgs<>(CODEC).add("NO").add("ONE")
                : new CommandArgs<>(CODEC).add(host).add(port);
        CompletableFuture<String> slaveof = commands.dispatch(
                        CommandType.SLAVEOF, new StatusOutput<>(CODEC), slaveofArgs)
                .toCompletableFuture();
        CompletableFuture<String> rewrite = commands.configRewrite().toCompletableFuture();
        CompletableFuture<Long> killNormal = commands.dispatch(
                        CommandType.CLIENT,
                        new IntegerOutput<>(CODEC),
                        new CommandArgs<>(CODEC).add("KILL").add("TYPE").add("normal"))
                .toCompletableFuture();
        CompletableFuture<Long> killPubsub = commands.dispatch(
                        CommandType.CLIENT,
                        new IntegerOutput<>(CODEC),
                        new CommandArgs<>(CODEC).add("KILL").add("TYPE").add("pubsub"))
                .toCompletableFuture();
        return commands.exec()
                .thenApply(ignored ->
                        new ReconfigureReply(text(slaveof), text(rewrite), text(killNormal), text(killPubsub)));
    }

    private static String text(CompletableFuture<?> subReply) {
        if (!subReply.isDone()) {
            return "-no reply";
        }
        try {
            return String.valueOf(subReply.getNow(null));
        } catch (CompletionException e) {
            return "-" + unwrap(e).getMessage();
        }
    }

    @Override
    public CompletionStage<CommandResult<String>> scriptKill() {
        return action("SCRIPT KILL", 1, RedisAsyncCommands::scriptKill, Function.identity());
    }

    @Override
    public CompletionStage<CommandResult<MasterDownReply>> isMasterDownByAddr(
            String ip, int port, long currentEpoch, String runidOrStar) {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(runidOrStar, "runidOrStar");
        CommandArgs<String, String> args = new CommandArgs<>(CODEC)
                .add("is-master-down-by-addr")
                .add(ip)
                .add(port)
                .add(currentEpoch)
                .add(runidOrStar);
        return action(
                "SENTINEL is-master-down-by-addr",
                1,
                a -> a.dispatch(CommandType.SENTINEL, new NestedMultiOutput<>(CODEC), args),
                MasterDownReply::parse);
    }

    @Override
    public CompletionStage<CommandResult<List<Object>>> dispatch(String command, String... args) {
        Objects.requireNonNull(command, "command");
        if (command.isBlank() || command.indexOf(' ') >= 0) {
            throw new IllegalArgumentException(
                    "command must be one word such as CONFIG, with its arguments in args, was '" + command + "'");
        }
        CommandArgs<String, String> commandArgs = new CommandArgs<>(CODEC);
        for (String arg : args) {
            commandArgs.add(arg);
        }
        ProtocolKeyword keyword = keyword(command);
        return action(
                command.toUpperCase(Locale.ROOT),
                1,
                a -> a.dispatch(keyword, new NestedMultiOutput<>(CODEC), commandArgs),
                reply -> reply == null ? List.of() : reply);
    }

    private static ProtocolKeyword keyword(String command) {
        byte[] bytes = command.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return new ProtocolKeyword() {
            @Override
            public byte[] getBytes() {
                return bytes;
            }

            @Override
            public String toString() {
                return new String(bytes, StandardCharsets.UTF_8);
            }
        };
    }

    /** One action's result future, settled once by the reply, the timeout or a refusal. */
    private final class PendingAction<T> {
        final CompletableFuture<CommandResult<T>> future = new CompletableFuture<>();
        boolean settled;

        void settle(CommandResult<T> result) {
            if (!settled) {
                settled = true;
                events.execute(() -> future.complete(result));
            }
        }
    }

    private <R, T> CompletionStage<CommandResult<T>> action(
            String name,
            int commands,
            Function<RedisAsyncCommands<String, String>, CompletionStage<R>> send,
            Function<R, T> parse) {
        PendingAction<T> action = new PendingAction<>();
        Runnable start = () -> {
            long sentAt = clock.getAsLong();
            CommandSession session = command;
            if (state == LinkState.CLOSED || session == null) {
                action.settle(CommandResult.failed(
                        CommandStatus.NOT_CONNECTED,
                        name + " not sent: link to " + target.address() + " is " + state + " (" + lastFailure + ")",
                        sentAt,
                        sentAt));
                return;
            }
            int pending = session.pending.get();
            if (pending + commands > settings.maxPendingCommands()) {
                action.settle(CommandResult.failed(
                        CommandStatus.REJECTED,
                        name + " not sent: " + pending + " commands pending to " + target.address() + ", limit "
                                + settings.maxPendingCommands(),
                        sentAt,
                        sentAt));
                return;
            }
            session.pending.addAndGet(commands);
            CompletionStage<R> reply;
            try {
                reply = send.apply(session.connection.async());
            } catch (RuntimeException e) {
                reply = CompletableFuture.failedFuture(e);
            }
            long timeoutMillis = settings.commandTimeout().toMillis();
            Future<?> timeout = loop.schedule(
                    () -> action.settle(CommandResult.failed(
                            CommandStatus.TIMEOUT,
                            name + " got no reply from " + target.address() + " within " + timeoutMillis + " ms",
                            sentAt,
                            clock.getAsLong())),
                    timeoutMillis,
                    TimeUnit.MILLISECONDS);
            reply.whenCompleteAsync(
                    (value, error) -> {
                        session.pending.addAndGet(-commands);
                        timeout.cancel(false);
                        long now = clock.getAsLong();
                        Throwable cause = unwrap(error);
                        if (cause == null) {
                            session.lastReplyAt = now;
                            T parsed;
                            try {
                                parsed = parse.apply(value);
                            } catch (IllegalArgumentException e) {
                                action.settle(
                                        CommandResult.failed(CommandStatus.ERROR_REPLY, e.getMessage(), sentAt, now));
                                return;
                            }
                            action.settle(CommandResult.ok(parsed, sentAt, now));
                        } else if (cause instanceof RedisCommandExecutionException) {
                            session.lastReplyAt = now;
                            action.settle(CommandResult.failed(
                                    CommandStatus.ERROR_REPLY, String.valueOf(cause.getMessage()), sentAt, now));
                        } else {
                            action.settle(CommandResult.failed(
                                    CommandStatus.DISCONNECTED, name + ": " + describe(cause), sentAt, now));
                        }
                    },
                    loop);
        };
        try {
            loop.execute(start);
        } catch (RejectedExecutionException e) {
            long now = clock.getAsLong();
            events.execute(() -> action.future.complete(CommandResult.failed(
                    CommandStatus.NOT_CONNECTED, name + " not sent: the monitor service is shut down", now, now)));
        }
        return action.future;
    }

    // ---- closing ----------------------------------------------------------------------------------------------

    /** Completes once the link is closed and its client has shut down, without closing it. */
    public CompletionStage<Void> whenClosed() {
        return closed;
    }

    @Override
    public CompletionStage<Void> close() {
        if (!runOnLoop(this::closeOnLoop)) {
            closed.complete(null);
        }
        return closed;
    }

    private void closeOnLoop() {
        if (state == LinkState.CLOSED) {
            return;
        }
        moveTo(LinkState.CLOSED, "closed by its owner");
        for (Future<?> task : new Future<?>[] {pingTask, infoTask, reconnectTask}) {
            if (task != null) {
                task.cancel(false);
            }
        }
        command = null;
        pubSub = null;
        client.shutdownAsync(0, 2, TimeUnit.SECONDS).whenComplete((ok, error) -> {
            if (error != null) {
                log.warn("{}: client shutdown failed", target, error);
            }
            closed.complete(null);
        });
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private boolean runOnLoop(Runnable task) {
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            log.debug("{}: monitor executor shut down, task dropped", target);
            return false;
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (root != cause && root.getMessage() != null) {
            message += " (" + root.getMessage() + ")";
        }
        return message;
    }

    @Override
    public String toString() {
        return "InstanceLink{" + target + ", " + state + ", pending=" + pendingCommands() + "}";
    }
}
