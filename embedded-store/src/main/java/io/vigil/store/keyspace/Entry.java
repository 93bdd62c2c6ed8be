package io.vigil.store.keyspace;

/**
 * One key in a {@link Dict}: the key bytes, its cached hash, the value ({@code byte[]} for strings, a {@link
 * StoreValue} otherwise), the absolute expiry time in ms (or {@link #NO_EXPIRY}), the last-access time in seconds
 * (for {@code OBJECT IDLETIME}), and the chain link. About 48 bytes per key besides the key and value arrays.
 */
public final class Entry {

    /** {@link #expireAt} of a key without a TTL. */
    public static final long NO_EXPIRY = -1;

    final byte[] key;
    final int hash;
    Object value;
    long expireAt = NO_EXPIRY;
    int accessSeconds;
    int volatileIndex = -1;
    Entry next;
    /**
     * Where this entry stands in the running {@link Snapshot} (pending, claimed by the snapshot thread, or done);
     * read and written through {@link Snapshot}'s VarHandle. Fits in the object's alignment padding.
     */
    int snapshotMark;

    Entry(byte[] key, int hash, Object value) {
        this.key = key;
        this.hash = hash;
        this.value = value;
    }

    /** The key bytes; do not modify. */
    public byte[] key() {
        return key;
    }

    /** The value: {@code byte[]} for strings, a {@link StoreValue} otherwise. */
    public Object value() {
        return value;
    }

    /** The absolute expiry time in ms, or {@link #NO_EXPIRY}. */
    public long expireAt() {
        return expireAt;
    }

    /** Whether the key has a TTL. */
    public boolean isVolatile() {
        return expireAt != NO_EXPIRY;
    }

    /** The last access time in seconds since the epoch (truncated to int). */
    public int accessSeconds() {
        return accessSeconds;
    }
}
