package io.vigil.store.commands;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandException;
import io.vigil.store.types.LexRange;
import io.vigil.store.types.ScoreRange;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/** Sorted-set argument parsing with Redis 7.0's rules ({@code strtod}-based scores, score and lex ranges). */
final class ZSetArgs {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX =
            Pattern.compile("[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)([pP][+-]?\\d+)?");
    private static final Pattern INF = Pattern.compile("[+-]?(?i:inf|infinity)");
    private static final Pattern NAN = Pattern.compile("[+-]?(?i:nan)");

    private ZSetArgs() {}

    /** What {@code strtod} makes of a whole string, or {@code null} when it would not consume all of it. */
    static Double strtod(String s, boolean[] rangeError) {
        if (INF.matcher(s).matches()) {
            return s.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (NAN.matcher(s).matches()) {
            return Double.NaN;
        }
        double v;
        boolean nonZeroDigits;
        if (DECIMAL.matcher(s).matches()) {
            v = Double.parseDouble(s);
            String mantissa = s.replaceFirst("[eE].*", "");
            nonZeroDigits = mantissa.chars().anyMatch(c -> c >= '1' && c <= '9');
        } else if (HEX.matcher(s).matches()) {
            String t = s.indexOf('p') >= 0 || s.indexOf('P') >= 0 ? s : s + "p0";
            if (t.matches("[+-]?0[xX]\\..*")) {
                t = t.replaceFirst("0([xX])\\.", "0$10.");
            }
            v = Double.parseDouble(t);
            String mantissa = s.replaceFirst("[pP].*", "").replaceFirst("0[xX]", "");
            nonZeroDigits = mantissa.chars().anyMatch(c -> c != '0' && c != '.' && c != '+' && c != '-');
        } else {
            return null;
        }
        rangeError[0] = Double.isInfinite(v) || (v == 0 && nonZeroDigits);
        return v;
    }

    /**
     * A score or weight as Redis's {@code getDoubleFromObject} parses it: the whole string, no leading space, no
     * overflow or underflow to zero, not NaN.
     */
    static double parseScore(byte[] arg, RespError error) {
        double integer = plainInteger(arg);
        if (!Double.isNaN(integer)) {
            return integer;
        }
        String s = new String(arg, StandardCharsets.ISO_8859_1);
        if (s.isEmpty() || Character.isWhitespace(s.charAt(0))) {
            throw new CommandException(error);
        }
        boolean[] rangeError = {false};
        Double v = strtod(s, rangeError);
        if (v == null || v.isNaN() || rangeError[0]) {
            throw new CommandException(error);
        }
        return v;
    }

    /**
     * The value of an optional sign and 1 to 18 decimal digits (leading zeros allowed, as {@code strtod} reads them),
     * or NaN for anything else. The same double as {@code strtod}: both round the exact value to the nearest.
     */
    static double plainInteger(byte[] arg) {
        int n = arg.length;
        int i = n > 0 && (arg[0] == '-' || arg[0] == '+') ? 1 : 0;
        if (n == i || n - i > 18) {
            return Double.NaN;
        }
        long v = 0;
        for (int j = i; j < n; j++) {
            int d = arg[j] - '0';
            if (d < 0 || d > 9) {
                return Double.NaN;
            }
            v = v * 10 + d;
        }
        return arg[0] == '-' ? -(double) v : v;
    }

    private static double rangeBound(String s) {
        int start = 0;
        while (start < s.length() && isCSpace(s.charAt(start))) {
            start++;
        }
        if (start == s.length()) {
            if (start == 0) {
                return 0;
            }
            throw new CommandException(RespError.ZSET_MIN_MAX_NOT_FLOAT);
        }
        Double v = strtod(s.substring(start), new boolean[1]);
        if (v == null || v.isNaN()) {
            throw new CommandException(RespError.ZSET_MIN_MAX_NOT_FLOAT);
        }
        return v;
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    /** A score range like Redis's {@code zslParseRange}: {@code (} for exclusive, lenient {@code strtod} values. */
    static ScoreRange scoreRange(byte[] min, byte[] max) {
        boolean minEx = min.length > 0 && min[0] == '(';
        boolean maxEx = max.length > 0 && max[0] == '(';
        double lo =
                rangeBound(new String(min, minEx ? 1 : 0, min.length - (minEx ? 1 : 0), StandardCharsets.ISO_8859_1));
        double hi =
                rangeBound(new String(max, maxEx ? 1 : 0, max.length - (maxEx ? 1 : 0), StandardCharsets.ISO_8859_1));
        return new ScoreRange(lo, minEx, hi, maxEx);
    }

    /** A lex range like Redis's {@code zslParseLexRange}: {@code [a}, {@code (a}, {@code -}, {@code +}. */
    static LexRange lexRange(byte[] min, byte[] max) {
        LexItem lo = lexItem(min);
        LexItem hi = lexItem(max);
        return new LexRange(lo.value, lo.exclusive, lo.kind, hi.value, hi.exclusive, hi.kind);
    }

    private record LexItem(byte[] value, boolean exclusive, LexRange.Bound kind) {}

    private static LexItem lexItem(byte[] item) {
        if (item.length == 0) {
            throw new CommandException(RespError.ZSET_LEX_RANGE);
        }
        byte first = item[0];
        if ((first == '+' || first == '-') && item.length == 1) {
            return new LexItem(null, true, first == '+' ? LexRange.Bound.POS_INF : LexRange.Bound.NEG_INF);
        }
        if (first == '(' || first == '[') {
            return new LexItem(Arrays.copyOfRange(item, 1, item.length), first == '(', LexRange.Bound.VALUE);
        }
        throw new CommandException(RespError.ZSET_LEX_RANGE);
    }
}
