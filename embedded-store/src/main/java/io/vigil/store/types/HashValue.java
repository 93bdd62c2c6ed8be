package io.vigil.store.types;

import io.vigil.store.keyspace.StoreValue;
import io.vigil.store.keyspace.ValueType;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/**
 * A hash value. Small hashes use the {@code listpack} form: one array of alternating field and value references in
 * insertion order (an updated field keeps its place, as in Redis's listpack). A hash converts for good to the
 * {@code hashtable} form ({@link ByteTable}) when it passes {@link Encodings#HASH_MAX_LISTPACK_ENTRIES} fields or is
 * given a field or value longer than {@link Encodings#HASH_MAX_LISTPACK_VALUE} bytes.
 *
 * <p>{@link #memoryUsage()} is kept up to date on every change, so callers report {@code after - before} to {@code
 * Database.adjustMemory}. Stored arrays are never modified.
 */
public final class HashValue implements StoreValue {

    private byte[][] pairs;
    private int count;
    private ByteTable<byte[]> table;
    private long bytes;

    /** An empty hash in the {@code listpack} form. */
    public HashValue() {
        this.pairs = new byte[4][];
        this.bytes = Sizes.OBJECT_BYTES + Sizes.refs(pairs.length);
    }

    @Override
    public ValueType type() {
        return ValueType.HASH;
    }

    @Override
    public String encoding() {
        return table == null ? "listpack" : "hashtable";
    }

    @Override
    public long memoryUsage() {
        return bytes;
    }

    @Override
    public HashValue copy() {
        HashValue c = new HashValue();
        forEach(c::set);
        if (table != null && c.table == null) {
            c.convert();
        }
        return c;
    }

    /** Number of fields. */
    public int size() {
        return table == null ? count : table.size();
    }

    /** The value of a field, or {@code null}. */
    public byte[] get(byte[] field) {
        if (table != null) {
            ByteTable.Node<byte[]> n = table.find(field);
            return n == null ? null : n.value;
        }
        int i = indexOf(field);
        return i < 0 ? null : pairs[2 * i + 1];
    }

    /**
     * Sets a field; converts to {@code hashtable} first when the field or value is too long for a listpack, and
     * after the insert when the hash has too many fields.
     *
     * @return whether the field is new
     */
    public boolean set(byte[] field, byte[] value) {
        if (table == null
                && (field.length > Encodings.HASH_MAX_LISTPACK_VALUE
                        || value.length > Encodings.HASH_MAX_LISTPACK_VALUE)) {
            convert();
        }
        if (table != null) {
            ByteTable.Node<byte[]> n = table.find(field);
            if (n != null) {
                bytes += Sizes.bytes(value.length) - Sizes.bytes(n.value.length);
                n.value = value;
                return false;
            }
            long before = table.tableBytes();
            table.insert(field, value);
            bytes += table.tableBytes()
                    - before
                    + ByteTable.NODE_BYTES
                    + Sizes.bytes(field.length)
                    + Sizes.bytes(value.length);
            return true;
        }
        int i = indexOf(field);
        if (i >= 0) {
            bytes += Sizes.bytes(value.length) - Sizes.bytes(pairs[2 * i + 1].length);
            pairs[2 * i + 1] = value;
            return false;
        }
        if (2 * count + 2 > pairs.length) {
            resizePairs(pairs.length * 2);
        }
        pairs[2 * count] = field;
        pairs[2 * count + 1] = value;
        count++;
        bytes += Sizes.bytes(field.length) + Sizes.bytes(value.length);
        if (count > Encodings.HASH_MAX_LISTPACK_ENTRIES) {
            convert();
        }
        return true;
    }

    /** Removes a field; returns whether it was present. */
    public boolean delete(byte[] field) {
        if (table != null) {
            long before = table.tableBytes();
            ByteTable.Node<byte[]> n = table.remove(field);
            if (n == null) {
                return false;
            }
            bytes += table.tableBytes()
                    - before
                    - ByteTable.NODE_BYTES
                    - Sizes.bytes(n.key.length)
                    - Sizes.bytes(n.value.length);
            return true;
        }
        int i = indexOf(field);
        if (i < 0) {
            return false;
        }
        bytes -= Sizes.bytes(pairs[2 * i].length) + Sizes.bytes(pairs[2 * i + 1].length);
        System.arraycopy(pairs, 2 * i + 2, pairs, 2 * i, 2 * (count - i - 1));
        count--;
        pairs[2 * count] = null;
        pairs[2 * count + 1] = null;
        if (pairs.length > 8 && 4 * count < pairs.length / 2) {
            resizePairs(pairs.length / 2);
        }
        return true;
    }

    /** Visits every field and value: insertion order for a listpack, table order for a hashtable. */
    public void forEach(BiConsumer<byte[], byte[]> action) {
        if (table != null) {
            table.forEach(action);
            return;
        }
        for (int i = 0; i < count; i++) {
            action.accept(pairs[2 * i], pairs[2 * i + 1]);
        }
    }

    /** Fields and values as one flat array {@code [f0, v0, f1, v1, ...]} in {@link #forEach} order. */
    public byte[][] toPairs() {
        byte[][] out = new byte[2 * size()][];
        int[] at = {0};
        forEach((f, v) -> {
            out[at[0]++] = f;
            out[at[0]++] = v;
        });
        return out;
    }

    /** A uniformly chosen {@code [field, value]}; the hash must not be empty. */
    public byte[][] randomPair(RandomGenerator random) {
        if (table != null) {
            ByteTable.Node<byte[]> n = table.randomNode(random);
            return new byte[][] {n.key, n.value};
        }
        int i = random.nextInt(count);
        return new byte[][] {pairs[2 * i], pairs[2 * i + 1]};
    }

    /**
     * One step of an {@code HSCAN}: a listpack is returned whole with cursor 0 (as Redis does); a hashtable visits
     * one bucket and returns the next reverse-binary cursor.
     */
    public long scan(long cursor, BiConsumer<byte[], byte[]> visitor) {
        if (table == null) {
            forEach(visitor);
            return 0;
        }
        return table.scan(cursor, visitor);
    }

    /** Whether this hash still uses the compact listpack form. */
    public boolean isCompact() {
        return table == null;
    }

    private int indexOf(byte[] field) {
        for (int i = 0; i < count; i++) {
            if (Arrays.equals(pairs[2 * i], field)) {
                return i;
            }
        }
        return -1;
    }

    private void resizePairs(int length) {
        bytes += Sizes.refs(length) - Sizes.refs(pairs.length);
        pairs = Arrays.copyOf(pairs, length);
    }

    private void convert() {
        ByteTable<byte[]> t = new ByteTable<>(count);
        for (int i = 0; i < count; i++) {
            t.insert(pairs[2 * i], pairs[2 * i + 1]);
        }
        table = t;
        pairs = null;
        count = 0;
        bytes = recompute();
    }

    private long recompute() {
        long[] b = {Sizes.OBJECT_BYTES + table.tableBytes()};
        table.forEach((f, v) -> b[0] += ByteTable.NODE_BYTES + Sizes.bytes(f.length) + Sizes.bytes(v.length));
        return b[0];
    }
}
