package io.vigil.store.replication;

import io.netty.buffer.ByteBuf;

/**
 * The replication backlog, as Redis's {@code repl_backlog}: the last {@code size} bytes of the replication stream
 * in a circular buffer, so a replica that reconnects can be sent what it missed ({@code +CONTINUE}) instead of a
 * whole snapshot.
 *
 * <p>Offsets are stream byte numbers: the stream's first byte is number 1 and {@link #endOffset()} is the number of
 * the last byte written (the {@code master_repl_offset}). The backlog holds bytes {@link #firstByteOffset()} ..
 * {@link #endOffset()}; a replica whose own offset is {@code o} asks for bytes from {@code o + 1}.
 *
 * <p>Pure data structure, not thread safe (the command thread owns it).
 */
public final class Backlog {

    private byte[] ring;
    private int writeIndex;
    private long histlen;
    private long endOffset;

    /**
     * An empty backlog of {@code size} bytes whose next byte will be number {@code endOffset + 1}.
     *
     * @throws IllegalArgumentException when {@code size} is not positive
     */
    public Backlog(int size, long endOffset) {
        if (size <= 0) {
            throw new IllegalArgumentException("repl-backlog-size must be > 0, got " + size);
        }
        this.ring = new byte[size];
        this.endOffset = endOffset;
    }

    /** Capacity in bytes ({@code repl_backlog_size}). */
    public int size() {
        return ring.length;
    }

    /** Bytes of history held ({@code repl_backlog_histlen}). */
    public long histlen() {
        return histlen;
    }

    /** Number of the last byte written ({@code master_repl_offset}). */
    public long endOffset() {
        return endOffset;
    }

    /** Number of the oldest byte held ({@code repl_backlog_first_byte_offset}). */
    public long firstByteOffset() {
        return endOffset - histlen + 1;
    }

    /** Appends {@code length} readable bytes of {@code src} starting at {@code index} (the reader index is not moved). */
    public void append(ByteBuf src, int index, int length) {
        endOffset += length;
        int skip = Math.max(0, length - ring.length);
        int from = index + skip;
        int remaining = length - skip;
        while (remaining > 0) {
            int chunk = Math.min(remaining, ring.length - writeIndex);
            src.getBytes(from, ring, writeIndex, chunk);
            writeIndex = (writeIndex + chunk) % ring.length;
            from += chunk;
            remaining -= chunk;
        }
        histlen = Math.min(ring.length, histlen + length);
    }

    /** Whether bytes from {@code offset} (inclusive) to the end are all held ({@code offset = end + 1} is empty). */
    public boolean covers(long offset) {
        return offset >= firstByteOffset() && offset <= endOffset + 1;
    }

    /**
     * Copies the bytes from {@code offset} to the end into {@code dst}.
     *
     * @throws IllegalArgumentException when the backlog does not {@link #covers cover} {@code offset}
     */
    public void copyFrom(long offset, ByteBuf dst) {
        if (!covers(offset)) {
            throw new IllegalArgumentException("offset " + offset + " is outside the backlog [" + firstByteOffset()
                    + ", " + (endOffset + 1) + "]");
        }
        int length = (int) (endOffset + 1 - offset);
        int start = Math.floorMod(writeIndex - length, ring.length);
        int first = Math.min(length, ring.length - start);
        dst.writeBytes(ring, start, first);
        dst.writeBytes(ring, 0, length - first);
    }

    /** Changes the capacity, keeping as much of the newest history as fits ({@code CONFIG SET repl-backlog-size}). */
    public void resize(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("repl-backlog-size must be > 0, got " + size);
        }
        if (size == ring.length) {
            return;
        }
        long keep = Math.min(histlen, size);
        io.netty.buffer.ByteBuf tmp = io.netty.buffer.Unpooled.buffer((int) keep);
        copyFrom(endOffset + 1 - keep, tmp);
        ring = new byte[size];
        tmp.readBytes(ring, 0, (int) keep);
        tmp.release();
        writeIndex = (int) (keep % size);
        histlen = keep;
    }
}
