package io.vigil.api.resp.impl;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.StreamChannelInternal;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import io.vigil.resp.RespLimits;
import io.vigil.resp.RespProtocolException;
import io.vigil.resp.RespRequestDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: decodes requests one at a time, runs them in order (waiting for deferred replies before the
 * next request, so pipelined replies keep their order and HELLO switches the protocol at the right reply), writes
 * replies and pub/sub pushes. Everything but {@link ClientSession#push} and {@link ClientSession#close} runs on the
 * connection's Vert.x context.
 */
public final class RespConnection {

    private static final Logger LOG = LoggerFactory.getLogger(RespConnection.class);

    /** A subscriber whose unsent output exceeds this is disconnected, like Redis's pubsub output buffer limit. */
    static final int MAX_PENDING_OUTPUT = 8 * 1024 * 1024;

    private final NetSocket socket;
    private final Context context;
    private final CommandTable table;
    private final ServerContext server;
    private final ClientSession session;
    private final RespRequestDecoder decoder = new RespRequestDecoder(RespLimits.DEFAULT);
    private final ByteBuf input = Unpooled.buffer();
    private ByteBuf output;
    private boolean busy;
    private boolean closing;

    private RespConnection(NetSocket socket, Context context, CommandTable table, ServerContext server) {
        this.socket = socket;
        this.context = context;
        this.table = table;
        this.server = server;
        this.session = new ClientSession(
                server.clients().nextId(),
                format(socket.remoteAddress()),
                format(socket.localAddress()),
                server.clock().millis(),
                server.options().requirePass().isEmpty(),
                this::pushFromAnyThread,
                this::closeFromAnyThread);
    }

    /** Serves {@code socket} on the current Vert.x context until either side closes it. */
    public static void serve(NetSocket socket, Context context, CommandTable table, ServerContext server) {
        RespConnection connection = new RespConnection(socket, context, table, server);
        socket.setWriteQueueMaxSize(MAX_PENDING_OUTPUT);
        server.clients().add(connection.session);
        socket.handler(connection::onData);
        socket.closeHandler(v -> connection.onClosed());
        socket.exceptionHandler(connection::onException);
    }

    private void onData(Buffer data) {
        if (closing) {
            return;
        }
        input.writeBytes(data.getBytes());
        drain();
    }

    private void drain() {
        while (!busy && !closing) {
            byte[][] request;
            try {
                decoder.authenticated(session.authenticated());
                request = decoder.decode(input);
            } catch (RespProtocolException e) {
                write(Reply.error(e.error()));
                close();
                return;
            }
            if (request == null) {
                break;
            }
            handle(table.execute(session, strings(request)));
        }
        flush();
        if (!closing) {
            input.discardSomeReadBytes();
        }
    }

    private void handle(Reply reply) {
        if (reply instanceof Reply.Deferred deferred) {
            busy = true;
            deferred.stage()
                    .whenComplete((result, failure) -> context.runOnContext(v -> {
                        busy = false;
                        if (closing) {
                            return;
                        }
                        handle(failure == null ? result : Reply.error(Deferreds.errorFor(failure)));
                        drain();
                    }));
        } else if (reply instanceof Reply.Close close) {
            if (close.last() != null) {
                write(close.last());
            }
            close();
        } else {
            write(reply);
        }
    }

    /** Encodes a reply into the pending output; {@link #flush} sends it (once per batch of pipelined requests). */
    private void write(Reply reply) {
        if (reply instanceof Reply.Error) {
            server.clients().errorReplied();
        }
        if (output == null) {
            output = Unpooled.buffer();
        }
        ReplyEncoder.write(output, session.version(), reply);
    }

    private void flush() {
        ByteBuf pending = output;
        if (pending == null) {
            return;
        }
        output = null;
        try {
            socket.write(Buffer.buffer(ByteBufUtil.getBytes(pending)));
        } finally {
            pending.release();
        }
        if (socket.writeQueueFull()) {
            socket.pause();
            socket.drainHandler(v -> socket.resume());
        }
    }

    private void pushFromAnyThread(Reply message) {
        context.runOnContext(v -> {
            if (closing) {
                return;
            }
            if (socket.writeQueueFull()) {
                LOG.warn(
                        "closing client id={} addr={}: it does not read its pub/sub messages",
                        session.id(),
                        session.address());
                abort();
                return;
            }
            write(message);
            flush();
        });
    }

    private void closeFromAnyThread() {
        context.runOnContext(v -> abort());
    }

    private void close() {
        if (closing) {
            return;
        }
        flush();
        closing = true;
        socket.end();
    }

    /**
     * Closes at once, dropping unsent output, as Redis frees a killed or overflowing client: Vert.x's close waits for
     * queued writes to flush, which never happens for a client that stopped reading, so the close starts below Vert.x's
     * handler in the Netty pipeline.
     */
    private void abort() {
        if (output != null) {
            output.release();
            output = null;
        }
        closing = true;
        if (socket instanceof StreamChannelInternal internal) {
            internal.channelHandlerContext().close();
        } else {
            socket.close();
        }
    }

    private void onClosed() {
        closing = true;
        server.hub().dropAll(session);
        server.clients().remove(session);
        input.release();
        if (output != null) {
            output.release();
            output = null;
        }
    }

    private void onException(Throwable error) {
        LOG.debug("client id={} addr={}: {}", session.id(), session.address(), error.toString());
        close();
    }

    private static List<String> strings(byte[][] request) {
        List<String> args = new ArrayList<>(request.length);
        for (byte[] arg : request) {
            args.add(new String(arg, StandardCharsets.ISO_8859_1));
        }
        return args;
    }

    private static String format(SocketAddress address) {
        if (address == null) {
            return "?:0";
        }
        String host = address.hostAddress() != null ? address.hostAddress() : address.host();
        return host + ":" + address.port();
    }
}
