package io.vigil.store.keyspace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A chained hash table of {@link Entry}s keyed by byte arrays, shaped like Redis's {@code dict}: a power-of-two
 * bucket array that doubles when full and halves when under 10% full, a {@link #scan} cursor that reverses the
 * bucket index bits so that a full iteration returns every key present throughout even if the table resizes
 * between calls, and {@link #randomEntry} for {@code RANDOMKEY} and sampling.
 *
 * <p>Resizing is incremental, as in Redis: a resize allocates the new bucket array and from then on every lookup,
 * insert and removal moves one bucket of the old array (and {@link #rehashFor} moves more from the cron), while
 * lookups search both arrays. Moving a million keys at once would stop the server for a few hundred ms.
 */
final class Dict {

    private static final int MIN_SIZE = 4;

    static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(Entry.class, "next", Entry.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The bucket array new keys go into (the new array while rehashing). */
    private Entry[] table = new Entry[MIN_SIZE];
    /** While rehashing, the array being emptied into {@link #table}; {@code null} otherwise. */
    private Entry[] old;
    /** While rehashing, the next bucket of {@link #old} to move; the buckets below it are empty. */
    private int moved;
    /** Iterations in progress ({@link #forEach}): no bucket moves under them. */
    private int iterating;

    private int size;
    /**
     * Snapshots walking a copy of this table from another thread. While one does, the chains keep their shape for
     * it: no resizing (Redis also stops resizing while a fork is alive), unlinks are release-writes that leave the
     * removed entry's own link in place, and inserts only add new chain heads, which the copy does not see.
     */
    private int frozen;

    int size() {
        return size;
    }

    int buckets() {
        return table.length + (old == null ? 0 : old.length);
    }

    /** Whether a resize is still moving keys to the new bucket array. */
    boolean rehashing() {
        return old != null;
    }

    Entry get(byte[] key) {
        int hash = KeyHash.hash(key);
        if (old != null && rehash(1)) {
            Entry e = find(old, hash, key);
            if (e != null) {
                return e;
            }
        }
        return find(table, hash, key);
    }

    private static Entry find(Entry[] buckets, int hash, byte[] key) {
        for (Entry e = buckets[hash & (buckets.length - 1)]; e != null; e = e.next) {
            if (e.hash == hash && e.keyEquals(key)) {
                return e;
            }
        }
        return null;
    }

    /** Inserts a key known to be absent. */
    Entry insert(byte[] key, Object value) {
        if (old != null) {
            rehash(1);
        } else if (size >= table.length && frozen == 0) {
            startResize(table.length * 2);
        }
        Entry e = new Entry(key, KeyHash.hash(key), value);
        int index = e.hash & (table.length - 1);
        e.next = table[index];
        table[index] = e;
        size++;
        return e;
    }

    /** Removes and returns the entry for the key, or {@code null}. */
    Entry remove(byte[] key) {
        return remove(KeyHash.hash(key), key, null);
    }

    /** Removes an entry of this table. */
    void remove(Entry entry) {
        remove(entry.hash, null, entry);
    }

    private Entry remove(int hash, byte[] key, Entry entry) {
        if (old != null && rehash(1)) {
            Entry e = unlink(old, hash, key, entry);
            if (e != null) {
                return e;
            }
        }
        return unlink(table, hash, key, entry);
    }

    /** Unlinks {@code entry}, or when it is {@code null} the entry of {@code key}. */
    private Entry unlink(Entry[] buckets, int hash, byte[] key, Entry entry) {
        int index = hash & (buckets.length - 1);
        Entry previous = null;
        for (Entry e = buckets[index]; e != null; previous = e, e = e.next) {
            if (entry != null ? e == entry : e.hash == hash && e.keyEquals(key)) {
                if (previous == null) {
                    buckets[index] = e.next;
                } else if (frozen > 0) {
                    NEXT.setRelease(previous, e.next);
                } else {
                    previous.next = e.next;
                }
                if (frozen == 0) {
                    e.next = null;
                }
                size--;
                if (old == null && frozen == 0 && table.length > MIN_SIZE && size * 10L < table.length) {
                    startResize(Math.max(MIN_SIZE, Integer.highestOneBit(Math.max(size, 1)) * 2));
                }
                return e;
            }
        }
        return null;
    }

    /** Starts a snapshot's walk: the chains keep their shape until {@link #thaw}; returns a copy of the buckets. */
    Entry[] freeze() {
        frozen++;
        if (old == null) {
            return table.clone();
        }
        // No bucket moves while frozen: the walk covers the old array's unmoved buckets and the new array.
        Entry[] both = new Entry[old.length - moved + table.length];
        System.arraycopy(old, moved, both, 0, old.length - moved);
        System.arraycopy(table, 0, both, old.length - moved, table.length);
        return both;
    }

    /** Ends a snapshot's walk; an overdue resize happens at the next insert or removal. */
    void thaw() {
        frozen--;
    }

    void clear() {
        table = new Entry[MIN_SIZE];
        old = null;
        moved = 0;
        size = 0;
    }

    void forEach(Consumer<Entry> action) {
        iterating++;
        try {
            if (old != null) {
                forEach(old, action);
            }
            forEach(table, action);
        } finally {
            iterating--;
        }
    }

    private static void forEach(Entry[] buckets, Consumer<Entry> action) {
        for (Entry head : buckets) {
            for (Entry e = head; e != null; ) {
                Entry next = e.next;
                action.accept(e);
                e = next;
            }
        }
    }

    /**
     * Visits one bucket and returns the next cursor (0 when the iteration is complete), as Redis's {@code
     * dictScan}.
     */
    long scan(long cursor, Consumer<Entry> visitor) {
        if (size == 0) {
            return 0;
        }
        if (old == null) {
            long mask = table.length - 1;
            visitChain(table[(int) (cursor & mask)], visitor);
            return nextCursor(cursor, mask);
        }
        // While rehashing: the bucket of the smaller array, then every bucket of the larger one that it expands to.
        Entry[] small = old.length <= table.length ? old : table;
        Entry[] large = small == old ? table : old;
        long m0 = small.length - 1;
        long m1 = large.length - 1;
        long v = cursor;
        visitChain(small[(int) (v & m0)], visitor);
        do {
            visitChain(large[(int) (v & m1)], visitor);
            v = nextCursor(v, m1);
        } while ((v & (m0 ^ m1)) != 0);
        return v;
    }

    private static void visitChain(Entry head, Consumer<Entry> visitor) {
        for (Entry e = head; e != null; e = e.next) {
            visitor.accept(e);
        }
    }

    /** Increments the reversed bits of the cursor above {@code mask}, as Redis's {@code dictScan}. */
    private static long nextCursor(long cursor, long mask) {
        long v = cursor | ~mask;
        v = Long.reverse(v);
        v++;
        return Long.reverse(v);
    }

    /** A random entry, or {@code null} when empty. */
    Entry randomEntry(RandomGenerator random) {
        if (size == 0) {
            return null;
        }
        Entry head;
        if (old == null) {
            do {
                head = table[random.nextInt(table.length)];
            } while (head == null);
        } else {
            int unmoved = old.length - moved; // the moved buckets of the old array are empty: never pick them
            do {
                int i = random.nextInt(unmoved + table.length);
                head = i < unmoved ? old[moved + i] : table[i - unmoved];
            } while (head == null);
        }
        int length = 0;
        for (Entry e = head; e != null; e = e.next) {
            length++;
        }
        int pick = random.nextInt(length);
        Entry e = head;
        while (pick-- > 0) {
            e = e.next;
        }
        return e;
    }

    /**
     * Passes up to {@code count} entries to {@code out}, as Redis's {@code dictGetSomeKeys}: whole chains of
     * adjacent buckets from a random start, jumping to another random bucket after a run of more than {@code
     * max(count, 4)} empty ones, and giving up after {@code 10 * count} buckets.
     */
    void sample(int count, RandomGenerator random, Consumer<Entry> out) {
        int wanted = Math.min(count, size);
        int longest = old == null ? table.length : Math.max(table.length, old.length);
        int mask = longest - 1;
        int i = random.nextInt(longest);
        int stored = 0;
        int empty = 0;
        for (long steps = 10L * wanted; stored < wanted && steps > 0; steps--) {
            for (int t = old == null ? 1 : 0; t < 2 && stored < wanted; t++) {
                Entry[] buckets = t == 0 ? old : table;
                if (t == 0 && i < moved) {
                    // below the rehash point the old array is empty: skip to it unless the new array has bucket i
                    if (i >= table.length) {
                        i = moved;
                    } else {
                        continue;
                    }
                }
                if (i >= buckets.length) {
                    continue;
                }
                Entry e = buckets[i];
                if (e == null) {
                    empty++;
                    if (empty >= 5 && empty > wanted) {
                        i = random.nextInt(longest);
                        empty = 0;
                    }
                } else {
                    empty = 0;
                    for (; e != null && stored < wanted; e = e.next) {
                        out.accept(e);
                        stored++;
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    private void startResize(int newLength) {
        old = table;
        moved = 0;
        table = new Entry[newLength];
    }

    /**
     * Moves up to {@code buckets} non-empty buckets of the old array (visiting at most ten times as many empty
     * ones), unless a snapshot or an iteration is walking the chains; returns whether the rehash is still going.
     */
    boolean rehash(int buckets) {
        if (old == null) {
            return false;
        }
        if (frozen > 0 || iterating > 0) {
            return true;
        }
        int mask = table.length - 1;
        int emptyVisits = buckets * 10;
        for (int n = buckets; n > 0 && moved < old.length; ) {
            Entry e = old[moved];
            if (e == null) {
                moved++;
                if (--emptyVisits == 0) {
                    break;
                }
                continue;
            }
            while (e != null) {
                Entry next = e.next;
                int index = e.hash & mask;
                e.next = table[index];
                table[index] = e;
                e = next;
            }
            old[moved++] = null;
            n--;
        }
        if (moved == old.length) {
            old = null;
            moved = 0;
            return false;
        }
        return true;
    }

    /** Rehashes in batches of 100 buckets for about {@code nanos} (Redis's {@code activerehashing} cron step). */
    void rehashFor(long nanos) {
        if (frozen > 0 || iterating > 0) {
            return; // nothing can move now: do not spin for the whole budget
        }
        long start = System.nanoTime();
        while (rehash(100) && System.nanoTime() - start < nanos) {
            // keep moving
        }
    }

    /** Estimated bytes of the bucket arrays. */
    long tableBytes() {
        return 16L + 4L * table.length + (old == null ? 0 : 16L + 4L * old.length);
    }
}
