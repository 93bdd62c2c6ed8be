package io.vigil.store.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/** An in-memory client transport: everything sent is kept until {@link #take()}. */
public final class FakeOutput implements ClientOutput {

    private final StringBuilder sent = new StringBuilder();
    private final String remote;
    private boolean closed;
    private long pending;

    /** An output for a client at {@code remote}. */
    public FakeOutput(String remote) {
        this.remote = remote;
    }

    @Override
    public ByteBuf allocate() {
        return Unpooled.buffer(64);
    }

    @Override
    public void send(ByteBuf replies) {
        sent.append(replies.toString(StandardCharsets.ISO_8859_1));
        replies.release();
    }

    @Override
    public long pendingBytes() {
        return pending;
    }

    /** Pretends the socket holds {@code bytes} unsent bytes. */
    public void pending(long bytes) {
        this.pending = bytes;
    }

    @Override
    public void close(boolean graceful) {
        closed = true;
    }

    /** Whether the engine closed the connection. */
    public boolean closed() {
        return closed;
    }

    @Override
    public String remoteAddress() {
        return remote;
    }

    @Override
    public String localAddress() {
        return "127.0.0.1:6379";
    }

    /** Returns and clears what was sent. */
    public String take() {
        String s = sent.toString();
        sent.setLength(0);
        return s;
    }
}
