package io.vigil.store.replication;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.vigil.store.commands.ConnectionCommands;
import io.vigil.store.keyspace.Keyspace;
import io.vigil.store.keyspace.Snapshot;
import io.vigil.store.persistence.KeyLoadDelay;
import io.vigil.store.persistence.Persistence;
import io.vigil.store.persistence.RdbInfo;
import io.vigil.store.persistence.RdbReader;
import io.vigil.store.persistence.RdbWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Full-sync snapshots as RDB version 10 files, with the persistence package's {@link RdbWriter} and {@link
 * RdbReader}: a running point-in-time {@link Snapshot} encoded on a background thread straight to the replicas'
 * connections, or, when no background thread exists (an engine without an event loop, in unit tests), the keyspace
 * encoded into memory on the command thread.
 */
public final class RdbSnapshots implements Snapshots {

    /** The codec. */
    public static final RdbSnapshots INSTANCE = new RdbSnapshots();

    private RdbSnapshots() {}

    @Override
    public void write(Keyspace keyspace, ByteBuf out, String replId, long replOffset, int streamDb) {
        try (ByteBufOutputStream stream = new ByteBufOutputStream(out)) {
            RdbWriter.writeKeyspace(
                    keyspace,
                    stream,
                    true,
                    true,
                    RdbWriter.standardAux(
                            ConnectionCommands.REDIS_VERSION,
                            keyspace.memoryBytes(),
                            keyspace.clock().millis(),
                            streamDb,
                            replId,
                            replOffset));
        } catch (IOException e) {
            throw new UncheckedIOException("snapshot into memory failed", e);
        }
    }

    @Override
    public void write(
            Snapshot snapshot,
            long usedMemory,
            OutputStream out,
            String replId,
            long replOffset,
            int streamDb,
            long keyDelayMicros)
            throws Exception {
        Persistence.writeSnapshot(
                snapshot,
                out,
                true,
                true,
                RdbWriter.standardAux(
                        ConnectionCommands.REDIS_VERSION,
                        usedMemory,
                        snapshot.startMillis(),
                        streamDb,
                        replId,
                        replOffset),
                keyDelayMicros);
        out.flush();
    }

    @Override
    public int load(InputStream in, Keyspace keyspace, long keyDelayMicros) {
        for (int i = 0; i < keyspace.count(); i++) {
            keyspace.db(i).clear();
        }
        boolean applying = keyspace.masterApplying();
        keyspace.masterApplying(true);
        Runnable afterKey = KeyLoadDelay.of(keyDelayMicros);
        try {
            RdbInfo info = RdbReader.loadInto(
                    in, keyspace, keyspace.clock().millis(), false, (db, key) -> {}, (k, v) -> {}, afterKey);
            String db = info.aux().get("repl-stream-db");
            return db == null ? -1 : Integer.parseInt(db);
        } catch (IOException | RuntimeException e) {
            for (int i = 0; i < keyspace.count(); i++) {
                keyspace.db(i).clear();
            }
            throw new IllegalArgumentException(e.getMessage(), e);
        } finally {
            keyspace.masterApplying(applying);
        }
    }
}
