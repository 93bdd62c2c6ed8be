package io.vigil.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A parsed configuration file in the redis.conf / sentinel.conf format, every physical line kept.
 *
 * <p>Rules, as in Redis's {@code loadServerConfigFromString}: each line is trimmed of spaces, tabs, CR and LF; a line
 * that is then empty or starts with {@code #} is a comment (so {@code port 6379 # note} is <em>not</em> a comment,
 * it is a directive with three arguments); the rest is split by {@link ArgSplitter}; the directive name is compared
 * case-insensitively. By default {@code include} is rejected (Sentinel rewrites its file and must own all of it);
 * with {@link Include#KEEP} it is an ordinary directive that {@link ConfigIncludes} follows.
 */
public final class ConfigFile {

    /** What an {@code include} line is. */
    public enum Include {
        /** An error naming the line. */
        REJECT,
        /** A directive like any other, for the caller to follow (see {@link ConfigIncludes}). */
        KEEP
    }

    private final String sourceName;
    private final Optional<Path> path;
    private final List<ConfigLine> lines;

    private ConfigFile(String sourceName, Optional<Path> path, List<ConfigLine> lines) {
        this.sourceName = sourceName;
        this.path = path;
        this.lines = List.copyOf(lines);
    }

    /**
     * Reads and parses a file (UTF-8); messages name it by its file name.
     *
     * @throws ConfigException for a syntax error or a missing file
     * @throws IOException when the file exists but cannot be read
     */
    public static ConfigFile read(Path file) throws IOException {
        return read(file, Include.REJECT);
    }

    /**
     * Reads and parses a file (UTF-8), treating {@code include} lines as {@code include} says.
     *
     * @throws ConfigException for a syntax error or a missing file
     * @throws IOException when the file exists but cannot be read
     */
    public static ConfigFile read(Path file, Include include) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": configuration file not found", e);
        }
        String name = file.getFileName() == null
                ? file.toString()
                : file.getFileName().toString();
        return parse(name, Optional.of(file), text, include);
    }

    /**
     * Parses configuration text; {@code sourceName} is used in messages.
     *
     * @throws ConfigException for a syntax error (unbalanced quotes, {@code include})
     */
    public static ConfigFile parse(String sourceName, String text) {
        return parse(sourceName, Optional.empty(), text, Include.REJECT);
    }

    /**
     * Parses configuration text, treating {@code include} lines as {@code include} says.
     *
     * @throws ConfigException for a syntax error
     */
    public static ConfigFile parse(String sourceName, String text, Include include) {
        return parse(sourceName, Optional.empty(), text, include);
    }

    private static ConfigFile parse(String sourceName, Optional<Path> path, String text, Include include) {
        String[] physical = text.split("\n", -1);
        int count = physical.length;
        if (count > 0 && physical[count - 1].isEmpty()) {
            count--;
        }
        List<ConfigLine> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String raw = physical[i].endsWith("\r") ? physical[i].substring(0, physical[i].length() - 1) : physical[i];
            lines.add(parseLine(sourceName, i + 1, raw, include));
        }
        return new ConfigFile(sourceName, path, lines);
    }

    /** Parses one line at {@code number} of {@code sourceName}; comments and blanks carry no directive. */
    static ConfigLine parseLine(String sourceName, int number, String raw) {
        return parseLine(sourceName, number, raw, Include.REJECT);
    }

    private static ConfigLine parseLine(String sourceName, int number, String raw, Include include) {
        String trimmed = trim(raw);
        if (trimmed.isEmpty() || trimmed.charAt(0) == '#') {
            return new ConfigLine(number, raw, Optional.empty());
        }
        List<String> args;
        try {
            args = ArgSplitter.split(trimmed);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(sourceName + ":" + number + ": " + trimmed + ": " + e.getMessage()
                    + " (use \"double quotes\" with \\\" or 'single quotes' with \\')");
        }
        if (args.isEmpty()) {
            return new ConfigLine(number, raw, Optional.empty());
        }
        Directive directive = new Directive(sourceName, number, trimmed, args.get(0), args.subList(1, args.size()));
        if (directive.name().equals("include") && include == Include.REJECT) {
            throw directive.error("include is not supported: Vigil rewrites its configuration file and must own"
                    + " all of it; copy the directives into this file");
        }
        return new ConfigLine(number, raw, Optional.of(directive));
    }

    /** Redis's {@code sdstrim(line, " \t\r\n")}. */
    private static String trim(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && " \t\r\n".indexOf(raw.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && " \t\r\n".indexOf(raw.charAt(end - 1)) >= 0) {
            end--;
        }
        return raw.substring(start, end);
    }

    /** The name used in messages (the file name, or what was given to {@link #parse}). */
    public String sourceName() {
        return sourceName;
    }

    /** The file this was read from, if it was read from one. */
    public Optional<Path> path() {
        return path;
    }

    /** Every physical line, in order. */
    public List<ConfigLine> lines() {
        return lines;
    }

    /** The directives, in file order. */
    public List<Directive> directives() {
        List<Directive> directives = new ArrayList<>();
        for (ConfigLine line : lines) {
            line.directive().ifPresent(directives::add);
        }
        return directives;
    }

    /** The file's text: every line followed by a newline. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (ConfigLine line : lines) {
            out.append(line.text()).append('\n');
        }
        return out.toString();
    }
}
