package io.vigil.store.config;

import io.vigil.config.AtomicFileWriter;
import io.vigil.config.ConfigFile;
import io.vigil.config.ConfigLine;
import io.vigil.config.ConfigRewriter;
import io.vigil.config.Directive;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code CONFIG REWRITE}: rewrites the configuration file the way Redis 7 does, through the config module's {@link
 * ConfigRewriter} (layout) and {@link AtomicFileWriter} (temp file, fsync, atomic rename, fsync of the directory).
 *
 * <ul>
 *   <li>comments, blank lines and {@code include} lines stay; a line naming a directive the store does not know
 *       becomes the comment {@code # ??? <line>}, as in Redis;
 *   <li>the n-th existing line of a directive is replaced by the n-th line of its current value (kept byte for byte
 *       when unchanged); extra old lines are dropped ({@code save} has a line per rule, {@code
 *       client-output-buffer-limit} a line per client class);
 *   <li>a directive with no line is appended after {@value ConfigRewriter#SIGNATURE} only when its value differs
 *       from the default, except {@code save} and {@code dir}, which Redis always writes ({@code save ""} when
 *       there are no rules; {@code dir} as an absolute path); an empty {@code replicaof} removes its lines;
 *   <li>memory sizes are written with the largest exact unit ({@code 2mb}), as Redis does.
 * </ul>
 */
public final class StoreConfigRewriter {

    /** Directives whose values are byte counts. */
    private static final Set<String> MEMORY =
            Set.of("proto-max-bulk-len", "maxmemory", "repl-backlog-size", "auto-aof-rewrite-min-size");

    private static final String COBL = "client-output-buffer-limit";

    private StoreConfigRewriter() {}

    /** Rewrites {@code config.configFile()}; see {@link #rewrite(StoreConfig, AtomicFileWriter)}. */
    public static void rewrite(StoreConfig config) throws IOException {
        rewrite(config, new AtomicFileWriter());
    }

    /**
     * Rewrites {@code config.configFile()} atomically and durably (creating it when it was deleted).
     *
     * @throws IOException when the file cannot be read or written (it then keeps its old content), or a value
     *     cannot be written as text
     * @throws io.vigil.config.ConfigException when the file now has a syntax error (it is left as it is)
     */
    public static void rewrite(StoreConfig config, AtomicFileWriter writer) throws IOException {
        Path file = config.configFile();
        AtomicFileWriter.removeStaleTemps(file);
        ConfigFile original = Files.exists(file)
                ? ConfigFile.read(file, ConfigFile.Include.KEEP)
                : ConfigFile.parse(String.valueOf(file.getFileName()), "", ConfigFile.Include.KEEP);
        writer.write(file, render(original, config).getBytes(StandardCharsets.UTF_8));
    }

    /** The new text of {@code original} for the values of {@code config}. */
    public static String render(ConfigFile original, StoreConfig config) throws IOException {
        StringBuilder text = new StringBuilder();
        for (ConfigLine line : original.lines()) {
            Optional<Directive> directive = line.directive();
            if (directive.isPresent() && baseKey(directive.get(), config).isEmpty() && !isInclude(directive.get())) {
                text.append("# ??? ").append(directive.get().text());
            } else {
                text.append(line.text());
            }
            text.append('\n');
        }
        ConfigFile current = ConfigFile.parse(original.sourceName(), text.toString(), ConfigFile.Include.KEEP);
        Map<Integer, String> keyByLine = new HashMap<>();
        Map<String, Integer> occurrences = new HashMap<>();
        for (Directive directive : current.directives()) {
            baseKey(directive, config)
                    .ifPresent(base ->
                            keyByLine.put(directive.line(), key(base, occurrences.merge(base, 1, Integer::sum))));
        }
        return ConfigRewriter.rewrite(
                current, desired(config), directive -> Optional.ofNullable(keyByLine.get(directive.line())));
    }

    private static boolean isInclude(Directive directive) {
        return directive.name().equals("include");
    }

    /** The option a line belongs to ({@code client-output-buffer-limit} per class), or empty for include/unknown. */
    private static Optional<String> baseKey(Directive directive, StoreConfig config) {
        if (isInclude(directive)) {
            return Optional.empty();
        }
        return config.canonicalName(directive.name()).map(name -> {
            if (!name.equals(COBL) || directive.args().isEmpty()) {
                return name;
            }
            ClientClass clientClass = ClientClass.parse(directive.arg(0));
            return COBL + " " + (clientClass == null ? directive.arg(0) : clientClass.configName());
        });
    }

    /** The key of the {@code n}-th (1-based) line of an option. */
    private static String key(String base, int n) {
        return n == 1 ? base : base + " #" + n;
    }

    private static List<ConfigRewriter.Line> desired(StoreConfig config) throws IOException {
        StoreConfig defaults = new StoreConfig();
        List<ConfigRewriter.Line> lines = new ArrayList<>();
        for (Map.Entry<String, String> entry : config.entries(false).entrySet()) {
            String name = entry.getKey();
            boolean isDefault = entry.getValue().equals(defaults.get(name));
            String value = text(name, entry.getValue());
            List<String> words = value.isEmpty() ? List.of() : List.of(value.split(" "));
            switch (name) {
                case "save" -> {
                    if (words.isEmpty()) {
                        lines.add(ConfigRewriter.Line.of("save", List.of("save", "")));
                    }
                    for (int i = 0; i + 1 < words.size(); i += 2) {
                        lines.add(ConfigRewriter.Line.of(
                                key("save", i / 2 + 1), List.of("save", words.get(i), words.get(i + 1))));
                    }
                }
                case "dir" ->
                    lines.add(ConfigRewriter.Line.of(
                            name,
                            List.of(
                                    name,
                                    Path.of(value).toAbsolutePath().normalize().toString())));
                case "replicaof" -> {
                    if (!words.isEmpty()) {
                        lines.add(ConfigRewriter.Line.of(name, tokens(name, words)));
                    }
                }
                case "bind" -> lines.add(line(name, tokens(name, words), isDefault));
                case COBL -> {
                    for (ClientClass clientClass :
                            List.of(ClientClass.NORMAL, ClientClass.REPLICA, ClientClass.PUBSUB)) {
                        OutputBufferLimit limit = config.outputLimit(clientClass);
                        List<String> tokens = List.of(
                                COBL,
                                clientClass.configName(),
                                memory(limit.hardBytes()),
                                memory(limit.softBytes()),
                                Long.toString(limit.softSeconds()));
                        lines.add(line(
                                COBL + " " + clientClass.configName(),
                                tokens,
                                limit.equals(defaults.outputLimit(clientClass))));
                    }
                }
                default ->
                    lines.add(line(
                            name,
                            List.of(name, MEMORY.contains(name) ? memory(Long.parseLong(value)) : value),
                            isDefault));
            }
        }
        return lines;
    }

    private static List<String> tokens(String name, List<String> words) {
        List<String> tokens = new ArrayList<>(words.size() + 1);
        tokens.add(name);
        tokens.addAll(words);
        return tokens;
    }

    /** A value at its default only updates an existing line; any other value is also appended when it has none. */
    private static ConfigRewriter.Line line(String key, List<String> tokens, boolean isDefault) {
        return isDefault ? ConfigRewriter.Line.replaceOnly(key, tokens) : ConfigRewriter.Line.of(key, tokens);
    }

    /** Redis's {@code rewriteConfigFormatMemory}: the largest unit that divides the size exactly. */
    static String memory(long bytes) {
        long[] units = {1024L * 1024 * 1024, 1024L * 1024, 1024L};
        String[] names = {"gb", "mb", "kb"};
        for (int i = 0; i < units.length; i++) {
            if (bytes != 0 && bytes % units[i] == 0) {
                return bytes / units[i] + names[i];
            }
        }
        return Long.toString(bytes);
    }

    /** The text of a value the store keeps as bytes (one char per byte); it must be UTF-8 to be written. */
    private static String text(String name, String value) throws IOException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException("the value of '" + name + "' is not valid UTF-8, so it cannot be written to the"
                    + " configuration file (the file is unchanged)");
        }
    }
}
