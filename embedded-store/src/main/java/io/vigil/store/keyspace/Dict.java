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
 * <p>Resizing is done at once (not incrementally as in Redis); at a million keys it takes a few milliseconds.
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

    private Entry[] table = new Entry[MIN_SIZE];
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
        return table.length;
    }

    Entry get(byte[] key) {
        int hash = KeyHash.hash(key);
        for (Entry e = table[hash & (table.length - 1)]; e != null; e = e.next) {
            if (e.hash == hash && KeyHash.equal(e.key, key)) {
                return e;
            }
        }
        return null;
    }

    /** Inserts a key known to be absent. */
    Entry insert(byte[] key, Object value) {
        if (size >= table.length && frozen == 0) {
            resize(table.length * 2);
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
        int hash = KeyHash.hash(key);
        int index = hash & (table.length - 1);
        Entry previous = null;
        for (Entry e = table[index]; e != null; previous = e, e = e.next) {
            if (e.hash == hash && KeyHash.equal(e.key, key)) {
                if (previous == null) {
                    table[index] = e.next;
                } else if (frozen > 0) {
                    NEXT.setRelease(previous, e.next);
                } else {
                    previous.next = e.next;
                }
                if (frozen == 0) {
                    e.next = null;
                }
                size--;
                if (frozen == 0 && table.length > MIN_SIZE && size * 10L < table.length) {
                    resize(Math.max(MIN_SIZE, Integer.highestOneBit(Math.max(size, 1)) * 2));
                }
                return e;
            }
        }
        return null;
    }

    /** Starts a snapshot's walk: the chains keep their shape until {@link #thaw}; returns a copy of the buckets. */
    Entry[] freeze() {
        frozen++;
        return table.clone();
    }

    /** Ends a snapshot's walk; an overdue resize happens at the next insert or removal. */
    void thaw() {
        frozen--;
    }

    void clear() {
        table = new Entry[MIN_SIZE];
        size = 0;
    }

    void forEach(Consumer<Entry> action) {
        for (Entry head : table) {
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
        long mask = table.length - 1;
        for (Entry e = table[(int) (cursor & mask)]; e != null; e = e.next) {
            visitor.accept(e);
        }
        long v = cursor | ~mask;
        v = Long.reverse(v);
        v++;
        v = Long.reverse(v);
        return v;
    }

    /** A random entry, or {@code null} when empty. */
    Entry randomEntry(RandomGenerator random) {
        if (size == 0) {
            return null;
        }
        Entry head;
        do {
            head = table[random.nextInt(table.length)];
        } while (head == null);
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

    private void resize(int newLength) {
        Entry[] old = table;
        Entry[] fresh = new Entry[newLength];
        int mask = newLength - 1;
        for (Entry head : old) {
            Entry e = head;
            while (e != null) {
                Entry next = e.next;
                int index = e.hash & mask;
                e.next = fresh[index];
                fresh[index] = e;
                e = next;
            }
        }
        table = fresh;
    }

    /** Estimated bytes of the bucket array. */
    long tableBytes() {
        return 16L + 4L * table.length;
    }
}
