package io.vigil.store.engine;

import io.netty.buffer.ByteBuf;
import io.vigil.resp.RespLimits;
import io.vigil.resp.RespRequestDecoder;
import io.vigil.resp.RespVersion;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.Reply;
import io.vigil.store.config.ClientClass;
import io.vigil.store.keyspace.ByteKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One connected client: its protocol version, selected database, authentication, name, subscriptions, transaction
 * state, request decoder and reply buffer. Owned by the command thread.
 */
public final class Client {

    private final long id;
    private final ClientOutput output;
    private final long createdMillis;
    private final RespRequestDecoder decoder;
    private final Reply reply;
    private final CommandContext context;
    private ByteBuf out;

    int db;
    boolean authenticated;
    String name;
    String libName;
    String libVersion;
    long lastInteractionMillis;
    String lastCommand = "NULL";
    boolean closeAfterReply;
    boolean closed;
    boolean flushQueued;
    long softLimitSinceMillis;
    final Set<ByteKey> channels = new LinkedHashSet<>();
    final Set<ByteKey> patterns = new LinkedHashSet<>();
    List<byte[][]> multiQueue;
    boolean multiFailed;
    boolean watchDirty;
    final List<WatchedKey> watched = new ArrayList<>();
    BlockedClients.Block block;
    ByteBuf pendingInput;
    /** A script-starting command waiting for its task (see {@code StoreEngine.deferScript}); input waits meanwhile. */
    byte[][] deferredScript;

    ClientClass role;
    long writeOffset;

    Client(long id, ClientOutput output, long nowMillis, boolean authenticated, RespLimits limits, StoreEngine engine) {
        this.id = id;
        this.output = output;
        this.createdMillis = nowMillis;
        this.lastInteractionMillis = nowMillis;
        this.authenticated = authenticated;
        this.decoder = new RespRequestDecoder(limits);
        decoder.authenticated(authenticated);
        this.reply = new Reply(this::out);
        this.context = new CommandContext(engine, this);
    }

    /** A watched key: database and key bytes. */
    record WatchedKey(int db, ByteKey key) {}

    /** The client id ({@code CLIENT ID}). */
    public long id() {
        return id;
    }

    /** The reply writer. */
    public Reply reply() {
        return reply;
    }

    /** The protocol version. */
    public RespVersion version() {
        return reply.version();
    }

    /** The selected database. */
    public int db() {
        return db;
    }

    /** Selects a database (the caller has range-checked it). */
    public void select(int db) {
        this.db = db;
    }

    /** Whether the client has authenticated (always true without {@code requirepass}). */
    public boolean authenticated() {
        return authenticated;
    }

    /** Marks the client authenticated or not. */
    public void authenticated(boolean value) {
        this.authenticated = value;
        decoder.authenticated(value);
    }

    /** The client name, or {@code null}. */
    public String name() {
        return name;
    }

    /** Sets the client name (null or empty clears it). */
    public void name(String value) {
        this.name = value == null || value.isEmpty() ? null : value;
    }

    /** Sets {@code lib-name} / {@code lib-ver} ({@code CLIENT SETINFO}). */
    public void libInfo(String libName, String libVersion) {
        if (libName != null) {
            this.libName = libName;
        }
        if (libVersion != null) {
            this.libVersion = libVersion;
        }
    }

    /** Whether the client is subscribed to any channel or pattern. */
    public boolean subscribed() {
        return !channels.isEmpty() || !patterns.isEmpty();
    }

    /** Number of channel plus pattern subscriptions. */
    public int subscriptionCount() {
        return channels.size() + patterns.size();
    }

    /** Whether the client waits in a blocking command (BLPOP, BLMOVE, ...). */
    public boolean blocked() {
        return block != null;
    }

    /** The replication offset right after this client's last write that was propagated ({@code WAIT}'s target). */
    public long writeOffset() {
        return writeOffset;
    }

    /** Whether a MULTI is open. */
    public boolean inMulti() {
        return multiQueue != null;
    }

    /** The class for output limits and {@code CLIENT KILL TYPE}. */
    public ClientClass clientClass() {
        if (role != null) {
            return role;
        }
        return subscribed() ? ClientClass.PUBSUB : ClientClass.NORMAL;
    }

    /** Marks the connection as a replica ({@link ClientClass#REPLICA}) or this store's master link ({@link ClientClass#MASTER}). */
    public void role(ClientClass role) {
        this.role = role;
    }

    /** Closes the connection once the current replies are sent. */
    public void closeAfterReply() {
        this.closeAfterReply = true;
    }

    /** The peer address {@code ip:port}. */
    public String remoteAddress() {
        return output.remoteAddress();
    }

    /** The local address {@code ip:port}. */
    public String localAddress() {
        return output.localAddress();
    }

    /** Creation time in ms. */
    public long createdMillis() {
        return createdMillis;
    }

    /** The last command's full name, for {@code CLIENT LIST}. */
    public String lastCommand() {
        return lastCommand;
    }

    /** Time of the last command, in ms. */
    public long lastInteractionMillis() {
        return lastInteractionMillis;
    }

    /** {@code lib-name}, or empty. */
    public String libName() {
        return libName == null ? "" : libName;
    }

    /** {@code lib-ver}, or empty. */
    public String libVersion() {
        return libVersion == null ? "" : libVersion;
    }

    /** Channels subscribed to. */
    public Set<ByteKey> channels() {
        return channels;
    }

    /** Patterns subscribed to. */
    public Set<ByteKey> patterns() {
        return patterns;
    }

    /** Bytes of replies not yet accepted by the socket. */
    public long pendingOutputBytes() {
        return output.pendingBytes() + (out == null ? 0 : out.readableBytes());
    }

    /**
     * Sends {@code data} now, after the replies buffered so far, and runs {@code written} on the command thread once
     * the socket accepted it (or the connection failed): how a replica's full-sync payload is streamed with
     * back-pressure. A closed client releases {@code data} and runs {@code written} at once.
     */
    public void sendNow(ByteBuf data, Runnable written) {
        flush();
        if (closed) {
            data.release();
            written.run();
            return;
        }
        output.send(data, written);
    }

    /** Opens a transaction: commands are queued until EXEC or DISCARD. */
    public void beginMulti() {
        multiQueue = new ArrayList<>();
        multiFailed = false;
    }

    /** The queued commands of the open transaction (empty list when none is open). */
    public List<byte[][]> multiQueue() {
        return multiQueue == null ? List.of() : multiQueue;
    }

    /** Whether a command was rejected while queueing (EXEC must answer EXECABORT). */
    public boolean multiFailed() {
        return multiFailed;
    }

    /** Whether a watched key changed since WATCH (EXEC must answer a null array). */
    public boolean watchDirty() {
        return watchDirty;
    }

    /** Closes the transaction without running it. */
    public void endMulti() {
        multiQueue = null;
        multiFailed = false;
    }

    CommandContext context() {
        return context;
    }

    RespRequestDecoder decoder() {
        return decoder;
    }

    ClientOutput output() {
        return output;
    }

    boolean hasUnsentReplies() {
        return out != null && out.isReadable();
    }

    ByteBuf out() {
        if (out == null) {
            out = output.allocate();
        }
        return out;
    }

    /** Sends buffered replies; returns the number of bytes sent. */
    long flush() {
        ByteBuf buf = out;
        out = null;
        if (buf == null) {
            return 0;
        }
        int bytes = buf.readableBytes();
        if (bytes == 0 || closed) {
            buf.release();
            return 0;
        }
        output.send(buf);
        return bytes;
    }

    void discardOutput() {
        if (out != null) {
            out.release();
            out = null;
        }
    }
}
