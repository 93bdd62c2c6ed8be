package io.vigil.store.commands;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The timeout argument of blocking commands, parsed as Redis 7.0's {@code getTimeoutFromObjectOrReply} with
 * {@code UNIT_SECONDS}: a {@code strtold} float (decimal, exponent, hex, {@code inf}; no spaces, no NaN, nothing
 * beyond the long double range), times 1000, truncated to a 64-bit integer. A value outside that integer's range
 * converts to {@code LLONG_MIN} on x86 and so is "negative", as it is for Redis.
 */
final class BlockingTimeout {

    private static final BigDecimal MIN_MS = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal MAX_MS = BigDecimal.valueOf(Long.MAX_VALUE);

    private BlockingTimeout() {}

    /**
     * The absolute deadline in ms for a timeout argument (0 = wait forever).
     *
     * @throws CommandException {@code timeout is not a float or out of range} or {@code timeout is negative}
     */
    static long deadline(byte[] arg, long nowMillis) {
        long ms = millis(arg);
        if (ms < 0) {
            throw new CommandException(RespError.TIMEOUT_NEGATIVE);
        }
        if (ms == 0) {
            return 0;
        }
        return ms > Long.MAX_VALUE - nowMillis ? Long.MAX_VALUE : nowMillis + ms;
    }

    /** The timeout in ms (negative when negative or out of the 64-bit range). */
    static long millis(byte[] arg) {
        String s = new String(arg, StandardCharsets.ISO_8859_1);
        if (s.isEmpty() || s.length() >= 5 * 1024 || Character.isWhitespace(s.charAt(0))) {
            throw new CommandException(RespError.TIMEOUT_NOT_FLOAT);
        }
        String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
            return Long.MIN_VALUE;
        }
        BigDecimal value = body.regionMatches(true, 0, "0x", 0, 2) ? hex(s) : decimal(s);
        BigDecimal ms = value.movePointRight(3).setScale(0, RoundingMode.DOWN);
        if (ms.compareTo(MIN_MS) < 0 || ms.compareTo(MAX_MS) > 0) {
            return Long.MIN_VALUE;
        }
        return ms.longValueExact();
    }

    private static BigDecimal decimal(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                throw new CommandException(RespError.TIMEOUT_NOT_FLOAT);
            }
        }
        BigDecimal v;
        try {
            v = new BigDecimal(s);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CommandException(RespError.TIMEOUT_NOT_FLOAT);
        }
        if (v.signum() != 0) {
            long exponent = (long) v.precision() - v.scale() - 1;
            if (exponent > 4931 || exponent < -4950) {
                throw new CommandException(RespError.TIMEOUT_NOT_FLOAT);
            }
        }
        return v;
    }

    private static BigDecimal hex(String s) {
        String t = s.toLowerCase(java.util.Locale.ROOT);
        if (!t.matches("[+-]?0x[0-9a-f]*(\\.[0-9a-f]*)?(p[+-]?[0-9]+)?") || !t.matches(".*0x\\.?[0-9a-f].*")) {
            throw new CommandException(RespError.TIMEOUT_NOT_FLOAT);
        }
        double d = Double.parseDouble(t.contains("p") ? t : t + "p0");
        if (Double.isInfinite(d)) {
            return MAX_MS.multiply(BigDecimal.TEN);
        }
        return new BigDecimal(d);
    }
}
