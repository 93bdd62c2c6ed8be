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

    /** Sets the listener for modifications and expirations. */
    public void listener(KeyspaceListener listener) {
        this.listener = listener;
    }

    KeyspaceListener listener() {
        return listener;
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
