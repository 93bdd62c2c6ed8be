package io.vigil.store.command;

import io.vigil.resp.RespError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/** Number parsing and formatting with Redis's strictness and output forms. */
public final class Numbers {

    private Numbers() {}

    /** Whether {@code bytes} is a strict 64-bit decimal (no sign {@code +}, no leading zeros, no spaces). */
    public static boolean isLong(byte[] bytes) {
        try {
            parseLong(bytes, RespError.NOT_INTEGER);
            return true;
        } catch (CommandException e) {
            return false;
        }
    }

    /**
     * Parses a strict 64-bit decimal, like Redis's {@code string2ll}.
     *
     * @throws CommandException with {@code error} when it is not one
     */
    public static long parseLong(byte[] b, RespError error) {
        int len = b.length;
        if (len == 0 || len > 20) {
            throw new CommandException(error);
        }
        if (len == 1 && b[0] == '0') {
            return 0L;
        }
        int i = 0;
        boolean negative = b[0] == '-';
        if (negative && len == 1) {
            throw new CommandException(error);
        }
        if (negative) {
            i++;
        }
        if (b[i] < '1' || b[i] > '9') {
            throw new CommandException(error);
        }
        long v = 0;
        for (; i < len; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw new CommandException(error);
            }
            if (negative) {
                if (v < (Long.MIN_VALUE + d) / 10) {
                    throw new CommandException(error);
                }
                v = v * 10 - d;
            } else {
                if (v > (Long.MAX_VALUE - d) / 10) {
                    throw new CommandException(error);
                }
                v = v * 10 + d;
            }
        }
        return v;
    }

    /** The decimal ASCII bytes of a long. */
    public static byte[] toBytes(long value) {
        if (value == Long.MIN_VALUE) {
            return "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
        }
        int length = value < 0 ? 2 : 1;
        for (long v = Math.abs(value); v >= 10; v /= 10) {
            length++;
        }
        byte[] out = new byte[length];
        long v = Math.abs(value);
        for (int i = length - 1; i >= (value < 0 ? 1 : 0); i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        if (value < 0) {
            out[0] = '-';
        }
        return out;
    }

    /**
     * Parses a float the way Redis's {@code strtold}-based parsers accept it (decimal or exponent notation, {@code
     * inf}, no spaces), as an exact decimal.
     *
     * @throws CommandException {@code ERR value is not a valid float}
     */
    public static BigDecimal parseDecimal(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        if (s.isEmpty()
                || s.length() > 5000
                || Character.isWhitespace(s.charAt(0))
                || Character.isWhitespace(s.charAt(s.length() - 1))) {
            throw new CommandException(RespError.NOT_FLOAT);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                throw new CommandException(RespError.NOT_FLOAT);
            }
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new CommandException(RespError.NOT_FLOAT);
        }
    }

    /**
     * Formats like Redis's {@code ld2string(..., LD_STR_HUMAN)}: fixed point with at most 17 decimals, trailing
     * zeros (and a trailing dot) removed.
     */
    public static String humanDecimal(BigDecimal value) {
        BigDecimal v = value.scale() > 17 ? value.setScale(17, RoundingMode.HALF_EVEN) : value;
        v = v.stripTrailingZeros();
        if (v.signum() == 0) {
            return "0";
        }
        return v.toPlainString();
    }
}
