package io.vigil.store.keyspace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A point-in-time view of every database that another thread can read while the command thread goes on writing:
 * Java has no {@code fork()}, so this is copy-on-write per key instead of per page.
 *
 * <p>{@link Keyspace#beginSnapshot()} (command thread) copies each database's bucket array and freezes the shape
 * of its chains ({@link Dict#freeze}: no resizing, unlinks leave the removed entry's link in place, new keys only
 * become new chain heads, which the copy does not see); that copy is the whole pause, about a millisecond per
 * million keys. Every entry then starts <em>pending</em>. The
 * reader thread ({@link #forEach}) <em>claims</em> a pending entry, hands its key, value and expiry to the visitor
 * and marks it <em>visited</em>. The command thread, before it changes a pending entry in any way ({@link Database}'s
 * write paths call {@link Keyspace#beforeWrite}), stores a copy of the entry as it was (a deep copy of a
 * collection; strings are immutable arrays and are kept as they are) and marks it <em>copied</em>; the reader then
 * visits that copy instead. If the reader holds the claim at that moment, the command thread waits for that one
 * entry to be visited (the visitor only encodes into memory, so this is microseconds for ordinary values). New keys
 * are marked visited from birth. An entry deleted before the reader reached it is unlinked from its chain, but only
 * after its copy was kept; the reader visits those copies (and only entries marked copied) when it has walked the
 * chains of their table. Flushed and swapped
 * databases keep their old tables, which the snapshot still holds. Entry states are one int in each entry, so a
 * snapshot costs no memory per key beyond the bucket copies and the copies of the keys written while it runs.
 *
 * <pre>
 *   pending --claim (reader)--> claimed --visited--> visited
 *      \--copy kept (command thread, before a write)--> copied
 * </pre>
 *
 * <p>Anything that needs a consistent dataset without stopping the server uses it: {@code BGSAVE}, a replica's full
 * sync, and an AOF rewrite (its visitor would write commands instead of RDB records).
 */
public final class Snapshot {

    /** Receives the snapshot's keys, database by database. */
    public interface Visitor {
        /** A database with keys begins; {@code keys} and {@code expires} are its sizes at the snapshot's start. */
        void startDb(int db, int keys, int expires) throws Exception;

        /**
         * One key as it was at the snapshot's start. The value is only guaranteed unchanged until this method
         * returns: read it here, do not keep it. Do no blocking I/O here (writers may be waiting).
         *
         * @param bytes the key and, for a string, the value, laid out as {@link Entry#bytes()} (read the key with
         *     {@link Entry#keyOffset(byte[])} and {@link Entry#keyLength(byte[])}; the string follows it); do not
         *     modify
         * @param value the value of a non-string, or {@code null} for a string
         * @param expireAtMillis absolute expiry in ms, or {@link Entry#NO_EXPIRY}
         */
        void entry(byte[] bytes, StoreValue value, long expireAtMillis) throws Exception;

        /** Called between keys, outside any claim: the place for I/O (flushing a buffer to a file or socket). */
        default void between() throws Exception {}
    }

    private static final VarHandle MARK;

    static {
        try {
            MARK = MethodHandles.lookup().findVarHandle(Entry.class, "snapshotMark", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private record Kept(Dict dict, byte[] bytes, StoreValue value, long expireAt) {}

    private final Keyspace keyspace;
    private final int pendingBelow;
    private final int claimed;
    /** The reader visited the entry itself (also new entries: nothing to visit). */
    private final int visited;
    /** The command thread kept a copy: the reader visits the copy. */
    private final int copied;

    private final Dict[] dicts;
    private final Entry[][] tables;
    private final int[] sizes;
    private final int[] expires;
    private final long startMillis;
    private final ConcurrentHashMap<Entry, Kept> kept = new ConcurrentHashMap<>();
    private static final int NEW = 0;
    private static final int VISITING = 1;
    private static final int OVER = 2;

    private final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean cancelled;
    private long keysVisited;

    Snapshot(Keyspace keyspace, int generation, long startMillis) {
        this.keyspace = keyspace;
        this.pendingBelow = 4 * generation;
        this.claimed = pendingBelow + 1;
        this.visited = pendingBelow + 2;
        this.copied = pendingBelow + 3;
        this.startMillis = startMillis;
        int n = keyspace.count();
        this.dicts = new Dict[n];
        this.tables = new Entry[n][];
        this.sizes = new int[n];
        this.expires = new int[n];
        for (int i = 0; i < n; i++) {
            Database db = keyspace.db(i);
            dicts[i] = db.dict();
            sizes[i] = db.size();
            expires[i] = db.volatileCount();
            tables[i] = sizes[i] == 0 ? new Entry[0] : dicts[i].freeze();
        }
    }

    /** Lets the tables resize again (command thread, when the snapshot ends). */
    void release() {
        for (int i = 0; i < dicts.length; i++) {
            if (sizes[i] > 0) {
                dicts[i].thaw();
            }
        }
    }

    /** When the snapshot was taken (the keyspace clock's ms). */
    public long startMillis() {
        return startMillis;
    }

    /** Keys in the snapshot. */
    public long keyCount() {
        long n = 0;
        for (int size : sizes) {
            n += size;
        }
        return n;
    }

    /** Keys visited so far (read from any thread; approximate while running). */
    public long keysVisited() {
        return keysVisited;
    }

    /** Copies kept so far because the command thread wrote a key before the reader reached it. */
    public int copiesKept() {
        return kept.size();
    }

    /**
     * Visits every key as it was at the start, on the calling thread (normally not the command thread; on the
     * command thread it is simply a synchronous walk). Stops early, returning {@code false}, when {@link #cancel}
     * is called. Call once.
     */
    public boolean forEach(Visitor visitor) throws Exception {
        if (!state.compareAndSet(NEW, VISITING)) {
            return false; // ended before it began, or visited twice
        }
        try {
            for (int db = 0; db < tables.length; db++) {
                Entry[] table = tables[db];
                if (sizes[db] == 0) {
                    continue;
                }
                visitor.startDb(db, sizes[db], expires[db]);
                for (int b = 0; b < table.length; b++) {
                    for (Entry e = table[b]; e != null; e = (Entry) Dict.NEXT.getAcquire(e)) {
                        if (cancelled) {
                            return false;
                        }
                        visit(e, visitor);
                        visitor.between();
                    }
                    table[b] = null;
                }
                // Keys deleted (and unlinked) before the walk reached them: their copies. A copy of an entry the
                // walk visited itself is one the command thread put while losing the claim to us and is about to
                // remove again (see beforeWrite): not a key to visit twice.
                for (var it = kept.entrySet().iterator(); it.hasNext(); ) {
                    var k = it.next();
                    if (k.getValue().dict == dicts[db] && (int) MARK.getVolatile(k.getKey()) == copied) {
                        it.remove();
                        Kept copy = k.getValue();
                        visitor.entry(copy.bytes, copy.value, copy.expireAt);
                        keysVisited++;
                        visitor.between();
                    }
                }
            }
            return true;
        } finally {
            state.set(OVER);
        }
    }

    private void visit(Entry e, Visitor visitor) throws Exception {
        int m = (int) MARK.getVolatile(e);
        if (m < pendingBelow && MARK.compareAndSet(e, m, claimed)) {
            try {
                visitor.entry(e.bytes, e.value, e.expireAt);
            } finally {
                MARK.setVolatile(e, visited);
            }
            keysVisited++;
            return;
        }
        // The command thread kept a copy before marking it copied (see beforeWrite).
        Kept k = kept.remove(e);
        if (k == null) {
            throw new IllegalStateException("snapshot lost track of a key (no copy kept for a written entry)");
        }
        visitor.entry(k.bytes, k.value, k.expireAt);
        keysVisited++;
    }

    /**
     * Asks {@link #forEach} to stop after the key it is visiting. The keyspace stops protecting entries once the
     * snapshot is ended with {@link Keyspace#endSnapshot}, which must only happen after {@code forEach} returned.
     */
    public void cancel() {
        cancelled = true;
    }

    /** Whether {@link #cancel} was called (any thread). */
    public boolean cancelled() {
        return cancelled;
    }

    /**
     * Whether the snapshot may end: {@link #forEach} has returned, or never started (it then never will). Command
     * thread.
     */
    boolean tryEnd() {
        return state.compareAndSet(NEW, OVER) || state.get() == OVER;
    }

    /** Whether the reader is done with an entry (visited it, or it is new): it will not read it again. */
    boolean visited(Entry e) {
        return (int) MARK.getVolatile(e) == visited;
    }

    /** Marks an entry created while the snapshot runs as not part of it. Command thread. */
    void born(Entry e) {
        e.snapshotMark = visited;
    }

    /** Keeps a copy of a pending entry before the command thread changes it. Command thread. */
    void beforeWrite(Dict dict, Entry e) {
        int m = (int) MARK.getVolatile(e);
        while (true) {
            if (m == visited || m == copied) {
                return;
            }
            if (m == claimed) {
                // The reader is visiting it right now: wait for that one key (yielding after a short spin, in case
                // the reader thread is waiting for this core).
                for (int spins = 0; (int) MARK.getVolatile(e) == claimed; spins++) {
                    if (spins < 1000) {
                        Thread.onSpinWait();
                    } else {
                        Thread.yield();
                    }
                }
                return;
            }
            // The copy is in the map before the mark says so, for the reader to find; if the reader claims the
            // entry meanwhile, this copy is stale until removed below, and the reader's last loop skips it.
            kept.put(e, new Kept(dict, e.bytes, e.value == null ? null : e.value.copy(), e.expireAt));
            if (MARK.compareAndSet(e, m, copied)) {
                return;
            }
            kept.remove(e);
            m = (int) MARK.getVolatile(e);
        }
    }

    Keyspace keyspace() {
        return keyspace;
    }
}
