package io.vigil.store.replication;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A full-sync payload streamed to replicas' connections as it is produced, in bounded chunks with back-pressure (what
 * Redis's {@code rdbSaveToSlavesSockets} and its pipe to the parent achieve): the producer (the snapshot thread
 * encoding RDB, or a thread reading a dump file) writes into this stream; every {@code chunkSize} bytes the chunk is
 * handed to each replica's {@link Sink} on the command thread, and the producer waits while any live replica has more
 * than {@code maxInFlight} bytes that its socket has not accepted yet. Memory therefore stays at about one chunk plus
 * {@code maxInFlight} per replica, whatever the dataset size and the replicas' speed.
 *
 * <p>A replica that goes away (its sink refuses a chunk, or the command thread {@link Receiver#drop drops} it) stops
 * being waited for; the others go on. When none is left the producer gets an {@link IOException} and stops early.
 *
 * <p>Thread safety: {@link #write} and {@link #close} run on the producer thread; sinks and the written callbacks on
 * the command thread; the in-flight accounting is guarded by each receiver's monitor.
 */
final class PayloadStreamer extends OutputStream {

    /** One replica's connection, as the command thread writes to it. */
    interface Sink {
        /**
         * Command thread: sends {@code chunk} (ownership passes) after everything sent before, and runs {@code
         * written} on the command thread once the connection accepted it or failed.
         *
         * @return false when the replica is gone ({@code chunk} released, {@code written} never runs)
         */
        boolean send(ByteBuf chunk, Runnable written);
    }

    /** A replica being streamed to: its sink and the bytes handed to it that its socket has not accepted yet. */
    static final class Receiver {
        private final Sink sink;
        private long inFlight;
        private boolean gone;

        Receiver(Sink sink) {
            this.sink = sink;
        }

        /** Command thread (or any): the replica went away; the producer stops waiting for it. */
        synchronized void drop() {
            gone = true;
            notifyAll();
        }

        /** Whether the replica is still being streamed to. */
        synchronized boolean live() {
            return !gone;
        }

        synchronized long inFlight() {
            return inFlight;
        }

        private synchronized void accepted(long bytes) {
            inFlight -= bytes;
            notifyAll();
        }

        /** Producer: waits until this receiver can take {@code bytes} more, or is gone; false when gone. */
        private synchronized boolean reserve(long bytes, long maxInFlight) throws IOException {
            while (!gone && inFlight > 0 && inFlight + bytes > maxInFlight) {
                try {
                    wait(TimeUnit.SECONDS.toMillis(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while streaming the payload", e);
                }
            }
            if (gone) {
                return false;
            }
            inFlight += bytes;
            return true;
        }

        private synchronized void refused(long bytes) {
            inFlight -= bytes;
            gone = true;
            notifyAll();
        }
    }

    private final List<Receiver> receivers;
    private final Executor commandThread;
    private final int chunkSize;
    private final long maxInFlight;
    private ByteBuf chunk;
    private volatile long sent;
    private volatile long peakBuffered;

    /**
     * @param receivers the replicas to stream to (the list is copied)
     * @param commandThread where sinks run (the store's event loop)
     * @param chunkSize bytes per chunk handed to the sinks
     * @param maxInFlight bytes a replica may have pending in its connection before the producer waits
     */
    PayloadStreamer(List<Receiver> receivers, Executor commandThread, int chunkSize, long maxInFlight) {
        if (chunkSize <= 0 || maxInFlight < chunkSize) {
            throw new IllegalArgumentException(
                    "chunkSize = " + chunkSize + " must be positive and at most maxInFlight = " + maxInFlight);
        }
        this.receivers = new ArrayList<>(receivers);
        this.commandThread = commandThread;
        this.chunkSize = chunkSize;
        this.maxInFlight = maxInFlight;
    }

    @Override
    public void write(int b) throws IOException {
        buffer().writeByte(b);
        if (chunk.writerIndex() >= chunkSize) {
            dispatch();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            ByteBuf c = buffer();
            int n = Math.min(len, chunkSize - c.writerIndex());
            c.writeBytes(b, off, n);
            off += n;
            len -= n;
            if (c.writerIndex() >= chunkSize) {
                dispatch();
            }
        }
    }

    /** Sends the partial chunk, if any. */
    @Override
    public void flush() throws IOException {
        if (chunk != null && chunk.isReadable()) {
            dispatch();
        }
    }

    /** Sends what is left; the sinks have every byte handed to them when this returns (not necessarily written). */
    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            if (chunk != null) {
                chunk.release();
                chunk = null;
            }
        }
    }

    /** Payload bytes handed to the sinks so far. */
    long sent() {
        return sent;
    }

    /**
     * The most payload bytes held at once: the chunk being filled plus what was handed to the live replicas and not
     * yet accepted by their sockets (a chunk shared by several replicas counts once per replica: an upper bound).
     */
    long peakBuffered() {
        return peakBuffered;
    }

    /** The receivers still live. */
    int liveCount() {
        int n = 0;
        for (Receiver r : receivers) {
            if (r.live()) {
                n++;
            }
        }
        return n;
    }

    private ByteBuf buffer() {
        if (chunk == null) {
            chunk = Unpooled.buffer(chunkSize, chunkSize);
        }
        return chunk;
    }

    private void dispatch() throws IOException {
        ByteBuf c = chunk;
        chunk = null;
        int n = c.readableBytes();
        try {
            boolean anyone = false;
            for (Receiver r : receivers) {
                if (!r.reserve(n, maxInFlight)) {
                    continue;
                }
                anyone = true;
                ByteBuf copy = c.retainedDuplicate();
                try {
                    commandThread.execute(() -> {
                        boolean taken;
                        try {
                            taken = r.sink.send(copy, () -> r.accepted(n));
                        } catch (RuntimeException e) {
                            r.refused(n); // the producer stops waiting for it; the event loop logs the bug
                            throw e;
                        }
                        if (!taken) {
                            r.refused(n);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    copy.release();
                    throw new IOException("the command thread stopped", e);
                }
            }
            if (!anyone) {
                throw new IOException("every replica of this transfer went away");
            }
            sent += n;
            long buffered = n;
            for (Receiver r : receivers) {
                buffered += r.inFlight();
            }
            if (buffered > peakBuffered) {
                peakBuffered = buffered;
            }
        } finally {
            c.release();
        }
    }
}
