package io.vigil.store.types;

import java.util.Arrays;

/**
 * A member interval as ZRANGEBYLEX and friends take it: {@code [a} inclusive, {@code (a} exclusive, {@code -} and
 * {@code +} the open ends. A {@code null} bound with the matching infinity flag stands for {@code -} or {@code +}.
 */
public record LexRange(
        byte[] min, boolean minExclusive, Bound minKind, byte[] max, boolean maxExclusive, Bound maxKind) {

    /** What a bound is: a string, or one of the open ends. */
    public enum Bound {
        /** {@code -}: below every member. */
        NEG_INF,
        /** A member string. */
        VALUE,
        /** {@code +}: above every member. */
        POS_INF
    }

    private static int compare(Bound ka, byte[] a, Bound kb, byte[] b) {
        if (ka != Bound.VALUE || kb != Bound.VALUE) {
            return Integer.compare(ka.ordinal(), kb.ordinal());
        }
        return Arrays.compareUnsigned(a, b);
    }

    /** Whether {@code member} is at or above the minimum. */
    public boolean gteMin(byte[] member) {
        int c = compare(Bound.VALUE, member, minKind, min);
        return minExclusive ? c > 0 : c >= 0;
    }

    /** Whether {@code member} is at or below the maximum. */
    public boolean lteMax(byte[] member) {
        int c = compare(Bound.VALUE, member, maxKind, max);
        return maxExclusive ? c < 0 : c <= 0;
    }

    /** Whether no member can fall in the range (Redis's {@code zslIsInLexRange} short-cut). */
    public boolean isEmpty() {
        int c = compare(minKind, min, maxKind, max);
        return c > 0 || (c == 0 && (minExclusive || maxExclusive));
    }
}
