package io.vigil.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out free TCP ports on 127.0.0.1.
 *
 * <p>The operating system picks the port (bind to port 0); a port is never handed out twice in one JVM, so two
 * servers started back to back in a test cannot collide on a port that the first has not bound yet.
 */
public final class FreePorts {

    private static final Set<Integer> ISSUED = new HashSet<>();

    private FreePorts() {}

    /** A port that was free on 127.0.0.1 a moment ago and has not been handed out before in this JVM. */
    public static synchronized int next() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = probe();
            if (ISSUED.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port found after 100 attempts");
    }

    private static int probe() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a probe socket on 127.0.0.1", e);
        }
    }
}
