package io.vigil.store.replication;

import io.netty.buffer.ByteBuf;
import io.vigil.store.keyspace.Keyspace;
import io.vigil.store.keyspace.Snapshot;
import java.io.InputStream;
import java.io.OutputStream;

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
     * while the command thread goes on (the snapshot keeps copies of what it changes). {@code out} is the replicas'
     * connections ({@link PayloadStreamer}): it blocks while they do not keep up.
     *
     * @param keyDelayMicros pause after each key ({@code rdb-key-save-delay}, a testing directive), or 0
     * @throws Exception when the snapshot was cancelled, encoding failed or every replica went away
     */
    void write(
            Snapshot snapshot,
            long usedMemory,
            OutputStream out,
            String replId,
            long replOffset,
            int streamDb,
            long keyDelayMicros)
            throws Exception;

    /**
     * Replaces the keyspace's contents with the RDB file in {@code in} (all databases are emptied first; keys whose
     * TTL has passed are kept, as a replica waits for its master's {@code DEL}).
     *
     * @param keyDelayMicros pause after each key loaded ({@code key-load-delay}, a testing directive), or 0
     * @return the database the master's stream continues in ({@code repl-stream-db}), or -1 when not given
     * @throws IllegalArgumentException when the payload is not a valid RDB file (the keyspace is then empty)
     */
    int load(InputStream in, Keyspace keyspace, long keyDelayMicros);
}
