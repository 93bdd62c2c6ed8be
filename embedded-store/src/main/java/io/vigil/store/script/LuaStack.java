package io.vigil.store.script;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.LuaException;

/**
 * Binary-safe strings between Java and the Lua stack. The JNI binding passes Java strings as modified UTF-8, which
 * is only byte-exact for bytes 1..127; anything else goes through a tiny chunk {@code return "\ddd..."} so NULs and
 * high bytes arrive unchanged. Lua strings are read with {@code lua_tolstring}, which is length-delimited.
 */
final class LuaStack {

    private LuaStack() {}

    /** Pushes {@code bytes} as a Lua string. */
    static void pushBytes(Lua lua, byte[] bytes) {
        if (plainAscii(bytes)) {
            lua.push(new String(bytes, StandardCharsets.ISO_8859_1));
            return;
        }
        byte[] chunk = new byte[bytes.length * 4 + 10];
        int n = 0;
        for (byte c : "return \"".getBytes(StandardCharsets.US_ASCII)) {
            chunk[n++] = c;
        }
        for (byte b : bytes) {
            int u = b & 0xFF;
            chunk[n++] = '\\';
            chunk[n++] = (byte) ('0' + u / 100);
            chunk[n++] = (byte) ('0' + (u / 10) % 10);
            chunk[n++] = (byte) ('0' + u % 10);
        }
        chunk[n++] = '"';
        ByteBuffer buffer = ByteBuffer.allocateDirect(n);
        buffer.put(chunk, 0, n).flip();
        try {
            lua.load(buffer, "=bytes");
            lua.pCall(0, 1);
        } catch (LuaException e) {
            throw new IllegalStateException("could not build a Lua string of " + bytes.length + " bytes", e);
        }
    }

    /** Pushes Latin-1 text (each char one byte) as a Lua string. */
    static void pushText(Lua lua, String text) {
        pushBytes(lua, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The bytes of the string (or number, converted in place as Lua does) at {@code index}. */
    static byte[] bytes(Lua lua, int index) {
        ByteBuffer buffer = lua.toBuffer(index);
        if (buffer == null) {
            return new byte[0];
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    /** The string at {@code index} as Latin-1 text. */
    static String text(Lua lua, int index) {
        return new String(bytes(lua, index), StandardCharsets.ISO_8859_1);
    }

    private static boolean plainAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b <= 0) {
                return false;
            }
        }
        return true;
    }
}
