package io.vigil.store.config;

import io.vigil.config.CommandLine;
import io.vigil.config.ConfigException;
import io.vigil.config.ConfigIncludes;
import io.vigil.config.Directive;
import io.vigil.config.DirectiveTable;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds a {@link StoreConfig} from {@code redis-server}'s arguments: an optional {@code redis.conf}-style file first
 * (its {@code include} lines followed), then {@code --name value...} options, which apply after the file and so
 * override it ({@code --save ''}, {@code --replicaof 127.0.0.1 6379}, {@code --appendonly yes --appendfsync always}).
 * Reading, quoting and splitting are the config module's ({@link ConfigIncludes}, {@link CommandLine}); this class
 * checks each directive against the store's table and applies it with Redis's rules:
 *
 * <ul>
 *   <li>a directive takes exactly one value, except {@code save}, {@code bind}, {@code client-output-buffer-limit},
 *       {@code shutdown-on-sigterm}, {@code shutdown-on-sigint}
 *       (one or more) and {@code replicaof} (host and port);
 *   <li>the first {@code save} replaces the default rules and later ones add to them; {@code save ""} (or a bare
 *       {@code save}) clears them;
 *   <li>an unknown directive, a wrong number of values or an invalid value is an error naming {@code file:line} (or
 *       {@code command line:<argument position>}), the line as written and what is valid.
 * </ul>
 *
 * <p>Values are kept as the store keeps every string: one char per byte (ISO-8859-1) of the UTF-8 text.
 */
public final class ConfigLoader {

    /** Directives that take several words; every other one takes exactly one value. */
    private static final Set<String> MULTI_WORD = Set.of(
            "save", "bind", "client-output-buffer-limit", "replicaof", "shutdown-on-sigterm", "shutdown-on-sigint");

    private final StoreConfig config;
    private boolean saveSeen;

    private ConfigLoader(StoreConfig config) {
        this.config = config;
    }

    /**
     * Builds a configuration from {@code redis-server}-style arguments: {@code [config-file] [--name value ...]}.
     *
     * @throws ConfigException naming {@code file:line} (or {@code command line:<position>}), the line and the reason
     */
    public static StoreConfig load(List<String> args) {
        return load(new StoreConfig(), args);
    }

    /** Applies {@code args} to {@code config}, whose values stand for the defaults (a test seam). */
    static StoreConfig load(StoreConfig config, List<String> args) {
        CommandLine commandLine = CommandLine.parse(args);
        if (commandLine.sentinelMode()) {
            throw new ConfigException(CommandLine.SOURCE + ": --sentinel: the embedded store does not run as a"
                    + " sentinel; start a sentinel with 'vigil sentinel'");
        }
        ConfigLoader loader = new ConfigLoader(config);
        if (commandLine.configFile().isPresent()) {
            Path file = commandLine.configFile().get();
            List<Directive> directives;
            try {
                directives = ConfigIncludes.directives(file);
            } catch (MalformedInputException e) {
                throw new ConfigException(file + ": cannot read the configuration file: it is not valid UTF-8", e);
            } catch (IOException e) {
                throw new ConfigException(file + ": cannot read the configuration file: " + e, e);
            }
            directives.forEach(loader::apply);
            loader.config.configFile(file.toAbsolutePath());
        }
        commandLine.directives().forEach(loader::apply);
        return loader.config;
    }

    /**
     * Builds a configuration from a file (or {@code null}) and {@code --name value...} options.
     *
     * @throws ConfigException as {@link #load(List)}
     */
    public static StoreConfig load(Path file, List<String> options) {
        List<String> args = new ArrayList<>();
        if (file != null) {
            args.add(file.toString());
        } else if (!options.isEmpty() && !options.get(0).startsWith("-")) {
            throw new ConfigException(CommandLine.SOURCE + ":1: '" + options.get(0) + "': expected an option");
        }
        args.addAll(options);
        return load(args);
    }

    private void apply(Directive directive) {
        String name = config.canonicalName(directive.name()).orElseThrow(() -> DirectiveTable.of("directive")
                .unknown(directive, List.copyOf(config.entries(true).keySet())));
        List<String> args =
                directive.args().stream().map(ConfigLoader::storeString).toList();
        if (name.equals("replicaof") && args.size() != 2) {
            throw directive.error("wrong number of arguments: expected '" + directive.name() + " <host> <port>'"
                    + " or '" + directive.name() + " no one'");
        }
        if (MULTI_WORD.contains(name) ? args.isEmpty() && !name.equals("save") : args.size() != 1) {
            throw directive.error("wrong number of arguments: expected "
                    + (MULTI_WORD.contains(name) ? "one or more values" : "one value (quote a value with spaces)"));
        }
        String value = String.join(" ", args);
        if (name.equals("save")) {
            value = saveRules(directive, args);
        }
        try {
            config.set(name, value);
        } catch (IllegalArgumentException e) {
            throw directive.error(e.getMessage());
        }
    }

    /** Redis's {@code save} while loading: the first replaces the defaults, later ones add, {@code ""} clears. */
    private String saveRules(Directive directive, List<String> args) {
        boolean first = !saveSeen;
        saveSeen = true;
        if (args.isEmpty() || (args.size() == 1 && args.get(0).isEmpty())) {
            return "";
        }
        if (args.stream().anyMatch(String::isBlank)) {
            throw directive.error("Invalid save parameters");
        }
        String value = String.join(" ", args);
        String current = config.get("save");
        return first || current.isEmpty() ? value : current + " " + value;
    }

    /** The store's form of a string: one char per byte of its UTF-8 encoding. */
    private static String storeString(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
