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
