package io.vigil.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal blocking RESP2 client for tests that talk to a server without a client library: one command per
 * connection, replies as Java values ({@code SENTINEL} subcommands, interop checks).
 */
public final class RawResp {

    private RawResp() {}

    /**
     * Sends one command to 127.0.0.1:{@code port}; returns a String (simple/bulk), Long, List, null, or throws
     * {@link IllegalStateException} for an error reply.
     */
    public static Object call(int port, String... args) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                command.append('$')
                        .append(bytes.length)
                        .append("\r\n")
                        .append(arg)
                        .append("\r\n");
            }
            out.write(command.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("RESP call to port " + port + " failed", e);
        }
    }

    /** {@code SENTINEL <subcommand> <name>} replies of field/value pairs, as a list of maps. */
    @SuppressWarnings("unchecked")
    public static List<java.util.Map<String, String>> records(Object reply) {
        List<java.util.Map<String, String>> result = new ArrayList<>();
        for (Object entry : (List<Object>) reply) {
            result.add(record(entry));
        }
        return result;
    }

    /** One field/value list as a map. */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, String> record(Object reply) {
        List<Object> fields = (List<Object>) reply;
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            map.put((String) fields.get(i), (String) fields.get(i + 1));
        }
        return map;
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new IllegalStateException(line);
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    yield null;
                }
                byte[] data = in.readNBytes(length + 2);
                yield new String(data, 0, length, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    yield null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                yield items;
            }
            default -> throw new IOException("unexpected RESP type byte " + type);
        };
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed mid-reply");
            }
            buffer.write(c);
        }
        in.read();
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
