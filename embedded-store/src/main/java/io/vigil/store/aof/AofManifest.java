package io.vigil.store.aof;

import java.util.ArrayList;
import java.util.List;

/**
 * The manifest of a Redis 7.0 multi-part append-only file ({@code appenddirname}/{@code appendfilename.manifest}):
 * one base file, the history files a finished rewrite left to delete, and the incremental files applied after the
 * base in order. One line per file, {@code file <name> seq <n> type <b|h|i>}, base first, then history, then the
 * incremental files; {@code #} starts a comment line.
 *
 * <p>File names follow Redis: {@code <appendfilename>.<seq>.base.rdb} (RDB preamble) or {@code .base.aof},
 * {@code <appendfilename>.<seq>.incr.aof}. Base and incremental files count their sequence numbers separately.
 *
 * @param base the base file, or {@code null} (an AOF turned on while a dataset existed has one once its first
 *     rewrite ended)
 * @param history files no longer part of the dataset, to delete
 * @param incrs incremental files in the order they are applied
 */
public record AofManifest(Part base, List<Part> history, List<Part> incrs) {

    /** The type letter of a manifest line. */
    public enum Type {
        /** {@code b}: the base. */
        BASE('b'),
        /** {@code h}: history, deleted after a rewrite. */
        HISTORY('h'),
        /** {@code i}: incremental. */
        INCR('i');

        final char letter;

        Type(char letter) {
            this.letter = letter;
        }

        static Type of(String s) {
            for (Type t : values()) {
                if (s.length() == 1 && s.charAt(0) == t.letter) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown AOF file type '" + s + "'");
        }
    }

    /** One file of the manifest. */
    public record Part(String name, long seq, Type type) {
        /** The same file, listed as another type. */
        public Part as(Type other) {
            return new Part(name, seq, other);
        }

        /** Whether the base file starts with an RDB preamble (by its name, as Redis decides). */
        public boolean rdb() {
            return name.endsWith(".rdb");
        }
    }

    /** Copies the lists. */
    public AofManifest {
        history = List.copyOf(history);
        incrs = List.copyOf(incrs);
    }

    /** An empty manifest (no AOF yet). */
    public static AofManifest empty() {
        return new AofManifest(null, List.of(), List.of());
    }

    /** The highest incremental sequence number (0 when none). */
    public long lastIncrSeq() {
        long seq = 0;
        for (Part p : incrs) {
            seq = Math.max(seq, p.seq());
        }
        return seq;
    }

    /** The base's sequence number (0 when none). */
    public long baseSeq() {
        return base == null ? 0 : base.seq();
    }

    /** Parses a manifest's text; errors name the line and say what is wrong. */
    public static AofManifest parse(String text) {
        Part base = null;
        List<Part> history = new ArrayList<>();
        List<Part> incrs = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Part part;
            try {
                part = parseLine(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid AOF manifest line " + (i + 1) + ": " + e.getMessage());
            }
            switch (part.type()) {
                case BASE -> {
                    if (base != null) {
                        throw new IllegalArgumentException(
                                "Invalid AOF manifest line " + (i + 1) + ": found duplicate base file information");
                    }
                    base = part;
                }
                case HISTORY -> history.add(part);
                case INCR -> {
                    if (!incrs.isEmpty()
                            && part.seq() <= incrs.get(incrs.size() - 1).seq()) {
                        throw new IllegalArgumentException("Invalid AOF manifest line " + (i + 1)
                                + ": found a non-monotonic sequence number " + part.seq());
                    }
                    incrs.add(part);
                }
            }
        }
        return new AofManifest(base, history, incrs);
    }

    private static Part parseLine(String line) {
        List<String> words = splitWords(line);
        if (words.size() % 2 != 0) {
            throw new IllegalArgumentException("the number of key/value words is odd");
        }
        String name = null;
        Long seq = null;
        Type type = null;
        for (int i = 0; i < words.size(); i += 2) {
            String value = words.get(i + 1);
            switch (words.get(i)) {
                case "file" -> name = value;
                case "seq" -> {
                    try {
                        seq = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("seq '" + value + "' is not a number");
                    }
                }
                case "type" -> type = Type.of(value);
                default -> {
                    // Redis ignores keys it does not know (forward compatibility)
                }
            }
        }
        if (name == null || seq == null || type == null) {
            throw new IllegalArgumentException("a line needs file, seq and type");
        }
        if (name.contains("/")) {
            throw new IllegalArgumentException("file name '" + name + "' must not be a path");
        }
        return new Part(name, seq, type);
    }

    /** Splits on spaces, honouring double quotes with backslash escapes (the names Vigil writes need none). */
    private static List<String> splitWords(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            StringBuilder sb = new StringBuilder();
            if (c == '"') {
                i++;
                while (i < line.length() && line.charAt(i) != '"') {
                    if (line.charAt(i) == '\\' && i + 1 < line.length()) {
                        i++;
                    }
                    sb.append(line.charAt(i++));
                }
                if (i >= line.length()) {
                    throw new IllegalArgumentException("unbalanced quotes");
                }
                i++;
            } else {
                while (i < line.length() && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                    sb.append(line.charAt(i++));
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    /** The manifest's text, as Redis writes it. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        if (base != null) {
            line(sb, base);
        }
        history.forEach(p -> line(sb, p));
        incrs.forEach(p -> line(sb, p));
        return sb.toString();
    }

    private static void line(StringBuilder sb, Part p) {
        String name = p.name().matches("[A-Za-z0-9._-]+") ? p.name() : quote(p.name());
        sb.append("file ")
                .append(name)
                .append(" seq ")
                .append(p.seq())
                .append(" type ")
                .append(p.type().letter)
                .append('\n');
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
