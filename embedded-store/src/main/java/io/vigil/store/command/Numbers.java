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
        return parse(bytes) != null;
    }

    /**
     * Parses a strict 64-bit decimal.
     *
     * @throws CommandException with {@code error} when it is not one
     */
    public static long parseLong(byte[] bytes, RespError error) {
        Long v = parse(bytes);
        if (v == null) {
            throw new CommandException(error);
        }
        return v;
    }

    private static Long parse(byte[] b) {
        int len = b.length;
        if (len == 0 || len > 20) {
            return null;
        }
        if (len == 1 && b[0] == '0') {
            return 0L;
        }
        int i = 0;
        boolean negative = b[0] == '-';
        if (negative) {
            i++;
            if (len == 1) {
                return null;
            }
        }
        if (b[i] < '1' || b[i] > '9') {
            return null;
        }
        long v = 0;
        for (; i < len; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            if (negative) {
                if (v < (Long.MIN_VALUE + d) / 10) {
                    return null;
                }
                v = v * 10 - d;
            } else {
                if (v > (Long.MAX_VALUE - d) / 10) {
                    return null;
                }
                v = v * 10 + d;
            }
        }
        return v;
    }

    /** The decimal ASCII bytes of a long. */
    public static byte[] toBytes(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
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
