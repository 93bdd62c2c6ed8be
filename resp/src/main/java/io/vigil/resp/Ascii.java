package io.vigil.resp;

import io.netty.buffer.ByteBuf;

/** Strict decimal parsing, like Redis's {@code string2ll}: optional {@code -}, no {@code +}, no leading zeros. */
final class Ascii {

    /** Returned when the bytes are not a valid 64-bit decimal. */
    static final long INVALID = Long.MIN_VALUE;

    private Ascii() {}

    /** Parses bytes {@code [from, to)} of {@code buf}; {@link #INVALID} when they are not a strict decimal. */
    static long parseLong(ByteBuf buf, int from, int to) {
        int length = to - from;
        if (length <= 0 || length > 20) {
            return INVALID;
        }
        if (length == 1 && buf.getByte(from) == '0') {
            return 0;
        }
        int i = from;
        boolean negative = buf.getByte(i) == '-';
        if (negative) {
            i++;
            if (i == to) {
                return INVALID;
            }
        }
        byte first = buf.getByte(i);
        if (first < '1' || first > '9') {
            return INVALID;
        }
        long value = 0;
        for (; i < to; i++) {
            byte b = buf.getByte(i);
            if (b < '0' || b > '9') {
                return INVALID;
            }
            int digit = b - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                return INVALID;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }
}
