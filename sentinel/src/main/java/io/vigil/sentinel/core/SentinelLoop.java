package io.vigil.sentinel.core;

import io.vigil.api.resp.EventPublisher;
import io.vigil.api.sentinel.SimulatedFailure;
import io.vigil.config.sentinel.MasterState;
import io.vigil.config.sentinel.SentinelState;
import io.vigil.config.sentinel.SentinelStateStore;
import io.vigil.election.Action;
import io.vigil.election.Address;
import io.vigil.election.NodeSnapshot;
import io.vigil.election.PingReply;
import io.vigil.election.SentinelNode;
import io.vigil.monitor.CommandResult;
import io.vigil.monitor.CommandStatus;
import io.vigil.monitor.HelloMessage;
import io.vigil.monitor.InfoReply;
import io.vigil.monitor.InstanceLink;
import io.vigil.monitor.LinkListener;
import io.vigil.monitor.LinkSettings;
import io.vigil.monitor.LinkStateChange;
import io.vigil.monitor.MonitorService;
import io.vigil.monitor.TlsSettings;
import io.vigil.monitor.info.InfoParser;
import io.vigil.monitor.info.InfoSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one {@link SentinelNode} on a single event-loop thread: feeds it what the links observe, ticks it, and
 * performs the {@link Action}s it returns — links (Lettuce, {@code monitor/}) for instance traffic, the state store
 * ({@code config/}) for persistence, the RESP port's publisher ({@code api/}) for events.
 *
 * <p>Every method that touches the node runs on the loop thread; other threads go through {@link #call}. Reads for
 * the API come from an immutable {@link Views} snapshot refreshed after every step.
 */
public final class SentinelLoop {

    private static final Logger LOG = LoggerFactory.getLogger(SentinelLoop.class);
    private static final Logger EVENTS = LoggerFactory.getLogger("io.vigil.sentinel.events");

    /**
     * The read snapshot is rebuilt after every step that changed what the API shows (an event, a persist, a
     * reconfiguration, an answer) and at least this often; routine probes alone do not rebuild it.
     */
    private static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** The snapshot the API reads: the core's read model plus each link's pending command count. */
    record Views(NodeSnapshot snapshot, Map<Address, Long> pending, int runningScripts, int queuedScripts) {}

    /** A cached INFO text and when it arrived. */
    record CachedText(long at, String text) {}

    private final ScheduledExecutorService executor;
    private final ScriptRunner scripts;
    private final Map<Address, String> fencingErrors = new HashMap<>();
    private final SentinelNode node;
    private final SentinelStateStore store;
    private final LinkTable links;
    private final LinkTable.Credentials sentinelCredentials;
    private final long tickMillis;
    private final Runnable crash;
    private final Map<Long, CompletableFuture<Action.IsMasterDownAnswer>> answers = new HashMap<>();
    private final Map<Address, CachedText> infoCache = new ConcurrentHashMap<>();
    private Map<Address, List<String>> owners = Map.of();
    private SentinelState fileState;
    private Action.Persist failedPersist;
    private long nextRequestId = 1;
    private ScheduledFuture<?> ticker;
    private boolean stopped;
    private boolean ticking;
    private boolean changed;
    private long lastRefresh;
    private volatile EventPublisher events = (channel, message) -> 0;
    private volatile Views views;
    private volatile Set<SimulatedFailure> simulated = Set.of();

    /**
     * @param executor the single-threaded loop (also the monitor service's event executor)
     * @param node the core, built from {@code fileState}
     * @param store where state is persisted
     * @param fileState the state as last loaded or saved
     * @param monitor the link factory
     * @param linkSettings settings for every link
     * @param tls TLS for every link to instances and sentinels ({@code tls-replication})
     * @param sentinelCredentials credentials for links to peer sentinels
     * @param tickMillis how often to tick the core
     * @param crash what a simulated failure does (the process exits)
     */
    public SentinelLoop(
            ScheduledExecutorService executor,
            SentinelNode node,
            SentinelStateStore store,
            SentinelState fileState,
            MonitorService monitor,
            LinkSettings linkSettings,
            TlsSettings tls,
            LinkTable.Credentials sentinelCredentials,
            long tickMillis,
            Runnable crash) {
        this.executor = executor;
        this.node = node;
        this.store = store;
        this.fileState = fileState;
        this.sentinelCredentials = sentinelCredentials;
        this.tickMillis = tickMillis;
        this.crash = crash;
        this.links = new LinkTable(monitor, linkSettings, tls, this::listener);
        this.scripts = new ScriptRunner(executor, System::currentTimeMillis, this::publishLocal);
        refresh();
    }

    /**
     * Opens the links to every instance and sentinel the state names, then starts ticking once they are all
     * connected or {@code warmupMillis} have passed, whichever comes first, so that a slow start (a cold JVM) is not
     * mistaken for instances being down.
     *
     * @return completes when the core ticks
     */
    public CompletableFuture<Void> start(long warmupMillis) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        call(() -> {
            refresh();
            List<InstanceLink> initial = new ArrayList<>();
            for (io.vigil.election.MasterView m : views.snapshot().masters()) {
                initial.add(instanceLink(m.name(), m.currentAddress()));
                m.replicas().forEach(r -> initial.add(instanceLink(m.name(), r.address())));
                m.sentinels().forEach(p -> initial.add(links.sentinel(p.address(), sentinelCredentials)));
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(warmupMillis);
            awaitLinks(initial, deadline, started);
            return null;
        });
        return started;
    }

    private void awaitLinks(List<InstanceLink> initial, long deadline, CompletableFuture<Void> started) {
        boolean up = initial.stream().allMatch(l -> l.state().isConnected());
        if (stopped || up || System.nanoTime() >= deadline) {
            if (!stopped) {
                LOG.info(
                        "{} of {} links up; starting",
                        initial.stream().filter(l -> l.state().isConnected()).count(),
                        initial.size());
                ticking = true;
                ticker = executor.scheduleAtFixedRate(this::tick, 0, tickMillis, TimeUnit.MILLISECONDS);
            }
            started.complete(null);
            return;
        }
        executor.schedule(() -> awaitLinks(initial, deadline, started), 10, TimeUnit.MILLISECONDS);
    }

    /** Stops ticking and closes every link. */
    public void stop() {
        call(() -> {
                    if (ticker != null) {
                        ticker.cancel(false);
                    }
                    stopped = true;
                    links.closeAll();
                    return null;
                })
                .join();
    }

    /** Where events go (the RESP port's subscribers). */
    public void events(EventPublisher publisher) {
        this.events = publisher;
    }

    /** The node; touch it only on the loop thread (inside {@link #call}). */
    SentinelNode node() {
        return node;
    }

    /** The latest read snapshot. */
    Views views() {
        return views;
    }

    /** The cached INFO text of an instance. */
    Optional<CachedText> cachedInfo(Address address) {
        return Optional.ofNullable(infoCache.get(address));
    }

    /** Arms simulated failures ({@code SENTINEL SIMULATE-FAILURE}). */
    void simulate(Set<SimulatedFailure> failures) {
        this.simulated = Set.copyOf(failures);
    }

    Set<SimulatedFailure> simulated() {
        return simulated;
    }

    /** Runs {@code work} on the loop thread and refreshes the snapshot after it. */
    <T> CompletableFuture<T> call(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                T value = work.get();
                refresh();
                result.complete(value);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Performs actions the node returned (on the loop thread), and refreshes the read snapshot at once when one of
     * them was more than a probe, so the RESP port answers from the new state without waiting for the next tick.
     */
    void run(List<Action> actions) {
        if (stopped) {
            return;
        }
        for (Action action : actions) {
            changed |= !(action instanceof Action.Ping
                    || action instanceof Action.RequestInfo
                    || action instanceof Action.PublishHello
                    || action instanceof Action.AskMasterDown);
            perform(action);
        }
        if (changed) {
            refresh();
        }
    }

    /** Registers a pending IS-MASTER-DOWN-BY-ADDR answer; call on the loop thread. */
    long expectAnswer(CompletableFuture<Action.IsMasterDownAnswer> answer) {
        long id = nextRequestId++;
        answers.put(id, answer);
        return id;
    }

    /** Writes the current state now ({@code SENTINEL FLUSHCONFIG}); call on the loop thread. */
    void flush() throws IOException {
        fileState = StateMapping.toFile(node.durableState(), fileState);
        store.save(fileState);
    }

    private void tick() {
        if (stopped) {
            return;
        }
        try {
            if (failedPersist != null) {
                Action.Persist retry = failedPersist;
                failedPersist = null;
                perform(retry);
            }
            run(node.tick());
            long now = System.nanoTime();
            if (changed || now - lastRefresh >= REFRESH_NANOS) {
                refresh();
            }
        } catch (RuntimeException e) {
            LOG.error("sentinel loop step failed", e);
        }
    }

    private void refresh() {
        if (stopped) {
            return;
        }
        changed = false;
        lastRefresh = System.nanoTime();
        NodeSnapshot snapshot = node.snapshot();
        Map<Address, List<String>> owned = new HashMap<>();
        Set<Address> instances = new HashSet<>();
        Set<Address> sentinels = new HashSet<>();
        for (io.vigil.election.MasterView m : snapshot.masters()) {
            own(owned, m.currentAddress(), m.name());
            own(owned, m.settings().address(), m.name());
            instances.add(m.currentAddress());
            for (io.vigil.election.ReplicaView r : m.replicas()) {
                own(owned, r.address(), m.name());
                instances.add(r.address());
            }
            for (io.vigil.election.SentinelView s : m.sentinels()) {
                own(owned, s.address(), m.name());
                sentinels.add(s.address());
            }
        }
        owners = owned;
        links.retain(instances, sentinels);
        Map<Address, Long> pending = new HashMap<>();
        for (Address a : owned.keySet()) {
            pending.put(a, links.pendingCommands(a));
        }
        views = new Views(snapshot, Map.copyOf(pending), scripts.running(), scripts.queued());
    }

    private static void own(Map<Address, List<String>> owned, Address address, String master) {
        List<String> names = owned.computeIfAbsent(address, a -> new ArrayList<>(1));
        if (!names.contains(master)) {
            names.add(master);
        }
    }

    private void perform(Action action) {
        if (action instanceof Action.Ping ping) {
            Address target = ping.target();
            link(ping.master(), target).dispatch("PING").thenAccept(result -> onPingResult(target, result));
        } else if (action instanceof Action.RequestInfo info) {
            InstanceLink link = instanceLink(info.master(), info.target());
            link.dispatch("INFO").thenAccept(result -> onInfoResult(info.target(), result));
        } else if (action instanceof Action.PublishHello hello) {
            InstanceLink link = hello.toSentinel()
                    ? links.sentinel(hello.target(), sentinelCredentials)
                    : instanceLink(hello.master(), hello.target());
            link.publishHello(hello.hello().format());
        } else if (action instanceof Action.AskMasterDown ask) {
            links.sentinel(ask.peer(), sentinelCredentials)
                    .isMasterDownByAddr(
                            ask.masterAddress().host(), ask.masterAddress().port(), ask.epoch(), ask.runIdOrStar())
                    .thenAccept(result -> {
                        if (result.isOk()) {
                            var r = result.valueOrThrow();
                            run(node.onIsMasterDownReply(
                                    ask.master(),
                                    ask.peerRunId(),
                                    ask.masterAddress(),
                                    r.down(),
                                    r.leaderRunid(),
                                    r.leaderEpoch()));
                        }
                    });
        } else if (action instanceof Action.IsMasterDownAnswer answer) {
            CompletableFuture<Action.IsMasterDownAnswer> waiting = answers.remove(answer.requestId());
            if (waiting != null) {
                waiting.complete(answer);
            }
        } else if (action instanceof Action.GrantLease lease) {
            instanceLink(lease.master(), lease.target())
                    .dispatch(
                            "VIGIL",
                            "LEASE",
                            Long.toString(lease.epoch()),
                            Long.toString(lease.leaseMs()),
                            "GRANTOR",
                            node.myId(),
                            "QUORUM",
                            Integer.toString(lease.required()))
                    .thenAccept(result -> fencingReply(lease.master(), lease.target(), "VIGIL LEASE", result));
        } else if (action instanceof Action.Fence fence) {
            LOG.info("fencing {} at store epoch {} before promoting a replica", fence.target(), fence.epoch());
            instanceLink(fence.master(), fence.target())
                    .dispatch("VIGIL", "FENCE", Long.toString(fence.epoch()))
                    .thenAccept(result -> fencingReply(fence.master(), fence.target(), "VIGIL FENCE", result));
        } else if (action instanceof Action.Reconfigure reconf) {
            String host = reconf.replicaOf() == null ? null : reconf.replicaOf().host();
            int port = reconf.replicaOf() == null ? 0 : reconf.replicaOf().port();
            LOG.info(
                    "reconfiguring {} ({}): SLAVEOF {}",
                    reconf.target(),
                    reconf.reason(),
                    host == null ? "NO ONE" : host + " " + port);
            instanceLink(reconf.master(), reconf.target())
                    .reconfigure(host, port)
                    .thenAccept(result -> {
                        if (!result.isOk()) {
                            LOG.warn(
                                    "reconfiguring {} failed: {} {}",
                                    reconf.target(),
                                    result.status(),
                                    result.error().orElse(""));
                        }
                    });
        } else if (action instanceof Action.PublishEvent event) {
            publish(event);
        } else if (action instanceof Action.Persist persist) {
            persist(persist);
        }
    }

    private void publish(Action.PublishEvent event) {
        publishLocal(event.channel(), event.payload());
        Optional<MasterState> master = fileState.master(event.master());
        scripts.onEvent(
                event.master(),
                event.channel(),
                event.payload(),
                master.flatMap(m -> m.options().notificationScript()),
                master.flatMap(m -> m.options().clientReconfigScript()));
        if (("+elected-leader".equals(event.channel()) && simulated.contains(SimulatedFailure.CRASH_AFTER_ELECTION))
                || ("+promoted-slave".equals(event.channel())
                        && simulated.contains(SimulatedFailure.CRASH_AFTER_PROMOTION))) {
            LOG.warn("Sentinel simulated failure: crash after {}", event.channel());
            crash.run();
        }
    }

    private void publishLocal(String channel, String payload) {
        EVENTS.info("{} {}", channel, payload);
        events.publish(channel, payload);
    }

    private void persist(Action.Persist persist) {
        try {
            fileState = StateMapping.toFile(persist.state(), fileState);
            store.save(fileState);
        } catch (IOException | RuntimeException e) {
            LOG.error(
                    "cannot persist sentinel state to {} (will retry; votes and replies are held): {}",
                    store.file(),
                    e.toString());
            failedPersist = persist;
            return;
        }
        run(node.durableStateSaved(persist.token()));
    }

    /**
     * A reply to a PING the core asked for: PONG, -LOADING and -MASTERDOWN are valid, any other reply is not; no
     * reply at all (timeout, disconnection, refused because too many commands are pending) tells the core nothing,
     * so the PING stays pending and counts toward SDOWN.
     */
    private void onPingResult(Address from, CommandResult<List<Object>> result) {
        PingReply reply;
        if (result.isOk()) {
            List<Object> value = result.valueOrThrow();
            reply = PingReply.classify(value.isEmpty() ? null : String.valueOf(value.get(0)));
        } else if (result.status() == CommandStatus.ERROR_REPLY) {
            reply = PingReply.classify("-" + result.error().orElse(""));
        } else {
            return;
        }
        for (String master : owners.getOrDefault(from, List.of())) {
            run(node.onPingReply(master, from, reply));
        }
    }

    private void onInfoResult(Address from, CommandResult<List<Object>> result) {
        if (!result.isOk()
                || result.valueOrThrow().isEmpty()
                || !(result.valueOrThrow().get(0) instanceof String)) {
            return;
        }
        String text = (String) result.valueOrThrow().get(0);
        InfoSnapshot info;
        try {
            info = InfoParser.parse(text);
        } catch (RuntimeException e) {
            LOG.warn("unparsable INFO from {}: {}", from, e.getMessage());
            return;
        }
        infoCache.put(from, new CachedText(result.completedAtMillis(), text));
        for (String master : owners.getOrDefault(from, List.of())) {
            run(node.onInfo(master, from, InfoMapping.observation(info)));
        }
    }

    /**
     * The link to an instance or peer: the open one when there is one (the usual case: PINGs go out every few tens
     * of ms), otherwise a new link of the kind the core knows the address as.
     */
    private InstanceLink link(String master, Address target) {
        Optional<InstanceLink> open = links.open(target);
        if (open.isPresent()) {
            return open.get();
        }
        io.vigil.election.MasterView view = node.master(master);
        if (view != null && view.sentinels().stream().anyMatch(s -> s.address().equals(target))) {
            return links.sentinel(target, sentinelCredentials);
        }
        return instanceLink(master, target);
    }

    /**
     * Logs a failed fencing command once per instance and error (a server that is not a Vigil store answers every
     * grant with the same unknown-command error), and again when it starts succeeding.
     */
    private void fencingReply(String master, Address target, String command, CommandResult<List<Object>> result) {
        String error =
                result.isOk() ? null : result.status() + " " + result.error().orElse("");
        String before = fencingErrors.get(target);
        if (error != null && !error.equals(before)) {
            LOG.warn(
                    "write fencing of master {}: {} to {} failed: {} (writes there are not fenced by this sentinel)",
                    master,
                    command,
                    target,
                    error);
            fencingErrors.put(target, error);
        } else if (error == null && before != null) {
            LOG.info("write fencing of master {}: {} to {} works again", master, command, target);
            fencingErrors.remove(target);
        }
    }

    private InstanceLink instanceLink(String master, Address target) {
        Optional<MasterState> state = fileState.master(master);
        LinkTable.Credentials credentials = state.map(m -> new LinkTable.Credentials(
                        m.options().authUser(), m.options().authPass()))
                .orElse(LinkTable.Credentials.NONE);
        return links.instance(target, credentials);
    }

    private LinkListener listener(Address address) {
        return new LinkListener() {
            @Override
            public void onStateChange(LinkStateChange change) {
                if (!ticking) {
                    return;
                }
                for (String master : owners.getOrDefault(address, List.of())) {
                    run(node.onLinkState(master, address, change.to().isConnected()));
                }
            }

            @Override
            public void onInfo(InfoReply reply) {
                if (!ticking) {
                    return;
                }
                for (String master : owners.getOrDefault(address, List.of())) {
                    run(node.onInfo(master, address, InfoMapping.observation(reply.info())));
                }
            }

            @Override
            public void onHello(HelloMessage message) {
                receiveHello(message.payload());
            }
        };
    }

    /** A hello from an instance's channel or published to this sentinel; call on the loop thread. */
    void receiveHello(String payload) {
        try {
            run(node.onHello(payload));
        } catch (IllegalArgumentException e) {
            LOG.debug("ignoring malformed hello '{}': {}", payload, e.getMessage());
        }
    }
}
