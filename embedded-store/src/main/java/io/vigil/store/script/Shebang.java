package io.vigil.store.script;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * A script's optional first line {@code #!lua [flags=f1,f2]} (Redis 7.0). The line is dropped from the compiled
 * text but its newline kept, so line numbers in errors stay those of the body. {@code no-writes} makes the script
 * read-only; a script with a shebang is refused as a whole while over {@code maxmemory} unless it declares {@code
 * no-writes} or {@code allow-oom}, and {@code allow-oom} lets its commands run while over the limit. The other flags
 * concern stale replicas and cluster slots.
 *
 * @param source the text to compile
 * @param noWrites whether the script declared {@code flags=no-writes}
 * @param declared whether the script has a shebang at all (else Redis's EVAL compatibility mode)
 * @param allowOom whether the script declared {@code flags=allow-oom}
 */
public record Shebang(byte[] source, boolean noWrites, boolean declared, boolean allowOom) {

    private static final Set<String> FLAGS =
            Set.of("no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys");

    /** Parses the shebang of {@code body}, if any; throws the Redis error for a malformed one. */
    public static Shebang parse(byte[] body) {
        if (body.length < 2 || body[0] != '#' || body[1] != '!') {
            return new Shebang(body, false, false, false);
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
        boolean allowOom = false;
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
                allowOom |= flag.equals("allow-oom");
            }
        }
        return new Shebang(Arrays.copyOfRange(body, newline, body.length), noWrites, true, allowOom);
    }

    /** Whether the whole script is refused while over {@code maxmemory} (Redis's {@code scriptFlagsToCmdFlags}). */
    public boolean deniesOom() {
        return declared && !noWrites && !allowOom;
    }

    /** {@link #deniesOom} of a script body; {@code false} for a malformed shebang (EVAL then reports it). */
    public static boolean bodyDeniesOom(byte[] body) {
        try {
            return parse(body).deniesOom();
        } catch (CommandException e) {
            return false;
        }
    }
}
