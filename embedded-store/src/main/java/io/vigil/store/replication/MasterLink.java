package io.vigil.store.replication;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vigil.resp.RespLimits;
import io.vigil.resp.RespProtocolException;
import io.vigil.resp.RespReader;
import io.vigil.resp.RespRequestDecoder;
import io.vigil.resp.RespValue;
import io.vigil.store.config.ClientClass;
import io.vigil.store.engine.Client;
import io.vigil.store.engine.ClientOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica's connection to its master, as Redis's {@code syncWithMaster} / {@code readSyncBulkPayload} drive it:
 * the handshake, the snapshot transfer of a full resynchronization, then the command stream, applied through the
 * normal dispatcher as the "master client" whose replies are discarded.
 *
 * <pre>
 *  CONNECTING -> RECEIVE_PONG -> [RECEIVE_AUTH] -> RECEIVE_PORT -> [RECEIVE_IP] -> RECEIVE_CAPA -> RECEIVE_PSYNC
 *                                                                                                  |        |
 *                                                        +FULLRESYNC: TRANSFER (RDB, $len or $EOF) |        | +CONTINUE
 *                                                                                     v            v        v
 *                                                                                  CONNECTED <-------------+
 *  any state -> CLOSED (error, timeout, REPLICAOF): the manager reconnects a second later
 * </pre>
 *
 * <p>Offsets: only complete commands count. The bytes of each applied command are appended, unchanged, to this
 * store's backlog and to its own replicas (chained replication), so a sub-replica sees exactly the master's stream.
 */
