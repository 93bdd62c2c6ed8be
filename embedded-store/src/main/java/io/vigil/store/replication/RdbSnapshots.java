package io.vigil.store.replication;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.vigil.store.commands.ConnectionCommands;
import io.vigil.store.keyspace.Keyspace;
import io.vigil.store.persistence.RdbInfo;
import io.vigil.store.persistence.RdbReader;
import io.vigil.store.persistence.RdbWriter;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Full-sync snapshots as RDB version 10 files, with the persistence package's {@link RdbWriter} and {@link
 * RdbReader}. The snapshot is taken synchronously on the command thread (the whole dataset is encoded before the
 * next command runs), which is a consistent point-in-time image; a background snapshot is future work.
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
