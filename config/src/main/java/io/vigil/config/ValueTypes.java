package io.vigil.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** The value types of the redis.conf / sentinel.conf format. */
public final class ValueTypes {

    private static final Pattern HOSTNAME =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62})?)*\\.?");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9._-]+)?");
    private static final Pattern RUN_ID = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private ValueTypes() {}

    /** Any token, including the empty one. */
    public static ValueType<String> string(String description) {
        return new ValueType<>() {
            @Override
            public String parse(String token) {
                return token;
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /** A whole number in {@code min..max}; {@code unit} (e.g. {@code milliseconds}) is named in messages. */
    public static ValueType<Long> longIn(long min, long max, String unit) {
        String description = describeRange(min, max) + (unit.isEmpty() ? "" : " (" + unit + ")");
        return new ValueType<>() {
            @Override
            public Long parse(String token) {
                long value;
                try {
                    value = Long.parseLong(token);
                } catch (NumberFormatException e) {
                    throw new InvalidValueException(token, description);
                }
                if (value < min || value > max) {
                    throw new InvalidValueException(token, description);
                }
                return value;
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /** A whole number in {@code min..max} that fits an {@code int}. */
    public static ValueType<Integer> intIn(int min, int max, String unit) {
        ValueType<Long> wide = longIn(min, max, unit);
        return new ValueType<>() {
            @Override
            public Integer parse(String token) {
                return wide.parse(token).intValue();
            }

            @Override
            public String describe() {
                return wide.describe();
            }
        };
    }

    /** A positive number of milliseconds ({@code 1..}). */
    public static ValueType<Long> positiveMillis() {
        return longIn(1, Long.MAX_VALUE, "milliseconds");
    }

    /** A TCP port, {@code 1..65535}. */
    public static ValueType<Integer> port() {
        return described(intIn(1, 65535, ""), "a port (1..65535)");
    }

    /** {@code type} with another description in messages. */
    public static <T> ValueType<T> described(ValueType<T> type, String description) {
        return new ValueType<>() {
            @Override
            public T parse(String token) {
                try {
                    return type.parse(token);
                } catch (InvalidValueException e) {
                    throw new InvalidValueException(token, description);
                }
            }

            @Override
            public String describe() {
                return description;
            }

            @Override
            public String render(T value) {
                return type.render(value);
            }
        };
    }

    /**
     * The path of an existing executable file (checked when parsed, as redis-sentinel checks script paths); the empty
     * string is accepted and means none.
     */
    public static ValueType<String> executable() {
        return new ValueType<>() {
            @Override
            public String parse(String token) {
                if (!token.isEmpty() && !java.nio.file.Files.isExecutable(java.nio.file.Path.of(token))) {
                    throw new InvalidValueException(token, describe());
                }
                return token;
            }

            @Override
            public String describe() {
                return "an existing executable file";
            }

            @Override
            public String render(String value) {
                return value;
            }
        };
    }

    /** {@code yes} or {@code no} (any case), as Redis's boolean options. */
    public static ValueType<Boolean> yesNo() {
        return new ValueType<>() {
            @Override
            public Boolean parse(String token) {
                return switch (token.toLowerCase(Locale.ROOT)) {
                    case "yes" -> true;
                    case "no" -> false;
                    default -> throw new InvalidValueException(token, describe());
                };
            }

            @Override
            public String describe() {
                return "yes or no";
            }

            @Override
            public String render(Boolean value) {
                return value ? "yes" : "no";
            }
        };
    }

    /** One of {@code choices} (any case); the value is returned in lower case. */
    public static ValueType<String> oneOf(String... choices) {
        String description = "one of " + String.join(", ", choices);
        return new ValueType<>() {
            @Override
            public String parse(String token) {
                String lower = token.toLowerCase(Locale.ROOT);
                for (String choice : choices) {
                    if (choice.equals(lower)) {
                        return lower;
                    }
                }
                throw new InvalidValueException(token, description);
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /** An IPv4 or IPv6 address, or a host name (no lookup is done here). */
    public static ValueType<String> host() {
        return new ValueType<>() {
            @Override
            public String parse(String token) {
                if (isHost(token)) {
                    return token;
                }
                throw new InvalidValueException(token, describe());
            }

            @Override
            public String describe() {
                return "an IPv4 or IPv6 address or a host name";
            }
        };
    }

    /** A 40-character hexadecimal run id, as Redis generates (stored in lower case). */
    public static ValueType<String> runId() {
        return new ValueType<>() {
            @Override
            public String parse(String token) {
                if (RUN_ID.matcher(token).matches()) {
                    return token.toLowerCase(Locale.ROOT);
                }
                throw new InvalidValueException(token, describe());
            }

            @Override
            public String describe() {
                return "a run id (40 hexadecimal characters)";
            }
        };
    }

    /** A name of letters, digits, {@code .}, {@code _} and {@code -}, as master names. */
    public static ValueType<String> name() {
        return new ValueType<>() {
            @Override
            public String parse(String token) {
                if (NAME.matcher(token).matches()) {
                    return token;
                }
                throw new InvalidValueException(token, describe());
            }

            @Override
            public String describe() {
                return "a name of letters, digits, '.', '_' and '-'";
            }
        };
    }

    /** Whether {@code token} is an IPv4 address, an IPv6 address or a syntactically valid host name. */
    public static boolean isHost(String token) {
        var ipv4 = IPV4.matcher(token);
        if (ipv4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(ipv4.group(i)) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (IPV6.matcher(token).matches()) {
            return true;
        }
        return token.length() <= 253 && HOSTNAME.matcher(token).matches() && !token.matches("[0-9.]+");
    }

    /** Whether {@code token} is a 40-character hexadecimal run id. */
    public static boolean isRunId(String token) {
        return RUN_ID.matcher(token).matches();
    }

    private static String describeRange(long min, long max) {
        if (min == 1 && (max == Long.MAX_VALUE || max == Integer.MAX_VALUE)) {
            return "a positive integer";
        }
        if (min == 0 && max == Long.MAX_VALUE) {
            return "a non-negative integer";
        }
        if (max == Long.MAX_VALUE) {
            return "an integer >= " + min;
        }
        return "an integer in " + min + ".." + max;
    }
}