final class MasterLink implements LinkConnector.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(MasterLink.class);
    private static final int DISK_CHUNK = 64 * 1024;
    private static final byte[] NEWLINE = {'\n'};

    /** Link states; {@link #roleName} is what {@code ROLE} prints. */
    enum State {
        /** TCP connection being established. */
        CONNECTING("connecting"),
        /** PING sent. */
        RECEIVE_PONG("handshake"),
        /** AUTH sent. */
        RECEIVE_AUTH("handshake"),
        /** REPLCONF listening-port sent. */
        RECEIVE_PORT("handshake"),
        /** REPLCONF ip-address sent. */
        RECEIVE_IP("handshake"),
        /** REPLCONF capa sent. */
        RECEIVE_CAPA("handshake"),
        /** PSYNC sent. */
        RECEIVE_PSYNC("handshake"),
        /** Receiving the RDB payload of a full resynchronization. */
        TRANSFER("sync"),
        /** The payload is loaded on the loader thread; the master's stream is held meanwhile. */
        LOADING("sync"),
        /** Applying the command stream. */
        CONNECTED("connected"),
        /** Gone; the manager will connect again. */
        CLOSED("connect");

        final String roleName;

        State(String roleName) {
            this.roleName = roleName;
        }
    }

    private final ReplicationManager manager;
    private final String host;
    private final int port;
    private final boolean failover;
    private LinkConnector.Channel channel;
    private State state = State.CONNECTING;
    private Client masterClient;
    private RespRequestDecoder decoder;
    private ByteBuf partial;
    private long transferExpected = -1;
    private byte[] eofMark;
    private ByteBuf payload;
    private SyncFile file; // repl-diskless-load disabled: the payload goes to disk as it arrives
    private long transferRead;
    private long lastNewlineMillis;
    private ByteBuf held; // the master's stream received while the payload loads
    private String syncReplid;
    private long syncOffset;
    private long lastIoMillis;
    private final long createdMillis;

    MasterLink(ReplicationManager manager, String host, int port, boolean failover) {
        this.manager = manager;
        this.host = host;
        this.port = port;
        this.failover = failover;
        this.createdMillis = manager.now();
        this.lastIoMillis = createdMillis;
    }

    void open(LinkConnector connector) {
        int timeout = (int) Math.min(Integer.MAX_VALUE, manager.config().getLong("repl-timeout") * 1000);
        LinkConnector.Channel ch = connector.connect(host, port, timeout, this);
        if (state == State.CLOSED) {
            ch.close();
            pendingBeforeChannel.forEach(ByteBuf::release);
            pendingBeforeChannel.clear();
        } else {
            channel = ch;
            flushPending();
        }
    }

    State state() {
        return state;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    Client masterClient() {
        return masterClient;
    }

    long lastIoMillis() {
        return lastIoMillis;
    }

    long createdMillis() {
        return createdMillis;
    }

    boolean failover() {
        return failover;
    }

    /** Bytes received but not yet applied as complete commands ({@code slave_read_repl_offset} minus the offset). */
    long unappliedBytes() {
        return (partial == null ? 0 : partial.readableBytes()) + (held == null ? 0 : held.readableBytes());
    }

    /** Payload bytes expected in the running transfer (-1 for an EOF-marked transfer or outside of one). */
    long transferExpected() {
        return transferExpected;
    }

    /** Payload bytes received in the running transfer. */
    long transferRead() {
        return transferRead;
    }

    @Override
    public void connected() {
        if (state != State.CONNECTING) {
            return;
        }
        LOG.info("MASTER <-> REPLICA sync started with {}:{}", host, port);
        lastIoMillis = manager.now();
        state = State.RECEIVE_PONG;
        send("PING");
    }

    @Override
    public void read(ByteBuf in) {
        if (state == State.CLOSED) {
            in.skipBytes(in.readableBytes());
            return;
        }
        lastIoMillis = manager.now();
        try {
            boolean progress = true;
            while (progress && state != State.CLOSED && in.isReadable()) {
                progress = switch (state) {
                    case TRANSFER -> transfer(in);
                    case LOADING -> hold(in);
                    case CONNECTED -> stream(in);
                    case CONNECTING -> false;
                    default -> handshake(in);
                };
            }
        } catch (RespProtocolException | RuntimeException e) {
            LOG.warn("Replication link with {}:{} broken: {}", host, port, e.toString());
            close("protocol error: " + e.getMessage());
        }
    }

    @Override
    public void closed(String reason) {
        if (state == State.CLOSED) {
            return;
        }
        LOG.info("Connection with master {}:{} lost: {}", host, port, reason);
        State was = state;
        teardown();
        manager.linkClosed(this, was);
    }

    /** Closes the link from this side (REPLICAOF, timeout, protocol error). */
    void close(String reason) {
        if (state == State.CLOSED) {
            return;
        }
        State was = state;
        teardown();
        if (channel != null) {
            channel.close();
        }
        manager.linkClosed(this, was);
        LOG.debug("Closed link with master {}:{}: {}", host, port, reason);
    }

    private void teardown() {
        state = State.CLOSED;
        if (payload != null) {
            payload.release();
            payload = null;
        }
        if (file != null) {
            file.abort();
            file = null;
        }
        if (partial != null) {
            partial.release();
            partial = null;
        }
        if (held != null) {
            held.release();
            held = null;
        }
        if (masterClient != null) {
            Client c = masterClient;
            masterClient = null;
            manager.masterClientClosed(c);
            manager.engine().disconnect(c);
        }
    }

    // ---- handshake ----

    private boolean handshake(ByteBuf in) throws RespProtocolException {
        if (state == State.RECEIVE_PSYNC) {
            while (in.isReadable() && in.getByte(in.readerIndex()) == '\n') {
                in.skipBytes(1); // keep-alive newlines while the master prepares the snapshot
            }
        }
        RespValue reply = RespReader.read(in);
        if (reply == null) {
            return false;
        }
        String error = reply instanceof RespValue.Error e ? e.text() : null;
        String text = reply instanceof RespValue.SimpleString s ? s.text() : error;
        switch (state) {
            case RECEIVE_PONG -> {
                if (error != null
                        && !error.startsWith("NOAUTH")
                        && !error.startsWith("NOPERM")
                        && !error.startsWith("ERR operation not permitted")) {
                    close("error reply to PING from master: '" + error + "'");
                    return false;
                }
                LOG.info("Master replied to PING, replication can continue...");
                String pass = manager.config().get("masterauth");
                if (!pass.isEmpty()) {
                    String user = manager.config().get("masteruser");
                    if (user.isEmpty()) {
                        send("AUTH", pass);
                    } else {
                        send("AUTH", user, pass);
                    }
                    state = State.RECEIVE_AUTH;
                } else {
                    sendPort();
                }
            }
            case RECEIVE_AUTH -> {
                if (error != null) {
                    close("unable to AUTH to MASTER: " + error);
                    return false;
                }
                sendPort();
            }
            case RECEIVE_PORT -> {
                if (error != null) {
                    LOG.info("(Non critical) Master does not understand REPLCONF listening-port: {}", error);
                }
                String ip = manager.config().get("replica-announce-ip");
                if (!ip.isEmpty()) {
                    send("REPLCONF", "ip-address", ip);
                    state = State.RECEIVE_IP;
                } else {
                    sendCapa();
                }
            }
            case RECEIVE_IP -> {
                if (error != null) {
                    LOG.info("(Non critical) Master does not understand REPLCONF ip-address: {}", error);
                }
                sendCapa();
            }
            case RECEIVE_CAPA -> {
                if (error != null) {
                    LOG.info("(Non critical) Master does not understand REPLCONF capa: {}", error);
                }
                sendPsync();
            }
            case RECEIVE_PSYNC -> psyncReply(text == null ? "" : text, error != null);
            default -> throw new IllegalStateException("handshake in state " + state);
        }
        return true;
    }

    private void sendPort() {
        long announced = manager.config().getLong("replica-announce-port");
        long listening = announced != 0 ? announced : manager.listeningPort();
        send("REPLCONF", "listening-port", Long.toString(listening));
        state = State.RECEIVE_PORT;
    }

    private void sendCapa() {
        send("REPLCONF", "capa", "eof", "capa", "psync2");
        state = State.RECEIVE_CAPA;
    }

    private void sendPsync() {
        String[] psync = manager.psyncRequest();
        LOG.info(
                "Trying a partial resynchronization (request {}:{}){}.",
                psync[0],
                psync[1],
                failover ? " for a coordinated failover" : "");
        if (failover) {
            send("PSYNC", psync[0], psync[1], "FAILOVER");
        } else {
            send("PSYNC", psync[0], psync[1]);
        }
        state = State.RECEIVE_PSYNC;
    }

    private void psyncReply(String text, boolean error) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (!error && upper.startsWith("FULLRESYNC")) {
            String[] words = text.split(" ");
            if (words.length < 3 || words[1].length() != 40) {
                close("bad FULLRESYNC reply: '" + text + "'");
                return;
            }
            syncReplid = words[1];
            syncOffset = Long.parseLong(words[2]);
            LOG.info("Full resync from master: {}:{}", syncReplid, syncOffset);
            manager.failoverPsyncReply(this, null);
            state = State.TRANSFER;
            transferExpected = -1;
            eofMark = null;
            return;
        }
        if (!error && upper.startsWith("CONTINUE")) {
            String newId = text.length() > "CONTINUE ".length()
                    ? text.substring("CONTINUE ".length()).trim()
                    : null;
            LOG.info("Successful partial resynchronization with master.");
            startStream();
            manager.partialSyncAccepted(this, newId);
            return;
        }
        if (error && (upper.startsWith("NOMASTERLINK") || upper.startsWith("LOADING"))) {
            LOG.info("Master is currently unable to PSYNC but should be in the future: {}", text);
            close("master cannot PSYNC yet: " + text);
            return;
        }
        manager.failoverPsyncReply(this, text);
        close("unexpected reply to PSYNC from master: '" + text + "'");
    }

    // ---- snapshot transfer ----

    private boolean transfer(ByteBuf in) {
        if (transferExpected < 0 && eofMark == null) {
            while (in.isReadable() && in.getByte(in.readerIndex()) == '\n') {
                in.skipBytes(1);
            }
            int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (eol < 0) {
                return false;
            }
            String header = in.toString(in.readerIndex(), eol - in.readerIndex(), StandardCharsets.ISO_8859_1)
                    .strip();
            in.readerIndex(eol + 1);
            if (header.startsWith("-")) {
                throw new IllegalStateException("master aborted the transfer: " + header.substring(1));
            }
            if (!header.startsWith("$")) {
                throw new IllegalStateException("bad protocol from MASTER, the first byte is not '$': " + header);
            }
            if (header.startsWith("$EOF:")) {
                eofMark = header.substring(5).getBytes(StandardCharsets.ISO_8859_1);
                if (eofMark.length != 40) {
                    throw new IllegalStateException("bad EOF mark in transfer header: " + header);
                }
                LOG.info("MASTER <-> REPLICA sync: receiving streamed RDB from master with EOF to parser");
            } else {
                transferExpected = Long.parseLong(header.substring(1));
                LOG.info(
                        "MASTER <-> REPLICA sync: receiving {} bytes from master to {}",
                        transferExpected,
                        manager.config().get("repl-diskless-load").equals("disabled") ? "disk" : "memory");
            }
            transferRead = 0;
            if (manager.config().get("repl-diskless-load").equals("disabled")) {
                try {
                    file = SyncFile.create(
                            manager.engine()
                                    .persistence()
                                    .rdbPath()
                                    .toAbsolutePath()
                                    .getParent(),
                            manager.now());
                } catch (java.io.IOException e) {
                    diskFailed("Opening the temp file needed for MASTER <-> REPLICA synchronization", e);
                    return false;
                }
                payload = Unpooled.buffer(eofMark == null ? 0 : 2 * DISK_CHUNK);
            } else {
                payload = Unpooled.buffer((int) Math.min(Math.max(transferExpected, 1024), 64 * 1024 * 1024));
            }
            return true;
        }
        int before = in.readableBytes();
        boolean complete = file != null ? toDisk(in) : toMemory(in);
        transferRead += before - in.readableBytes();
        if (state == State.CLOSED || !complete) {
            return false;
        }
        transferExpected = -1;
        eofMark = null;
        boolean loaded;
        if (file != null) {
            SyncFile done = file;
            file = null;
            payload.release();
            payload = null;
            Path target = manager.engine().persistence().rdbPath();
            manager.engine().persistence().stopBackgroundSave();
            try {
                done.commit(target);
            } catch (java.io.IOException e) {
                diskFailed("Failed trying to rename the temp DB into " + target.getFileName(), e);
                return false;
            }
            loaded = manager.fullSyncSaved(this, target, done.size(), syncReplid, syncOffset);
        } else {
            ByteBuf rdb = payload;
            payload = null;
            try {
                loaded = manager.fullSyncLoaded(this, rdb, syncReplid, syncOffset);
            } finally {
                rdb.release();
            }
        }
        if (state != State.CLOSED) {
            if (loaded) {
                startStream();
            } else {
                state = State.LOADING;
                held = Unpooled.buffer(1024);
            }
        }
        return true;
    }

    /** Reads payload bytes into memory; whether the payload is complete (its EOF mark dropped). */
    private boolean toMemory(ByteBuf in) {
        if (eofMark == null) {
            int take = (int) Math.min(in.readableBytes(), transferExpected - payload.readableBytes());
            payload.writeBytes(in, take);
            return payload.readableBytes() >= transferExpected;
        }
        payload.writeBytes(in);
        if (!endsWithMark()) {
            return false;
        }
        payload.writerIndex(payload.writerIndex() - eofMark.length);
        return true;
    }

    /**
     * Writes payload bytes to the temporary file as they arrive; an EOF-marked payload keeps its last bytes in
     * memory until it is known whether they are the mark. Whether the payload is complete.
     */
    private boolean toDisk(ByteBuf in) {
        try {
            if (eofMark == null) {
                int take = (int) Math.min(in.readableBytes(), transferExpected - file.size());
                file.write(in, in.readerIndex(), take);
                in.skipBytes(take);
                return file.size() >= transferExpected;
            }
            payload.writeBytes(in);
            if (endsWithMark()) {
                file.write(payload, payload.readerIndex(), payload.readableBytes() - eofMark.length);
                payload.clear();
                return true;
            }
            int keep = eofMark.length;
            if (payload.readableBytes() > DISK_CHUNK + keep) {
                int n = payload.readableBytes() - keep;
                file.write(payload, payload.readerIndex(), n);
                payload.skipBytes(n);
                payload.discardReadBytes();
            }
            return false;
        } catch (java.io.IOException e) {
            diskFailed("Write error saving the DB to disk", e);
            return false;
        }
    }

    /**
     * Writing the payload to disk failed (disk full, read-only {@code dir}): as Redis, the sync is aborted and retried
     * with a new connection; the current dataset was not touched.
     */
    private void diskFailed(String what, java.io.IOException e) {
        LOG.warn("{}: {}. Aborting this sync; it will be retried.", what, e.toString());
        close("cannot write the payload to disk: " + e.getMessage());
    }

    /**
     * While the payload loads, sends a newline to the master about once a second (Redis's {@code
     * replicationSendNewlineToMaster}), so that its {@code repl-timeout} does not drop this replica meanwhile.
     */
    void loadingKeepalive(long now) {
        if (state != State.LOADING || channel == null || now - lastNewlineMillis < 1000) {
            return;
        }
        lastNewlineMillis = now;
        channel.write(Unpooled.wrappedBuffer(NEWLINE));
    }

    /** Keeps what the master sends while the payload loads (it is applied once the data is in). */
    private boolean hold(ByteBuf in) {
        held.writeBytes(in);
        return false;
    }

    /** The payload is in (command thread): starts applying the stream, the part held meanwhile first. */
    void loadFinished() {
        if (state != State.LOADING) {
            return;
        }
        ByteBuf stream = held;
        held = null;
        startStream();
        try {
            if (stream.isReadable()) {
                read(stream);
            }
        } finally {
            stream.release();
        }
    }

    private boolean endsWithMark() {
        int n = payload.readableBytes();
        if (n < eofMark.length) {
            return false;
        }
        int base = payload.writerIndex() - eofMark.length;
        for (int i = 0; i < eofMark.length; i++) {
            if (payload.getByte(base + i) != eofMark[i]) {
                return false;
            }
        }
        return true;
    }

    // ---- command stream ----

    private void startStream() {
        state = State.CONNECTED;
        decoder = new RespRequestDecoder(RespLimits.DEFAULT.withMaxBulkLength(Long.MAX_VALUE / 2));
        decoder.authenticated(true);
        partial = Unpooled.buffer(256);
        masterClient = manager.engine().connect(new DiscardOutput(host + ":" + port, channelLocal()));
        if (masterClient == null) {
            close("maxclients reached: no slot for the master client");
            return;
        }
        masterClient.authenticated(true);
        masterClient.role(ClientClass.MASTER);
        masterClient.name(null);
    }

    private String channelLocal() {
        return channel == null ? "" : channel.localAddress();
    }

    private boolean stream(ByteBuf in) throws RespProtocolException {
        manager.engine().keyspace().masterApplying(true);
        try {
            while (state == State.CONNECTED && in.isReadable()) {
                int before = in.readerIndex();
                byte[][] args = decoder.decode(in);
                int length = in.readerIndex() - before;
                if (args == null) {
                    partial.writeBytes(in, before, length); // the start of a command split across reads
                    return false;
                }
                ByteBuf raw;
                if (partial.isReadable()) {
                    partial.writeBytes(in, before, length);
                    raw = partial;
                } else {
                    raw = in.slice(before, length);
                }
                manager.applyFromMaster(this, args, raw);
                if (partial != null) {
                    partial.clear();
                }
            }
            return true;
        } finally {
            manager.engine().keyspace().masterApplying(false);
        }
    }

    // ---- output ----

    /** Sends a command to the master on the link. */
    void send(String... words) {
        if (state == State.CLOSED) {
            return;
        }
        ByteBuf out = Unpooled.buffer(64);
        io.vigil.resp.RespWriter.arrayHeader(out, words.length);
        for (String w : words) {
            io.vigil.resp.RespWriter.bulk(out, io.vigil.resp.RespVersion.RESP2, w);
        }
        if (channel != null) {
            channel.write(out);
        } else {
            pendingBeforeChannel.add(out);
        }
    }

    private final List<ByteBuf> pendingBeforeChannel = new ArrayList<>();

    /** Writes anything sent before {@link #open} returned the channel (a connector that connects at once). */
    void flushPending() {
        for (ByteBuf b : pendingBeforeChannel) {
            if (channel != null) {
                channel.write(b);
            } else {
                b.release();
            }
        }
        pendingBeforeChannel.clear();
    }

    /** The master client's transport: replies are discarded (except ACKs, which the link sends itself). */
    private final class DiscardOutput implements ClientOutput {
        private final String remote;
        private final String local;

        DiscardOutput(String remote, String local) {
            this.remote = remote;
            this.local = local;
        }

        @Override
        public ByteBuf allocate() {
            return Unpooled.buffer(64);
        }

        @Override
        public void send(ByteBuf replies) {
            replies.release();
        }

        @Override
        public long pendingBytes() {
            return 0;
        }

        @Override
        public void close(boolean graceful) {
            MasterLink.this.close("master client killed");
        }

        @Override
        public String remoteAddress() {
            return remote;
        }

        @Override
        public String localAddress() {
            return local;
        }
    }
}
