package io.vigil.store.keyspace;

import java.util.Arrays;

/**
 * One key in a {@link Dict}. A string key keeps its key and value in one array ({@link #bytes}: the key's
 * {@link #keyLength} bytes, then the value's), which saves an array header and its padding per key; any other type
 * keeps the key alone in {@link #bytes} and its {@link StoreValue} in {@link #value}. Besides that: the absolute
 * expiry time in ms (or {@link #NO_EXPIRY}), the access word (the last-access time in seconds, or the LFU counter
 * and its decay time: see {@link AccessTracking}), the index in the keys-with-TTL array, the snapshot mark and the
 * chain link: 48 bytes per key besides the one array (and the value of a non-string).
 *
 * <p>String arrays are never modified in place: writing a string stores a new array, so a running {@link Snapshot}
 * may keep the old one.
 */
public final class Entry {

    /** {@link #expireAt} of a key without a TTL. */
    public static final long NO_EXPIRY = -1;

    /** The key's bytes, followed for a string by the value's bytes. */
    byte[] bytes;

    final int keyLength;
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

    Entry(byte[] key, Object value) {
        this.keyLength = key.length;
        set(key, value);
    }

    /**
     * Stores a value: {@code byte[]} for a string (copied after the key), a {@link StoreValue} otherwise. {@code key}
     * starts with the key's bytes and may go on (a string entry's array).
     */
    void set(byte[] key, Object value) {
        if (value instanceof byte[] string) {
            byte[] kv = Arrays.copyOf(key, keyLength + string.length);
            System.arraycopy(string, 0, kv, keyLength, string.length);
            this.bytes = kv;
            this.value = null;
        } else {
            this.bytes = key.length == keyLength ? key : Arrays.copyOf(key, keyLength);
            this.value = (StoreValue) value;
        }
    }

    /** Replaces the value, keeping the key. */
    void set(Object newValue) {
        set(bytes, newValue);
    }

    /** Whether the stored key equals {@code key}. */
    boolean keyEquals(byte[] key) {
        return key.length == keyLength && Arrays.equals(bytes, 0, keyLength, key, 0, keyLength);
    }

    /** The key's hash ({@link KeyHash}). */
    int keyHash() {
        return KeyHash.hash(bytes, keyLength);
    }

    /** The key bytes: the stored array for a non-string, a copy for a string; do not modify. */
    public byte[] key() {
        return bytes.length == keyLength ? bytes : Arrays.copyOf(bytes, keyLength);
    }

    /** The key's length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /**
     * The value: a copy of the bytes for a string, the {@link StoreValue} otherwise. Hot paths read strings without
     * the copy through {@link #isString}, {@link #bytes()}, {@link #keyLength()} and {@link #stringLength()}.
     */
    public Object value() {
        return value != null ? value : Arrays.copyOfRange(bytes, keyLength, bytes.length);
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
     * The stored array: the key, then (for a string) the value from offset {@link #keyLength()}. Read only, and
     * only on the command thread (a write replaces it).
     */
    public byte[] bytes() {
        return bytes;
    }

    /** The length of a string value (0 for other types). */
    public int stringLength() {
        return bytes.length - keyLength;
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
