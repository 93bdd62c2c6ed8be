package io.vigil.store.replication;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A replica's disk-based full-sync payload ({@code repl-diskless-load disabled}, Redis's default), as Redis's {@code
 * readSyncBulkPayload} writes it: received into {@code temp-<unixtime>.<pid>.rdb} in {@code dir}, then {@code fsync},
 * renamed over {@code dbfilename} and the directory synced, so a replica restarted after the sync finds the master's
 * data and replication ID and offset. Until {@link #commit} nothing but the temporary file changes; {@link #abort}
 * deletes it. Command thread only.
 */
final class SyncFile {

    private final Path temp;
    private final FileChannel channel;
    private long size;

    private SyncFile(Path temp, FileChannel channel) {
        this.temp = temp;
        this.channel = channel;
    }

    /** Creates the temporary file in {@code dir} ({@code nowMillis} names it, as Redis's {@code unixtime}). */
    static SyncFile create(Path dir, long nowMillis) throws IOException {
        Path temp = dir.resolve(
                "temp-" + nowMillis / 1000 + "." + ProcessHandle.current().pid() + ".rdb");
        FileChannel ch = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        return new SyncFile(temp, ch);
    }

    /** The temporary file. */
    Path temp() {
        return temp;
    }

    /** Bytes written so far. */
    long size() {
        return size;
    }

    /** Appends {@code length} bytes of {@code data} from {@code from} (the buffer's indexes are left alone). */
    void write(ByteBuf data, int from, int length) throws IOException {
        int end = from + length;
        int at = from;
        while (at < end) {
            int n = data.getBytes(at, channel, size, end - at);
            at += n;
            size += n;
        }
    }

    /** Syncs the file, renames it over {@code target} and syncs the directory; the file is closed either way. */
    void commit(Path target) throws IOException {
        boolean moved = false;
        try {
            channel.force(true);
            channel.close();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            try (FileChannel dir = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        } finally {
            if (!moved) {
                abort();
            }
        }
    }

    /** Closes and deletes the temporary file (a transfer that failed or was cut). */
    void abort() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // deleting it is what matters
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // nothing more to do: the next sync uses a new name
        }
    }
}
