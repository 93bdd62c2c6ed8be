package io.vigil.resp;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Inline requests ({@code PING\r\n}, {@code SET "a b" 'c'\r\n}), as {@code redis-cli} and {@code telnet} send
 * them: one line split like Redis's {@code sdssplitargs}, with double quotes (escapes {@code \n \r \t \b \a \xHH})
 * and single quotes ({@code \'}).
 */
final class InlineRequest {

    private static final byte[][] EMPTY = new byte[0][];

    private InlineRequest() {}

    /**
     * Reads one inline line.
     *
     * @return the arguments, an empty array for a blank line, or {@code null} when no newline has arrived yet
     */
    static byte[][] read(ByteBuf in, int maxLength) throws RespProtocolException {
        int start = in.readerIndex();
        int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            if (in.readableBytes() > maxLength) {
                throw new RespProtocolException("too big inline request");
            }
            return null;
        }
        int end = lf;
        if (end > start && in.getByte(end - 1) == '\r') {
            end--;
        }
        byte[] line = new byte[end - start];
        in.getBytes(start, line);
        in.readerIndex(lf + 1);
        byte[][] args = split(line);
        if (args == null) {
            throw new RespProtocolException("unbalanced quotes in request");
        }
        return args;
    }

    /** Splits a line like {@code sdssplitargs}; {@code null} when quotes are unbalanced. */
    static byte[][] split(byte[] line) {
        int length = line.length;
        for (int i = 0; i < line.length; i++) {
            if (line[i] == 0) {
                length = i;
                break;
            }
        }
        List<byte[]> args = new ArrayList<>();
        int p = 0;
        while (true) {
            while (p < length && isSpace(line[p])) {
                p++;
            }
            if (p >= length) {
                return args.isEmpty() ? EMPTY : args.toArray(new byte[0][]);
            }
            ByteArrayOutputStream current = new ByteArrayOutputStream();
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                int c = p < length ? line[p] & 0xff : 0;
                int next = p + 1 < length ? line[p + 1] & 0xff : 0;
                if (inDouble) {
                    if (c == '\\' && next == 'x' && p + 3 < length && isHex(line[p + 2]) && isHex(line[p + 3])) {
                        current.write(hex(line[p + 2]) * 16 + hex(line[p + 3]));
                        p += 3;
                    } else if (c == '\\' && next != 0) {
                        p++;
                        current.write(unescape(next));
                    } else if (c == '"') {
                        if (next != 0 && !isSpace((byte) next)) {
                            return null;
                        }
                        done = true;
                    } else if (c == 0) {
                        return null;
                    } else {
                        current.write(c);
                    }
                } else if (inSingle) {
                    if (c == '\\' && next == '\'') {
                        p++;
                        current.write('\'');
                    } else if (c == '\'') {
                        if (next != 0 && !isSpace((byte) next)) {
                            return null;
                        }
                        done = true;
                    } else if (c == 0) {
                        return null;
                    } else {
                        current.write(c);
                    }
                } else {
                    switch (c) {
                        case ' ', '\n', '\r', '\t', 0 -> done = true;
                        case '"' -> inDouble = true;
                        case '\'' -> inSingle = true;
                        default -> current.write(c);
                    }
                }
                if (p < length) {
                    p++;
                }
            }
            args.add(current.toByteArray());
        }
    }

    private static int unescape(int c) {
        return switch (c) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'a' -> 7;
            default -> c;
        };
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        return (b | 0x20) - 'a' + 10;
    }
}
