package io.vigil.store.types;

import io.vigil.store.keyspace.StoreValue;
import io.vigil.store.keyspace.ValueType;
import java.util.Arrays;

/**
 * A list value: a growable ring buffer of element arrays, so pushes and pops at both ends are amortised O(1) and
 * indexing is O(1). The buffer shrinks when it is a quarter full, and the element bytes are summed as elements come
 * and go, so {@link #memoryUsage()} is exact for this representation and costs nothing to ask.
 *
 * <p>Elements are never modified in place (they may be shared with the replication stream); {@link #set} stores a
 * new array. Redis 7.0 always reports a list's encoding as {@code quicklist} (the small-list {@code listpack}
 * encoding arrived in 7.2), and so does this type.
 */
public final class ListValue implements StoreValue {

    private static final int MIN_CAPACITY = 8;
    private static final long HEADER_BYTES = 40;

    private byte[][] items;
    private int head;
    private int size;
    private long elementBytes;

    /** An empty list. */
    public ListValue() {
        items = new byte[MIN_CAPACITY][];
    }

    private ListValue(ListValue other) {
        items = new byte[other.items.length][];
        for (int i = 0; i < other.size; i++) {
            items[i] = other.get(i);
        }
        size = other.size;
        elementBytes = other.elementBytes;
    }

    @Override
    public ValueType type() {
        return ValueType.LIST;
    }

    @Override
    public String encoding() {
        return "quicklist";
    }

    @Override
    public long memoryUsage() {
        return HEADER_BYTES + 16L + 4L * items.length + elementBytes;
    }

    @Override
    public ListValue copy() {
        return new ListValue(this);
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** Whether the list has no elements. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The element at {@code index} (0 is the head); the caller has range-checked it. */
    public byte[] get(int index) {
        return items[slot(index)];
    }

    /** Replaces the element at {@code index}; the caller has range-checked it. */
    public void set(int index, byte[] value) {
        int s = slot(index);
        elementBytes += bytes(value) - bytes(items[s]);
        items[s] = value;
    }

    /** Adds an element at the head ({@code left}) or the tail. */
    public void push(byte[] value, boolean left) {
        grow();
        if (left) {
            head = (head - 1) & (items.length - 1);
            items[head] = value;
        } else {
            items[slot(size)] = value;
        }
        size++;
        elementBytes += bytes(value);
    }

    /** Removes and returns the head ({@code left}) or tail element; the list must not be empty. */
    public byte[] pop(boolean left) {
        int s = left ? head : slot(size - 1);
        byte[] value = items[s];
        items[s] = null;
        if (left) {
            head = (head + 1) & (items.length - 1);
        }
        size--;
        elementBytes -= bytes(value);
        shrink();
        return value;
    }

    /** Inserts {@code value} so that it ends up at {@code index} (0..size); elements after it move one place. */
    public void insert(int index, byte[] value) {
        if (index == 0) {
            push(value, true);
            return;
        }
        grow();
        for (int i = size; i > index; i--) {
            items[slot(i)] = items[slot(i - 1)];
        }
        items[slot(index)] = value;
        size++;
        elementBytes += bytes(value);
    }

    /** The index of the first element equal to {@code value}, or -1. */
    public int indexOf(byte[] value) {
        for (int i = 0; i < size; i++) {
            if (Arrays.equals(get(i), value)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Removes up to {@code count} elements equal to {@code value} (all when {@code count} is 0), scanning from the
     * head, or from the tail when {@code fromTail}.
     *
     * @return the number removed
     */
    public long remove(byte[] value, long count, boolean fromTail) {
        boolean[] drop = new boolean[size];
        long removed = 0;
        for (int n = 0; n < size && (count == 0 || removed < count); n++) {
            int i = fromTail ? size - 1 - n : n;
            if (Arrays.equals(get(i), value)) {
                drop[i] = true;
                removed++;
            }
        }
        if (removed > 0) {
            compact(drop);
        }
        return removed;
    }

    /** Removes {@code fromHead} elements at the head and {@code fromTail} at the tail. */
    public void trim(int fromHead, int fromTail) {
        for (int i = 0; i < fromHead; i++) {
            pop(true);
        }
        for (int i = 0; i < fromTail; i++) {
            pop(false);
        }
    }

    private void compact(boolean[] drop) {
        byte[][] kept = new byte[Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, size)) * 2)][];
        int n = 0;
        long b = 0;
        for (int i = 0; i < size; i++) {
            if (!drop[i]) {
                kept[n++] = get(i);
                b += bytes(get(i));
            }
        }
        items = kept;
        head = 0;
        size = n;
        elementBytes = b;
        shrink();
    }

    private int slot(int index) {
        return (head + index) & (items.length - 1);
    }

    private void grow() {
        if (size == items.length) {
            resize(items.length * 2);
        }
    }

    private void shrink() {
        if (items.length > MIN_CAPACITY && size * 4 <= items.length) {
            resize(items.length / 2);
        }
    }

    private void resize(int capacity) {
        byte[][] next = new byte[capacity][];
        for (int i = 0; i < size; i++) {
            next[i] = get(i);
        }
        items = next;
        head = 0;
    }

    private static long bytes(byte[] value) {
        return (16L + value.length + 7) & ~7L;
    }
}
