package io.vigil.config;

import java.util.List;
import java.util.Locale;

/**
 * One directive of a configuration file: its name (lower case, as Redis compares names), its arguments, and where it
 * came from, so that every error can name {@code file:line} and the text the operator wrote.
 *
 * @param source the file name (or {@code command line}) shown in messages
 * @param line the 1-based line number (for the command line: the position of the {@code --name} argument)
 * @param text the line as written, trimmed, for messages and for keeping unchanged lines byte for byte
 * @param name the directive name in lower case; for a {@link #shift() shifted} directive, the sub-option name
 * @param args the arguments after the name, unquoted
 */
public record Directive(String source, int line, String text, String name, List<String> args) {

    /** Copies the argument list; the name is stored in lower case. */
    public Directive {
        name = name.toLowerCase(Locale.ROOT);
        args = List.copyOf(args);
    }

    /** {@code file:line}, as used at the start of every message. */
    public String where() {
        return source + ":" + line;
    }

    /** The argument at {@code index}. */
    public String arg(int index) {
        return args.get(index);
    }

    /** The name followed by the arguments, the form used to render the directive again. */
    public List<String> tokens() {
        var tokens = new java.util.ArrayList<String>(args.size() + 1);
        tokens.add(name);
        tokens.addAll(args);
        return tokens;
    }

    /**
     * The sub-directive: the first argument becomes the name, e.g. {@code sentinel monitor m 1.2.3.4 6379 2} becomes
     * {@code monitor m 1.2.3.4 6379 2}. The location and the original text are kept for messages.
     *
     * @throws ConfigException when there is no argument to shift
     */
    public Directive shift() {
        if (args.isEmpty()) {
            throw error("'" + name + "' needs an option name after it");
        }
        return new Directive(source, line, text, args.get(0), args.subList(1, args.size()));
    }

    /** Drops the first {@code count} arguments, keeping name, location and text. */
    public Directive dropArgs(int count) {
        return new Directive(source, line, text, name, args.subList(count, args.size()));
    }

    /** An error about this directive: {@code file:line: text: problem}. */
    public ConfigException error(String problem) {
        return new ConfigException(where() + ": " + text + ": " + problem);
    }

    /** An error about one value: {@code file:line: text: 'value' is not expected}. */
    public ConfigException invalid(String value, String expected) {
        return error("'" + value + "' is not " + expected);
    }
}
