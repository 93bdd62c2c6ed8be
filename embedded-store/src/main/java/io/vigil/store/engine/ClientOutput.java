package io.vigil.store.engine;

import io.netty.buffer.ByteBuf;

/**
 * The transport side of a client as the engine sees it: buffers to write replies into, a way to send them, and a
 * way to hang up. The Netty handler implements it; unit tests use an in-memory one.
 */
public interface ClientOutput {

    /** A fresh buffer for replies. */
    ByteBuf allocate();

    /** Sends (and takes ownership of) a buffer of replies. */
    void send(ByteBuf replies);

    /**
     * Sends (and takes ownership of) {@code data}, then runs {@code written} on the command thread once the socket
     * accepted it or the connection failed: a replica's streamed full-sync payload paces itself on it. The default
     * (in-memory outputs) takes it at once.
     */
    default void send(ByteBuf data, Runnable written) {
        send(data);
        written.run();
    }

    /** Bytes written but not yet accepted by the socket. */
    long pendingBytes();

    /** Closes the connection (after pending replies are flushed when {@code graceful}). */
    void close(boolean graceful);

    /** The peer address as {@code ip:port}. */
    String remoteAddress();

    /** The local address as {@code ip:port}. */
    String localAddress();
}
