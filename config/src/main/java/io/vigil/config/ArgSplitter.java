package io.vigil.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one configuration line into arguments with exactly the rules of Redis's {@code sdssplitargs}.
 *
 * <ul>
 *   <li>Arguments are separated by white space; an unquoted argument ends at a space, tab, CR or LF.
 *   <li>{@code "double quotes"} understand {@code \n \r \t \b \a \\ \"} and {@code \xHH}; any other escaped
 *       character stands for itself ({@code \z} is {@code z}).
 *   <li>{@code 'single quotes'} understand only {@code \'}; every other character is literal.
 *   <li>A quote may start in the middle of an argument ({@code a"b c"} is {@code ab c}); a closing quote must be
 *       followed by white space or the end of the line; an unterminated quote is an error.
 * </ul>
 *
 * <p>Escapes produce bytes; an argument is decoded as UTF-8 once it is complete. As in C, a NUL character ends
 * the line.
 */
public final class ArgSplitter {

    private ArgSplitter() {}

    /**
     * Splits {@code line} into arguments.
     *
     * @throws IllegalArgumentException naming the problem (unbalanced quotes, or a closing quote followed by
     *     something other than a space)
     */
    public static List<String> split(String line) {
        int nul = line.indexOf('\0');
        byte[] s = (nul >= 0 ? line.substring(0, nul) : line).getBytes(StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>();
        int p = 0;
        int n = s.length;
        while (true) {
            while (p < n && isSpace(s[p])) {
                p++;
            }
            if (p >= n) {
                return args;
            }
            ByteArrayOutputStream current = new ByteArrayOutputStream();
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                int c = at(s, p);
                if (inDouble) {
                    if (c == '\\' && at(s, p + 1) == 'x' && isHex(at(s, p + 2)) && isHex(at(s, p + 3))) {
                        current.write(Character.digit(at(s, p + 2), 16) * 16 + Character.digit(at(s, p + 3), 16));
                        p += 3;
                    } else if (c == '\\' && at(s, p + 1) != 0) {
                        p++;
                        current.write(unescape(at(s, p)));
                    } else if (c == '"') {
                        requireSpaceAfterClosingQuote(s, p);
                        done = true;
                    } else if (c == 0) {
                        throw new IllegalArgumentException("unbalanced quotes");
                    } else {
                        current.write(c);
                    }
                } else if (inSingle) {
                    if (c == '\\' && at(s, p + 1) == '\'') {
                        p++;
                        current.write('\'');
                    } else if (c == '\'') {
                        requireSpaceAfterClosingQuote(s, p);
                        done = true;
                    } else if (c == 0) {
                        throw new IllegalArgumentException("unbalanced quotes");
                    } else {
                        current.write(c);
                    }
                } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0) {
                    done = true;
                } else if (c == '"') {
                    inDouble = true;
                } else if (c == '\'') {
                    inSingle = true;
                } else {
                    current.write(c);
                }
                if (c != 0) {
                    p++;
                }
            }
            args.add(current.toString(StandardCharsets.UTF_8));
        }
    }

    private static void requireSpaceAfterClosingQuote(byte[] s, int p) {
        int next = at(s, p + 1);
        if (next != 0 && !isSpace(next)) {
            throw new IllegalArgumentException("a closing quote must be followed by a space or the end of the line");
        }
    }

    /** C's {@code isspace}: space, tab, LF, vertical tab, form feed, CR. */
    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** The byte at {@code index} (0..255), or 0 past the end, like C's terminating NUL. */
    private static int at(byte[] s, int index) {
        return index < s.length ? s[index] & 0xFF : 0;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int unescape(int c) {
        return switch (c) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'a' -> 0x07;
            default -> c;
        };
    }
}
