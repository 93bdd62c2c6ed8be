package io.vigil.store.command;

import io.vigil.resp.RespError;
import io.vigil.store.engine.Client;
import io.vigil.store.engine.StoreEngine;
import io.vigil.store.keyspace.Database;
import io.vigil.store.keyspace.StoreClock;
import java.nio.charset.StandardCharsets;

/**
 * What a {@link CommandHandler} works with: the request's arguments, the client, its database, the reply writer,
 * the clock, and the ways to report changes. One context per client, reused for each command.
 *
 * <p>Writes: call {@link #dirty(int)} with the number of changes made; a {@link CommandFlag#WRITE} command with
 * changes is then appended to the replication stream as received, unless the handler gave its effect another form
 * with {@link #propagateAs} (e.g. a relative TTL turned into an absolute one so replicas agree).
 */
public final class CommandContext {

    private final StoreEngine engine;
    private final Client client;
    private byte[][] args;
    private CommandSpec spec;
    private int dirty;
    private boolean forcePropagation;
    private byte[][] propagateAs;

    /** A context for one client of an engine. */
    public CommandContext(StoreEngine engine, Client client) {
        this.engine = engine;
        this.client = client;
    }

    /** Starts a command (called by the engine). */
    public void begin(CommandSpec spec, byte[][] args) {
        this.spec = spec;
        this.args = args;
        this.dirty = 0;
        this.propagateAs = null;
        this.forcePropagation = false;
    }

    /** The engine (keyspace, clients, pub/sub, config, stats). */
    public StoreEngine engine() {
        return engine;
    }

    /** The calling client. */
    public Client client() {
        return client;
    }

    /** The command being executed. */
    public CommandSpec spec() {
        return spec;
    }

    /** The reply writer. */
    public Reply reply() {
        return client.reply();
    }

    /** The client's selected database. */
    public Database db() {
        return engine.keyspace().db(client.db());
    }

    /** The store's clock. */
    public StoreClock clock() {
        return engine.clock();
    }

    /** All arguments, the command name first. */
    public byte[][] args() {
        return args;
    }

    /** Number of arguments including the command name. */
    public int argc() {
        return args.length;
    }

    /** Argument {@code i} (0 is the command name). */
    public byte[] arg(int i) {
        return args[i];
    }

    /** Argument {@code i} as Latin-1 text (byte for byte). */
    public String argString(int i) {
        return new String(args[i], StandardCharsets.ISO_8859_1);
    }

    /** Whether argument {@code i} equals {@code lowerWord} ignoring ASCII case. */
    public boolean argIs(int i, String lowerWord) {
        byte[] a = args[i];
        if (a.length != lowerWord.length()) {
            return false;
        }
        for (int j = 0; j < a.length; j++) {
            int c = a[j];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lowerWord.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Argument {@code i} as a 64-bit integer (strict, like Redis's {@code string2ll}).
     *
     * @throws CommandException {@code ERR value is not an integer or out of range}
     */
    public long argLong(int i) {
        return Numbers.parseLong(args[i], RespError.NOT_INTEGER);
    }

    /** Argument {@code i} as an integer, or the given error. */
    public long argLong(int i, RespError error) {
        return Numbers.parseLong(args[i], error);
    }

    /** Records {@code changes} modifications of the dataset (for propagation and {@code INFO}). */
    public void dirty(int changes) {
        dirty += changes;
    }

    /**
     * Propagates the command (a {@link CommandFlag#WRITE} one) even when it changed nothing, as Redis's {@code
     * forceCommandPropagation}: {@code FLUSHALL}/{@code FLUSHDB} on empty databases still reach replicas and the AOF.
     */
    public void forcePropagation() {
        forcePropagation = true;
    }

    /** Whether {@link #forcePropagation} was called by the current command. */
    public boolean propagationForced() {
        return forcePropagation;
    }

    /** Changes recorded by the current command. */
    public int dirtyCount() {
        return dirty;
    }

    /** Replicates the command's effect as this command instead of the original request. */
    public void propagateAs(byte[]... argv) {
        this.propagateAs = argv;
    }

    /** The form to replicate: the {@link #propagateAs} override, or the request itself. */
    public byte[][] propagated() {
        return propagateAs != null ? propagateAs : args;
    }

    /** Whether the key lookup should count as a hit or miss in {@code INFO stats}. */
    public void countLookup(boolean hit) {
        engine.countLookup(hit);
    }
}
