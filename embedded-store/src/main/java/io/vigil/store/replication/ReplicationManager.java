package io.vigil.store.replication;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.vigil.resp.RespError;
import io.vigil.resp.RespVersion;
import io.vigil.resp.RespWriter;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFlag;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.Reply;
import io.vigil.store.config.ClientClass;
import io.vigil.store.config.StoreConfig;
import io.vigil.store.engine.Client;
import io.vigil.store.engine.CommandGate;
import io.vigil.store.engine.ReplicationStream;
import io.vigil.store.engine.StoreEngine;
import io.vigil.store.keyspace.Snapshot;
import io.vigil.store.persistence.FileInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replication with Redis 7's protocol and semantics, on the command thread: the store's role (master or replica),
 * the replication ID and offset (with the secondary ID kept on promotion so the other replicas and the old master
 * resynchronize partially), the backlog, the replicas attached to this store, the link to this store's master,
 * {@code WAIT}, {@code min-replicas-to-write}, {@code FAILOVER} and Vigil's write-lease fencing.
 *
 * <p>As a master it is the engine's {@link ReplicationStream}: each propagated write is encoded once as RESP
 * (with a {@code SELECT} when the database changes) and appended to the backlog and to every replica's output. As
 * a replica it applies its master's stream through the engine as the master client and forwards the very same
 * bytes to its own backlog and replicas (chained replication).
 *
 * <p>Not thread safe: every method runs on the command thread.
 */
