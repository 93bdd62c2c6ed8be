package io.vigil.store.types;

import io.vigil.store.keyspace.KeyHash;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/**
 * The {@code hashtable} encoding of hashes and sets: a chained hash table of byte-array keys with optional byte-array
 * values, shaped like Redis's {@code dict} (power-of-two buckets that double when full and shrink when under 10%
 * full, a reverse-binary {@link #scan} cursor that survives resizes, uniform {@link #randomNode} sampling).
 *
 * <p>Keys are never modified in place. Values are byte arrays for hashes (replaced by storing a new array), absent
 * for sets, and the skiplist nodes of sorted sets.
 *
 * @param <V> the value type
 */
final class ByteTable<V> {

    /** Estimated bytes of one chain node (header, key, value, next, hash). */
    static final long NODE_BYTES = 32;

    private static final int MIN_SIZE = 4;

    /** One key (and value, for hashes). */
    static final class Node<V> {
        final byte[] key;
        final int hash;
        V value;
        Node<V> next;

        Node(byte[] key, int hash, V value) {
            this.key = key;
            this.hash = hash;
            this.value = value;
        }
    }

    private Node<V>[] table;
    private int size;

    ByteTable(int expected) {
        int n = MIN_SIZE;
        while (n < expected) {
            n <<= 1;
        }
        table = newTable(n);
    }

    int size() {
        return size;
    }

    /** Estimated bytes of the bucket array (nodes and arrays are counted by the owner). */
    long tableBytes() {
        return 16L + 4L * table.length;
    }

    Node<V> find(byte[] key) {
        int hash = hash(key);
        for (Node<V> n = table[hash & (table.length - 1)]; n != null; n = n.next) {
            if (n.hash == hash && Arrays.equals(n.key, key)) {
                return n;
            }
        }
        return null;
    }

    /** Inserts a key known to be absent. */
    Node<V> insert(byte[] key, V value) {
        if (size >= table.length) {
            resize(table.length * 2);
        }
        Node<V> n = new Node<>(key, hash(key), value);
        int index = n.hash & (table.length - 1);
        n.next = table[index];
        table[index] = n;
        size++;
        return n;
    }

    /** Removes and returns the node of a key, or {@code null}. */
    Node<V> remove(byte[] key) {
        int hash = hash(key);
        int index = hash & (table.length - 1);
        Node<V> previous = null;
        for (Node<V> n = table[index]; n != null; previous = n, n = n.next) {
            if (n.hash == hash && Arrays.equals(n.key, key)) {
                if (previous == null) {
                    table[index] = n.next;
                } else {
                    previous.next = n.next;
                }
                n.next = null;
                size--;
                if (table.length > MIN_SIZE && size * 10L < table.length) {
                    resize(Math.max(MIN_SIZE, Integer.highestOneBit(Math.max(size, 1)) * 2));
                }
                return n;
            }
        }
        return null;
    }

    /** Visits every key and value (null for sets) in table order. */
    void forEach(BiConsumer<byte[], V> action) {
        for (Node<V> head : table) {
            for (Node<V> n = head; n != null; n = n.next) {
                action.accept(n.key, n.value);
            }
        }
    }

    /** Visits one bucket and returns the next cursor (0 when done), as Redis's {@code dictScan}. */
    long scan(long cursor, BiConsumer<byte[], V> visitor) {
        if (size == 0) {
            return 0;
        }
        long mask = table.length - 1;
        for (Node<V> n = table[(int) (cursor & mask)]; n != null; n = n.next) {
            visitor.accept(n.key, n.value);
        }
        long v = cursor | ~mask;
        v = Long.reverse(v);
        v++;
        return Long.reverse(v);
    }

    /** A uniformly chosen node; the table must not be empty. */
    Node<V> randomNode(RandomGenerator random) {
        if (size == 0) {
            throw new IllegalStateException("randomNode of an empty table");
        }
        while (true) {
            Node<V> head = table[random.nextInt(table.length)];
            if (head == null) {
                continue;
            }
            int length = 0;
            for (Node<V> n = head; n != null; n = n.next) {
                length++;
            }
            // Accept a chain with probability length/maxChain-ish: pick a slot in a chain of 8 to keep it fair.
            int slot = random.nextInt(Math.max(length, 8));
            if (slot >= length) {
                continue;
            }
            Node<V> n = head;
            while (slot-- > 0) {
                n = n.next;
            }
            return n;
        }
    }

    private void resize(int newLength) {
        Node<V>[] fresh = newTable(newLength);
        int mask = newLength - 1;
        for (Node<V> head : table) {
            Node<V> n = head;
            while (n != null) {
                Node<V> next = n.next;
                int index = n.hash & mask;
                n.next = fresh[index];
                fresh[index] = n;
                n = next;
            }
        }
        table = fresh;
    }

    @SuppressWarnings("unchecked")
    private static <V> Node<V>[] newTable(int length) {
        return (Node<V>[]) new Node<?>[length];
    }

    static int hash(byte[] key) {
        return KeyHash.hash(key);
    }
}
