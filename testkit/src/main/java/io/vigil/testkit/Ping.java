package io.vigil.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A dependency-free RESP {@code PING} used to tell when a started server accepts commands. */
final class Ping {

    private Ping() {}

    /** True when a server on 127.0.0.1:{@code port} answers PING with +PONG (or -NOAUTH, which also means up). */
    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[64];
            int n = in.read(buf);
            if (n <= 0) {
                return false;
            }
            String reply = new String(buf, 0, n, StandardCharsets.US_ASCII);
            return reply.startsWith("+PONG") || reply.startsWith("-NOAUTH");
        } catch (IOException e) {
            return false;
        }
    }
}
