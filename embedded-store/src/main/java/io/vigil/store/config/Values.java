package io.vigil.store.config;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** Normalisers for configuration values, with Redis's syntax and wording. */
final class Values {

    private Values() {}

    static UnaryOperator<String> integer(long min, long max) {
        return raw -> {
            long v;
            try {
                v = Long.parseLong(raw.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("argument couldn't be parsed into an integer");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException("argument must be between " + min + " and " + max + " inclusive");
            }
            return Long.toString(v);
        };
    }

    static UnaryOperator<String> memory(long min, long max) {
        return raw -> {
            long v = parseMemory(raw);
            if (v < min || v > max) {
                throw new IllegalArgumentException("argument must be between " + min + " and " + max + " inclusive");
            }
            return Long.toString(v);
        };
    }

    /** Parses {@code 100}, {@code 1k} (1000), {@code 1kb} (1024), {@code 1mb}, {@code 1gb}, ... like Redis's memtoull. */
    static long parseMemory(String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        String[][] units = {
            {"kb", "1024"},
            {"mb", "1048576"},
            {"gb", "1073741824"},
            {"k", "1000"},
            {"m", "1000000"},
            {"g", "1000000000"},
            {"b", "1"}
        };
        for (String[] u : units) {
            if (s.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                s = s.substring(0, s.length() - u[0].length());
                break;
            }
        }
        try {
            long v = Long.parseLong(s);
            if (v < 0) {
                throw new IllegalArgumentException("argument must be a memory value");
            }
            return Math.multiplyExact(v, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("argument must be a memory value");
        }
    }

    static UnaryOperator<String> bool() {
        return raw -> switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "yes" -> "yes";
            case "no" -> "no";
            default -> throw new IllegalArgumentException("argument must be 'yes' or 'no'");
        };
    }

    static UnaryOperator<String> oneOf(String... allowed) {
        return raw -> {
            String v = raw.trim().toLowerCase(Locale.ROOT);
            for (String a : allowed) {
                if (a.equals(v)) {
                    return a;
                }
            }
            throw new IllegalArgumentException(
                    "argument(s) must be one of the following: " + String.join(", ", allowed));
        };
    }

    /**
     * Redis 7's {@code shutdown-on-sigterm} / {@code shutdown-on-sigint}: {@code default} or any of {@code save},
     * {@code nosave}, {@code now}, {@code force}, combined; normalised to that order ({@code default} when none).
     */
    static UnaryOperator<String> shutdownFlags() {
        List<String> names = List.of("save", "nosave", "now", "force");
        return raw -> {
            boolean[] set = new boolean[names.size()];
            for (String word : raw.trim().toLowerCase(Locale.ROOT).split("\\s+")) {
                int i = names.indexOf(word);
                if (i >= 0) {
                    set[i] = true;
                } else if (!word.equals("default")) {
                    throw new IllegalArgumentException(
                            "argument(s) must be one of the following: default, save, nosave, now, force");
                }
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < set.length; i++) {
                if (set[i]) {
                    out.append(out.isEmpty() ? "" : " ").append(names.get(i));
                }
            }
            return out.isEmpty() ? "default" : out.toString();
        };
    }

    static UnaryOperator<String> any() {
        return raw -> raw;
    }

    /** Only the listed values are accepted; anything else is a feature this store does not have yet. */
    static UnaryOperator<String> onlySupported(String feature, String... allowed) {
        return raw -> {
            String v = raw.trim().toLowerCase(Locale.ROOT);
            for (String a : allowed) {
                if (a.equals(v)) {
                    return a;
                }
            }
            throw new IllegalArgumentException(feature + " is not supported yet by the embedded store (accepted: "
                    + (allowed.length == 1 && allowed[0].isEmpty() ? "''" : String.join(", ", allowed)) + ")");
        };
    }
}
