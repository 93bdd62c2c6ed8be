package io.vigil.store.types;

/**
 * Redis's {@code string2ll} test for intset members, without exceptions: a canonical signed 64-bit decimal (no
 * {@code +}, no leading zeros, no {@code -0}, no spaces).
 */
public final class Int64 {

    private Int64() {}

    /** Whether {@code b} is a canonical 64-bit decimal. */
    public static boolean isCanonical(byte[] b) {
        return isCanonical(b, 0, b.length);
    }

    /** Whether {@code len} bytes of {@code b} from {@code off} are a canonical 64-bit decimal. */
    public static boolean isCanonical(byte[] b, int off, int len) {
        if (len == 0 || len > 20) {
            return false;
        }
        if (len == 1 && b[off] == '0') {
            return true;
        }
        boolean negative = b[off] == '-';
        int i = negative ? off + 1 : off;
        int end = off + len;
        if (i == end || b[i] < '1' || b[i] > '9') {
            return false;
        }
        long v = 0;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (negative ? v < (Long.MIN_VALUE + d) / 10 : v > (Long.MAX_VALUE - d) / 10) {
                return false;
            }
            v = negative ? v * 10 - d : v * 10 + d;
        }
        return true;
    }

    /** The value of a canonical decimal (check {@link #isCanonical} first). */
    public static long parse(byte[] b) {
        return parse(b, 0, b.length);
    }

    /** The value of a canonical decimal of {@code len} bytes from {@code off}. */
    public static long parse(byte[] b, int off, int len) {
        boolean negative = b[off] == '-';
        long v = 0;
        for (int i = negative ? off + 1 : off; i < off + len; i++) {
            v = negative ? v * 10 - (b[i] - '0') : v * 10 + (b[i] - '0');
        }
        return v;
    }
}
