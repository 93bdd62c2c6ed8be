package io.vigil.store.keyspace;

import java.util.Arrays;

/**
 * One key in a {@link Dict}. The key and, for a string, the value share one array ({@link #bytes}): the key's
 * length as an unsigned LEB128 varint (one byte below 128), the key, then the string value. That saves an array
 * header and its padding per string key over separate arrays. Any other type keeps its {@link StoreValue} in
 * {@link #value}. Besides that: the key's cached hash, the absolute expiry time in ms (or {@link #NO_EXPIRY}), the
 * access word (the last-access time in seconds, or the LFU counter and its decay time: see {@link AccessTracking}),
 * the index in the keys-with-TTL array, the snapshot mark and the chain link: 48 bytes besides the array.
 *
 * <p>A string of the same length is overwritten in place, unless a running {@link Snapshot} may still read the
 * array (see {@link Keyspace#mayOverwrite}); otherwise writing stores a new array, and a snapshot keeps the old
 * one.
 */
public final class Entry {

    /** {@link #expireAt} of a key without a TTL. */
    public static final long NO_EXPIRY = -1;

    /** The key's length (varint), the key, then for a string the value. */
    byte[] bytes;

    final int hash;
    /** The value of a non-string; {@code null} for a string (the rest of {@link #bytes}). */
    StoreValue value;

    long expireAt = NO_EXPIRY;
    int accessSeconds;
    int volatileIndex = -1;
    Entry next;
    /**
     * Where this entry stands in the running {@link Snapshot} (pending, claimed by the snapshot thread, or done);
     * read and written through {@link Snapshot}'s VarHandle.
     */
    int snapshotMark;

    Entry(byte[] key, int hash, Object value) {
        this.hash = hash;
        this.bytes = layout(key, 0, key.length, value);
        this.value = value instanceof byte[] ? null : (StoreValue) value;
    }

    /** Replaces the value, keeping the key. */
    void set(Object newValue) {
        bytes = layout(bytes, keyOffset(bytes), keyLength(bytes), newValue);
        value = newValue instanceof byte[] ? null : (StoreValue) newValue;
    }

    /**
     * Overwrites a string value of the same length in place (no allocation, no new reference for the collector to
     * track); returns {@code false}, changing nothing, when the entry is not a string of that length.
     */
    boolean overwrite(byte[] string) {
        if (value != null || bytes.length - valueOffset() != string.length) {
            return false;
        }
        System.arraycopy(string, 0, bytes, bytes.length - string.length, string.length);
        return true;
    }

    private static byte[] layout(byte[] key, int from, int length, Object value) {
        byte[] string = value instanceof byte[] s ? s : null;
        int head = varintSize(length);
        byte[] b = new byte[head + length + (string == null ? 0 : string.length)];
        for (int i = 0, v = length; i < head; i++, v >>>= 7) {
            b[i] = (byte) (i == head - 1 ? v : (v & 0x7f) | 0x80);
        }
        System.arraycopy(key, from, b, head, length);
        if (string != null) {
            System.arraycopy(string, 0, b, head + length, string.length);
        }
        return b;
    }

    private static int varintSize(int v) {
        int n = 1;
        while ((v >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    /** Where the key starts in an entry's array ({@link #bytes()}, or a {@link Snapshot.Visitor}'s). */
    public static int keyOffset(byte[] bytes) {
        int i = 0;
        while (bytes[i] < 0) {
            i++;
        }
        return i + 1;
    }

    /** The key's length recorded at the start of an entry's array. */
    public static int keyLength(byte[] bytes) {
        if (bytes[0] >= 0) {
            return bytes[0];
        }
        int v = 0;
        for (int i = 0, shift = 0; ; i++, shift += 7) {
            v |= (bytes[i] & 0x7f) << shift;
            if (bytes[i] >= 0) {
                return v;
            }
        }
    }

    /** Whether the stored key equals {@code key}. */
    boolean keyEquals(byte[] key) {
        byte[] b = bytes;
        int n = key.length;
        if (n < 128) {
            return b[0] == n && Arrays.equals(b, 1, 1 + n, key, 0, n);
        }
        int from = keyOffset(b);
        return keyLength(b) == n && Arrays.equals(b, from, from + n, key, 0, n);
    }

    /** The key bytes (a copy). */
    public byte[] key() {
        int from = keyOffset(bytes);
        return Arrays.copyOfRange(bytes, from, from + keyLength(bytes));
    }

    /**
     * The value: a copy of the bytes for a string, the {@link StoreValue} otherwise. Hot paths read strings without
     * the copy through {@link #isString}, {@link #bytes()}, {@link #valueOffset()} and {@link #stringLength()}.
     */
    public Object value() {
        return value != null ? value : Arrays.copyOfRange(bytes, valueOffset(), bytes.length);
    }

    /** Whether the value is a string. */
    public boolean isString() {
        return value == null;
    }

    /** The value's type. */
    public ValueType type() {
        return value == null ? ValueType.STRING : value.type();
    }

    /** The value of a non-string, or {@code null} for a string. */
    public StoreValue storeValue() {
        return value;
    }

    /**
     * The stored array: the key's length, the key, then for a string the value from {@link #valueOffset()}. Read
     * only, and only on the command thread (a write replaces it).
     */
    public byte[] bytes() {
        return bytes;
    }

    /** Where a string value starts in {@link #bytes()} (its end for other types). */
    public int valueOffset() {
        byte[] b = bytes;
        return b[0] >= 0 ? 1 + b[0] : keyOffset(b) + keyLength(b);
    }

    /** The length of a string value (0 for other types). */
    public int stringLength() {
        return bytes.length - valueOffset();
    }

    /** The absolute expiry time in ms, or {@link #NO_EXPIRY}. */
    public long expireAt() {
        return expireAt;
    }

    /** Whether the key has a TTL. */
    public boolean isVolatile() {
        return expireAt != NO_EXPIRY;
    }

    /**
     * The access word: the last access time in seconds since the epoch (truncated to int), or under an LFU policy
     * the LFU counter and its decay time (see {@link AccessTracking}).
     */
    public int accessSeconds() {
        return accessSeconds;
    }
}