public final class ReplicationManager implements ReplicationStream {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationManager.class);
    private static final String NO_ID = "0000000000000000000000000000000000000000";
    private static final byte[] SELECT = "SELECT".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PING = "PING".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] GETACK = {
        "REPLCONF".getBytes(StandardCharsets.US_ASCII),
        "GETACK".getBytes(StandardCharsets.US_ASCII),
        "*".getBytes(StandardCharsets.US_ASCII)
    };
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The store's role. */
    public enum Role {
        /** Accepts writes and streams them to replicas. */
        MASTER,
        /** Follows a master. */
        REPLICA
    }

    private final StoreEngine engine;
    private final ReplicationStream tap;
    private LinkConnector connector = LinkConnector.NONE;
    private java.util.concurrent.Executor commandThread;
    private SyncJob syncJob;
    private int listeningPort;
    private Snapshots snapshots = RdbSnapshots.INSTANCE;

    private Role role = Role.MASTER;
    private String replid = randomId();
    private String replid2 = NO_ID;
    private long secondReplOffset = -1;
    private long offset;
    private Backlog backlog;
    private long noReplicasSince;
    private int selectedDb = -1;
    private final ByteBuf scratch = Unpooled.buffer(256);

    private final Map<Client, ReplicaPeer> peers = new IdentityHashMap<>();
    private final List<ReplicaPeer> replicas = new ArrayList<>();

    private String masterHost;
    private int masterPort;
    private MasterLink link;
    private long linkDownSince;
    private long lastConnectAttempt;
    private long lastAck;
    private long lastPing;
    private boolean psyncFromScratch;
    private int pendingStreamDb = -1;
    private ByteBuf transaction;

    private long syncFull;
    private long syncBufferPeak;
    private long syncPartialOk;
    private long syncPartialErr;

    private final List<Waiter> waiters = new ArrayList<>();
    private final Fencing fencing = new Fencing();

    private FailoverState failoverState = FailoverState.NO_FAILOVER;
    private String failoverHost;
    private int failoverPort;
    private boolean failoverForce;
    private long failoverDeadline;
    private final List<Held> held = new ArrayList<>();
    private final GracefulShutdown shutdown = new GracefulShutdown(this);
    private final List<ReplicaPeer> delayedSyncs = new ArrayList<>();
    private long delayedSince;
    private long lastPresyncNewline;
    private boolean pausedForShutdown;

    private record Waiter(Client client, long target, long wanted) {}

    private record Held(Client client, byte[][] args) {}

    private ReplicationManager(StoreEngine engine) {
        this.engine = engine;
        ReplicationStream existing = engine.replication();
        this.tap = existing == ReplicationStream.NONE ? null : existing;
    }

    /**
     * The engine's replication manager, created and installed (as its replication stream, command gate, cron and
     * disconnect hooks) on first use.
     */
    public static ReplicationManager of(StoreEngine engine) {
        ReplicationManager m = engine.attachment(ReplicationManager.class);
        if (m == null) {
            m = new ReplicationManager(engine);
            engine.attach(ReplicationManager.class, m);
            engine.replication(m);
            engine.gate(m::check);
            engine.onCron(m::cron);
            engine.onDisconnect(m::clientGone);
            String replicaof = engine.config().get("replicaof");
            if (!replicaof.isEmpty()) {
                String[] hp = replicaof.split(" ");
                m.psyncFromScratch = true;
                m.setMaster(hp[0], Integer.parseInt(hp[1]), false);
            }
        }
        return m;
    }

    /** Installs the network connector (the server does, at start) and connects to a configured master. */
    public void connector(LinkConnector connector) {
        this.connector = connector;
        if (role == Role.REPLICA && link != null && link.state() == MasterLink.State.CLOSED) {
            link = null;
        }
        if (role == Role.REPLICA && link == null) {
            connect();
        }
    }

    /** The port this store listens on (announced to masters when {@code replica-announce-port} is 0). */
    public void listeningPort(int port) {
        this.listeningPort = port;
    }

    int listeningPort() {
        return listeningPort != 0 ? listeningPort : config().port();
    }

    /**
     * The command thread as an executor (the server's event loop): with it, full syncs encode a point-in-time
     * snapshot on a background thread and deliver it on this thread; without it they snapshot synchronously.
     */
    public void commandThread(java.util.concurrent.Executor executor) {
        this.commandThread = executor;
    }

    /** Installs the RDB codec used by full resynchronizations. */
    public void snapshots(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    private static String randomId() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    StoreEngine engine() {
        return engine;
    }

    StoreConfig config() {
        return engine.config();
    }

    long now() {
        return engine.clock().millis();
    }

    // ---- read-only views ----

    /** The role. */
    public Role role() {
        return role;
    }

    /** {@code master_replid}. */
    public String replid() {
        return replid;
    }

    @Override
    public String replId() {
        return replid;
    }

    /** {@code master_replid2}. */
    public String replid2() {
        return replid2;
    }

    /** {@code second_repl_offset}. */
    public long secondReplOffset() {
        return secondReplOffset;
    }

    /** Full resynchronizations served ({@code sync_full}). */
    public long syncFull() {
        return syncFull;
    }

    /** Partial resynchronizations accepted ({@code sync_partial_ok}). */
    public long syncPartialOk() {
        return syncPartialOk;
    }

    /** Partial resynchronizations refused ({@code sync_partial_err}). */
    public long syncPartialErr() {
        return syncPartialErr;
    }

    /** Number of attached replicas ({@code connected_slaves}). */
    public int replicaCount() {
        return replicas.size();
    }

    /** Whether the link to the master is up (replica only). */
    public boolean linkUp() {
        return link != null && link.state() == MasterLink.State.CONNECTED;
    }

    // ---- ReplicationStream ----

    @Override
    public void append(int db, byte[][] argv) {
        if (tap != null) {
            tap.append(db, argv);
        }
        if (role != Role.MASTER || (backlog == null && replicas.isEmpty())) {
            return;
        }
        ByteBuf buf = scratch;
        buf.clear();
        if (db >= 0 && db != selectedDb) {
            RespWriter.arrayHeader(buf, 2);
            RespWriter.bulk(buf, RespVersion.RESP2, SELECT);
            RespWriter.bulk(buf, RespVersion.RESP2, Integer.toString(db).getBytes(StandardCharsets.US_ASCII));
            selectedDb = db;
        }
        RespWriter.arrayHeader(buf, argv.length);
        for (byte[] a : argv) {
            RespWriter.bulk(buf, RespVersion.RESP2, a);
        }
        feed(buf);
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public SaveInfo saveInfo() {
        if (role == Role.MASTER) {
            // A master outside any replication chain (no backlog) writes none: its replicas would full-sync
            // anyway. With no write since the last full sync the stream will start with a SELECT: any db will do.
            return backlog == null ? null : new SaveInfo(Math.max(0, selectedDb), replid, offset);
        }
        if (link != null && link.state() == MasterLink.State.TRANSFER) {
            return null; // receiving a new dataset: the old ID and offset are no longer ours (Redis too)
        }
        if (linkUp() || !psyncFromScratch) {
            return new SaveInfo(masterStreamDb(), replid, offset); // the connected or the cached master
        }
        return null;
    }

    @Override
    public void loadedFromDump(Map<String, String> aux, List<ExpiredKey> expired) {
        RestartState restored = RestartState.of(aux);
        if (restored == null) {
            return;
        }
        if (role == Role.REPLICA) {
            // Redis's replicationCacheMasterUsingMyself: the dump's ID and offset become this replica's, so its
            // first PSYNC asks for the bytes after the dump and continues in the stream's database.
            replid = restored.replId();
            offset = restored.offset();
            pendingStreamDb = restored.streamDb();
            psyncFromScratch = false;
            LOG.info(
                    "Restored replication ID {} and offset {} from the dump: will try a partial resynchronization",
                    replid,
                    offset);
            return;
        }
        // A master keeps a new ID and serves the dump's one as its secondary ID, with a backlog starting right
        // after the dump's offset; the next write starts with a SELECT (Redis's loadDataFromDisk).
        replid2 = restored.replId();
        secondReplOffset = restored.offset() + 1;
        offset = restored.offset();
        backlog = null;
        createBacklog();
        selectedDb = -1;
        noReplicasSince = now();
        LOG.info(
                "Restored replication ID {} and offset {} from the dump as the secondary ID (valid up to offset {}); "
                        + "new replication ID is {}",
                replid2,
                offset,
                secondReplOffset,
                replid);
        byte[] del = "DEL".getBytes(StandardCharsets.US_ASCII);
        for (ExpiredKey k : expired) {
            append(k.db(), new byte[][] {del, k.key()});
        }
    }

    /** The database the master's stream is in (replica): the applied master client's, or the cached one. */
    private int masterStreamDb() {
        if (pendingStreamDb >= 0) {
            return pendingStreamDb;
        }
        Client mc = link == null ? null : link.masterClient();
        return mc == null ? 0 : mc.db();
    }

    /** The link's master client goes away: its database is where the stream continues after a partial resync. */
    void masterClientClosed(Client masterClient) {
        if (pendingStreamDb < 0) {
            pendingStreamDb = masterClient.db();
        }
    }

    /** Appends stream bytes to the backlog and to every attached replica. */
    private void feed(ByteBuf bytes) {
        int from = bytes.readerIndex();
        int n = bytes.readableBytes();
        if (backlog == null) {
            createBacklog();
        }
        backlog.append(bytes, from, n);
        offset += n;
        for (int i = 0; i < replicas.size(); i++) {
            ReplicaPeer p = replicas.get(i);
            if (p.state == ReplicaPeer.State.WAIT_BGSAVE && p.held == null) {
                continue; // its delayed snapshot has not started: it will hold these bytes
            }
            if (p.held != null) {
                p.held.writeBytes(bytes, from, n);
                if (config().outputLimit(ClientClass.REPLICA).hardExceeded(p.held.readableBytes())) {
                    LOG.warn(
                            "Replica {} closed for overcoming of output buffer limits while syncing ({} bytes held).",
                            p.client.remoteAddress(),
                            p.held.readableBytes());
                    engine.stats().outputLimitDisconnections++;
                    engine.kill(p.client, false);
                    i--; // the disconnect hook removed it from the list
                }
                continue;
            }
            p.client.reply().buffer().writeBytes(bytes, from, n);
            engine.markForFlush(p.client);
        }
    }

    private void createBacklog() {
        backlog = new Backlog((int) config().getLong("repl-backlog-size"), offset);
    }

    // ---- the command gate ----

    private RespError check(Client client, CommandSpec spec, byte[][] args) {
        if (client.clientClass() == ClientClass.MASTER) {
            return null;
        }
        boolean write = isWrite(client, spec);
        if (role == Role.REPLICA) {
            if (write && config().isYes("replica-read-only")) {
                return RespError.READONLY;
            }
            if (!linkUp() && !config().isYes("replica-serve-stale-data") && !spec.has(CommandFlag.STALE)) {
                return RespError.MASTERDOWN;
            }
            return null;
        }
        if (!write) {
            return null;
        }
        if (fencing.active(config().isYes("fencing"))) {
            String why = fencing.refusal(now());
            if (why != null) {
                return RespError.fenced(why);
            }
        }
        long min = config().getLong("min-replicas-to-write");
        if (min > 0 && config().getLong("min-replicas-max-lag") > 0 && goodReplicas() < min) {
            return RespError.NOREPLICAS;
        }
        if ((failoverState != FailoverState.NO_FAILOVER || pausedForShutdown)
                && args != null
                && (!client.inMulti() || spec.name().equals("exec"))) {
            held.add(new Held(client, args));
            engine.blockUntil(
                    client,
                    0,
                    c -> { // CLIENT UNBLOCK: run it again now (held again if still paused)
                        held.removeIf(h -> h.client == c);
                        engine.execute(c, args);
                    });
            return CommandGate.HELD;
        }
        return null;
    }

    private boolean isWrite(Client client, CommandSpec spec) {
        if (spec.has(CommandFlag.WRITE)) {
            return true;
        }
        if (spec.name().equals("exec")) {
            for (byte[][] queued : client.multiQueue()) {
                CommandSpec q = engine.resolve(queued);
                if (q != null && q.has(CommandFlag.WRITE)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Online replicas whose last ACK is at most {@code min-replicas-max-lag} seconds old. */
    int goodReplicas() {
        long maxLag = config().getLong("min-replicas-max-lag") * 1000;
        long now = now();
        int good = 0;
        for (ReplicaPeer p : replicas) {
            if (p.online() && now - p.ackMillis <= maxLag) {
                good++;
            }
        }
        return good;
    }

    // ---- REPLICAOF ----

    /** {@code REPLICAOF host port}. */
    public void replicaOf(CommandContext ctx, String host, int port) {
        if (failoverState != FailoverState.NO_FAILOVER) {
            throw new CommandException(RespError.REPLICAOF_DURING_FAILOVER);
        }
        if (role == Role.REPLICA && host.equalsIgnoreCase(masterHost) && port == masterPort) {
            LOG.info("REPLICAOF would result into synchronization with the master we are already connected with. "
                    + "No operation performed.");
            ctx.reply().simple("OK Already connected to specified master");
            return;
        }
        setMaster(host, port, false);
        LOG.info(
                "REPLICAOF {}:{} enabled (user request from 'id={} addr={}')",
                host,
                port,
                ctx.client().id(),
                ctx.client().remoteAddress());
        ctx.reply().ok();
    }

    /** {@code REPLICAOF NO ONE}. */
    public void replicaOfNoOne(CommandContext ctx) {
        if (failoverState != FailoverState.NO_FAILOVER) {
            throw new CommandException(RespError.REPLICAOF_DURING_FAILOVER);
        }
        if (role == Role.REPLICA) {
            unsetMaster();
            LOG.info(
                    "MASTER MODE enabled (user request from 'id={} addr={}')",
                    ctx.client().id(),
                    ctx.client().remoteAddress());
        }
        ctx.reply().ok();
    }

    private void setMaster(String host, int port, boolean failover) {
        boolean wasMaster = role == Role.MASTER;
        if (link != null) {
            MasterLink old = link;
            link = null;
            if (old.state() == MasterLink.State.CONNECTED) {
                linkDownSince = now();
            }
            old.close("switching master");
        }
        masterHost = host;
        masterPort = port;
        config().set("replicaof", host + " " + port); // CONFIG GET / CONFIG REWRITE show the current master
        role = Role.REPLICA;
        fencing.dropLease();
        if (wasMaster) {
            for (Client c : new ArrayList<>(engine.clients())) {
                // writes held by FAILOVER are not unblocked: they run again afterwards (and meet READONLY)
                if (c.blocked() && held.stream().noneMatch(h -> h.client == c)) {
                    engine.unblock(c, RespError.UNBLOCKED_ROLE_CHANGE);
                }
            }
            waiters.clear(); // every WAIT was just answered with the UNBLOCKED error
        }
        applyExpiryMode();
        LOG.info("Connecting to MASTER {}:{}", host, port);
        connect(failover);
    }

    private void unsetMaster() {
        if (link != null) {
            MasterLink old = link;
            link = null;
            old.close("REPLICAOF NO ONE");
        }
        masterHost = null;
        masterPort = 0;
        config().set("replicaof", "");
        shiftReplicationId();
        disconnectReplicas();
        role = Role.MASTER;
        selectedDb = -1;
        pendingStreamDb = -1; // a later master's stream starts with a SELECT
        linkDownSince = 0;
        psyncFromScratch = false;
        applyExpiryMode();
        if (backlog == null) {
            createBacklog();
        }
    }

    private void shiftReplicationId() {
        replid2 = replid;
        secondReplOffset = offset + 1;
        replid = randomId();
        LOG.info(
                "Setting secondary replication ID to {}, valid up to offset: {}. New replication ID is {}",
                replid2,
                secondReplOffset,
                replid);
    }

    private void applyExpiryMode() {
        engine.keyspace().replicaExpiry(role == Role.REPLICA && config().isYes("replica-read-only"));
    }

    private void disconnectReplicas() {
        for (ReplicaPeer p : new ArrayList<>(replicas)) {
            engine.kill(p.client, false);
        }
    }

    private void connect() {
        connect(false);
    }

    private void connect(boolean failover) {
        lastConnectAttempt = now();
        if (engine.persistence().loading()) {
            return; // the dump being loaded at start would replace what the master sends; cron retries
        }
        MasterLink l = new MasterLink(this, masterHost, masterPort, failover);
        link = l;
        l.open(connector);
    }

    // ---- replica side: link callbacks ----

    String[] psyncRequest() {
        if (psyncFromScratch) {
            return new String[] {"?", "-1"};
        }
        return new String[] {replid, Long.toString(offset + 1)};
    }

    void linkClosed(MasterLink closed, MasterLink.State was) {
        if (transaction != null) {
            transaction.release();
            transaction = null;
        }
        if (closed != link) {
            return;
        }
        link = null;
        if (was == MasterLink.State.CONNECTED) {
            linkDownSince = now();
        }
        if (closed.failover() && failoverState == FailoverState.FAILOVER_IN_PROGRESS) {
            LOG.warn("FAILOVER: the link with the target closed before it accepted; will retry until the timeout");
        }
    }

    void partialSyncAccepted(MasterLink l, String newId) {
        linkDownSince = 0;
        psyncFromScratch = false;
        if (newId != null && !newId.isEmpty() && !newId.equals(replid)) {
            replid2 = replid;
            secondReplOffset = offset + 1;
            replid = newId;
            LOG.info("Master replication ID changed to {}", newId);
            disconnectReplicas();
        }
        if (backlog == null) {
            createBacklog();
        }
        failoverPsyncReply(l, null);
    }

    /**
     * The payload of a full sync arrived. With an event loop it is loaded on the loader thread while clients get
     * {@code -LOADING} (the databases are emptied first, as Redis does) and the link holds the master's stream until
     * {@link #syncLoadEnded}; without one (unit tests) it is loaded now.
     *
     * @return whether the data is in already (the link applies the stream at once)
     */
    boolean fullSyncLoaded(MasterLink l, ByteBuf rdb, String masterReplid, long masterOffset) {
        LOG.info("MASTER <-> REPLICA sync: Loading DB in memory ({} bytes)", rdb.readableBytes());
        if (commandThread != null) {
            return loadSync(ReplicaLoad.fromMemory(this, l, rdb.retain(), masterReplid, masterOffset, snapshots));
        }
        return loadSyncNow(l, new ByteBufInputStream(rdb.duplicate()), masterReplid, masterOffset);
    }

    /**
     * The payload of a full sync was written to {@code dbfilename} ({@code repl-diskless-load disabled}): loaded
     * from there as {@link #fullSyncLoaded} loads one in memory.
     */
    boolean fullSyncSaved(MasterLink l, Path file, long size, String masterReplid, long masterOffset) {
        LOG.info("MASTER <-> REPLICA sync: Loading DB from {} ({} bytes)", file, size);
        if (commandThread != null) {
            return loadSync(ReplicaLoad.fromFile(this, l, file, size, masterReplid, masterOffset, snapshots));
        }
        try (InputStream in = new FileInput(file)) {
            return loadSyncNow(l, in, masterReplid, masterOffset);
        } catch (IOException e) {
            syncLoadFailed(l, e.getMessage());
            return true;
        }
    }

    /**
     * Whether the current data stays until the payload is loaded ({@code repl-diskless-load swapdb}, as Redis: a
     * payload that fails to load leaves it in place); otherwise the databases are emptied first.
     */
    private boolean keepDataWhileLoading() {
        return config().get("repl-diskless-load").equals("swapdb");
    }

    private boolean loadSync(ReplicaLoad load) {
        engine.persistence().stopBackgroundSave();
        disconnectReplicas();
        backlog = null;
        if (!keepDataWhileLoading()) {
            for (int i = 0; i < engine.keyspace().count(); i++) {
                engine.keyspace().db(i).clear();
            }
        }
        engine.persistence().beginLoading(load);
        engine.persistence().startLoading();
        return false;
    }

    private boolean loadSyncNow(MasterLink l, InputStream in, String masterReplid, long masterOffset) {
        disconnectReplicas();
        backlog = null;
        try {
            if (keepDataWhileLoading()) {
                io.vigil.store.keyspace.Keyspace fresh =
                        new io.vigil.store.keyspace.Keyspace(engine.keyspace().count(), engine.clock());
                pendingStreamDb = snapshots.load(in, fresh, 0);
                engine.keyspace().adopt(fresh);
            } else {
                pendingStreamDb = snapshots.load(in, engine.keyspace(), 0);
            }
        } catch (RuntimeException e) {
            syncLoadFailed(l, e.getMessage());
            return true;
        }
        syncLoaded(masterReplid, masterOffset);
        return true;
    }

    /**
     * Whether a sync load that just ended is still this store's data: it is still a replica (REPLICAOF is refused
     * while loading, as in Redis, so of the same master), whether or not the link survived the load.
     */
    boolean syncLoadWanted(MasterLink l) {
        return role == Role.REPLICA && (link == null || link == l);
    }

    /** A sync load ended on the command thread (its keyspace adopted when {@code wanted}). */
    void syncLoadEnded(MasterLink l, boolean wanted, String masterReplid, long masterOffset, int streamDb) {
        if (!wanted) {
            LOG.info("MASTER <-> REPLICA sync: no longer a replica of that master; the loaded data was dropped");
            psyncFromScratch = true;
            return;
        }
        pendingStreamDb = streamDb;
        syncLoaded(masterReplid, masterOffset);
        if (l == link) {
            l.loadFinished();
        } else {
            // As Redis after a blocking load whose link dropped meanwhile: the data is in, the next PSYNC continues.
            LOG.info("MASTER <-> REPLICA sync: the link was lost while loading; will try a partial resynchronization");
            linkDownSince = now();
        }
    }

    /** A full sync's payload could not be loaded: the link is closed and the next sync starts from scratch. */
    void syncLoadFailed(MasterLink l, String reason) {
        LOG.warn("Failed trying to load the MASTER synchronization DB from socket: {}", reason);
        psyncFromScratch = true;
        l.close("bad RDB payload: " + reason);
    }

    private void syncLoaded(String masterReplid, long masterOffset) {
        replid = masterReplid;
        offset = masterOffset;
        replid2 = NO_ID;
        secondReplOffset = -1;
        createBacklog();
        linkDownSince = 0;
        psyncFromScratch = false;
        LOG.info("MASTER <-> REPLICA sync: Finished with success");
    }

    /** The target answered a {@code PSYNC ... FAILOVER}: accepted ({@code error} null) or refused. */
    void failoverPsyncReply(MasterLink l, String error) {
        if (!l.failover() || failoverState != FailoverState.FAILOVER_IN_PROGRESS) {
            return;
        }
        if (error == null) {
            LOG.info("Failover target {}:{} accepted: this node is now its replica", l.host(), l.port());
            endFailover();
        } else {
            LOG.warn("Failover target {}:{} refused: {}; aborting the failover", l.host(), l.port(), error);
            abortFailover("target refused: " + error);
        }
    }

    void applyFromMaster(MasterLink l, byte[][] args, ByteBuf raw) {
        Client mc = l.masterClient();
        if (mc == null) {
            return;
        }
        if (pendingStreamDb >= 0) {
            mc.select(pendingStreamDb);
            pendingStreamDb = -1;
        }
        engine.execute(mc, args);
        if (link != l) {
            return;
        }
        if (backlog == null) {
            createBacklog();
        }
        if (mc.inMulti()) {
            // a transaction counts (offset, backlog, sub-replicas) only once its EXEC is applied: a link lost
            // halfway resumes from before its MULTI, as Redis's reploff does
            if (transaction == null) {
                transaction = Unpooled.buffer(256);
            }
            transaction.writeBytes(raw, raw.readerIndex(), raw.readableBytes());
            return;
        }
        if (transaction != null) {
            transaction.writeBytes(raw, raw.readerIndex(), raw.readableBytes());
            feed(transaction);
            transaction.release();
            transaction = null;
            return;
        }
        feed(raw);
    }

    /** {@code REPLCONF GETACK} from the master: answers with the offset applied so far. */
    private void sendAck() {
        if (link != null && link.state() == MasterLink.State.CONNECTED) {
            link.send("REPLCONF", "ACK", Long.toString(offset));
        }
    }

    // ---- master side: REPLCONF, PSYNC ----

    /** {@code REPLCONF option value ...}. */
    public void replconf(CommandContext ctx) {
        Client c = ctx.client();
        if ((ctx.argc() % 2) == 0) {
            throw new CommandException(RespError.SYNTAX);
        }
        for (int i = 1; i < ctx.argc(); i += 2) {
            if (ctx.argIs(i, "ack")) {
                ReplicaPeer p = peers.get(c);
                if (p != null && p.state != null) {
                    if (p.held != null) {
                        p.client.reply().buffer().writeBytes(p.held);
                        p.held.release();
                        p.held = null;
                        p.state = ReplicaPeer.State.ONLINE;
                        engine.markForFlush(c);
                    }
                    long acked = ctx.argLong(i + 1);
                    if (acked > p.ackOffset) {
                        p.ackOffset = acked;
                    }
                    p.ackMillis = now();
                    checkWaiters();
                    checkFailoverSync();
                }
                return; // no reply to ACK
            } else if (ctx.argIs(i, "getack")) {
                if (c.clientClass() == ClientClass.MASTER) {
                    sendAck();
                }
                return;
            } else if (ctx.argIs(i, "listening-port")) {
                long port = ctx.argLong(i + 1);
                peer(c).listeningPort = (int) port;
            } else if (ctx.argIs(i, "ip-address")) {
                peer(c).announcedIp = ctx.argString(i + 1);
            } else if (ctx.argIs(i, "capa")) {
                if (ctx.argIs(i + 1, "eof")) {
                    peer(c).capaEof = true;
                } else if (ctx.argIs(i + 1, "psync2")) {
                    peer(c).capaPsync2 = true;
                }
            } else if (ctx.argIs(i, "rdb-only") || ctx.argIs(i, "rdb-filter-only")) {
                continue;
            } else {
                throw new CommandException(RespError.replconfOption(ctx.argString(i)));
            }
        }
        ctx.reply().ok();
    }

    private ReplicaPeer peer(Client c) {
        return peers.computeIfAbsent(c, ReplicaPeer::new);
    }

    /** {@code PSYNC replid offset [FAILOVER]} and {@code SYNC}. */
    public void psync(CommandContext ctx, boolean legacySync) {
        Client c = ctx.client();
        ReplicaPeer p = peer(c);
        if (p.state != null) {
            return; // already a replica: ignore, as Redis does
        }
        if (role == Role.REPLICA && !linkUp()) {
            throw new CommandException(RespError.NOMASTERLINK);
        }
        String wantedId = legacySync ? "?" : ctx.argString(1);
        long wantedOffset = -1;
        if (!legacySync) {
            wantedOffset = ctx.argLong(2);
            if (ctx.argc() > 3 && ctx.argIs(3, "failover")) {
                if (role != Role.REPLICA || !wantedId.equalsIgnoreCase(replid)) {
                    throw new CommandException(RespError.PSYNC_FAILOVER_REPLID);
                }
                LOG.info("Failover request received for replid {}.", wantedId);
                unsetMaster();
            }
        }
        if (!legacySync && tryPartial(p, wantedId, wantedOffset)) {
            return;
        }
        if (!legacySync && !wantedId.equals("?")) {
            syncPartialErr++;
        }
        fullSync(p, legacySync);
    }

    private boolean tryPartial(ReplicaPeer p, String wantedId, long wantedOffset) {
        if (backlog == null) {
            LOG.info("Partial resynchronization not accepted: no backlog");
            return false;
        }
        boolean idOk = wantedId.equalsIgnoreCase(replid)
                || (wantedId.equalsIgnoreCase(replid2) && wantedOffset <= secondReplOffset);
        if (!idOk) {
            if (!wantedId.equals("?")) {
                LOG.info(
                        "Partial resynchronization not accepted: Replication ID mismatch (Replica asked for '{}', "
                                + "my replication IDs are '{}' and '{}')",
                        wantedId,
                        replid,
                        replid2);
            }
            return false;
        }
        if (!backlog.covers(wantedOffset)) {
            LOG.info(
                    "Unable to partial resync with replica {} for lack of backlog (Replica request was: {}).",
                    p.client.remoteAddress(),
                    wantedOffset);
            return false;
        }
        attach(p);
        Reply r = p.client.reply();
        r.simple(p.capaPsync2 ? "CONTINUE " + replid : "CONTINUE");
        backlog.copyFrom(wantedOffset, r.buffer());
        engine.markForFlush(p.client);
        syncPartialOk++;
        LOG.info(
                "Partial resynchronization request from {} accepted. Sending {} bytes of backlog starting from "
                        + "offset {}.",
                p.client.remoteAddress(),
                offset + 1 - wantedOffset,
                wantedOffset);
        return true;
    }

    private void fullSync(ReplicaPeer p, boolean legacySync) {
        if (role == Role.MASTER && backlog == null && replicas.isEmpty()) {
            replid = randomId();
            replid2 = NO_ID;
            secondReplOffset = -1;
        }
        if (backlog == null) {
            createBacklog();
        }
        p.legacySync = legacySync;
        if (syncJob != null && syncJob.replid.equals(replid) && joinBackgroundSync(p, legacySync)) {
            return;
        }
        if (delayFullSync(p, legacySync)) {
            return;
        }
        startFullSync(List.of(p));
    }

    /**
     * Redis's {@code repl-diskless-sync-delay}: a replica that can take a diskless (EOF-marked) transfer waits up to
     * that many seconds (or until {@code repl-diskless-sync-max-replicas} wait) so that replicas arriving together
     * share one snapshot. It is listed as {@code wait_bgsave} meanwhile and gets no stream: the snapshot will hold
     * it. Partial resynchronizations (as after a promotion) are never delayed.
     *
     * @return whether {@code p} now waits for the cron to start its snapshot
     */
    private boolean delayFullSync(ReplicaPeer p, boolean legacySync) {
        if (legacySync
                || !p.capaEof
                || !config().isYes("repl-diskless-sync")
                || config().getLong("repl-diskless-sync-delay") <= 0) {
            return false;
        }
        if (delayedSyncs.isEmpty()) {
            delayedSince = now();
        }
        attach(p);
        p.state = ReplicaPeer.State.WAIT_BGSAVE;
        delayedSyncs.add(p);
        LOG.info("Delay next BGSAVE for diskless SYNC of {}", p.client.remoteAddress());
        startDelayedSyncs();
        return true;
    }

    /** Starts the snapshot for the delayed replicas once the delay passed or enough of them wait (cron). */
    private void startDelayedSyncs() {
        delayedSyncs.removeIf(p -> peers.get(p.client) != p); // gone meanwhile
        if (delayedSyncs.isEmpty()) {
            return;
        }
        long now = now();
        long max = config().getLong("repl-diskless-sync-max-replicas");
        boolean due = now - delayedSince >= config().getLong("repl-diskless-sync-delay") * 1000
                || (max > 0 && delayedSyncs.size() >= max)
                || !config().isYes("repl-diskless-sync");
        if (!due || syncJob != null || engine.keyspace().snapshot() != null) {
            if (now - lastPresyncNewline >= 1000) { // as Redis: keeps the waiting replicas' links alive
                lastPresyncNewline = now;
                for (ReplicaPeer p : delayedSyncs) {
                    p.client.reply().buffer().writeByte('\n');
                    engine.markForFlush(p.client);
                }
            }
            return;
        }
        List<ReplicaPeer> group = new ArrayList<>(delayedSyncs);
        delayedSyncs.clear();
        try {
            startFullSync(group);
        } catch (CommandException e) {
            group.forEach(p -> engine.kill(p.client, false)); // logged by the synchronous path
        }
    }

    /**
     * Takes one snapshot for {@code group}, streamed by a background thread (Redis's {@code
     * startBgsaveForReplication}): straight to the sockets with {@code repl-diskless-sync yes} when every replica of
     * the group reads an EOF-marked payload, else through a {@code BGSAVE} to {@code dir}/{@code dbfilename} whose
     * file is then sent. While another transfer or a {@code BGSAVE}/AOF rewrite holds the snapshot, the group waits
     * ({@code wait_bgsave}) and the cron starts it afterwards. An engine without an event loop (unit tests) encodes
     * it on the command thread instead.
     */
    private void startFullSync(List<ReplicaPeer> group) {
        if (commandThread == null) {
            for (ReplicaPeer p : group) {
                syncOnCommandThread(p, p.legacySync);
            }
            return;
        }
        if (syncJob == null && engine.keyspace().snapshot() == null) {
            try {
                startBackgroundSync(group);
                return;
            } catch (IllegalStateException e) {
                LOG.info(
                        "Can't start the BGSAVE for SYNC now ({}); the replicas wait for the next one", e.getMessage());
            }
        }
        for (ReplicaPeer p : group) {
            waitForNextSync(p);
        }
    }

    /** Redis's "Waiting for next BGSAVE for SYNC": the replica waits in {@code wait_bgsave} for the cron. */
    private void waitForNextSync(ReplicaPeer p) {
        if (delayedSyncs.isEmpty()) {
            delayedSince = now() - config().getLong("repl-diskless-sync-delay") * 1000; // due once the way is free
        }
        attach(p);
        p.state = ReplicaPeer.State.WAIT_BGSAVE;
        if (!delayedSyncs.contains(p)) {
            delayedSyncs.add(p);
        }
        LOG.info("Waiting for next BGSAVE for SYNC of {}", p.client.remoteAddress());
    }

    /**
     * No background thread (an engine without an event loop, in unit tests): the snapshot is taken synchronously on
     * the command thread, a consistent point in time that blocks other clients meanwhile.
     */
    private void syncOnCommandThread(ReplicaPeer p, boolean legacySync) {
        ByteBuf rdb = Unpooled.buffer(64 * 1024);
        try {
            try {
                snapshots.write(engine.keyspace(), rdb, replid, offset, streamDb());
            } catch (RuntimeException e) {
                LOG.warn("Full resynchronization of {} failed: {}", p.client.remoteAddress(), e.getMessage());
                throw new CommandException(RespError.fullSyncFailed(e.getMessage()));
            }
            announce(p, legacySync, offset);
            attach(p);
            deliver(p, rdb);
            LOG.info(
                    "Synchronization with replica {} succeeded (snapshot taken on the command thread, {} bytes)",
                    p.client.remoteAddress(),
                    rdb.writerIndex());
        } finally {
            rdb.release();
        }
    }

    /** Replies {@code +FULLRESYNC} (not to the old {@code SYNC}) and counts the full sync. */
    private void announce(ReplicaPeer p, boolean legacySync, long snapshotOffset) {
        if (!legacySync) {
            p.client.reply().simple("FULLRESYNC " + replid + " " + snapshotOffset);
        }
        if (role == Role.MASTER) {
            selectedDb = -1; // the stream after the snapshot starts with a SELECT
        }
        syncFull++;
        engine.markForFlush(p.client);
    }

    /**
     * Sends the RDB payload, framed as {@code $EOF:<mark>} (the replica can read it to the mark) or {@code $<length>},
     * then the stream held since the snapshot: at once after a sized payload, on the first ACK after an EOF-marked
     * one (the replica reads to the mark and would take the stream for payload).
     */
    private void deliver(ReplicaPeer p, ByteBuf rdb) {
        ByteBuf out = p.client.reply().buffer();
        boolean eof = p.capaEof && config().isYes("repl-diskless-sync");
        if (eof) {
            byte[] mark = randomId().getBytes(StandardCharsets.US_ASCII);
            out.writeBytes(("$EOF:" + new String(mark, StandardCharsets.US_ASCII) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(rdb, rdb.readerIndex(), rdb.readableBytes());
            out.writeBytes(mark);
            p.state = ReplicaPeer.State.SEND_BULK;
            if (p.held == null) {
                p.held = Unpooled.buffer(256);
            }
        } else {
            out.writeBytes(("$" + rdb.readableBytes() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(rdb, rdb.readerIndex(), rdb.readableBytes());
            if (p.held != null) {
                out.writeBytes(p.held);
                p.held.release();
                p.held = null;
            }
            p.state = ReplicaPeer.State.ONLINE;
        }
        p.ackMillis = now();
        engine.markForFlush(p.client);
    }

    /** Bytes per chunk of a streamed payload. */
    static final int SYNC_CHUNK = 64 * 1024;

    /** Payload bytes a replica's connection may hold unsent before the streaming thread waits for it. */
    static final long SYNC_MAX_IN_FLIGHT = 4L * SYNC_CHUNK;

    /**
     * A full sync being produced and streamed for the replicas in it: a point-in-time snapshot encoded straight to
     * their sockets (diskless), or a {@code BGSAVE} whose file is then sent (disk-based; replicas may join until
     * the file is being sent).
     */
    private static final class SyncJob {
        final boolean diskless;
        final String replid;
        final long startOffset;
        final List<ReplicaPeer> waiting = new ArrayList<>();
        final Map<ReplicaPeer, PayloadStreamer.Receiver> receivers = new IdentityHashMap<>();
        Snapshot snapshot;
        boolean sending;
        volatile PayloadStreamer streamer;
        volatile Exception failure;

        SyncJob(boolean diskless, String replid, long startOffset) {
            this.diskless = diskless;
            this.replid = replid;
            this.startOffset = startOffset;
        }
    }

    private void startBackgroundSync(List<ReplicaPeer> group) {
        boolean diskless =
                config().isYes("repl-diskless-sync") && group.stream().allMatch(p -> p.capaEof);
        SyncJob job = new SyncJob(diskless, replid, offset);
        if (diskless) {
            startSocketSync(job, group);
            return;
        }
        engine.persistence().whenBackgroundSaveEnds((ok, file, aux) -> diskSyncSaved(job, ok, file, aux));
        syncJob = job;
        for (ReplicaPeer p : group) {
            announce(p, p.legacySync, job.startOffset);
            enqueue(job, p, Unpooled.buffer(256));
        }
        LOG.info("Starting BGSAVE for SYNC with target: disk ({} replicas)", group.size());
    }

    /** Diskless: encodes a point-in-time snapshot on a background thread straight to the replicas' sockets. */
    private void startSocketSync(SyncJob job, List<ReplicaPeer> group) {
        int db = streamDb();
        long usedMemory = engine.keyspace().memoryBytes();
        long keyDelay = config().getLong("rdb-key-save-delay");
        long pauseStart = System.nanoTime();
        Snapshot snapshot = engine.keyspace().beginSnapshot();
        long pause = System.nanoTime() - pauseStart;
        job.snapshot = snapshot;
        job.sending = true;
        syncJob = job;
        for (ReplicaPeer p : group) {
            announce(p, p.legacySync, job.startOffset);
            enqueue(job, p, Unpooled.buffer(256));
            p.state = ReplicaPeer.State.SEND_BULK;
        }
        byte[] mark = randomId().getBytes(StandardCharsets.US_ASCII);
        stream(job, "vigil-repl-sync", out -> {
            out.write(("$EOF:" + new String(mark, StandardCharsets.US_ASCII) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            snapshots.write(snapshot, usedMemory, out, job.replid, job.startOffset, db, keyDelay);
            out.write(mark);
        });
        LOG.info(
                "Starting BGSAVE for SYNC with target: replicas sockets ({} replicas, {} keys, snapshot pause {} ms)",
                group.size(),
                snapshot.keyCount(),
                String.format(java.util.Locale.ROOT, "%.2f", pause / 1e6));
    }

    /** Disk-based: the BGSAVE for the job ended; its file is sent as {@code $<length>} from a background thread. */
    private void diskSyncSaved(SyncJob job, boolean ok, java.nio.file.Path file, Map<String, String> aux) {
        FileChannel channel = null;
        try {
            if (!ok) {
                throw new java.io.IOException("the BGSAVE for SYNC failed (see the log)");
            }
            if (!Long.toString(job.startOffset).equals(aux.get("repl-offset"))) {
                throw new java.io.IOException(
                        "the BGSAVE is at offset " + aux.get("repl-offset") + ", not " + job.startOffset);
            }
            channel = FileChannel.open(file, java.nio.file.StandardOpenOption.READ); // renames later keep this one
        } catch (java.io.IOException e) {
            job.failure = e;
            finishTransfer(job);
            return;
        }
        job.sending = true;
        for (ReplicaPeer p : job.waiting) {
            p.state = ReplicaPeer.State.SEND_BULK;
        }
        FileChannel in = channel;
        LOG.info("Background RDB transfer started ({} replicas)", job.waiting.size());
        stream(job, "vigil-repl-send", out -> {
            try (in) {
                long size = in.size();
                out.write(("$" + size + "\r\n").getBytes(StandardCharsets.US_ASCII));
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(SYNC_CHUNK);
                long left = size;
                while (left > 0) {
                    buf.clear();
                    int n = in.read(buf);
                    if (n < 0) {
                        throw new java.io.EOFException("the dump file is shorter than " + size + " bytes");
                    }
                    out.write(buf.array(), 0, (int) Math.min(n, left));
                    left -= n;
                }
            }
        });
    }

    /** What a transfer thread writes to the replicas of its job. */
    private interface Payload {
        void writeTo(PayloadStreamer out) throws Exception;
    }

    /**
     * Starts a daemon thread that writes {@code payload} to the job's replicas through a {@link PayloadStreamer},
     * then ends the job on the command thread (after every chunk was handed to the connections: same executor).
     */
    private void stream(SyncJob job, String threadName, Payload payload) {
        List<PayloadStreamer.Receiver> receivers = receiversOf(job);
        Thread t = new Thread(
                () -> {
                    PayloadStreamer out = new PayloadStreamer(receivers, commandThread, SYNC_CHUNK, SYNC_MAX_IN_FLIGHT);
                    job.streamer = out;
                    try (out) {
                        payload.writeTo(out);
                    } catch (Exception e) {
                        job.failure = e;
                    }
                    try {
                        commandThread.execute(() -> {
                            finishTransfer(job);
                            engine.afterBatch();
                        });
                    } catch (java.util.concurrent.RejectedExecutionException e) {
                        LOG.debug("Transfer ended after the store stopped: {}", e.toString());
                    }
                },
                threadName);
        t.setDaemon(true);
        t.start();
    }

    /** One receiver per replica of the job, whose sink writes to the replica's connection on the command thread. */
    private List<PayloadStreamer.Receiver> receiversOf(SyncJob job) {
        List<PayloadStreamer.Receiver> list = new ArrayList<>();
        for (ReplicaPeer p : job.waiting) {
            PayloadStreamer.Receiver r = new PayloadStreamer.Receiver((chunk, written) -> {
                if (peers.get(p.client) != p) {
                    chunk.release();
                    return false;
                }
                engine.stats().netOutputBytes += chunk.readableBytes();
                p.client.sendNow(chunk, () -> {
                    p.ackMillis = now(); // progress: repl-timeout drops a replica that stops reading
                    written.run();
                });
                return true;
            });
            job.receivers.put(p, r);
            list.add(r);
        }
        return list;
    }

    /** A replica asking for a full sync while a disk-based one saves shares it, with a copy of the held stream. */
    private boolean joinBackgroundSync(ReplicaPeer p, boolean legacySync) {
        if (syncJob.diskless || syncJob.sending) {
            return false; // the payload is already on its way: wait for the next one
        }
        for (ReplicaPeer first : syncJob.waiting) {
            if (peers.get(first.client) == first && first.held != null) {
                p.legacySync = legacySync;
                announce(p, legacySync, syncJob.startOffset);
                enqueue(syncJob, p, first.held.copy());
                LOG.info("Waiting for end of BGSAVE for SYNC of {}", p.client.remoteAddress());
                return true;
            }
        }
        return false;
    }

    private void enqueue(SyncJob job, ReplicaPeer p, ByteBuf held) {
        attach(p);
        delayedSyncs.remove(p);
        p.state = ReplicaPeer.State.WAIT_BGSAVE;
        if (p.held != null) {
            p.held.release();
        }
        p.held = held;
        job.waiting.add(p);
    }

    /**
     * The payload was handed to every live replica of the job (or the job failed). After an EOF-marked payload the
     * stream stays held until the replica's first {@code REPLCONF ACK}; after a sized one it follows at once.
     */
    private void finishTransfer(SyncJob job) {
        if (job.snapshot != null) {
            engine.keyspace().endSnapshot(job.snapshot);
        }
        if (syncJob == job) {
            syncJob = null;
        }
        PayloadStreamer streamer = job.streamer;
        if (streamer != null) {
            syncBufferPeak = Math.max(syncBufferPeak, streamer.peakBuffered());
        }
        for (ReplicaPeer p : job.waiting) {
            PayloadStreamer.Receiver r = job.receivers.get(p);
            if (peers.get(p.client) != p) {
                continue; // gone meanwhile
            }
            if (job.failure != null || (r != null && !r.live())) {
                LOG.warn(
                        "Full resynchronization of {} failed: {}",
                        p.client.remoteAddress(),
                        job.failure == null ? "the connection refused the payload" : job.failure.getMessage());
                engine.kill(p.client, false);
                continue;
            }
            p.ackMillis = now();
            if (job.diskless) {
                p.state = ReplicaPeer.State.SEND_BULK; // online at its first ACK (it reads to the EOF mark)
            } else {
                ByteBuf out = p.client.reply().buffer();
                out.writeBytes(p.held);
                p.held.release();
                p.held = null;
                p.state = ReplicaPeer.State.ONLINE;
                engine.markForFlush(p.client);
            }
            LOG.info(
                    "Synchronization with replica {} succeeded ({} payload streamed, {} bytes)",
                    p.client.remoteAddress(),
                    job.diskless ? "diskless" : "disk-based",
                    streamer == null ? 0 : streamer.sent());
        }
        startDelayedSyncs();
    }

    /**
     * The most payload bytes a streamed full sync held in memory at once ({@code vigil_repl_sync_buffer_peak}): the
     * chunk being produced plus what the replicas' connections had not accepted yet.
     */
    public long syncBufferPeak() {
        SyncJob job = syncJob;
        PayloadStreamer running = job == null ? null : job.streamer;
        return Math.max(syncBufferPeak, running == null ? 0 : running.peakBuffered());
    }

    /** The database the stream continues in after a snapshot (a replica: where its master's stream is). */
    private int streamDb() {
        if (role == Role.REPLICA && link != null && link.masterClient() != null) {
            return masterStreamDb();
        }
        return Math.max(0, selectedDb);
    }

    private void attach(ReplicaPeer p) {
        p.state = ReplicaPeer.State.ONLINE;
        p.ackMillis = now();
        p.client.role(ClientClass.REPLICA);
        if (!replicas.contains(p)) { // a delayed full sync attached it already
            replicas.add(p);
        }
        noReplicasSince = 0;
    }

    private void clientGone(Client c) {
        ReplicaPeer p = peers.remove(c);
        if (p != null && syncJob != null) {
            PayloadStreamer.Receiver r = syncJob.receivers.get(p);
            if (r != null) {
                r.drop(); // the others go on
            }
        }
        if (p != null && p.held != null) {
            p.held.release();
            p.held = null;
        }
        if (p != null && replicas.remove(p)) {
            LOG.info("Connection with replica {} lost.", p.client.remoteAddress());
            if (replicas.isEmpty()) {
                noReplicasSince = now();
            }
        }
        waiters.removeIf(w -> w.client == c);
        held.removeIf(h -> h.client == c);
    }

    // ---- WAIT ----

    /** {@code WAIT numreplicas timeout}. */
    public void waitFor(CommandContext ctx) {
        if (role == Role.REPLICA) {
            throw new CommandException(RespError.WAIT_ON_REPLICA);
        }
        long wanted = ctx.argLong(1);
        long timeout = ctx.argLong(2);
        if (timeout < 0) {
            throw new CommandException(RespError.TIMEOUT_NEGATIVE);
        }
        long target = ctx.client().writeOffset();
        int acked = ackedAtLeast(target);
        if (acked >= wanted || !engine.blockingAllowed()) {
            ctx.reply().integer(acked);
            return;
        }
        Client c = ctx.client();
        waiters.add(new Waiter(c, target, wanted));
        engine.blockUntil(c, timeout == 0 ? 0 : now() + timeout, client -> {
            waiters.removeIf(w -> w.client == client);
            client.reply().integer(ackedAtLeast(target));
        });
        requestAcks();
    }

    private int ackedAtLeast(long target) {
        int n = 0;
        for (ReplicaPeer p : replicas) {
            if (p.online() && p.ackOffset >= target) {
                n++;
            }
        }
        return n;
    }

    void requestAcks() {
        if (role == Role.MASTER && !replicas.isEmpty()) {
            append(-1, GETACK);
        }
    }

    private void checkWaiters() {
        if (waiters.isEmpty()) {
            return;
        }
        for (Waiter w : new ArrayList<>(waiters)) {
            if (!w.client.blocked()) { // unblocked meanwhile (role change, CLIENT UNBLOCK): already answered
                waiters.remove(w);
                continue;
            }
            int acked = ackedAtLeast(w.target);
            if (acked >= w.wanted) {
                waiters.remove(w);
                w.client.reply().integer(acked);
                engine.wake(w.client);
            }
        }
    }

    // ---- FAILOVER ----

    /** {@code FAILOVER [TO host port [FORCE]] [ABORT] [TIMEOUT ms]}. */
    public void failover(CommandContext ctx) {
        String host = null;
        int port = 0;
        boolean force = false;
        boolean abort = false;
        long timeout = 0;
        for (int i = 1; i < ctx.argc(); i++) {
            if (ctx.argIs(i, "to") && i + 2 < ctx.argc() && host == null) {
                host = ctx.argString(i + 1);
                long p = ctx.argLong(i + 2);
                if (p < 0 || p > 65535) {
                    throw new CommandException(RespError.INVALID_MASTER_PORT);
                }
                port = (int) p;
                i += 2;
            } else if (ctx.argIs(i, "force") && !force) {
                force = true;
            } else if (ctx.argIs(i, "abort") && !abort) {
                abort = true;
            } else if (ctx.argIs(i, "timeout") && i + 1 < ctx.argc() && timeout == 0) {
                timeout = ctx.argLong(i + 1);
                if (timeout <= 0) {
                    throw new CommandException(RespError.FAILOVER_TIMEOUT);
                }
                i++;
            } else {
                throw new CommandException(RespError.SYNTAX);
            }
        }
        if (abort) {
            if (host != null || force || timeout != 0) {
                throw new CommandException(RespError.SYNTAX);
            }
            if (failoverState == FailoverState.NO_FAILOVER) {
                throw new CommandException(RespError.FAILOVER_NOT_IN_PROGRESS);
            }
            abortFailover("failover manually aborted");
            ctx.reply().ok();
            return;
        }
        if (role == Role.REPLICA) {
            throw new CommandException(RespError.FAILOVER_ON_REPLICA);
        }
        if (failoverState != FailoverState.NO_FAILOVER) {
            throw new CommandException(RespError.FAILOVER_IN_PROGRESS);
        }
        if (replicas.isEmpty()) {
            throw new CommandException(RespError.FAILOVER_NO_REPLICAS);
        }
        if (force && (timeout == 0 || host == null)) {
            throw new CommandException(RespError.FAILOVER_FORCE_NEEDS_TARGET);
        }
        if (host != null) {
            ReplicaPeer target = find(host, port);
            if (target == null) {
                throw new CommandException(RespError.FAILOVER_TARGET_NOT_REPLICA);
            }
            if (!target.online()) {
                throw new CommandException(RespError.FAILOVER_TARGET_NOT_ONLINE);
            }
        }
        failoverHost = host;
        failoverPort = port;
        failoverForce = force;
        failoverDeadline = timeout == 0 ? 0 : now() + timeout;
        failoverState = FailoverState.WAITING_FOR_SYNC;
        LOG.info("FAILOVER requested to {}.", host == null ? "any replica" : host + ":" + port);
        ctx.reply().ok();
        requestAcks();
        checkFailoverSync();
    }

    private ReplicaPeer find(String host, int port) {
        for (ReplicaPeer p : replicas) {
            if (p.ip().equalsIgnoreCase(host) && p.listeningPort == port) {
                return p;
            }
        }
        return null;
    }

    private void checkFailoverSync() {
        if (failoverState != FailoverState.WAITING_FOR_SYNC) {
            return;
        }
        ReplicaPeer target = null;
        if (failoverHost != null) {
            ReplicaPeer p = find(failoverHost, failoverPort);
            if (p != null && p.ackOffset == offset) {
                target = p;
            }
        } else {
            for (ReplicaPeer p : replicas) {
                if (p.online() && p.ackOffset == offset) {
                    target = p;
                    break;
                }
            }
        }
        if (target != null) {
            startFailover(target.ip(), target.listeningPort);
        }
    }

    private void startFailover(String host, int port) {
        LOG.info("Failover target {}:{} is synced, failing over.", host, port);
        failoverHost = host;
        failoverPort = port;
        failoverState = FailoverState.FAILOVER_IN_PROGRESS;
        setMaster(host, port, true);
    }

    private void abortFailover(String reason) {
        LOG.warn("FAILOVER aborted: {}", reason);
        if (failoverState == FailoverState.FAILOVER_IN_PROGRESS) {
            failoverState = FailoverState.NO_FAILOVER;
            unsetMaster();
        }
        endFailover();
    }

    private void endFailover() {
        failoverState = FailoverState.NO_FAILOVER;
        failoverHost = null;
        failoverPort = 0;
        failoverDeadline = 0;
        if (!pausedForShutdown) {
            releaseHeld();
        }
    }

    /** Runs the writes held by a pause (FAILOVER, a shutdown waiting for replicas) again. */
    private void releaseHeld() {
        List<Held> resume = new ArrayList<>(held);
        held.clear();
        for (Held h : resume) {
            if (engine.wake(h.client)) {
                engine.execute(h.client, h.args);
            }
        }
    }

    private void failoverCron(long now) {
        if (failoverState == FailoverState.NO_FAILOVER || failoverDeadline == 0 || now < failoverDeadline) {
            return; // the target's periodic ACK (every second) reports the whole stream, GETACK included
        }
        if (failoverState == FailoverState.WAITING_FOR_SYNC) {
            if (failoverForce && failoverHost != null) {
                LOG.warn("FAILOVER timeout reached: forcing the failover to {}:{}", failoverHost, failoverPort);
                startFailover(failoverHost, failoverPort);
            } else {
                abortFailover("replica never caught up before the timeout");
            }
        } else {
            abortFailover("failover target did not accept before the timeout");
        }
    }

    // ---- fencing ----

    /** {@code VIGIL LEASE epoch ms [GRANTOR id] [QUORUM n]}: grants or renews this primary's write lease. */
    public void lease(CommandContext ctx) {
        long epoch = ctx.argLong(2);
        long millis = ctx.argLong(3);
        if (epoch < 1 || millis < 1) {
            throw new CommandException(RespError.NOT_POSITIVE);
        }
        String grantor = "";
        long quorum = 1;
        for (int i = 4; i < ctx.argc(); i += 2) {
            if (i + 1 >= ctx.argc()) {
                throw new CommandException(RespError.SYNTAX);
            }
            if (ctx.argIs(i, "grantor")) {
                grantor = ctx.argString(i + 1);
            } else if (ctx.argIs(i, "quorum")) {
                quorum = ctx.argLong(i + 1);
                if (quorum < 1 || quorum > 1000) {
                    throw new CommandException(RespError.NOT_POSITIVE);
                }
            } else {
                throw new CommandException(RespError.SYNTAX);
            }
        }
        if (role == Role.REPLICA) {
            learnEpoch(epoch);
            throw new CommandException(RespError.LEASE_ON_REPLICA);
        }
        long before = fencing.epoch();
        String refused = fencing.grant(epoch, millis, now(), grantor, (int) quorum);
        if (refused != null) {
            throw new CommandException(RespError.fenced(refused));
        }
        if (fencing.epoch() > before) {
            LOG.info("Write lease granted at new configuration epoch {} for {} ms", epoch, millis);
            propagateEpoch();
        }
        ctx.reply().ok();
    }

    /** {@code VIGIL FENCE epoch}: learns a configuration epoch; 1 when it was new. */
    public void fence(CommandContext ctx) {
        long epoch = ctx.argLong(2);
        if (epoch < 1) {
            throw new CommandException(RespError.NOT_POSITIVE);
        }
        boolean newer = fencing.learn(epoch);
        if (newer) {
            LOG.warn(
                    "Learned configuration epoch {} from VIGIL FENCE: this primary is deposed and refuses writes",
                    epoch);
        }
        ctx.reply().integer(newer ? 1 : 0);
    }

    /**
     * Learns an epoch and, on a primary, passes it on to its replicas. {@code VIGIL FENCE} does not pass it on: it
     * deposes this primary, and growing its replication offset then would cost it the partial resync when it is
     * repointed at the new primary (whose stream brings the epoch anyway).
     */
    private boolean learnEpoch(long epoch) {
        if (!fencing.learn(epoch)) {
            return false;
        }
        LOG.info("Learned configuration epoch {}", epoch);
        propagateEpoch();
        return true;
    }

    private void propagateEpoch() {
        if (role == Role.MASTER) {
            append(-1, new byte[][] {
                "VIGIL".getBytes(StandardCharsets.US_ASCII),
                "FENCE".getBytes(StandardCharsets.US_ASCII),
                Long.toString(fencing.epoch()).getBytes(StandardCharsets.US_ASCII)
            });
        }
    }

    /** {@code VIGIL FENCING}: the fencing state as a map. */
    public void fencingInfo(CommandContext ctx) {
        long now = now();
        boolean active = fencing.active(config().isYes("fencing"));
        Reply r = ctx.reply();
        r.map(5);
        r.bulk("enabled");
        r.integer(active ? 1 : 0);
        r.bulk("epoch");
        r.integer(fencing.epoch());
        r.bulk("lease-epoch");
        r.integer(fencing.leaseEpoch());
        r.bulk("lease-remaining-ms");
        r.integer(fencing.remaining(now));
        r.bulk("writable");
        r.integer(role == Role.MASTER && (!active || fencing.refusal(now) == null) ? 1 : 0);
    }

    // ---- SHUTDOWN ----

    /** {@code SHUTDOWN} and {@code SIGTERM}, waiting for lagging replicas ({@code shutdown-timeout}). */
    public GracefulShutdown shutdown() {
        return shutdown;
    }

    /** Whether every attached replica acknowledged the whole stream (Redis's {@code isReadyToShutdown}). */
    boolean replicasCaughtUp() {
        for (ReplicaPeer p : replicas) {
            if (p.ackOffset != offset) {
                return false;
            }
        }
        return true;
    }

    /** Holds writes (run again when the pause ends) while a shutdown waits for replicas. */
    void pauseWritesForShutdown(boolean paused) {
        pausedForShutdown = paused;
        if (!paused && failoverState == FailoverState.NO_FAILOVER) {
            releaseHeld();
        }
    }

    /** Logs each replica still behind the offset, as Redis's {@code finishShutdown}. */
    void logReplicasAtShutdown() {
        int lagging = 0;
        for (ReplicaPeer p : replicas) {
            if (p.ackOffset != offset) {
                lagging++;
                LOG.warn(
                        "Lagging replica {} reported offset {} behind master, lag={}, state={}.",
                        p.client.remoteAddress(),
                        offset - p.ackOffset,
                        p.online() ? (now() - p.ackMillis) / 1000 : 0,
                        p.state.infoName);
            }
        }
        if (!replicas.isEmpty()) {
            LOG.info("{} of {} replicas are in sync when shutting down.", replicas.size() - lagging, replicas.size());
        }
    }

    /** Best effort: writes what the replicas' outputs hold and closes them after it (Redis flushes them too). */
    void flushReplicasForShutdown() {
        for (ReplicaPeer p : new ArrayList<>(replicas)) {
            engine.kill(p.client, true);
        }
        engine.afterBatch();
    }

    // ---- cron ----

    private void cron() {
        long now = now();
        fencing.tick(now);
        applyExpiryMode();
        if (backlog != null && backlog.size() != config().getLong("repl-backlog-size")) {
            backlog.resize((int) config().getLong("repl-backlog-size"));
        }
        long timeout = config().getLong("repl-timeout") * 1000;
        if (role == Role.REPLICA) {
            if (link == null) {
                if (now - lastConnectAttempt >= 1000) {
                    connect(failoverState == FailoverState.FAILOVER_IN_PROGRESS);
                }
            } else if (now - link.lastIoMillis() > timeout && link.state() != MasterLink.State.LOADING) {
                LOG.warn("Timeout connecting to / receiving from the MASTER {}:{}", masterHost, masterPort);
                link.close("timeout");
            } else if (link.state() == MasterLink.State.CONNECTED && now - lastAck >= 1000) {
                lastAck = now;
                sendAck();
            } else {
                link.loadingKeepalive(now);
            }
        } else {
            long pingPeriod = config().getLong("repl-ping-replica-period") * 1000;
            if (!replicas.isEmpty()
                    && now - lastPing >= pingPeriod
                    && failoverState == FailoverState.NO_FAILOVER
                    && !pausedForShutdown) {
                lastPing = now;
                append(-1, new byte[][] {PING});
            }
            long ttl = config().getLong("repl-backlog-ttl") * 1000;
            if (backlog != null && replicas.isEmpty() && ttl > 0) {
                if (noReplicasSince == 0) {
                    noReplicasSince = now;
                } else if (now - noReplicasSince > ttl) {
                    LOG.info("Replication backlog freed after {} seconds without connected replicas.", ttl / 1000);
                    backlog = null;
                    replid = randomId();
                    replid2 = NO_ID;
                    secondReplOffset = -1;
                }
            }
        }
        for (ReplicaPeer p : new ArrayList<>(replicas)) {
            if (p.state == ReplicaPeer.State.WAIT_BGSAVE) {
                continue; // waits for a snapshot; the newlines sent meanwhile keep the link alive (Redis too)
            }
            // ACKs, progress of a payload being streamed, or a loading replica's keepalive newline (which Redis
            // counts as an ACK: processInlineBuffer)
            long alive = Math.max(p.ackMillis, p.client.lastInteractionMillis());
            if (now - alive > timeout) {
                LOG.warn("Disconnecting timedout replica: {}", p.client.remoteAddress());
                engine.kill(p.client, false);
            }
        }
        failoverCron(now);
        checkWaiters();
        startDelayedSyncs();
        shutdown.cron(now);
    }

    // ---- INFO and ROLE ----

    /** The body of {@code INFO replication}, with Redis 7.0's fields in its order. */
    public void info(StringBuilder sb) {
        long now = now();
        if (role == Role.MASTER) {
            field(sb, "role", "master");
        } else {
            field(sb, "role", "slave");
            field(sb, "master_host", masterHost);
            field(sb, "master_port", masterPort);
            field(sb, "master_link_status", linkUp() ? "up" : "down");
            field(sb, "master_last_io_seconds_ago", linkUp() ? (now - link.lastIoMillis()) / 1000 : -1);
            boolean syncing = link != null
                    && (link.state() == MasterLink.State.TRANSFER || link.state() == MasterLink.State.LOADING);
            field(sb, "master_sync_in_progress", syncing ? 1 : 0);
            long applied = linkUp() || !psyncFromScratch ? offset : 1; // Redis prints 1 before any sync
            field(sb, "slave_read_repl_offset", applied + (link == null ? 0 : link.unappliedBytes()));
            field(sb, "slave_repl_offset", applied);
            if (syncing) {
                long total = link.transferExpected();
                long read = link.transferRead();
                field(sb, "master_sync_total_bytes", total);
                field(sb, "master_sync_read_bytes", read);
                field(sb, "master_sync_left_bytes", total < 0 ? -1 : total - read);
                field(
                        sb,
                        "master_sync_perc",
                        String.format(java.util.Locale.ROOT, "%.2f", total <= 0 ? 0.0 : read * 100.0 / total));
                field(sb, "master_sync_last_io_seconds_ago", (now - link.lastIoMillis()) / 1000);
            }
            if (!linkUp()) {
                field(sb, "master_link_down_since_seconds", linkDownSince == 0 ? -1 : (now - linkDownSince) / 1000);
            }
            field(sb, "slave_priority", config().replicaPriority());
            field(sb, "slave_read_only", config().isYes("replica-read-only") ? 1 : 0);
            field(sb, "replica_announced", config().isYes("replica-announced") ? 1 : 0);
        }
        field(sb, "connected_slaves", replicas.size());
        long min = config().getLong("min-replicas-to-write");
        if (min > 0 && config().getLong("min-replicas-max-lag") > 0) {
            field(sb, "min_slaves_good_slaves", goodReplicas());
        }
        for (int i = 0; i < replicas.size(); i++) {
            ReplicaPeer p = replicas.get(i);
            field(
                    sb,
                    "slave" + i,
                    "ip=" + p.ip() + ",port=" + p.listeningPort + ",state=" + p.state.infoName + ",offset="
                            + p.ackOffset + ",lag=" + (now - p.ackMillis) / 1000);
        }
        field(sb, "master_failover_state", failoverState.infoName);
        field(sb, "master_replid", replid);
        field(sb, "master_replid2", replid2);
        field(sb, "master_repl_offset", offset);
        field(sb, "second_repl_offset", secondReplOffset);
        field(sb, "repl_backlog_active", backlog == null ? 0 : 1);
        field(sb, "repl_backlog_size", backlog == null ? config().getLong("repl-backlog-size") : backlog.size());
        field(sb, "repl_backlog_first_byte_offset", backlog == null ? 0 : backlog.firstByteOffset());
        field(sb, "repl_backlog_histlen", backlog == null ? 0 : backlog.histlen());
    }

    private static void field(StringBuilder sb, String name, Object value) {
        sb.append(name).append(':').append(value).append("\r\n");
    }

    /** {@code ROLE}. */
    public void role(Reply r) {
        if (role == Role.MASTER) {
            r.array(3);
            r.bulk("master");
            r.integer(offset);
            r.array(replicas.size());
            for (ReplicaPeer p : replicas) {
                r.array(3);
                r.bulk(p.ip());
                r.bulk(Integer.toString(p.listeningPort));
                r.bulk(Long.toString(p.ackOffset));
            }
            return;
        }
        r.array(5);
        r.bulk("slave");
        r.bulk(masterHost);
        r.integer(masterPort);
        r.bulk(link == null ? "connect" : link.state().roleName);
        r.integer(linkUp() ? offset : -1);
    }
}
