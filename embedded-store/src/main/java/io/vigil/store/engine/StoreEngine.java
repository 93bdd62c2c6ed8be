package io.vigil.store.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vigil.resp.RespError;
import io.vigil.resp.RespLimits;
import io.vigil.resp.RespProtocolException;
import io.vigil.store.aof.AppendOnlyFile;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFlag;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.config.ClientClass;
import io.vigil.store.config.OutputBufferLimit;
import io.vigil.store.config.StoreConfig;
import io.vigil.store.keyspace.ByteKey;
import io.vigil.store.keyspace.Database;
import io.vigil.store.keyspace.Entry;
import io.vigil.store.keyspace.Keyspace;
import io.vigil.store.keyspace.KeyspaceListener;
import io.vigil.store.keyspace.StoreClock;
import io.vigil.store.keyspace.ValueType;
import io.vigil.store.memory.Evictor;
import io.vigil.store.memory.MaxmemoryPolicy;
import io.vigil.store.persistence.Persistence;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's core, with Redis's execution model: one thread runs every client's commands, one at a time, each
 * atomically. The engine owns the keyspace, the clients, pub/sub, {@code WATCH} bookkeeping and the statistics;
 * the network layer only feeds it bytes ({@link #onRead}) and flushes what it wrote ({@link #afterBatch}).
 *
 * <p>Dispatch follows Redis's {@code processCommand}: unknown command or subcommand, arity, authentication, MULTI
 * restrictions, RESP2 subscribed-context restrictions, then either queue (inside MULTI) or execute. A write command
 * that made changes is appended to the {@link ReplicationStream}.
 *
 * <p>Not thread safe by design: every method must be called on the command thread.
 */
public final class StoreEngine {

    private static final Logger LOG = LoggerFactory.getLogger(StoreEngine.class);
    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MULTI = "MULTI".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXEC = "EXEC".getBytes(StandardCharsets.US_ASCII);
    /** Commands that record whether memory was over the limit when they started (Redis's {@code script_oom}). */
    private static final Set<String> SCRIPT_STARTS =
            Set.of("eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro", "exec");
    /** Commands still accepted inside MULTI while over the limit. */
    private static final Set<String> MULTI_OOM_EXEMPT = Set.of("exec", "discard", "quit", "reset");

    private final StoreConfig config;
    private final StoreClock clock;
    private final Keyspace keyspace;
    private final CommandTable table;
    private final StoreStats stats = new StoreStats();
    private final PubSub pubsub = new PubSub(this);
    private final Map<Long, Client> clients = new LinkedHashMap<>();
    private final Map<Client.WatchedKey, List<Client>> watchers = new HashMap<>();
    private final List<Client> toFlush = new ArrayList<>();
    /** Replicas with stream bytes to send at the end of the event-loop iteration (one write for many batches). */
    private final List<Client> replicasToFlush = new ArrayList<>();
    /** The event loop, known from the first {@link #afterRead}; {@code null} while none has run (e.g. in tests). */
    private Executor loop;

    private boolean replicaFlushScheduled;
    private final BlockedClients blocking = new BlockedClients();
    private final ArrayDeque<Client> unblocked = new ArrayDeque<>();
    private boolean servingBlocked;
    private SplittableRandom random = new SplittableRandom();
    private final String runId;
    private final String replId;
    private final long startMillis;
    private ReplicationStream replication = ReplicationStream.NONE;
    private Runnable shutdownHook = () -> {};
    private long nextClientId = 1;
    private long dirtyTotal;
    private final Persistence persistence;
    private final AppendOnlyFile aof;
    private boolean batchDeferred;
    private boolean activeExpire = true;
    private int transactionDepth;
    private boolean transactionPropagated;
    private RespLimits limits;
    private final Evictor evictor;
    private long clientBufferBytes;
    private long peakMemory;
    private boolean scriptOom;
    private Runnable evictionScheduler = () -> {};
    private boolean evictionScheduled;
    private boolean misconfObeyLogged;
    private CommandGate gate = CommandGate.OPEN;
    private final List<Runnable> cronHooks = new ArrayList<>();
    private final List<java.util.function.Consumer<Client>> disconnectHooks = new ArrayList<>();
    private final Map<Class<?>, Object> attachments = new HashMap<>();
    private final BusyScript busyScript;
    private java.util.concurrent.Executor scriptStarter;
    private int reading;
    private final List<Runnable> afterScript = new ArrayList<>();
    private ReplicationStream capture;
    private boolean stopped;

    /** An engine for a configuration, a clock and a command table. */
    public StoreEngine(StoreConfig config, StoreClock clock, CommandTable table) {
        this.config = config;
        this.clock = clock;
        this.table = table;
        this.keyspace = new Keyspace(config.databases(), clock);
        this.keyspace.listener(new Listener());
        this.runId = randomHex();
        this.replId = randomHex();
        this.startMillis = clock.millis();
        this.limits = RespLimits.DEFAULT.withMaxBulkLength(config.protoMaxBulkLen());
        this.persistence = new Persistence(this, startMillis);
        this.evictor = new Evictor(keyspace, System::nanoTime);
        applyMemoryConfig();
        this.aof = new AppendOnlyFile(this);
        this.busyScript = new BusyScript(clock, () -> config.getLong("busy-reply-threshold"));
    }

    private static String randomHex() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    // ---- accessors used by commands ----

    /** The configuration. */
    public StoreConfig config() {
        return config;
    }

    /** The clock. */
    public StoreClock clock() {
        return clock;
    }

    /** The keyspace. */
    public Keyspace keyspace() {
        return keyspace;
    }

    /** The command table. */
    public CommandTable table() {
        return table;
    }

    /** Statistics. */
    public StoreStats stats() {
        return stats;
    }

    /** Pub/sub channels and patterns. */
    public PubSub pubsub() {
        return pubsub;
    }

    /** The 40-hex run id ({@code INFO run_id}), new at each start. */
    public String runId() {
        return runId;
    }

    /** The 40-hex replication id ({@code master_replid}). */
    public String replId() {
        String current = replication.replId();
        return current != null ? current : replId;
    }

    /** Start time in ms. */
    public long startMillis() {
        return startMillis;
    }

    /** Changes since start ({@code rdb_changes_since_last_save}). */
    public long dirtyTotal() {
        return dirtyTotal;
    }

    /** Counts {@code n} changes made outside of {@link #call} (the writes an AOF replayed at start). */
    public void addDirty(long n) {
        dirtyTotal += n;
    }

    /** Time of the last successful save, or the start ({@code LASTSAVE}). */
    public long lastSaveMillis() {
        return persistence.lastSaveMillis();
    }

    /** RDB persistence: SAVE, BGSAVE, save rules, loading. */
    public Persistence persistence() {
        return persistence;
    }

    /** The append-only file (off unless {@code appendonly yes}). */
    public AppendOnlyFile aof() {
        return aof;
    }

    /** A random source for sampling commands (RANDOMKEY, SPOP, SRANDMEMBER, HRANDFIELD). */
    public SplittableRandom random() {
        return random;
    }

    /** Reseeds {@link #random()} so tests get repeatable samples. */
    public void seedRandom(long seed) {
        random = new SplittableRandom(seed);
        keyspace.access().seed(seed);
    }

    /** Connected clients in connection order. */
    public Collection<Client> clients() {
        return Collections.unmodifiableCollection(clients.values());
    }

    /** The replication stream. */
    public ReplicationStream replication() {
        return replication;
    }

    /** Attaches a replication stream (replication phase). */
    public void replication(ReplicationStream stream) {
        this.replication = stream;
    }

    /** Installs the pre-execution check (replication: READONLY, NOREPLICAS, fencing). */
    public void gate(CommandGate gate) {
        this.gate = gate;
    }

    /** The gate's verdict on a write a script issues (READONLY, NOREPLICAS, FENCED); a script is never held. */
    public RespError scriptGate(Client client, CommandSpec spec) {
        RespError denied = gate.check(client, spec, null);
        return denied == CommandGate.HELD ? null : denied;
    }

    /** Adds a job run at the end of every {@link #cron()} (replication timers). */
    public void onCron(Runnable hook) {
        cronHooks.add(hook);
    }

    /** Adds a job run when a client disconnects (after the engine forgot it). */
    public void onDisconnect(java.util.function.Consumer<Client> hook) {
        disconnectHooks.add(hook);
    }

    /** Attaches a component (e.g. the replication manager) so commands can find it by type. */
    public <T> void attach(Class<T> type, T component) {
        attachments.put(type, component);
    }

    /** The component attached for {@code type}, or {@code null}. */
    public <T> T attachment(Class<T> type) {
        return type.cast(attachments.get(type));
    }

    /** The running script and the busy-script protocol (SCRIPT KILL, {@code -BUSY}). */
    public BusyScript busyScript() {
        return busyScript;
    }

    /**
     * Lets scripts serve other clients once past {@code busy-reply-threshold} (the server's event loop): commands
     * that may start a script and arrive in a network read are run from a task on {@code starter} (so the script
     * does not run inside the network layer's read), and {@code pump} serves the network once without blocking.
     */
    public void busyScriptSupport(java.util.concurrent.Executor starter, java.util.function.BooleanSupplier pump) {
        this.scriptStarter = starter;
        busyScript.pump(pump);
    }

    /** A script starts for {@code caller}; it may serve other clients when it is not inside a network read. */
    public void scriptStarted(Client caller, String name) {
        busyScript.begin(caller, name, reading == 0 && scriptStarter != null);
    }

    /** The running script ended: work held while it ran (the master's stream) resumes. */
    public void scriptEnded() {
        busyScript.end();
        if (!afterScript.isEmpty()) {
            List<Runnable> jobs = new ArrayList<>(afterScript);
            afterScript.clear();
            for (Runnable job : jobs) {
                scriptStarter.execute(job);
            }
        }
    }

    /**
     * While a script runs, every write it propagates goes to {@code stream} instead of the replication stream and
     * the AOF ({@code null} ends it); the script replays them once it has ended, so neither ever holds part of a
     * script (nor, as before, the same write twice).
     */
    public void captureWrites(ReplicationStream stream) {
        this.capture = stream;
    }

    /** Runs {@code job} from a task once the running script has ended (the master's stream held meanwhile). */
    public void afterScript(Runnable job) {
        afterScript.add(job);
    }

    /** A network read of a link that is not a client (the master link) begins or ends (see {@link #onRead}). */
    public void reading(boolean begin) {
        reading += begin ? 1 : -1;
    }

    /** What {@code SHUTDOWN} runs after closing clients (the server stops its event loop). */
    public void shutdownHook(Runnable hook) {
        this.shutdownHook = hook;
    }

    /** Whether the active expiry cycle runs ({@code DEBUG SET-ACTIVE-EXPIRE}). */
    public void activeExpire(boolean enabled) {
        this.activeExpire = enabled;
    }

    /** Re-reads {@code proto-max-bulk-len} into every client's decoder. */
    public void applyProtocolLimits() {
        limits = RespLimits.DEFAULT.withMaxBulkLength(config.protoMaxBulkLen());
        for (Client c : clients.values()) {
            c.decoder().limits(limits);
        }
    }

    /**
     * Re-reads {@code maxmemory}, {@code maxmemory-policy}, {@code maxmemory-samples}, {@code
     * maxmemory-eviction-tenacity}, {@code lfu-log-factor} and {@code lfu-decay-time}. Keys over a lowered limit are
     * evicted by scheduled {@link #evictionStep}s (as Redis's {@code startEvictionTimeProc}), before the next command
     * and by the cron.
     */
    public void applyMemoryConfig() {
        evictor.configure(
                Long.parseLong(config.get("maxmemory")),
                MaxmemoryPolicy.parse(config.get("maxmemory-policy")),
                Integer.parseInt(config.get("maxmemory-samples")),
                Integer.parseInt(config.get("maxmemory-eviction-tenacity")),
                Integer.parseInt(config.get("lfu-log-factor")),
                Integer.parseInt(config.get("lfu-decay-time")));
        long used = keyspace.memoryBytes() + clientBufferBytes;
        if (evictor.maxmemory() > 0 && used > evictor.maxmemory()) {
            LOG.warn(
                    "WARNING: the new maxmemory value ({}) is smaller than the current memory usage ({}). This will "
                            + "result in key eviction and/or the inability to accept new write commands depending "
                            + "on the maxmemory-policy.",
                    evictor.maxmemory(),
                    used);
            evicted(Evictor.Result.RUNNING);
        }
    }

    /**
     * How to run {@link #evictionStep} soon, after pending I/O (the server queues it on the event loop). Without
     * one, evictions cut short by their time budget continue at the next command or cron.
     */
    public void evictionScheduler(Runnable scheduler) {
        this.evictionScheduler = scheduler;
    }

    /**
     * One round of background eviction, as Redis's {@code evictionTimeProc}: evicts for one time budget and asks to
     * be scheduled again while still over the limit.
     */
    public void evictionStep() {
        evictionScheduled = false;
        if (evicting() && !stopped) {
            evicted(evictor.perform(clientBufferBytes, random));
        }
    }

    /**
     * Whether {@code maxmemory} applies: a limit is set and this store is not a replica (a replica keeps what its
     * master sends, as Redis's default {@code replica-ignore-maxmemory yes}; it hides expired keys exactly while it
     * is one, which is how the keyspace knows).
     */
    private boolean evicting() {
        return evictor.maxmemory() > 0 && !keyspace.replicaExpiry();
    }

    /** The master's stream on a replica: applied whatever this store's own limits say (Redis's mustObeyClient). */
    private static boolean mustObey(Client client) {
        return client.clientClass() == io.vigil.store.config.ClientClass.MASTER;
    }

    private Evictor.Result evicted(Evictor.Result result) {
        if (result == Evictor.Result.RUNNING && !evictionScheduled) {
            evictionScheduled = true;
            evictionScheduler.run();
        }
        return result;
    }

    /** The eviction machinery ({@code maxmemory} and its policy). */
    public Evictor evictor() {
        return evictor;
    }

    /**
     * The estimated memory in use ({@code used_memory}): the keyspace estimate plus the replies waiting in client
     * output buffers. Also updates the peak.
     */
    public long usedMemory() {
        long buffers = 0;
        for (Client c : clients.values()) {
            buffers += c.pendingOutputBytes();
        }
        clientBufferBytes = buffers;
        long used = keyspace.memoryBytes() + buffers;
        peakMemory = Math.max(peakMemory, used);
        return used;
    }

    /** The highest {@link #usedMemory()} seen by the cron or a report ({@code used_memory_peak}). */
    public long peakMemory() {
        return Math.max(peakMemory, keyspace.memoryBytes() + clientBufferBytes);
    }

    /** Bytes of client output buffers as last measured (by the cron or {@link #usedMemory()}). */
    public long clientBufferBytes() {
        return clientBufferBytes;
    }

    /**
     * Whether memory was over {@code maxmemory} (with nothing left to evict) when the running script or EXEC
     * started: its first {@code denyoom} command is then refused unless it already wrote (Redis's {@code
     * script_oom}).
     */
    public boolean scriptOom() {
        return scriptOom && evictor.maxmemory() > 0;
    }

    /** Counts a key lookup as a hit or miss. */
    public void countLookup(boolean hit) {
        if (hit) {
            stats.keyspaceHits++;
        } else {
            stats.keyspaceMisses++;
        }
    }

    // ---- connection lifecycle ----

    /**
     * Registers a new connection.
     *
     * @return the client, or {@code null} when {@code maxclients} is reached (the connection was told and closed)
     */
    public Client connect(ClientOutput output) {
        if (clients.size() >= config.maxClients()) {
            stats.rejectedConnections++;
            ByteBuf buf = output.allocate();
            io.vigil.resp.RespWriter.error(buf, RespError.MAX_CLIENTS);
            output.send(buf);
            output.close(true);
            return null;
        }
        boolean open = config.requirePass() == null;
        Client client = new Client(nextClientId++, output, clock.millis(), open, limits, this);
        clients.put(client.id(), client);
        stats.connectionsReceived++;
        return client;
    }

    /** Forgets a closed connection. */
    public void disconnect(Client client) {
        if (client.closed) {
            return;
        }
        client.closed = true;
        clients.remove(client.id());
        pubsub.removeClient(client);
        unwatchAll(client);
        blocking.remove(client);
        releasePendingInput(client);
        client.discardOutput();
        for (int i = 0; i < disconnectHooks.size(); i++) {
            disconnectHooks.get(i).accept(client);
        }
    }

    /** Closes a client from the server side (CLIENT KILL, output limits, timeouts). */
    public void kill(Client client, boolean afterReply) {
        if (afterReply) {
            client.closeAfterReply();
            markForFlush(client);
            return;
        }
        ClientOutput output = client.output();
        disconnect(client);
        output.close(false);
    }

    /**
     * Consumes request bytes: executes every complete command, leaves partial ones buffered in {@code in}. On a
     * protocol error the client gets {@code -ERR Protocol error: ...} and is closed after the reply.
     */
    public void onRead(Client client, ByteBuf in) {
        stats.netInputBytes += in.readableBytes();
        client.lastInteractionMillis = clock.millis(); // as Redis's readQueryFromClient (a loading replica's newline)
        markForFlush(client);
        if (client.blocked() || client.deferredScript != null) {
            holdInput(client, in);
            return;
        }
        reading++;
        try {
            process(client, in);
        } finally {
            reading--;
        }
    }

    private void process(Client client, ByteBuf in) {
        long now = clock.millis();
        client.lastInteractionMillis = now;
        long outerBatch = keyspace.beginBatch(now);
        try {
            byte[][] args;
            while (!client.closeAfterReply
                    && !client.closed
                    && !client.blocked()
                    && client.deferredScript == null
                    && (args = client.decoder().decode(in)) != null) {
                if (reading > 0
                        && scriptStarter != null
                        && !busyScript.timedOut()
                        && BusyScript.startsScript(client, args)) {
                    deferScript(client, args);
                    break;
                }
                execute(client, args);
                if (blocking.hasReady() || !unblocked.isEmpty()) {
                    serveBlocked();
                }
            }
            if ((client.blocked() || client.deferredScript != null) && in.isReadable()) {
                holdInput(client, in);
            }
        } catch (RespProtocolException e) {
            LOG.debug(
                    "Protocol error from client id={} addr={}: {}",
                    client.id(),
                    client.remoteAddress(),
                    e.getMessage());
            client.reply().error(e.error());
            stats.errorReplies++;
            client.closeAfterReply();
            in.skipBytes(in.readableBytes());
        } finally {
            keyspace.endBatch(outerBatch);
        }
    }

    // ---- scripts started outside the network read ----

    /**
     * Runs a script-starting command from a task instead of inside the network read, so that a script running past
     * {@code busy-reply-threshold} can serve the network (the read is not re-entrant). The client's later input
     * waits until it is done, so its commands keep their order.
     */
    private void deferScript(Client client, byte[][] args) {
        client.deferredScript = args;
        scriptStarter.execute(() -> runDeferredScript(client));
    }

    private void runDeferredScript(Client client) {
        byte[][] args = client.deferredScript;
        if (args == null || client.closed) {
            client.deferredScript = null;
            return;
        }
        markForFlush(client);
        try {
            execute(client, args);
        } finally {
            client.deferredScript = null;
        }
        markForFlush(client); // again: a script past the threshold flushed the batch it was part of
        if (blocking.hasReady() || !unblocked.isEmpty()) {
            serveBlocked();
        }
        processPending(client);
        afterBatch();
    }

    /**
     * Redis's check for a timed-out script in {@code processCommand}: everything but {@code allow-busy} commands
     * gets {@code -BUSY} (an EXEC also ends its transaction).
     */
    private void rejectBusy(Client client, CommandSpec spec) {
        if (spec.name().equals("exec") && spec.subcommands().isEmpty()) {
            if (client.inMulti()) {
                client.endMulti();
                unwatchAll(client);
            }
            reject(client, RespError.execAbort(RespError.BUSY));
        } else {
            reject(client, RespError.BUSY);
        }
    }

    // ---- blocking commands (Redis's blocked.c) ----

    /** Whether the running command may block: not inside EXEC or a script (Redis's CLIENT_DENY_BLOCKING). */
    public boolean blockingAllowed() {
        return transactionDepth == 0;
    }

    /**
     * Blocks the calling client on keys of its database until one is served (the command is then run again),
     * the deadline passes ({@code deadlineMillis}, 0 = never; a null array is replied), or it is killed or
     * unblocked. The command writes no reply when it blocks.
     */
    public void block(Client client, byte[][] keys, long deadlineMillis, CommandSpec spec, byte[][] args) {
        List<BlockedClients.Key> list = new ArrayList<>(keys.length);
        for (byte[] key : keys) {
            list.add(new BlockedClients.Key(client.db(), new ByteKey(key)));
        }
        blocking.block(client, new BlockedClients.Block(list, deadlineMillis, spec, args));
    }

    /**
     * Ends a client's block as {@code CLIENT UNBLOCK} does: it gets the timeout reply, or {@code error} when not
     * null. Returns whether the client was blocked.
     */
    public boolean unblock(Client client, RespError error) {
        BlockedClients.Block block = client.block;
        if (!blocking.remove(client)) {
            return false;
        }
        if (error == null && block.onTimeout() != null) {
            block.onTimeout().accept(client);
        } else if (error == null) {
            client.reply().nilArray();
        } else {
            client.reply().error(error);
            stats.errorReplies++;
        }
        resume(client);
        return true;
    }

    /**
     * Blocks a client on no key until {@link #wake} or the deadline ({@code deadlineMillis}, 0 = never), when
     * {@code onTimeout} writes its reply ({@code WAIT}). The command writes no reply when it blocks.
     */
    public void blockUntil(Client client, long deadlineMillis, java.util.function.Consumer<Client> onTimeout) {
        blocking.block(client, new BlockedClients.Block(List.of(), deadlineMillis, null, null, onTimeout));
    }

    /** Ends a {@link #blockUntil} block whose reply the caller has written; returns whether it was blocked. */
    public boolean wake(Client client) {
        if (!blocking.remove(client)) {
            return false;
        }
        resume(client);
        return true;
    }

    /** Number of clients waiting in blocking commands. */
    public int blockedClientCount() {
        return blocking.count();
    }

    /**
     * Serves clients blocked on keys that became ready (Redis's {@code handleClientsBlockedOnKeys}), first come
     * first served, then runs the requests that arrived while the served clients were blocked. Serving can make
     * other keys ready (BLMOVE pushes), so it loops until nothing is left.
     */
    private void serveBlocked() {
        if (servingBlocked || transactionDepth > 0) {
            return;
        }
        servingBlocked = true;
        try {
            while (true) {
                BlockedClients.Key key = blocking.pollReady();
                if (key != null) {
                    serveKey(key);
                    continue;
                }
                Client next = unblocked.poll();
                if (next == null) {
                    return;
                }
                processPending(next);
            }
        } finally {
            servingBlocked = false;
        }
    }

    /** Runs the requests that arrived while a client was blocked or waiting for its script. */
    private void processPending(Client client) {
        ByteBuf pending = client.pendingInput;
        if (pending != null && !client.closed && !client.blocked()) {
            client.pendingInput = null;
            markForFlush(client);
            process(client, pending);
            pending.release();
        }
    }

    private void serveKey(BlockedClients.Key key) {
        Database db = keyspace.db(key.db());
        Client waiter;
        while ((waiter = blocking.first(key)) != null) {
            Entry e = db.peek(key.key().bytes());
            if (e == null || e.type() != ValueType.LIST) {
                return;
            }
            BlockedClients.Block block = waiter.block;
            blocking.remove(waiter);
            call(waiter, block.spec(), block.args());
            resume(waiter);
        }
    }

    private void resume(Client client) {
        markForFlush(client);
        if (client.pendingInput != null) {
            unblocked.add(client);
        }
    }

    private void expireBlocked(long now) {
        for (Client c : blocking.expired(now)) {
            unblock(c, null);
        }
        serveBlocked();
    }

    private static void holdInput(Client client, ByteBuf in) {
        if (client.pendingInput == null) {
            client.pendingInput = Unpooled.buffer(in.readableBytes());
        }
        client.pendingInput.writeBytes(in);
    }

    private static void releasePendingInput(Client client) {
        if (client.pendingInput != null) {
            client.pendingInput.release();
            client.pendingInput = null;
        }
    }

    /**
     * The end of one connection's read: flushes replies now, or, when the AOF must fsync before replying
     * ({@code appendfsync always}), once for the whole event-loop iteration on {@code loop} (group commit).
     */
    public void afterRead(Executor loop) {
        this.loop = loop;
        if (busyScript.timedOut()) {
            afterBatch(); // served from inside a running script: answer now, the loop's tasks wait for its end
            return;
        }
        if (batchDeferred) {
            return;
        }
        if (aof.syncPending()) {
            batchDeferred = true;
            loop.execute(() -> {
                batchDeferred = false;
                afterBatch();
            });
        } else {
            afterBatch();
        }
    }

    /** Sends every reply buffered since the last call and applies output limits and close-after-reply. */
    public void afterBatch() {
        // AOF writes of this batch reach the file (and the disk, under appendfsync always) before any reply.
        boolean durable = aof.beforeReplies();
        for (int i = 0; i < toFlush.size(); i++) {
            Client c = toFlush.get(i);
            c.flushQueued = false;
            if (c.closed) {
                continue;
            }
            if (!durable) {
                kill(c, false); // never acknowledge a write appendfsync always could not make durable
                continue;
            }
            stats.netOutputBytes += c.flush();
            if (c.closeAfterReply) {
                ClientOutput output = c.output();
                disconnect(c);
                output.close(true);
            } else {
                enforceOutputLimit(c);
            }
        }
        toFlush.clear();
    }

    /**
     * Schedules a client's buffered replies to be sent at the end of the current batch. A replica's stream waits
     * for the end of the event-loop iteration instead, like Redis's {@code beforeSleep}: the writes of every client
     * read in one iteration then reach each replica in one socket write rather than one per client batch.
     */
    public void markForFlush(Client client) {
        if (client.closed || client.flushQueued) {
            return;
        }
        client.flushQueued = true;
        if (loop != null && client.clientClass() == ClientClass.REPLICA) {
            replicasToFlush.add(client);
            if (!replicaFlushScheduled) {
                replicaFlushScheduled = true;
                loop.execute(this::flushReplicas);
            }
            return;
        }
        toFlush.add(client);
    }

    private void flushReplicas() {
        replicaFlushScheduled = false;
        toFlush.addAll(replicasToFlush);
        replicasToFlush.clear();
        afterBatch();
    }

    private void enforceOutputLimit(Client c) {
        OutputBufferLimit limit = config.outputLimit(c.clientClass());
        long pending = c.pendingOutputBytes();
        long now = clock.millis();
        boolean close = limit.hardExceeded(pending);
        if (!close && limit.softReached(pending)) {
            if (c.softLimitSinceMillis == 0) {
                c.softLimitSinceMillis = now;
            } else if (now - c.softLimitSinceMillis >= limit.softSeconds() * 1000) {
                close = true;
            }
        } else if (!close) {
            c.softLimitSinceMillis = 0;
        }
        if (close) {
            LOG.warn(
                    "Client id={} addr={} closed for overcoming of output buffer limits ({} bytes pending).",
                    c.id(),
                    c.remoteAddress(),
                    pending);
            stats.outputLimitDisconnections++;
            kill(c, false);
        }
    }

    // ---- dispatch ----

    /** Executes one request from a client (also used by EXEC for queued commands via {@link #call}). */
    public void execute(Client client, byte[][] args) {
        CommandSpec spec = table.lookup(args[0]);
        if (spec == null) {
            reject(client, RespError.unknownCommand(latin1(args[0]), rest(args, 1)));
            return;
        }
        if (spec.isContainer() && args.length >= 2) {
            CommandSpec sub = spec.subcommands().get(latin1(args[1]).toLowerCase(java.util.Locale.ROOT));
            if (sub == null) {
                reject(client, RespError.unknownSubcommand(latin1(args[0]), latin1(args[1])));
                return;
            }
            spec = sub;
        }
        if (!spec.arityAccepts(args.length)) {
            reject(client, RespError.wrongArity(spec.fullName()));
            return;
        }
        if (!client.authenticated && !spec.has(CommandFlag.NO_AUTH)) {
            reject(client, RespError.NOAUTH);
            return;
        }
        if (client.inMulti() && spec.has(CommandFlag.NO_MULTI)) {
            reject(client, RespError.NOT_IN_MULTI);
            return;
        }
        if (busyScript.timedOut() && client != busyScript.caller() && !mustObey(client)) {
            if (!spec.has(CommandFlag.ALLOW_BUSY)) {
                rejectBusy(client, spec);
                return;
            }
        } else if (evicting() && !mustObey(client) && !memoryAllows(client, spec, args)) {
            return;
        }
        if (client.subscribed()
                && client.version() == io.vigil.resp.RespVersion.RESP2
                && !spec.has(CommandFlag.SUBSCRIBED_CONTEXT)) {
            reject(client, RespError.notInSubscribeContext(spec.fullName()));
            return;
        }
        if (persistence.writesDenied()
                && (spec.has(CommandFlag.WRITE) || spec.fullName().equals("ping"))) {
            if (!mustObey(client)) {
                reject(client, RespError.MISCONF);
                return;
            }
            if (!misconfObeyLogged) {
                misconfObeyLogged = true;
                LOG.error("the last background save failed, but the master's stream is applied anyway (refusing it"
                        + " would make this replica diverge); fix the disk so saves succeed again");
            }
        }
        RespError denied = gate.check(client, spec, args);
        if (denied == CommandGate.HELD) {
            return;
        }
        if (denied != null) {
            reject(client, denied);
            return;
        }
        if (aof.writeError() != null
                && (spec.has(CommandFlag.WRITE) || spec.fullName().equals("ping"))) {
            reject(client, RespError.misconfAof(aof.writeError()));
            return;
        }
        if (persistence.loading() && !spec.has(CommandFlag.LOADING)) {
            reject(client, RespError.LOADING);
            return;
        }
        if (client.inMulti() && !spec.has(CommandFlag.TRANSACTION_CONTROL)) {
            client.multiQueue.add(args);
            client.reply().simple("QUEUED");
            return;
        }
        call(client, spec, args);
    }

    /** Runs a command that passed every check, then propagates it if it wrote. */
    public void call(Client client, CommandSpec spec, byte[][] args) {
        CommandContext ctx = client.context();
        ctx.begin(spec, args);
        client.lastCommand = spec.fullName();
        long offsetBefore = replication.offset();
        boolean wasWriting = keyspace.writing(spec.has(CommandFlag.WRITE));
        try {
            spec.handler().execute(ctx);
        } catch (CommandException e) {
            client.reply().error(e.error());
            stats.errorReplies++;
        } finally {
            keyspace.writing(wasWriting);
        }
        stats.commandsProcessed++;
        if (ctx.dirtyCount() > 0 || ctx.propagationForced()) {
            dirtyTotal += ctx.dirtyCount();
            if (spec.has(CommandFlag.WRITE)) {
                propagate(client.db(), ctx.propagated());
            }
        }
        if (replication.offset() != offsetBefore) {
            client.writeOffset = replication.offset(); // what WAIT waits for (Redis's c->woff)
        }
    }

    /** Looks up a queued command again at EXEC time (the spec is resolved as in {@link #execute}). */
    public CommandSpec resolve(byte[][] args) {
        CommandSpec spec = table.lookup(args[0]);
        if (spec != null && spec.isContainer() && args.length >= 2) {
            spec = spec.subcommands().get(latin1(args[1]).toLowerCase(java.util.Locale.ROOT));
        }
        return spec;
    }

    /**
     * Redis's maxmemory step of {@code processCommand}: evict if over the limit; if still over with nothing to
     * evict, refuse a {@code denyoom} request, any request queued inside MULTI (but EXEC, DISCARD, QUIT, RESET), and
     * an EXEC whose queue holds a {@code denyoom} command (the transaction is then discarded).
     *
     * @return whether the command may run
     */
    private boolean memoryAllows(Client client, CommandSpec spec, byte[][] args) {
        boolean outOfMemory = evicted(evictor.perform(clientBufferBytes, random)) == Evictor.Result.FAIL;
        String name = spec.name();
        if (outOfMemory) {
            boolean exec = name.equals("exec") && spec.subcommands().isEmpty();
            boolean refuse = spec.denyOom(this, args)
                    || (client.inMulti() && !MULTI_OOM_EXEMPT.contains(name))
                    || (exec && client.inMulti() && queueDeniesOom(client));
            if (refuse) {
                if (exec && client.inMulti()) {
                    client.endMulti();
                    unwatchAll(client);
                    reject(client, RespError.execAbort(RespError.OOM));
                } else {
                    reject(client, RespError.OOM);
                }
                return false;
            }
        }
        if (SCRIPT_STARTS.contains(name)) {
            scriptOom = outOfMemory;
        }
        return true;
    }

    private boolean queueDeniesOom(Client client) {
        for (byte[][] queued : client.multiQueue()) {
            CommandSpec spec = resolve(queued);
            if (spec != null && spec.denyOom(this, queued)) {
                return true;
            }
        }
        return false;
    }

    private void reject(Client client, RespError error) {
        client.reply().error(error);
        stats.errorReplies++;
        if (client.inMulti()) {
            client.multiFailed = true;
        }
    }

    /** Marks the start/end of an EXEC (or a script) so its writes propagate wrapped in one MULTI/EXEC, nesting included. */
    public void transaction(boolean begin) {
        if (begin) {
            if (transactionDepth++ == 0) {
                transactionPropagated = false;
            }
        } else {
            if (--transactionDepth == 0 && transactionPropagated) {
                feed(-1, new byte[][] {EXEC});
                transactionPropagated = false;
            }
        }
    }

    /** Appends a write to the replication stream (wrapped in MULTI when inside an EXEC). */
    public void propagate(int db, byte[][] argv) {
        if (transactionDepth > 0 && !transactionPropagated) {
            transactionPropagated = true;
            feed(db, new byte[][] {MULTI});
        }
        feed(db, argv);
    }

    /** Every propagated write goes to the replication stream and the append-only file. */
    private void feed(int db, byte[][] argv) {
        if (capture != null) { // a script runs: its writes reach replicas and the AOF only when it has ended
            capture.append(db, argv);
            return;
        }
        replication.append(db, argv);
        aof.append(db, argv);
    }

    // ---- WATCH ----

    /** Watches a key for the client's next EXEC. */
    public void watch(Client client, int db, byte[] key) {
        Client.WatchedKey wk = new Client.WatchedKey(db, new ByteKey(key));
        if (client.watched.contains(wk)) {
            return;
        }
        client.watched.add(wk);
        watchers.computeIfAbsent(wk, k -> new ArrayList<>()).add(client);
    }

    /** Forgets every key the client watches (EXEC, DISCARD, UNWATCH, disconnect). */
    public void unwatchAll(Client client) {
        for (Client.WatchedKey wk : client.watched) {
            List<Client> list = watchers.get(wk);
            if (list != null) {
                list.remove(client);
                if (list.isEmpty()) {
                    watchers.remove(wk);
                }
            }
        }
        client.watched.clear();
        client.watchDirty = false;
    }

    private void touch(int db, byte[] key) {
        List<Client> list = watchers.get(new Client.WatchedKey(db, new ByteKey(key)));
        if (list != null) {
            for (Client c : list) {
                c.watchDirty = true;
            }
        }
    }

    private final class Listener implements KeyspaceListener {
        @Override
        public void keyModified(int db, byte[] key) {
            if (!watchers.isEmpty()) {
                touch(db, key);
            }
            blocking.signal(db, key);
        }

        @Override
        public void keyModified(int db, Entry e) {
            if (!watchers.isEmpty() || blocking.hasWaiters()) {
                keyModified(db, e.key());
            }
        }

        @Override
        public void keyExpired(int db, byte[] key) {
            stats.expiredKeys++;
            deletedByServer(db, key);
        }

        @Override
        public void keyEvicted(int db, byte[] key) {
            stats.evictedKeys++;
            deletedByServer(db, key);
        }

        /** A key the server deleted by itself: watchers are told and replicas get a {@code DEL}. */
        private void deletedByServer(int db, byte[] key) {
            if (!watchers.isEmpty()) {
                touch(db, key);
            }
            propagate(db, new byte[][] {DEL, key});
        }

        @Override
        public void databaseCleared(int db) {
            for (Map.Entry<Client.WatchedKey, List<Client>> e : watchers.entrySet()) {
                if (e.getKey().db() == db) {
                    e.getValue().forEach(c -> c.watchDirty = true);
                }
            }
        }
    }

    // ---- timers ----

    /**
     * The periodic job ({@code hz} times a second): active expiry, idle-client timeouts, soft output limits, and
     * the ops/sec sample.
     */
    public void cron() {
        if (stopped) {
            return; // after SHUTDOWN (maybe with a script aborted half-way): no save rule, expiry or eviction
        }
        long now = clock.millis();
        if (activeExpire) {
            int effort = Integer.parseInt(config.get("active-expire-effort"));
            keyspace.activeExpireCycle(200 * effort, random);
        }
        if (config.isYes("activerehashing")) {
            keyspace.rehashStep();
        }
        int timeout = config.timeout();
        List<Client> snapshot = new ArrayList<>(clients.values());
        for (Client c : snapshot) {
            if (timeout > 0
                    && !c.subscribed()
                    && !c.blocked()
                    && c.clientClass() != io.vigil.store.config.ClientClass.REPLICA
                    && c.clientClass() != io.vigil.store.config.ClientClass.MASTER
                    && now - c.lastInteractionMillis > timeout * 1000L) {
                LOG.debug("Closing idle client id={} addr={}", c.id(), c.remoteAddress());
                kill(c, false);
                continue;
            }
            if (c.softLimitSinceMillis != 0) {
                enforceOutputLimit(c);
            }
        }
        expireBlocked(now);
        persistence.cron();
        usedMemory();
        if (evicting()) {
            evicted(evictor.perform(clientBufferBytes, random));
        }
        aof.cron();
        stats.sample(now);
        for (int i = 0; i < cronHooks.size(); i++) {
            cronHooks.get(i).run();
        }
        afterBatch();
    }

    /** Closes every client and runs the shutdown hook ({@code SHUTDOWN}). */
    public void shutdown() {
        stopped = true;
        LOG.info("User requested shutdown...");
        for (Client c : new ArrayList<>(clients.values())) {
            kill(c, false);
        }
        LOG.info("Vigil store is now ready to exit, bye bye...");
        shutdownHook.run();
    }

    // ---- helpers ----

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String[] rest(byte[][] args, int from) {
        String[] out = new String[Math.max(0, args.length - from)];
        for (int i = from; i < args.length; i++) {
            out[i - from] = latin1(args[i]);
        }
        return out;
    }
}
