package io.vigil.config;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders arguments so that {@link ArgSplitter} (and Redis) read them back unchanged: plain tokens stay bare, others
 * are double-quoted with Redis's escapes ({@code \\ \" \n \r \t \a \b}, {@code \xHH} for other control bytes).
 */
public final class Quoting {

    private Quoting() {}

    /** The token as it must be written in a configuration line. */
    public static String quoteIfNeeded(String token) {
        return needsQuotes(token) ? quote(token) : token;
    }

    /** Tokens joined by single spaces, each quoted if needed. */
    public static String join(List<String> tokens) {
        StringBuilder out = new StringBuilder();
        for (String token : tokens) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(quoteIfNeeded(token));
        }
        return out.toString();
    }

    /** Always double-quotes, like Redis's {@code sdscatrepr} (bytes of 0x80 and above are kept as UTF-8). */
    public static String quote(String token) {
        StringBuilder out = new StringBuilder("\"");
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("\\x%02x", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        }
        out.append('"');
        return new String(out.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static boolean needsQuotes(String token) {
        if (token.isEmpty()) {
            return true;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c == '"' || c == '\'' || c == '\\' || c == 0x7F) {
                return true;
            }
        }
        return false;
    }
}
