package io.vigil.api.resp.impl;

import java.util.OptionalLong;

/** Argument parsing with Redis's rules. */
public final class Args {

    private Args() {}

    /**
     * Parses a 64-bit integer as Redis's {@code string2ll} does: optional {@code -}, no {@code +}, no spaces, no
     * leading zeros, no overflow.
     */
    public static OptionalLong parseLong(String text) {
        int length = text.length();
        if (length == 0 || length > 20) {
            return OptionalLong.empty();
        }
        if (text.equals("0")) {
            return OptionalLong.of(0);
        }
        int start = text.charAt(0) == '-' ? 1 : 0;
        if (start == length || text.charAt(start) < '1' || text.charAt(start) > '9') {
            return OptionalLong.empty();
        }
        for (int i = start + 1; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException overflow) {
            return OptionalLong.empty();
        }
    }

    /** Whether a client name is valid: only printable ASCII without spaces ({@code '!'..'~'}). */
    public static boolean validClientName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }
}
