package io.vigil.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

final class Bufs {
    private Bufs() {}

    static ByteBuf buffer(String latin1) {
        return Unpooled.copiedBuffer(latin1, StandardCharsets.ISO_8859_1);
    }

    static String text(ByteBuf buf) {
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    static String[] strings(byte[][] args) {
        String[] out = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = new String(args[i], StandardCharsets.ISO_8859_1);
        }
        return out;
    }
}
