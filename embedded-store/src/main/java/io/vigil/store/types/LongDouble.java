package io.vigil.store.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An x87 80-bit {@code long double} (64-bit significand, exponent range of 15 bits), the type Redis uses for {@code
 * HINCRBYFLOAT}. Values are held exactly as decimals and rounded to 64 significant bits after each parse and
 * addition, so results print the same digits as Redis (e.g. {@code 0.01 + 5000} is {@code 5000.00999999999999979}).
 */
public final class LongDouble {

    /** Zero. */
    public static final LongDouble ZERO = new LongDouble(BigDecimal.ZERO, 0);

    private static final Pattern DECIMAL = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX = Pattern.compile("0[xX]([0-9a-fA-F]*)(?:\\.([0-9a-fA-F]*))?(?:[pP]([+-]?\\d+))?");
    private static final int MAX_EXPONENT = 16384;
    private static final int MIN_LSB_EXPONENT = -16445;
    private static final int SIGNIFICAND_BITS = 64;
    private static final int MAX_TEXT = 5 * 1024;

    private final BigDecimal value;
    private final int infinity;

    private LongDouble(BigDecimal value, int infinity) {
        this.value = value;
        this.infinity = infinity;
    }

    /**
     * Parses like Redis's {@code string2ld} ({@code strtold} with no leading or trailing spaces, no NaN, no overflow
     * or underflow to zero); {@code null} when it is not a valid long double. {@code inf} and {@code infinity} are
     * accepted as infinite values.
     */
    public static LongDouble parse(byte[] bytes) {
        if (bytes.length == 0 || bytes.length >= MAX_TEXT) {
            return null;
        }
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        char first = s.charAt(0);
        if (first == ' ' || (first >= '\t' && first <= '\r')) {
            return null;
        }
        boolean negative = first == '-';
        String body = first == '-' || first == '+' ? s.substring(1) : s;
        String lower = body.toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("infinity")) {
            return new LongDouble(null, negative ? -1 : 1);
        }
        BigDecimal exact;
        var hex = HEX.matcher(body);
        if (hex.matches()
                && !(hex.group(1).isEmpty()
                        && (hex.group(2) == null || hex.group(2).isEmpty()))) {
            exact = hexValue(hex.group(1), hex.group(2), hex.group(3));
        } else if (DECIMAL.matcher(body).matches()) {
            if (decimalExponentOutOfRange(body)) {
                return body.replaceFirst("[eE].*", "").matches("[0.]*") ? ZERO : null;
            }
            exact = new BigDecimal(body.startsWith(".") ? "0" + body : body);
        } else {
            return null;
        }
        if (exact == null) {
            return null;
        }
        LongDouble rounded = round(negative ? exact.negate() : exact);
        if (!rounded.isFinite() || (rounded.value.signum() == 0 && exact.signum() != 0)) {
            return null;
        }
        return rounded;
    }

    /** Whether the value is finite. */
    public boolean isFinite() {
        return infinity == 0;
    }

    /** The sum, rounded to a long double (infinite on overflow or when adding opposite infinities). */
    public LongDouble add(LongDouble other) {
        if (!isFinite() || !other.isFinite()) {
            return new LongDouble(null, isFinite() ? other.infinity : infinity);
        }
        return round(value.add(other.value));
    }

    /** The exact value (finite values only). */
    public BigDecimal exact() {
        if (!isFinite()) {
            throw new IllegalStateException("an infinite long double has no exact decimal value");
        }
        return value;
    }

    /** Redis's {@code ld2string(..., LD_STR_HUMAN)}: {@code %.17Lf} with trailing zeros and dot removed. */
    public String toHumanString() {
        if (!isFinite()) {
            return infinity > 0 ? "inf" : "-inf";
        }
        String s = value.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        s = s.substring(0, end);
        return s.equals("-0") ? "0" : s;
    }

    @Override
    public String toString() {
        return toHumanString();
    }

    private static boolean decimalExponentOutOfRange(String body) {
        int e = body.indexOf('e') >= 0 ? body.indexOf('e') : body.indexOf('E');
        if (e < 0) {
            return false;
        }
        String exp = body.substring(e + 1).replace("+", "");
        return exp.replaceFirst("^-?0*", "").length() > 7;
    }

    private static BigDecimal hexValue(String whole, String fraction, String exponent) {
        String frac = fraction == null ? "" : fraction;
        BigInteger mantissa = new BigInteger("0" + whole + frac, 16);
        long exp = exponent == null ? 0 : Long.parseLong(exponent.replace("+", ""));
        if (Math.abs(exp) > 100_000) {
            return null;
        }
        return times2(new BigDecimal(mantissa), (int) (exp - 4L * frac.length()));
    }

    private static LongDouble round(BigDecimal exact) {
        if (exact.signum() == 0) {
            return ZERO;
        }
        BigDecimal a = exact.abs();
        long estimate = (long) Math.floor((a.precision() - a.scale() - 1) * 3.321928094887362);
        if (estimate > MAX_EXPONENT + 10) {
            return new LongDouble(null, exact.signum());
        }
        if (estimate < MIN_LSB_EXPONENT - 10) {
            return ZERO;
        }
        int e = (int) estimate;
        while (times2(BigDecimal.ONE, e).compareTo(a) > 0) {
            e--;
        }
        while (times2(BigDecimal.ONE, e + 1).compareTo(a) <= 0) {
            e++;
        }
        if (e >= MAX_EXPONENT) {
            return new LongDouble(null, exact.signum());
        }
        int lsb = Math.max(e - (SIGNIFICAND_BITS - 1), MIN_LSB_EXPONENT);
        BigDecimal significand = times2(a, -lsb).setScale(0, RoundingMode.HALF_EVEN);
        BigDecimal rounded = times2(significand, lsb);
        if (rounded.signum() != 0 && significand.toBigInteger().bitLength() + lsb > MAX_EXPONENT) {
            return new LongDouble(null, exact.signum());
        }
        return new LongDouble(exact.signum() < 0 ? rounded.negate() : rounded, 0);
    }

    private static BigDecimal times2(BigDecimal v, int power) {
        if (power >= 0) {
            return v.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(power)));
        }
        return v.multiply(new BigDecimal(BigInteger.valueOf(5).pow(-power), -power));
    }
}
