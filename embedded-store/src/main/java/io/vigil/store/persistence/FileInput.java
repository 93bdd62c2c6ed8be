package io.vigil.store.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A buffered, unsynchronized input stream over a file that counts the bytes consumed ({@link #position}, read from
 * other threads for {@code INFO}'s loading progress). The RDB reader reads a few bytes at a time, so the JDK's
 * synchronized {@code BufferedInputStream} would cost more than the parsing.
 */
public final class FileInput extends InputStream {

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private volatile long position;
    private long consumed;

    public FileInput(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        buffer.flip();
    }

    /** Bytes consumed so far. */
    public long position() {
        return position;
    }

    private boolean fill() throws IOException {
        if (buffer.hasRemaining()) {
            return true;
        }
        buffer.clear();
        int n;
        do {
            n = channel.read(buffer);
        } while (n == 0);
        buffer.flip();
        position = consumed;
        return n > 0;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        consumed++;
        return buffer.get() & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        consumed += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        position = consumed;
        channel.close();
    }
}
