package io.vigil.store.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.vigil.store.engine.Client;
import io.vigil.store.engine.ClientOutput;
import io.vigil.store.engine.StoreEngine;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's Netty handler, on the store's single event loop: feeds received bytes to the {@link StoreEngine}
 * (commands execute right here, one at a time), keeps incomplete requests in a cumulation buffer, flushes replies
 * once per read batch, and stops reading from a client whose socket is not draining (the engine enforces
 * {@code client-output-buffer-limit} on what is pending).
 */
final class ClientHandler extends ChannelInboundHandlerAdapter implements ClientOutput {

    private static final Logger LOG = LoggerFactory.getLogger(ClientHandler.class);

    private final StoreEngine engine;
    private Channel channel;
    private Client client;
    private ByteBuf cumulation;
    private String remote;
    private String local;

    ClientHandler(StoreEngine engine) {
        this.engine = engine;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        remote = address(channel.remoteAddress());
        local = address(channel.localAddress());
        client = engine.connect(this);
        if (client != null) {
            LOG.debug("Accepted {} (client id={})", remote, client.id());
        }
        ctx.fireChannelActive();
    }

    private static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() == null
                    ? inet.getHostString()
                    : inet.getAddress().getHostAddress();
            return host + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (client == null) {
            in.release();
            return;
        }
        cumulation = Cumulation.add(ctx.alloc(), cumulation, in);
        engine.onRead(client, cumulation);
        cumulation = Cumulation.trim(cumulation);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        engine.afterRead(ctx.channel().eventLoop());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (client != null) {
            engine.disconnect(client);
            engine.afterBatch();
        }
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Closing {} after an I/O error: {}", remote, cause.toString());
        ctx.close();
    }

    // ---- ClientOutput ----

    @Override
    public ByteBuf allocate() {
        return channel.alloc().ioBuffer(512);
    }

    @Override
    public void send(ByteBuf replies) {
        channel.writeAndFlush(replies, channel.voidPromise());
    }

    @Override
    public void send(ByteBuf data, Runnable written) {
        channel.writeAndFlush(data).addListener(f -> written.run());
    }

    @Override
    public long pendingBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    @Override
    public void close(boolean graceful) {
        if (graceful) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    @Override
    public String remoteAddress() {
        return remote;
    }

    @Override
    public String localAddress() {
        return local;
    }
}
