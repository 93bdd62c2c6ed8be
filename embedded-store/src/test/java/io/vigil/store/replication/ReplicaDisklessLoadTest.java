package io.vigil.store.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.vigil.store.keyspace.Keyspace;
import io.vigil.store.keyspace.Snapshot;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code repl-diskless-load on-empty-db} and {@code swapdb} with a payload that cannot be loaded: {@code on-empty-db}
 * empties the databases first (the data is gone, as in Redis); {@code swapdb} keeps the current data until the
 * payload is in, so a bad payload leaves it in place. Both on the command thread (no event loop) and on the loader
 * thread.
 */
class ReplicaDisklessLoadTest {

    /** A master whose snapshot is not an RDB file. */
    private static final class GarbageSnapshots implements Snapshots {
        @Override
        public void write(Keyspace keyspace, ByteBuf out, String replId, long replOffset, int streamDb) {
            out.writeBytes("REDIS0010 this is not an RDB file".getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void write(
                Snapshot snapshot,
                long usedMemory,
                OutputStream out,
                String replId,
                long replOffset,
                int streamDb,
                long keyDelayMicros) {
            throw new UnsupportedOperationException("the in-memory network has no snapshot thread");
        }

        @Override
        public int load(InputStream in, Keyspace keyspace, long keyDelayMicros) {
            return RdbSnapshots.INSTANCE.load(in, keyspace, keyDelayMicros);
        }
    }

    @ParameterizedTest(name = "{0}, loader thread: {1}")
    @CsvSource({"swapdb, false, true", "swapdb, true, true", "on-empty-db, false, false", "on-empty-db, true, false"})
    void aPayloadThatCannotBeLoaded(String mode, boolean loaderThread, boolean kept) throws Exception {
        MemoryNetwork net = new MemoryNetwork();
        MemoryNetwork.Node master = net.node(7000);
        MemoryNetwork.Node replica = net.node(7001);
        master.manager.snapshots(new GarbageSnapshots());
        master.cmd("SET", "from-master", "1");
        replica.cmd("SET", "own", "kept");
        replica.cmd("CONFIG", "SET", "repl-diskless-load", mode);
        if (loaderThread) {
            replica.manager.commandThread(Runnable::run);
        }
        replica.cmd("REPLICAOF", "127.0.0.1", "7000");
        net.pump();
        if (loaderThread) {
            replica.harness.engine.persistence().awaitLoading();
        }
        assertThat(master.cmd("INFO", "stats")).contains("sync_full:1");
        assertThat(replica.manager.linkUp())
                .as("the link is closed after a bad payload")
                .isFalse();
        assertThat(replica.cmd("GET", "from-master")).isEqualTo("$-1\r\n");
        assertThat(replica.cmd("GET", "own")).isEqualTo(kept ? "$4\r\nkept\r\n" : "$-1\r\n");
    }
}
