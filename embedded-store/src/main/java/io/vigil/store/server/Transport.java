package io.vigil.store.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The socket implementation: native epoll when Netty's native library loads, Java NIO otherwise. */
enum Transport {
    /** Linux epoll (netty-transport-native-epoll with its native library). */
    EPOLL("epoll"),
    /** Java NIO selector. */
    NIO("nio");

    private final String api;

    Transport(String api) {
        this.api = api;
    }

    /** The best available transport (epoll unless {@code -Dvigil.store.transport=nio}). */
    static Transport best() {
        if (!"nio".equals(System.getProperty("vigil.store.transport")) && Epoll.isAvailable()) {
            return EPOLL;
        }
        return NIO;
    }

    /** The name shown as {@code multiplexing_api} in {@code INFO}. */
    String api() {
        return api;
    }

    IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    Class<? extends io.netty.channel.Channel> socketChannel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
