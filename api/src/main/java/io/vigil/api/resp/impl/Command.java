package io.vigil.api.resp.impl;

import io.vigil.resp.RespError;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the command table: name, Redis arity ({@code n} exactly n arguments counting the name, {@code -n} at
 * least n), flags, a one-line summary for {@code COMMAND DOCS}, and either a handler or subcommands.
 *
 * @param name lower-case name; {@code container|sub} for subcommands
 * @param arity the Redis arity
 * @param noAuth whether it runs before authentication (AUTH, HELLO)
 * @param allowedSubscribed whether a RESP2 client in subscribed mode may run it
 * @param summary one line for COMMAND DOCS
 * @param handler runs the command; null for containers that need a subcommand
 * @param subcommands by lower-case subcommand name; empty for plain commands
 */
public record Command(
        String name,
        int arity,
        boolean noAuth,
        boolean allowedSubscribed,
        String summary,
        Handler handler,
        Map<String, Command> subcommands) {

    /** Runs a command: {@code args[0]} is the command name as sent, strings are Latin-1. */
    @FunctionalInterface
    public interface Handler {
        /** The reply for {@code args}, which passed the arity check. */
        Reply handle(ClientSession session, List<String> args);
    }

    /** Checks the entry. */
    public Command {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        subcommands = Map.copyOf(subcommands);
        if (arity == 0) {
            throw new IllegalArgumentException(name + ": arity 0 is not a valid Redis arity");
        }
        if (handler == null && subcommands.isEmpty()) {
            throw new IllegalArgumentException(name + ": needs a handler or subcommands");
        }
        if (handler == null && arity > -2) {
            throw new IllegalArgumentException(name + ": a container without handler needs arity <= -2, got " + arity);
        }
        if (!name.equals(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("command names are lower case, got " + name);
        }
    }

    /** A plain command. */
    public static Command of(String name, int arity, String summary, Handler handler) {
        return new Command(name, arity, false, false, summary, handler, Map.of());
    }

    /**
     * A Redis subcommand this port knows but does not serve: it answers {@code -ERR <NAME> is not supported yet by
     * this server (<why>)} instead of pretending the subcommand does not exist.
     */
    public static Command unsupported(String name, String why) {
        String shown = name.replace('|', ' ').toUpperCase(Locale.ROOT);
        return of(
                name,
                -2,
                "Not served by a Vigil sentinel: " + why + ".",
                (session, args) -> Reply.error(RespError.notSupported(shown, why)));
    }

    /** Whether {@code argc} arguments (name included) satisfy the arity. */
    public boolean arityAccepts(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }

    /** This command, runnable before authentication. */
    public Command withNoAuth() {
        return new Command(name, arity, true, allowedSubscribed, summary, handler, subcommands);
    }

    /** This command, allowed in RESP2 subscribed mode. */
    public Command withAllowedSubscribed() {
        return new Command(name, arity, noAuth, true, summary, handler, subcommands);
    }
}
