package io.vigil.store.replication;

import io.netty.buffer.ByteBuf;
import io.vigil.store.keyspace.Keyspace;
import io.vigil.store.keyspace.Snapshot;

/**
 * How a full resynchronization turns the dataset into bytes and back: an RDB file on the wire ({@link
 * RdbSnapshots}). Replication only frames and transfers it.
 */
public interface Snapshots {

    /**
     * Writes a point-in-time image of every database to {@code out}, as an RDB file whose header names the
     * replication ID and offset it corresponds to and the database the stream continues in.
     *
     * @throws IllegalStateException when no snapshot can be produced (the reason is in the message)
     */
    void write(Keyspace keyspace, ByteBuf out, String replId, long replOffset, int streamDb);

    /**
     * Writes a running point-in-time {@link Snapshot} to {@code out} as an RDB file; called on a background thread
     * while the command thread goes on (the snapshot keeps copies of what it changes).
     *
     * @throws Exception when the snapshot was cancelled or encoding failed
     */
    void write(Snapshot snapshot, long usedMemory, ByteBuf out, String replId, long replOffset, int streamDb)
            throws Exception;

    /**
     * Replaces the keyspace's contents with the RDB file in {@code in} (all databases are emptied first; keys whose
     * TTL has passed are kept, as a replica waits for its master's {@code DEL}).
     *
     * @return the database the master's stream continues in ({@code repl-stream-db}), or -1 when not given
     * @throws IllegalArgumentException when the payload is not a valid RDB file (the keyspace is then empty)
     */
    int load(ByteBuf in, Keyspace keyspace);
}
