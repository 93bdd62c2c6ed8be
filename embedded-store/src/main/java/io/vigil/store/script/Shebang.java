package io.vigil.store.script;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * A script's optional first line {@code #!lua [flags=f1,f2]} (Redis 7.0). The line is dropped from the compiled
 * text but its newline kept, so line numbers in errors stay those of the body. Of the flags only {@code no-writes}
 * changes anything here; the others concern OOM, stale replicas and cluster slots.
 *
 * @param source the text to compile
 * @param noWrites whether the script declared {@code flags=no-writes}
 */
public record Shebang(byte[] source, boolean noWrites) {

    private static final Set<String> FLAGS =
            Set.of("no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys");

    /** Parses the shebang of {@code body}, if any; throws the Redis error for a malformed one. */
    public static Shebang parse(byte[] body) {
        if (body.length < 2 || body[0] != '#' || body[1] != '!') {
            return new Shebang(body, false);
        }
        int newline = -1;
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '\n') {
                newline = i;
                break;
            }
        }
        if (newline < 0) {
            throw new CommandException(RespError.of("ERR Invalid script shebang"));
        }
        String[] parts = new String(body, 0, newline, StandardCharsets.ISO_8859_1).split(" +");
        if (!parts[0].equals("#!lua")) {
            throw new CommandException(RespError.of("ERR Unexpected engine in script shebang: " + parts[0]));
        }
        boolean noWrites = false;
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].startsWith("flags=")) {
                throw new CommandException(RespError.of("ERR Unknown lua shebang option: " + parts[i]));
            }
            for (String flag : parts[i].substring("flags=".length()).split(",", -1)) {
                if (flag.isEmpty()) {
                    continue;
                }
                if (!FLAGS.contains(flag)) {
                    throw new CommandException(RespError.of("ERR Unexpected flag in script shebang: " + flag));
                }
                noWrites |= flag.equals("no-writes");
            }
        }
        return new Shebang(Arrays.copyOfRange(body, newline, body.length), noWrites);
    }
}
