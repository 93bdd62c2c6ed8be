package io.vigil.resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** One decoded RESP2/RESP3 reply, as produced by {@link RespReader}. */
public sealed interface RespValue {

    /** {@code +text}. */
    record SimpleString(String text) implements RespValue {}

    /** {@code -text} (RESP3 {@code !len} blob errors decode to this too). */
    record Error(String text) implements RespValue {
        /** The error code, the first word of the text. */
        public String code() {
            int space = text.indexOf(' ');
            return space < 0 ? text : text.substring(0, space);
        }
    }

    /** {@code :n}. */
    record Integer(long value) implements RespValue {}

    /** {@code $len bytes} (non-null). */
    record BulkString(byte[] bytes) implements RespValue {
        /** The bytes as a UTF-8 string. */
        public String utf8() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BulkString other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "BulkString[" + new String(bytes, StandardCharsets.ISO_8859_1) + "]";
        }
    }

    /**
     * A null: {@code $-1} (marker {@code $}), {@code *-1} (marker {@code *}) or RESP3 {@code _} (marker {@code _}).
     */
    record Null(char marker) implements RespValue {}

    /** {@code *n} elements. */
    record Array(List<RespValue> elements) implements RespValue {}

    /** RESP3 {@code %n}: keys and values alternate in {@code flat} (2n elements, in wire order). */
    record Map(List<RespValue> flat) implements RespValue {}

    /** RESP3 {@code ~n}. */
    record Set(List<RespValue> elements) implements RespValue {}

    /** RESP3 {@code >n} out-of-band push (pub/sub messages, invalidations). */
    record Push(List<RespValue> elements) implements RespValue {}

    /** RESP3 {@code ,text}; {@code text} as sent ({@code inf}, {@code 1.5e+20}, ...). */
    record Double(String text) implements RespValue {
        /** The value as a Java double. */
        public double value() {
            return switch (text) {
                case "inf" -> java.lang.Double.POSITIVE_INFINITY;
                case "-inf" -> java.lang.Double.NEGATIVE_INFINITY;
                default -> java.lang.Double.parseDouble(text);
            };
        }
    }

    /** RESP3 {@code #t} / {@code #f}. */
    record Boolean(boolean value) implements RespValue {}

    /** RESP3 {@code (digits}. */
    record BigNumber(String digits) implements RespValue {}

    /** RESP3 {@code =len fmt:text}. */
    record Verbatim(String format, String text) implements RespValue {}
}
