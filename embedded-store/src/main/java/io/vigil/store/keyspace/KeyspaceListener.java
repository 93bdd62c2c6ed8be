package io.vigil.store.keyspace;

/**
 * What the keyspace tells the server about: keys changed (for {@code WATCH}) and keys deleted because their TTL
 * passed (for stats and for propagating a {@code DEL} to replicas and the append-only file).
 */
public interface KeyspaceListener {

    /** A key was written, deleted or had its TTL changed by a command. */
    void keyModified(int db, byte[] key);

    /**
     * {@link #keyModified(int, byte[])} for a stored entry; a listener that has no use for the key at the moment
     * can skip copying it out of the entry.
     */
    default void keyModified(int db, Entry e) {
        keyModified(db, e.key());
    }

    /** A key was deleted because it expired (lazily on access or by the active cycle). */
    void keyExpired(int db, byte[] key);

    /** A key was deleted by the {@code maxmemory} eviction policy. */
    default void keyEvicted(int db, byte[] key) {}

    /** Every key of a database was removed ({@code FLUSHDB}, {@code FLUSHALL}, {@code SWAPDB}). */
    void databaseCleared(int db);

    /** A listener that does nothing. */
    KeyspaceListener NONE = new KeyspaceListener() {
        @Override
        public void keyModified(int db, byte[] key) {}

        @Override
        public void keyExpired(int db, byte[] key) {}

        @Override
        public void databaseCleared(int db) {}
    };
}
