package io.vigil.store.engine;

/**
 * Where executed writes go so replicas (and later an append-only file) can apply them: every write command that
 * changed the dataset is appended in its propagated form (e.g. {@code SET k v PXAT t} for a relative TTL, {@code DEL
 * k} for a key that expired), with the database it ran in. Transactions arrive wrapped in {@code MULTI}/{@code
 * EXEC}. Called on the command thread, in execution order.
 *
 * <p>The {@code argv} arrays may be the very arrays stored in the keyspace (a {@code SET} value is stored as
 * received). Stored values are never modified in place (every change makes a new array), so an implementation may
 * keep references, but it must not modify them either.
 */
public interface ReplicationStream {

    /** Appends one command executed in database {@code db}. */
    void append(int db, byte[][] argv);

    /** The replication offset reported as {@code master_repl_offset} (bytes of stream produced so far). */
    long offset();

    /** The current replication ID when the stream has one ({@code master_replid}), else {@code null}. */
    default String replId() {
        return null;
    }

    /**
     * The replication state a dump written now must carry (Redis's {@code rdbPopulateSaveInfo}): the {@code
     * repl-stream-db}, {@code repl-id} and {@code repl-offset} AUX fields, or {@code null} when the store is in no
     * replication chain (a master without a backlog, a replica that never synced) and the dump carries none.
     */
    default SaveInfo saveInfo() {
        return null;
    }

    /**
     * Told once the dump read at start is in place (before any client or master link uses the data): restores the
     * replication ID and offset the dump carries, so replicas (or this replica) resynchronize partially.
     *
     * @param aux the dump's AUX fields
     * @param expired keys the dump held whose TTL had passed and were not loaded (a master propagates their {@code
     *     DEL}, as Redis's loading does, so its replicas drop them too)
     */
    default void loadedFromDump(java.util.Map<String, String> aux, java.util.List<ExpiredKey> expired) {}

    /**
     * The replication part of a dump's header.
     *
     * @param streamDb the database the replication stream is in at the dump's offset ({@code repl-stream-db})
     * @param replId the replication ID ({@code repl-id})
     * @param offset the replication offset the dump corresponds to ({@code repl-offset})
     */
    record SaveInfo(int streamDb, String replId, long offset) {}

    /** A key skipped at load because its TTL had passed, in database {@code db}. */
    record ExpiredKey(int db, byte[] key) {}

    /** No replication: nothing is recorded and the offset stays 0, as on a Redis master without replicas. */
    ReplicationStream NONE = new ReplicationStream() {
        @Override
        public void append(int db, byte[][] argv) {}

        @Override
        public long offset() {
            return 0;
        }
    };
}
