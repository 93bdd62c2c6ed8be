package io.vigil.store.memory;

import java.util.Arrays;

/**
 * Redis's eviction pool ({@code evict.c}): the 16 best candidates seen so far, ordered by score, best (highest)
 * last. Each sampling round offers its keys; a key better than the worst one held (or any key while there is room)
 * takes a place. Keys are held by name and database, so a candidate deleted meanwhile is simply skipped when the
 * pool is drained ({@link #takeBest} is followed by a look-up). The pool lives across evictions, as in Redis, so
 * good candidates found in earlier rounds are not forgotten.
 */
final class EvictionPool {

    /** Redis's {@code EVPOOL_SIZE}. */
    static final int SIZE = 16;

    private final long[] scores = new long[SIZE];
    private final int[] dbs = new int[SIZE];
    private final byte[][] keys = new byte[SIZE][];

    /** Offers a candidate; returns whether it took a place. */
    boolean offer(int db, byte[] key, long score) {
        for (int i = 0; i < SIZE && keys[i] != null; i++) {
            if (dbs[i] == db && keys[i] == key) {
                return false;
            }
        }
        int k = 0;
        while (k < SIZE && keys[k] != null && scores[k] < score) {
            k++;
        }
        if (k == 0 && keys[SIZE - 1] != null) {
            return false;
        }
        if (k < SIZE && keys[k] == null) {
            // an empty slot at the insertion point
        } else if (keys[SIZE - 1] == null) {
            shift(k, k + 1, SIZE - k - 1);
        } else {
            k--;
            shift(1, 0, k);
        }
        scores[k] = score;
        dbs[k] = db;
        keys[k] = key;
        return true;
    }

    /**
     * Removes the best candidate, which {@link #db} and {@link #key} then return; {@code false} when the pool is
     * empty.
     */
    boolean takeBest() {
        for (int k = SIZE - 1; k >= 0; k--) {
            if (keys[k] != null) {
                takenDb = dbs[k];
                takenKey = keys[k];
                keys[k] = null;
                scores[k] = 0;
                return true;
            }
        }
        return false;
    }

    private int takenDb;
    private byte[] takenKey;

    /** The database of the candidate last taken. */
    int db() {
        return takenDb;
    }

    /** The key of the candidate last taken. */
    byte[] key() {
        return takenKey;
    }

    /** Number of candidates held. */
    int size() {
        int n = 0;
        for (byte[] k : keys) {
            if (k != null) {
                n++;
            }
        }
        return n;
    }

    /** Forgets every candidate (the policy changed). */
    void clear() {
        Arrays.fill(keys, null);
        Arrays.fill(scores, 0);
        takenKey = null;
    }

    private void shift(int from, int to, int length) {
        if (length <= 0) {
            return;
        }
        System.arraycopy(scores, from, scores, to, length);
        System.arraycopy(dbs, from, dbs, to, length);
        System.arraycopy(keys, from, keys, to, length);
    }
}
