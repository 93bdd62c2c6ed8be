package io.vigil.store.config;

import io.vigil.resp.RespRequestDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@code redis.conf}-style file and {@code redis-server}-style command-line options into a {@link
 * StoreConfig}. As in Redis, command-line options ({@code --port 7000 --save ''}) are applied after the file, one
 * directive per {@code --name} with the words up to the next {@code --name} as its arguments. Lines are split with
 * Redis's quoting rules; {@code #} starts a comment line; {@code include} is not supported.
 */
public final class ConfigLoader {

    private ConfigLoader() {}

    /**
     * Builds a configuration.
     *
     * @param file a config file, or {@code null}
     * @param options command-line options in {@code --name value...} form
     * @throws ConfigException naming {@code file:line} (or {@code command line}), the directive and the reason
     */
    public static StoreConfig load(Path file, List<String> options) throws ConfigException {
        StoreConfig config = new StoreConfig();
        config.set("save", ""); // as Redis: the first save directive replaces the default rules, later ones add
        boolean[] saveSeen = {false};
        if (file != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new ConfigException(file.toString(), "-", "cannot read the config file: " + e.getMessage());
            }
            for (int i = 0; i < lines.size(); i++) {
                applyLine(config, file + ":" + (i + 1), lines.get(i), saveSeen);
            }
            config.configFile(file.toAbsolutePath());
        }
        List<List<String>> directives = groupOptions(options);
        for (int i = 0; i < directives.size(); i++) {
            List<String> words = directives.get(i);
            apply(config, "command line option " + (i + 1), words.get(0), words.subList(1, words.size()), saveSeen);
        }
        if (!saveSeen[0]) {
            config.set("save", new StoreConfig().get("save")); // no save directive: Redis 7's default rules
        }
        return config;
    }

    static List<List<String>> groupOptions(List<String> options) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = null;
        for (String option : options) {
            if (option.startsWith("--") && option.length() > 2) {
                current = new ArrayList<>();
                current.add(option.substring(2));
                out.add(current);
            } else if (current == null) {
                throw new IllegalArgumentException("expected an option starting with '--', got '" + option + "'");
            } else {
                current.add(option);
            }
        }
        return out;
    }

    private static void applyLine(StoreConfig config, String location, String line, boolean[] saveSeen)
            throws ConfigException {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return;
        }
        byte[][] words = RespRequestDecoder.splitArgs(trimmed.getBytes(StandardCharsets.ISO_8859_1));
        if (words == null) {
            throw new ConfigException(location, trimmed, "Unbalanced quotes in configuration line");
        }
        List<String> list = new ArrayList<>();
        Arrays.stream(words).forEach(w -> list.add(new String(w, StandardCharsets.ISO_8859_1)));
        apply(config, location, list.get(0), list.subList(1, list.size()), saveSeen);
    }

    private static void apply(StoreConfig config, String location, String name, List<String> args, boolean[] saveSeen)
            throws ConfigException {
        String directive = name.toLowerCase(Locale.ROOT);
        if (directive.equals("include")) {
            throw new ConfigException(location, directive, "include is not supported yet by the embedded store");
        }
        if (!config.isKnown(directive)) {
            throw new ConfigException(
                    location,
                    directive,
                    "Bad directive or wrong number of arguments "
                            + "(unknown to the embedded store; see docs for the supported directives)");
        }
        if (args.isEmpty() && !directive.equals("save") && !directive.equals("requirepass")) {
            throw new ConfigException(location, directive, "wrong number of arguments");
        }
        String value = String.join(" ", args);
        if (directive.equals("save")) {
            // Like redis.conf, each "save <seconds> <changes>" line adds a rule; "save ''" clears them.
            if (!value.isBlank() && !config.get("save").isEmpty()) {
                value = config.get("save") + " " + value;
            }
            saveSeen[0] = true;
        }
        try {
            config.set(directive, value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(location, directive, e.getMessage() + " (got '" + String.join(" ", args) + "')");
        }
    }
}
