package io.vigil.store.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.vigil.store.engine.StoreEngine;
import io.vigil.store.replication.LinkConnector;
import java.net.InetSocketAddress;

/**
 * The replica's connection to its master as a Netty client channel on the store's own event loop: every callback
 * runs on the command thread, so the replication stream is applied with no locks and no thread hop. Replies and
 * stream bytes written to this store's own replicas while handling a read are flushed at the end of the batch.
 */
final class NettyLinkConnector implements LinkConnector {

    private final EventLoop loop;
    private final Transport transport;
    private final StoreEngine engine;

    NettyLinkConnector(EventLoop loop, Transport transport, StoreEngine engine) {
        this.loop = loop;
        this.transport = transport;
        this.engine = engine;
    }

    @Override
    public LinkConnector.Channel connect(String host, int port, int timeoutMillis, Handler handler) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                .handler(new LinkHandler(handler));
        ChannelFuture future = bootstrap.connect(host, port);
        future.addListener(f -> {
            if (!f.isSuccess()) {
                handler.closed("connect to " + host + ":" + port + " failed: " + f.cause());
                engine.afterBatch();
            }
        });
        io.netty.channel.Channel ch = future.channel();
        return new LinkConnector.Channel() {
            @Override
            public void write(ByteBuf data) {
                ch.writeAndFlush(data, ch.voidPromise());
            }

            @Override
            public void close() {
                ch.close();
            }

            @Override
            public String localAddress() {
                return ch.localAddress() instanceof InetSocketAddress a
                        ? a.getAddress().getHostAddress() + ":" + a.getPort()
                        : "";
            }
        };
    }

    private final class LinkHandler extends ChannelInboundHandlerAdapter {
        private final Handler handler;
        private ByteBuf cumulation;
        private boolean resumeQueued;

        LinkHandler(Handler handler) {
            this.handler = handler;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            handler.connected();
            engine.afterBatch();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            cumulation = Cumulation.add(ctx.alloc(), cumulation, in);
            if (engine.busyScript().timedOut()) {
                // a replica never answers its master -BUSY: the stream waits until the script has ended (Redis
                // stops processing the master client's input in that state)
                if (!resumeQueued) {
                    resumeQueued = true;
                    engine.afterScript(this::resume);
                }
                return;
            }
            readNow();
        }

        private void readNow() {
            engine.reading(true);
            try {
                handler.read(cumulation);
            } finally {
                engine.reading(false);
            }
            cumulation = Cumulation.trim(cumulation);
        }

        private void resume() {
            resumeQueued = false;
            if (cumulation != null && cumulation.isReadable()) {
                readNow();
                engine.afterBatch();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            engine.afterBatch();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (cumulation != null) {
                cumulation.release();
                cumulation = null;
            }
            handler.closed("connection closed");
            engine.afterBatch();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
