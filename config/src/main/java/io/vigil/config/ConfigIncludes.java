package io.vigil.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a redis.conf-style file and the files its {@code include <file>} lines name, returning every directive in the
 * order Redis applies them: an included file's directives take the place of its {@code include} line, so a later
 * line overrides them and they override earlier ones.
 *
 * <p>A relative path is resolved against the directory of the file that includes it (Redis resolves it against its
 * working directory; the two agree when the server is started from the configuration's directory). An include cycle
 * ({@code a.conf} includes {@code b.conf} includes {@code a.conf}) is an error naming the line and the chain, as are
 * a missing file and a glob pattern (which Redis 7 expands; Vigil does not).
 */
public final class ConfigIncludes {

    private ConfigIncludes() {}

    /**
     * The directives of {@code file} with its includes followed; messages name each file by its file name.
     *
     * @throws ConfigException for a syntax error, a missing file, a cycle or a malformed {@code include}
     * @throws IOException when a file exists but cannot be read
     */
    public static List<Directive> directives(Path file) throws IOException {
        List<Directive> out = new ArrayList<>();
        collect(ConfigFile.read(file, ConfigFile.Include.KEEP), file, new ArrayDeque<>(), out);
        return out;
    }

    private static void collect(ConfigFile config, Path file, Deque<Path> chain, List<Directive> out)
            throws IOException {
        chain.addLast(file.toRealPath());
        for (Directive directive : config.directives()) {
            if (!directive.name().equals("include")) {
                out.add(directive);
                continue;
            }
            if (directive.args().size() != 1) {
                throw directive.error("include takes exactly one file name");
            }
            String name = directive.arg(0);
            if (name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0) {
                throw directive.error("glob patterns are not supported in include; name one file per include line");
            }
            Path target = file.toAbsolutePath().getParent().resolve(name).normalize();
            if (!Files.isRegularFile(target)) {
                throw directive.error("cannot include '" + target + "': "
                        + (Files.exists(target) ? "not a regular file" : "no such file"));
            }
            if (chain.contains(target.toRealPath())) {
                String cycle =
                        chain.stream().map(p -> String.valueOf(p.getFileName())).collect(Collectors.joining(" -> "));
                throw directive.error("include cycle: " + cycle + " -> " + target.getFileName());
            }
            collect(ConfigFile.read(target, ConfigFile.Include.KEEP), target, chain, out);
        }
        chain.removeLast();
    }
}
