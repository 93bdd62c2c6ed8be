package io.vigil.store.it;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vigil.resp.RespReader;
import io.vigil.resp.RespValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain socket speaking RESP: sends commands and returns each reply's raw bytes (framed with RespReader). */
final class RawConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteBuf pending = Unpooled.buffer();

    RawConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends raw bytes. */
    void send(String latin1) throws IOException {
        out.write(latin1.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Sends a command as a multibulk. */
    void sendCommand(String... args) throws IOException {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$')
                    .append(a.getBytes(StandardCharsets.ISO_8859_1).length)
                    .append("\r\n")
                    .append(a)
                    .append("\r\n");
        }
        send(sb.toString());
    }

    /** Sends a command and returns the raw bytes of its reply. */
    String call(String... args) throws Exception {
        sendCommand(args);
        return readReply();
    }

    /** Reads one complete reply and returns its bytes as Latin-1 text. */
    String readReply() throws Exception {
        byte[] chunk = new byte[8192];
        while (true) {
            int start = pending.readerIndex();
            RespValue value = RespReader.read(pending);
            if (value != null) {
                String raw = pending.toString(start, pending.readerIndex() - start, StandardCharsets.ISO_8859_1);
                pending.discardReadBytes();
                return raw;
            }
            int n = in.read(chunk);
            if (n < 0) {
                return "<EOF>";
            }
            pending.writeBytes(chunk, 0, n);
        }
    }

    /** Reads until the peer closes or {@code millis} pass; returns whatever arrived. */
    String readUntilClosed(int millis) throws IOException {
        socket.setSoTimeout(millis);
        StringBuilder sb = new StringBuilder(pending.toString(StandardCharsets.ISO_8859_1));
        pending.clear();
        byte[] chunk = new byte[8192];
        try {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                sb.append(new String(chunk, 0, n, StandardCharsets.ISO_8859_1));
            }
            sb.append("<EOF>");
        } catch (SocketTimeoutException e) {
            sb.append("<OPEN>");
        } catch (IOException e) {
            sb.append("<EOF>");
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        pending.release();
    }
}
