package io.vigil.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One configuration directive, declared once with everything about it: name, number of arguments, how they are
 * parsed and validated, default, and help text (like Ratis's {@code RaftServerConfigKeys}). A component declares its
 * directives as constants, collects them in a {@link DirectiveTable}, and reads typed values from the
 * {@link Settings} that the table parses:
 *
 * <pre>{@code
 * static final Setting<Integer> PORT = Setting.single("port", ValueTypes.port(), 6379, "TCP port");
 * static final DirectiveTable TABLE = DirectiveTable.of("directive", PORT, ...);
 * int port = TABLE.parse(ConfigFile.read(path).directives()).get(PORT);
 * }</pre>
 *
 * @param <T> the typed value of one occurrence
 */
public final class Setting<T> {

    /** Turns the arguments of one directive into a value. */
    @FunctionalInterface
    public interface ArgsParser<T> {
        /**
         * @param directive the directive, for error messages ({@link Directive#invalid}, {@link Directive#error})
         * @param args its arguments, already checked against the arity
         */
        T parse(Directive directive, List<String> args);
    }

    private final String name;
    private final int minArgs;
    private final int maxArgs;
    private final String usage;
    private final ArgsParser<T> parser;
    private final Optional<T> defaultValue;
    private final String help;
    private final boolean repeatable;
    private final boolean secret;

    private Setting(
            String name,
            int minArgs,
            int maxArgs,
            String usage,
            ArgsParser<T> parser,
            Optional<T> defaultValue,
            String help,
            boolean repeatable,
            boolean secret) {
        this.name = Objects.requireNonNull(name);
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.usage = usage;
        this.parser = parser;
        this.defaultValue = defaultValue;
        this.help = help;
        this.repeatable = repeatable;
        this.secret = secret;
    }

    /** A directive with one value of {@code type}; {@code defaultValue} may be {@code null} for "no default". */
    public static <T> Setting<T> single(String name, ValueType<T> type, T defaultValue, String help) {
        return new Setting<>(
                name,
                1,
                1,
                name + " <" + type.describe() + ">",
                (d, args) -> parseOne(d, type, args.get(0)),
                Optional.ofNullable(defaultValue),
                help,
                false,
                false);
    }

    /** A directive with one or more values of {@code type} on one line, e.g. {@code bind 127.0.0.1 ::1}. */
    public static <T> Setting<List<T>> list(String name, ValueType<T> type, List<T> defaultValue, String help) {
        return new Setting<>(
                name,
                1,
                Integer.MAX_VALUE,
                name + " <" + type.describe() + "> ...",
                (d, args) -> {
                    List<T> values = new ArrayList<>(args.size());
                    for (String arg : args) {
                        values.add(parseOne(d, type, arg));
                    }
                    return List.copyOf(values);
                },
                Optional.ofNullable(defaultValue),
                help,
                false,
                false);
    }

    /**
     * A directive with {@code minArgs..maxArgs} arguments and its own parser.
     *
     * @param usage the expected form, shown when the argument count is wrong, e.g. {@code replicaof <host> <port>}
     */
    public static <T> Setting<T> custom(
            String name, int minArgs, int maxArgs, String usage, ArgsParser<T> parser, T defaultValue, String help) {
        if (minArgs < 0 || maxArgs < minArgs) {
            throw new IllegalArgumentException("arity must satisfy 0 <= min <= max, was " + minArgs + ".." + maxArgs);
        }
        return new Setting<>(
                name, minArgs, maxArgs, usage, parser, Optional.ofNullable(defaultValue), help, false, false);
    }

    /** This setting, allowed many times (each occurrence is kept) instead of the last one winning. */
    public Setting<T> repeatable() {
        return new Setting<>(name, minArgs, maxArgs, usage, parser, defaultValue, help, true, secret);
    }

    /** This setting, with its value hidden from messages (passwords). */
    public Setting<T> secret() {
        return new Setting<>(name, minArgs, maxArgs, usage, parser, defaultValue, help, repeatable, true);
    }

    /** Parses one token of {@code type} for {@code directive}, turning a rejection into a located message. */
    public static <T> T parseOne(Directive directive, ValueType<T> type, String token) {
        try {
            return type.parse(token);
        } catch (InvalidValueException e) {
            throw directive.invalid(token, e.expected());
        }
    }

    /**
     * Checks the argument count and parses {@code directive}.
     *
     * @throws ConfigException naming the file, line and directive, and what is valid
     */
    public T parse(Directive directive) {
        int count = directive.args().size();
        Directive shown = secret ? hide(directive) : directive;
        if (count < minArgs || count > maxArgs) {
            String expected = minArgs == maxArgs
                    ? minArgs + " argument" + (minArgs == 1 ? "" : "s")
                    : maxArgs == Integer.MAX_VALUE ? "at least " + minArgs : minArgs + " to " + maxArgs;
            throw shown.error("expected " + expected + ", got " + count + " (usage: " + usage + ")");
        }
        try {
            return parser.parse(shown, directive.args());
        } catch (ConfigException e) {
            if (secret) {
                throw shown.error("invalid value (hidden)");
            }
            throw e;
        }
    }

    private Directive hide(Directive directive) {
        return new Directive(
                directive.source(), directive.line(), name + " (value hidden)", directive.name(), directive.args());
    }

    /** The directive name. */
    public String name() {
        return name;
    }

    /** The expected form, e.g. {@code port <a port (1..65535)>}. */
    public String usage() {
        return usage;
    }

    /** The default, if the setting has one. */
    public Optional<T> defaultValue() {
        return defaultValue;
    }

    /** One sentence on what the setting does. */
    public String help() {
        return help;
    }

    /** Whether each occurrence is kept (otherwise the last one wins, as in Redis). */
    public boolean isRepeatable() {
        return repeatable;
    }

    /** Whether values are hidden from messages. */
    public boolean isSecret() {
        return secret;
    }

    @Override
    public String toString() {
        return name;
    }
}
