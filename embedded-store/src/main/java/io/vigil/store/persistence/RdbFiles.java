package io.vigil.store.persistence;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Durable file replacement, as Redis does it: write a temporary file in the target's directory, {@code fsync} it,
 * rename it over the target atomically, then {@code fsync} the directory so the rename itself survives a crash. A
 * failure at any step deletes the temporary file and leaves the previous target untouched.
 */
final class RdbFiles {

    /** Writes the file's content to the stream it is given. */
    interface Body {
        void write(OutputStream out) throws Exception;
    }

    private RdbFiles() {}

    /**
     * Replaces {@code target} with what {@code body} writes, via {@code temp} (same directory).
     *
     * @return the size of the new file
     */
    static long replace(Path target, Path temp, Body body) throws Exception {
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(
                    temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(ch);
                body.write(out);
                out.flush();
                ch.force(true);
            }
            long size = Files.size(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            fsyncDirectory(target.toAbsolutePath().getParent());
            return size;
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the write already failed; the original error is what matters
                }
            }
        }
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
