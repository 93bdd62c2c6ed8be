package io.vigil.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The arguments of {@code redis-server} / {@code redis-sentinel}, turned into configuration directives exactly as
 * Redis does it: an optional first argument that does not start with {@code -} is the configuration file; every
 * {@code --name} starts a directive and the arguments after it are its values ({@code --save ''} gives
 * {@code save ""}; {@code --replicaof 127.0.0.1 6379} gives {@code replicaof 127.0.0.1 6379}). A {@code --name} that
 * comes right after a name without a value is taken as a value ({@code --masterauth --secret}), except after
 * {@code --save} (which then gets an empty value) and {@code --sentinel} (which takes no value). An argument such as
 * {@code "--port 6380"} carries the name and the value together. Reading the configuration from standard input
 * ({@code -}) is not supported.
 *
 * @param configFile the configuration file named first, if any
 * @param sentinelMode whether {@code --sentinel} was given
 * @param directives the directives, in order; they apply after the file's, so they override it
 */
public record CommandLine(Optional<Path> configFile, boolean sentinelMode, List<Directive> directives) {

    /** The source name used in messages about command-line directives, e.g. {@code command line:3: ...}. */
    public static final String SOURCE = "command line";

    /** Copies the directive list. */
    public CommandLine {
        directives = List.copyOf(directives);
    }

    /**
     * Parses the arguments (without the program name).
     *
     * @throws ConfigException for stdin input or an argument that does not form a valid directive
     */
    public static CommandLine parse(List<String> argv) {
        int j = 0;
        Optional<Path> file = Optional.empty();
        if (!argv.isEmpty() && !argv.get(0).startsWith("-")) {
            file = Optional.of(Path.of(argv.get(0)));
            j = 1;
        }
        List<StringBuilder> lines = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        boolean sentinelMode = false;
        boolean handledLastConfigArg = true;
        int argc = argv.size();
        for (; j < argc; j++) {
            String arg = argv.get(j);
            if (arg.equals("-")) {
                throw new ConfigException(SOURCE + ":" + (j + 1) + ": '-': reading the configuration from standard"
                        + " input is not supported; name a file or use --name value arguments");
            }
            if (handledLastConfigArg && arg.startsWith("--")) {
                StringBuilder line = new StringBuilder(arg.substring(2)).append(' ');
                lines.add(line);
                positions.add(j + 1);
                if (splitCount(arg) == 1) {
                    handledLastConfigArg = false;
                    boolean nextIsName = j != argc - 1 && argv.get(j + 1).startsWith("--");
                    boolean last = j == argc - 1;
                    if (arg.equalsIgnoreCase("--save") && (nextIsName || last)) {
                        line.append("\"\"");
                        handledLastConfigArg = true;
                    } else if (arg.equalsIgnoreCase("--sentinel") && (nextIsName || last)) {
                        handledLastConfigArg = true;
                    }
                } else {
                    handledLastConfigArg = true;
                }
            } else {
                if (lines.isEmpty()) {
                    throw new ConfigException(SOURCE + ":" + (j + 1) + ": '" + arg
                            + "': expected an option such as --port 6379 (only the first argument may be a file)");
                }
                lines.get(lines.size() - 1).append(Quoting.quote(arg)).append(' ');
                handledLastConfigArg = true;
            }
        }
        List<Directive> directives = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ConfigLine line = ConfigFile.parseLine(
                    SOURCE, positions.get(i), lines.get(i).toString().strip());
            if (line.directive().isEmpty()) {
                continue;
            }
            Directive directive = line.directive().get();
            if (directive.name().equals("sentinel") && directive.args().isEmpty()) {
                sentinelMode = true;
            } else {
                directives.add(directive);
            }
        }
        return new CommandLine(file, sentinelMode, directives);
    }

    private static int splitCount(String arg) {
        try {
            return ArgSplitter.split(arg).size();
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }
}
