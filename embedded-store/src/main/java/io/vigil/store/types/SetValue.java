package io.vigil.store.types;

import io.vigil.store.command.Numbers;
import io.vigil.store.keyspace.StoreValue;
import io.vigil.store.keyspace.ValueType;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A set value. A set of canonical 64-bit integers uses the {@code intset} form (a sorted {@code long[]}, iterated in
 * ascending order as Redis's intset); it converts for good to the {@code hashtable} form ({@link ByteTable}) when a
 * non-integer member is added or it passes {@link Encodings#SET_MAX_INTSET_ENTRIES} members. Redis 7.0 has no
 * listpack sets.
 *
 * <p>Members are compared as bytes: {@code 01} is not the member {@code 1}. {@link #memoryUsage()} is kept up to
 * date on every change.
 */
public final class SetValue implements StoreValue {

    private long[] ints;
    private int count;
    private ByteTable<byte[]> table;
    private long bytes;

    private SetValue(boolean intset) {
        if (intset) {
            ints = new long[4];
            bytes = Sizes.OBJECT_BYTES + Sizes.longs(ints.length);
        } else {
            table = new ByteTable<>(4);
            bytes = Sizes.OBJECT_BYTES + table.tableBytes();
        }
    }

    /** An empty set in the {@code intset} form (the start of {@code SUNIONSTORE}-style results). */
    public static SetValue intset() {
        return new SetValue(true);
    }

    /** An empty set in the form Redis picks for a first member: {@code intset} for an integer, else hashtable. */
    public static SetValue forFirst(byte[] member) {
        return new SetValue(Int64.isCanonical(member));
    }

    @Override
    public ValueType type() {
        return ValueType.SET;
    }

    @Override
    public String encoding() {
        return table == null ? "intset" : "hashtable";
    }

    @Override
    public long memoryUsage() {
        return bytes;
    }

    @Override
    public SetValue copy() {
        SetValue c = new SetValue(table == null);
        forEach(c::add);
        return c;
    }

    /** Number of members. */
    public int size() {
        return table == null ? count : table.size();
    }

    /** Whether a member is present. */
    public boolean contains(byte[] member) {
        if (table != null) {
            return table.find(member) != null;
        }
        return Int64.isCanonical(member) && Arrays.binarySearch(ints, 0, count, Int64.parse(member)) >= 0;
    }

    /** Adds a member; returns whether it was new. */
    public boolean add(byte[] member) {
        if (table == null) {
            if (!Int64.isCanonical(member)) {
                convert();
            } else {
                long v = Int64.parse(member);
                int i = Arrays.binarySearch(ints, 0, count, v);
                if (i >= 0) {
                    return false;
                }
                int at = -i - 1;
                if (count == ints.length) {
                    bytes += Sizes.longs(ints.length * 2) - Sizes.longs(ints.length);
                    ints = Arrays.copyOf(ints, ints.length * 2);
                }
                System.arraycopy(ints, at, ints, at + 1, count - at);
                ints[at] = v;
                count++;
                if (count > Encodings.SET_MAX_INTSET_ENTRIES) {
                    convert();
                }
                return true;
            }
        }
        if (table.find(member) != null) {
            return false;
        }
        long before = table.tableBytes();
        table.insert(member, null);
        bytes += table.tableBytes() - before + ByteTable.NODE_BYTES + Sizes.bytes(member.length);
        return true;
    }

    /** Removes a member; returns whether it was present. */
    public boolean remove(byte[] member) {
        if (table != null) {
            long before = table.tableBytes();
            ByteTable.Node<byte[]> n = table.remove(member);
            if (n == null) {
                return false;
            }
            bytes += table.tableBytes() - before - ByteTable.NODE_BYTES - Sizes.bytes(n.key.length);
            return true;
        }
        if (!Int64.isCanonical(member)) {
            return false;
        }
        int i = Arrays.binarySearch(ints, 0, count, Int64.parse(member));
        if (i < 0) {
            return false;
        }
        System.arraycopy(ints, i + 1, ints, i, count - i - 1);
        count--;
        if (ints.length > 8 && count < ints.length / 4) {
            bytes += Sizes.longs(ints.length / 2) - Sizes.longs(ints.length);
            ints = Arrays.copyOf(ints, ints.length / 2);
        }
        return true;
    }

    /** Visits every member: ascending for an intset, table order for a hashtable. */
    public void forEach(Consumer<byte[]> action) {
        if (table != null) {
            table.forEach((k, v) -> action.accept(k));
            return;
        }
        for (int i = 0; i < count; i++) {
            action.accept(Numbers.toBytes(ints[i]));
        }
    }

    /** The members in {@link #forEach} order. */
    public byte[][] toArray() {
        byte[][] out = new byte[size()][];
        int[] at = {0};
        forEach(m -> out[at[0]++] = m);
        return out;
    }

    /** A uniformly chosen member; the set must not be empty. */
    public byte[] random(RandomGenerator random) {
        if (table != null) {
            return table.randomNode(random).key;
        }
        return Numbers.toBytes(ints[random.nextInt(count)]);
    }

    /**
     * One step of an {@code SSCAN}: an intset is returned whole with cursor 0 (as Redis does); a hashtable visits one
     * bucket and returns the next reverse-binary cursor.
     */
    public long scan(long cursor, Consumer<byte[]> visitor) {
        if (table == null) {
            forEach(visitor);
            return 0;
        }
        return table.scan(cursor, (k, v) -> visitor.accept(k));
    }

    private void convert() {
        ByteTable<byte[]> t = new ByteTable<>(count);
        long b = Sizes.OBJECT_BYTES;
        for (int i = 0; i < count; i++) {
            byte[] m = Numbers.toBytes(ints[i]);
            t.insert(m, null);
            b += ByteTable.NODE_BYTES + Sizes.bytes(m.length);
        }
        table = t;
        ints = null;
        count = 0;
        bytes = b + t.tableBytes();
    }
}
