package io.vigil.api.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vigil.resp.RespProtocolException;
import io.vigil.resp.RespReader;
import io.vigil.resp.RespValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking test client that sends multibulk requests and decodes replies with the project's {@link RespReader}, so
 * the same code can ask Vigil and a real redis-sentinel and compare reply shapes.
 */
final class RespTestClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteBuf buffer = Unpooled.buffer();

    RespTestClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RespValue call(String... args) throws IOException, RespProtocolException {
        StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            request.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        byte[] chunk = new byte[8192];
        while (true) {
            RespValue value = RespReader.read(buffer);
            if (value != null) {
                return value;
            }
            int n = in.read(chunk);
            if (n < 0) {
                throw new IOException("server closed the connection before replying to " + String.join(" ", args));
            }
            buffer.writeBytes(chunk, 0, n);
        }
    }

    /** The keys of a flat field/value array (RESP2) or map (RESP3), in order. */
    static List<String> keys(RespValue row) {
        List<RespValue> flat = row instanceof RespValue.Map map ? map.flat() : ((RespValue.Array) row).elements();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < flat.size(); i += 2) {
            keys.add(((RespValue.BulkString) flat.get(i)).utf8());
        }
        return keys;
    }

    /** The value types of a flat field/value array, in order. */
    static List<Class<?>> valueTypes(RespValue row) {
        List<RespValue> flat = row instanceof RespValue.Map map ? map.flat() : ((RespValue.Array) row).elements();
        List<Class<?>> types = new ArrayList<>();
        for (int i = 1; i < flat.size(); i += 2) {
            types.add(flat.get(i).getClass());
        }
        return types;
    }

    @Override
    public void close() throws IOException {
        buffer.release();
        socket.close();
    }
}
