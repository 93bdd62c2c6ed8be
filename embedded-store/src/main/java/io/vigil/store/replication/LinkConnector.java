package io.vigil.store.replication;

import io.netty.buffer.ByteBuf;

/**
 * Opens the replica's connection to its master. The server implements it with a Netty client channel on the
 * store's own event loop, so every {@link Handler} callback runs on the command thread; tests connect two engines
 * in memory.
 */
public interface LinkConnector {

    /** Starts connecting to {@code host:port}; the outcome arrives at {@code handler}. */
    Channel connect(String host, int port, int timeoutMillis, Handler handler);

    /** An open (or opening) connection. */
    interface Channel {
        /** Sends bytes (takes ownership of {@code data}). */
        void write(ByteBuf data);

        /** Closes the connection; {@link Handler#closed} follows. */
        void close();

        /** The local address {@code ip:port} once connected, else empty. */
        String localAddress();
    }

    /** Connection events, on the command thread. */
    interface Handler {
        /** The TCP connection is established. */
        void connected();

        /** Bytes arrived; unread bytes stay in {@code in} for the next call. */
        void read(ByteBuf in);

        /** The connection failed or closed ({@code reason} for the log). */
        void closed(String reason);
    }

    /** No network (a bare engine in unit tests): connecting fails at once. */
    LinkConnector NONE = (host, port, timeout, handler) -> {
        handler.closed("no network connector installed");
        return new Channel() {
            @Override
            public void write(ByteBuf data) {
                data.release();
            }

            @Override
            public void close() {}

            @Override
            public String localAddress() {
                return "";
            }
        };
    };
}
