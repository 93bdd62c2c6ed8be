package io.vigil.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a file so that a crash at any moment leaves either the old or the new content, never a mix, and returns
 * only once the new content is durable:
 *
 * <pre>
 * CREATE_TEMP   .&lt;name&gt;.vigil-tmp-* in the same directory (same file system, so the rename is atomic)
 * WRITE         the whole content
 * FSYNC_FILE    force the temp file's data to disk
 * RENAME        atomic rename over the target
 * FSYNC_DIR     force the directory entry to disk
 * </pre>
 *
 * <p>On an I/O error before the rename the temp file is deleted and the target is untouched. A crash can still leave a
 * temp file behind; {@link #removeStaleTemps} deletes them and is called before reading the target. Every step first
 * calls a {@link StepHook}, which tests use to inject failures.
 */
public final class AtomicFileWriter {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFileWriter.class);
    private static final String TEMP_MARK = ".vigil-tmp-";

    /** The steps of a write, in order. */
    public enum Step {
        /** Create the temp file next to the target. */
        CREATE_TEMP,
        /** Write the content to the temp file. */
        WRITE,
        /** fsync the temp file. */
        FSYNC_FILE,
        /** Rename the temp file over the target. */
        RENAME,
        /** fsync the directory. */
        FSYNC_DIR
    }

    /** Called before each step; throwing aborts the write at that step. */
    @FunctionalInterface
    public interface StepHook {
        /** No injected failures. */
        StepHook NONE = (step, temp) -> {};

        /**
         * @param step the step about to run
         * @param temp the temp file (not yet existing before {@link Step#CREATE_TEMP})
         */
        void before(Step step, Path temp) throws IOException;
    }

    private final StepHook hook;

    /** A writer without injected failures. */
    public AtomicFileWriter() {
        this(StepHook.NONE);
    }

    /** A writer that calls {@code hook} before each step. */
    public AtomicFileWriter(StepHook hook) {
        this.hook = hook;
    }

    /**
     * Durably replaces {@code target} with {@code content}, keeping the target's POSIX permissions.
     *
     * @throws IOException when any step fails; the target then still has its old content
     */
    public void write(Path target, byte[] content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = dir.resolve("." + absolute.getFileName() + TEMP_MARK
                + ProcessHandle.current().pid() + "-" + System.nanoTime());
        boolean renamed = false;
        try {
            hook.before(Step.CREATE_TEMP, temp);
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                copyPermissions(absolute, temp);
                hook.before(Step.WRITE, temp);
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                hook.before(Step.FSYNC_FILE, temp);
                channel.force(true);
            }
            hook.before(Step.RENAME, temp);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(
                        "cannot atomically rename " + temp + " over " + absolute
                                + " (is the directory on a file system without atomic rename?)",
                        e);
            }
            renamed = true;
            hook.before(Step.FSYNC_DIR, temp);
            fsyncDirectory(dir);
        } catch (IOException | RuntimeException e) {
            if (!renamed) {
                Files.deleteIfExists(temp);
            }
            throw e;
        }
    }

    /**
     * Deletes temp files that a crashed {@link #write} left next to {@code target}.
     *
     * @return the files deleted
     */
    public static List<Path> removeStaleTemps(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        List<Path> removed = new ArrayList<>();
        String prefix = "." + absolute.getFileName() + TEMP_MARK;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(
                dir, path -> path.getFileName().toString().startsWith(prefix))) {
            for (Path entry : entries) {
                Files.deleteIfExists(entry);
                removed.add(entry);
                LOG.warn("removed {}, left behind by an interrupted rewrite of {}", entry, absolute);
            }
        }
        return removed;
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        if (Files.exists(from) && Files.getFileStore(to).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(from);
            Files.setPosixFilePermissions(to, permissions);
        }
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
