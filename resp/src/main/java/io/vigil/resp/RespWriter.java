package io.vigil.resp;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Writes replies straight into an outbound {@link ByteBuf}, in the form the connection's {@link RespVersion} needs.
 *
 * <p>RESP3-only types degrade as Redis degrades them for RESP2 clients: null is {@code $-1} (or {@code *-1} for a
 * null array), a map is a flat array of 2N elements, a set or push is an array, a double is a bulk string, a boolean
 * is the integer 1 or 0, a verbatim string is a bulk string. Headers and small integers come from tables built once,
 * so the common replies allocate nothing.
 */
public final class RespWriter {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE3 = "#t\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE3 = "#f\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final MathContext G17 = new MathContext(17, RoundingMode.HALF_EVEN);
    private static final int CACHED = 1024;
    private static final byte[][] INTEGERS = table(':');
    private static final byte[][] BULK_HEADERS = table('$');
    private static final byte[][] ARRAY_HEADERS = table('*');

    private RespWriter() {}

    private static byte[][] table(char marker) {
        byte[][] table = new byte[CACHED][];
        for (int i = 0; i < CACHED; i++) {
            table[i] = (marker + Integer.toString(i) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
        return table;
    }

    /** {@code +OK}. */
    public static void ok(ByteBuf out) {
        out.writeBytes(OK);
    }

    /** {@code +PONG}. */
    public static void pong(ByteBuf out) {
        out.writeBytes(PONG);
    }

    /** A simple string {@code +text}; the text must not contain CR or LF. */
    public static void simple(ByteBuf out, String text) {
        out.writeByte('+');
        out.writeCharSequence(text, StandardCharsets.ISO_8859_1);
        out.writeBytes(CRLF);
    }

    /** An error reply from the catalog. */
    public static void error(ByteBuf out, RespError error) {
        out.writeBytes(error.wire());
    }

    /** An integer {@code :n}. */
    public static void integer(ByteBuf out, long value) {
        if (value >= 0 && value < CACHED) {
            out.writeBytes(INTEGERS[(int) value]);
        } else {
            out.writeByte(':');
            writeDecimal(out, value);
            out.writeBytes(CRLF);
        }
    }

    /** A bulk string {@code $len} + bytes, or the null bulk when {@code value} is null. */
    public static void bulk(ByteBuf out, RespVersion version, byte[] value) {
        if (value == null) {
            nullValue(out, version);
            return;
        }
        bulkHeader(out, value.length);
        out.writeBytes(value);
        out.writeBytes(CRLF);
    }

    /** A bulk string from part of an array. */
    public static void bulk(ByteBuf out, byte[] value, int offset, int length) {
        bulkHeader(out, length);
        out.writeBytes(value, offset, length);
        out.writeBytes(CRLF);
    }

    /** A bulk string holding {@code text} as Latin-1 bytes (ASCII text is unchanged); null writes the null bulk. */
    public static void bulk(ByteBuf out, RespVersion version, String text) {
        if (text == null) {
            nullValue(out, version);
            return;
        }
        bulkHeader(out, text.length());
        out.writeCharSequence(text, StandardCharsets.ISO_8859_1);
        out.writeBytes(CRLF);
    }

    /** A bulk string holding the decimal digits of {@code value} (how Redis replies with numbers in strings). */
    public static void bulkDecimal(ByteBuf out, long value) {
        bulkHeader(out, decimalLength(value));
        writeDecimal(out, value);
        out.writeBytes(CRLF);
    }

    /** Only the {@code $len\r\n} header; the caller writes {@code len} bytes then {@link #crlf}. */
    public static void bulkHeader(ByteBuf out, int length) {
        if (length < CACHED) {
            out.writeBytes(BULK_HEADERS[length]);
        } else {
            out.writeByte('$');
            writeDecimal(out, length);
            out.writeBytes(CRLF);
        }
    }

    /** CRLF, to end a bulk string written after {@link #bulkHeader}. */
    public static void crlf(ByteBuf out) {
        out.writeBytes(CRLF);
    }

    /** A null: {@code $-1} in RESP2, {@code _} in RESP3. */
    public static void nullValue(ByteBuf out, RespVersion version) {
        out.writeBytes(version == RespVersion.RESP3 ? NULL3 : NULL_BULK);
    }

    /** A null array: {@code *-1} in RESP2, {@code _} in RESP3. */
    public static void nullArray(ByteBuf out, RespVersion version) {
        out.writeBytes(version == RespVersion.RESP3 ? NULL3 : NULL_ARRAY);
    }

    /** An array header {@code *n}; the caller writes n elements. */
    public static void arrayHeader(ByteBuf out, int count) {
        aggregateHeader(out, '*', count);
    }

    /** A map header: {@code %n} in RESP3, {@code *2n} in RESP2; the caller writes n key/value pairs. */
    public static void mapHeader(ByteBuf out, RespVersion version, int pairs) {
        if (version == RespVersion.RESP3) {
            aggregateHeader(out, '%', pairs);
        } else {
            arrayHeader(out, pairs * 2);
        }
    }

    /** A set header: {@code ~n} in RESP3, {@code *n} in RESP2. */
    public static void setHeader(ByteBuf out, RespVersion version, int count) {
        aggregateHeader(out, version == RespVersion.RESP3 ? '~' : '*', count);
    }

    /** A push header: {@code >n} in RESP3, {@code *n} in RESP2 (pub/sub messages). */
    public static void pushHeader(ByteBuf out, RespVersion version, int count) {
        aggregateHeader(out, version == RespVersion.RESP3 ? '>' : '*', count);
    }

    /**
     * A double: {@code ,text} in RESP3, a bulk string in RESP2. {@code text} is the number as the command formats it
     * ({@code inf}, {@code -inf}, {@code 1.5}, ...); see {@link #formatDouble}.
     */
    public static void doubleValue(ByteBuf out, RespVersion version, String text) {
        if (version == RespVersion.RESP3) {
            out.writeByte(',');
            out.writeCharSequence(text, StandardCharsets.US_ASCII);
            out.writeBytes(CRLF);
        } else {
            bulk(out, version, text);
        }
    }

    /** A double formatted like Redis 7.0's {@code addReplyDouble} ({@code %.17g}, {@code inf}, {@code -inf}). */
    public static void doubleValue(ByteBuf out, RespVersion version, double value) {
        doubleValue(out, version, formatDouble(value));
    }

    /** A boolean: {@code #t}/{@code #f} in RESP3, {@code :1}/{@code :0} in RESP2. */
    public static void bool(ByteBuf out, RespVersion version, boolean value) {
        if (version == RespVersion.RESP3) {
            out.writeBytes(value ? TRUE3 : FALSE3);
        } else {
            integer(out, value ? 1 : 0);
        }
    }

    /** A verbatim string: {@code =len\r\nfmt:text} in RESP3 ({@code fmt} is 3 chars, e.g. {@code txt}), bulk in RESP2. */
    public static void verbatim(ByteBuf out, RespVersion version, String format, String text) {
        if (format.length() != 3) {
            throw new IllegalArgumentException("verbatim format must be 3 characters, got '" + format + "'");
        }
        if (version != RespVersion.RESP3) {
            bulk(out, version, text);
            return;
        }
        byte[] body = text.getBytes(StandardCharsets.ISO_8859_1);
        out.writeByte('=');
        writeDecimal(out, body.length + 4);
        out.writeBytes(CRLF);
        out.writeCharSequence(format, StandardCharsets.US_ASCII);
        out.writeByte(':');
        out.writeBytes(body);
        out.writeBytes(CRLF);
    }

    /** Formats like C's {@code %.17g}, with {@code inf}/{@code -inf}/{@code nan} as Redis prints them. */
    public static String formatDouble(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (value == 0) {
            return (1 / value) < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(G17);
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 17) {
            String digits = rounded.unscaledValue().abs().toString();
            StringBuilder sb = new StringBuilder(24);
            if (rounded.signum() < 0) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            String fraction = stripZeros(digits.substring(1));
            if (!fraction.isEmpty()) {
                sb.append('.').append(fraction);
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                sb.append('0');
            }
            return sb.append(abs).toString();
        }
        String plain = rounded.toPlainString();
        int dot = plain.indexOf('.');
        if (dot < 0) {
            return plain;
        }
        String fraction = stripZeros(plain.substring(dot + 1));
        return fraction.isEmpty() ? plain.substring(0, dot) : plain.substring(0, dot + 1) + fraction;
    }

    private static String stripZeros(String digits) {
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }

    private static void aggregateHeader(ByteBuf out, char marker, int count) {
        if (marker == '*' && count < CACHED && count >= 0) {
            out.writeBytes(ARRAY_HEADERS[count]);
            return;
        }
        out.writeByte(marker);
        writeDecimal(out, count);
        out.writeBytes(CRLF);
    }

    /** The number of ASCII characters of {@code value} in decimal. */
    public static int decimalLength(long value) {
        if (value == Long.MIN_VALUE) {
            return 20;
        }
        int length = value < 0 ? 2 : 1;
        long v = Math.abs(value);
        while (v >= 10) {
            v /= 10;
            length++;
        }
        return length;
    }

    /** Writes the decimal digits of {@code value} (with {@code -} when negative). */
    public static void writeDecimal(ByteBuf out, long value) {
        if (value == Long.MIN_VALUE) {
            out.writeCharSequence("-9223372036854775808", StandardCharsets.US_ASCII);
            return;
        }
        if (value < 0) {
            out.writeByte('-');
            value = -value;
        }
        int digits = decimalLength(value);
        int start = out.writerIndex();
        out.ensureWritable(digits);
        for (int i = digits - 1; i >= 0; i--) {
            out.setByte(start + i, (int) ('0' + value % 10));
            value /= 10;
        }
        out.writerIndex(start + digits);
    }
}
