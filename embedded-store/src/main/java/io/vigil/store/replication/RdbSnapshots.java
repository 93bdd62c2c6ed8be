package io.vigil.store.replication;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.vigil.store.commands.ConnectionCommands;
import io.vigil.store.keyspace.Keyspace;
import io.vigil.store.keyspace.Snapshot;
import io.vigil.store.persistence.Persistence;
import io.vigil.store.persistence.RdbInfo;
import io.vigil.store.persistence.RdbReader;
import io.vigil.store.persistence.RdbWriter;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Full-sync snapshots as RDB version 10 files, with the persistence package's {@link RdbWriter} and {@link
 * RdbReader}: a running point-in-time {@link Snapshot} encoded on a background thread, or, when none can run, the
 * keyspace encoded on the command thread.
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
    public void write(Snapshot snapshot, long usedMemory, ByteBuf out, String replId, long replOffset, int streamDb)
            throws Exception {
        try (ByteBufOutputStream stream = new ByteBufOutputStream(out)) {
            Persistence.writeSnapshot(
                    snapshot,
                    stream,
                    true,
                    true,
                    RdbWriter.standardAux(
                            ConnectionCommands.REDIS_VERSION,
                            usedMemory,
                            snapshot.startMillis(),
                            streamDb,
                            replId,
                            replOffset));
        }
    }

    @Override
    public int load(ByteBuf in, Keyspace keyspace) {
        for (int i = 0; i < keyspace.count(); i++) {
            keyspace.db(i).clear();
        }
        boolean applying = keyspace.masterApplying();
        keyspace.masterApplying(true);
        try (ByteBufInputStream stream = new ByteBufInputStream(in)) {
            RdbInfo info = RdbReader.loadInto(stream, keyspace, keyspace.clock().millis(), false);
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
