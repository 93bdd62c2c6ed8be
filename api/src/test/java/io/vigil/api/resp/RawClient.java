package io.vigil.api.resp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain socket speaking bytes, to check exact wire output (pipelining, inline requests, protocol errors). */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
    }

    void send(String bytes) throws IOException {
        socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Reads {@code length} bytes (fewer if the server closes first), as Latin-1 text. */
    String read(int length) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (got.size() < length) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            got.write(b);
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads up to and including the first occurrence of {@code marker}. */
    String readThrough(String marker) throws IOException {
        StringBuilder got = new StringBuilder();
        while (got.indexOf(marker) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before '" + marker + "', got: " + got);
            }
            got.append((char) b);
        }
        return got.toString();
    }

    /** Whether the server closed the connection (EOF within the socket timeout). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
