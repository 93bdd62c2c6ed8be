package io.vigil.store.keyspace;

import java.util.random.RandomGenerator;

/**
 * All databases of a store (16 by default, as Redis's {@code databases} directive), with the clock and the
 * listener they share.
 */
public final class Keyspace {

    private final Database[] databases;
    private final StoreClock clock;
    private KeyspaceListener listener = KeyspaceListener.NONE;
    private boolean replicaExpiry;
    private boolean masterApplying;
    private Snapshot snapshot;
    private int snapshotGeneration;
    private boolean writing;
    private final AccessTracking access = new AccessTracking();

    /** A keyspace of {@code count} empty databases reading time from {@code clock}. */
    public Keyspace(int count, StoreClock clock) {
        if (count < 1) {
            throw new IllegalArgumentException("databases must be >= 1, got " + count);
        }
        this.clock = clock;
        this.databases = new Database[count];
        for (int i = 0; i < count; i++) {
            databases[i] = new Database(i, this);
        }
    }

    /** The clock every expiry decision reads. */
    public StoreClock clock() {
        return clock;
    }

    /** The time of the current batch of commands for access tracking, or -1 outside a batch. */
    private long batchMillis = -1;

    /**
     * Starts a batch of commands that share one access time ({@code OBJECT IDLETIME}, LRU/LFU), as Redis reads its
     * cached LRU clock instead of the system clock on every key access; returns the previous batch time, to pass to
     * {@link #endBatch} when batches nest.
     */
    public long beginBatch(long nowMillis) {
        long previous = batchMillis;
        batchMillis = nowMillis;
        return previous;
    }

    /** Ends a batch started by {@link #beginBatch}, restoring the time it returned. */
    public void endBatch(long previous) {
        batchMillis = previous;
    }

    /** The access time: the batch's, or the clock's outside a batch. */
    long accessMillis() {
        long t = batchMillis;
        return t >= 0 ? t : clock.millis();
    }

    /** Sets the listener for modifications and expirations. */
    public void listener(KeyspaceListener listener) {
        this.listener = listener;
    }

    KeyspaceListener listener() {
        return listener;
    }

    /** How key accesses are recorded (LRU time or LFU counter), for eviction and {@code OBJECT}. */
    public AccessTracking access() {
        return access;
    }

    /**
     * Replica expiry (Redis's behaviour on a replica): expired keys are never deleted here, neither lazily nor by
     * the active cycle; reads hide them, except while the master's stream is applied ({@link #masterApplying}),
     * which sees them as they still are on the master until it sends the {@code DEL}.
     */
    public void replicaExpiry(boolean enabled) {
        this.replicaExpiry = enabled;
    }

    /** Whether expiry follows the master (see {@link #replicaExpiry(boolean)}). */
    public boolean replicaExpiry() {
        return replicaExpiry;
    }

    /** Marks that the master's replication stream is being applied (its commands see expired keys). */
    public void masterApplying(boolean applying) {
        this.masterApplying = applying;
    }

    /** Whether the master's stream is being applied. */
    public boolean masterApplying() {
        return masterApplying;
    }

    /**
     * The cron's share of incremental rehashing (Redis's {@code activerehashing}): moves buckets of resizing
     * databases for about a millisecond in all.
     */
    public void rehashStep() {
        long deadline = System.nanoTime() + 1_000_000;
        for (Database db : databases) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            db.dict().rehashFor(left);
        }
    }

    /** Number of databases. */
    public int count() {
        return databases.length;
    }

    /** Database {@code index} (0-based). */
    public Database db(int index) {
        return databases[index];
    }

    /** Total keys in all databases. */
    public long totalKeys() {
        long n = 0;
        for (Database db : databases) {
            n += db.size();
        }
        return n;
    }

    /** Estimated bytes held by all databases. */
    public long memoryBytes() {
        long n = 0;
        for (Database db : databases) {
            n += db.memoryBytes();
        }
        return n;
    }

    /**
     * Starts a point-in-time {@link Snapshot} of every database (command thread). Only one runs at a time.
     *
     * @throws IllegalStateException when one is already running
     */
    public Snapshot beginSnapshot() {
        if (snapshot != null) {
            throw new IllegalStateException("a snapshot is already running");
        }
        snapshot = new Snapshot(this, ++snapshotGeneration, clock.millis());
        return snapshot;
    }

    /**
     * Ends the running snapshot (command thread), once its reader has returned: entries are no longer protected.
     *
     * @throws IllegalStateException when {@code s} is not the running snapshot or its reader is still visiting
     */
    public void endSnapshot(Snapshot s) {
        if (snapshot != s) {
            throw new IllegalStateException("not the running snapshot");
        }
        if (!s.tryEnd()) {
            throw new IllegalStateException("the snapshot's reader has not returned yet");
        }
        s.release();
        snapshot = null;
    }

    /** The running snapshot, or {@code null}. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /**
     * Declares whether the command about to run may change values in place after looking them up (the engine sets
     * it from the {@code WRITE} flag); while a snapshot runs, a collection looked up by a writing command is copied
     * for the snapshot first. Returns the previous setting, to restore after nested calls.
     */
    public boolean writing(boolean writing) {
        boolean previous = this.writing;
        this.writing = writing;
        return previous;
    }

    /** Whether an entry's array may be written in place: no running snapshot will read it. */
    boolean mayOverwrite(Entry e) {
        return snapshot == null || snapshot.visited(e);
    }

    /** Called by {@link Database} before an entry changes: lets a running snapshot keep the old state. */
    void beforeWrite(Dict dict, Entry e) {
        if (snapshot != null) {
            snapshot.beforeWrite(dict, e);
        }
    }

    /** Called by {@link Database#lookup} and {@link Database#peek}: a writing command may mutate the value. */
    void beforeLookupResult(Dict dict, Entry e) {
        if (snapshot != null && writing && e.value != null) {
            snapshot.beforeWrite(dict, e);
        }
    }

    /** Called by {@link Database} for a new entry. */
    void born(Entry e) {
        if (snapshot != null) {
            snapshot.born(e);
        }
    }

    /** Replaces every database's contents with {@code loaded}'s (after loading an RDB); {@code loaded} gets ours. */
    public void adopt(Keyspace loaded) {
        if (loaded.count() != count()) {
            throw new IllegalArgumentException(
                    "loaded keyspace has " + loaded.count() + " databases, this one " + count());
        }
        for (int i = 0; i < databases.length; i++) {
            databases[i].swapWith(loaded.databases[i]);
        }
    }

    /** Exchanges two databases' contents ({@code SWAPDB}). */
    public void swap(int a, int b) {
        if (a != b) {
            databases[a].swapWith(databases[b]);
        }
    }

    /**
     * One run of the active expiry cycle, like Redis's {@code activeExpireCycle}: for each database with TTL keys,
     * sample 20 of them and delete the expired ones; repeat while more than a quarter of a sample was expired and
     * the budget of sampled keys lasts.
     *
     * @return the number of keys deleted
     */
    public long activeExpireCycle(int maxSampled, RandomGenerator random) {
        if (replicaExpiry) {
            return 0;
        }
        long expired = 0;
        int budget = maxSampled;
        for (Database db : databases) {
            while (db.volatileCount() > 0 && budget > 0) {
                int[] result = db.expireSample(Math.min(20, budget), random);
                budget -= result[0];
                expired += result[1];
                if (result[1] * 4 <= result[0]) {
                    break;
                }
            }
        }
        return expired;
    }
}
