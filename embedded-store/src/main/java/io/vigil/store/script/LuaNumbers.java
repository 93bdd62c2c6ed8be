package io.vigil.store.script;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Number to text as C's {@code "%.17g"}, the form Redis 7.0 gives a Lua number passed to {@code redis.call}. */
public final class LuaNumbers {

    private LuaNumbers() {}

    /** {@code snprintf("%.17g", d)}. */
    public static String g17(double d) {
        if (Double.isNaN(d)) {
            return Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(17, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 17) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String m = mantissa.toPlainString();
            String sign = exponent < 0 ? "-" : "+";
            int abs = Math.abs(exponent);
            return m + "e" + sign + (abs < 10 ? "0" : "") + abs;
        }
        String plain = rounded.stripTrailingZeros().toPlainString();
        return plain;
    }
}
