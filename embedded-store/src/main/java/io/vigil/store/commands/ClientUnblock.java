package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.ADMIN;
import static io.vigil.store.command.CommandFlag.LOADING;
import static io.vigil.store.command.CommandFlag.NOSCRIPT;
import static io.vigil.store.command.CommandFlag.STALE;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.engine.Client;

/**
 * {@code CLIENT UNBLOCK id [TIMEOUT|ERROR]} as Redis 7.0: a client blocked in BLPOP/BLMOVE/... gets its timeout
 * reply (or {@code -UNBLOCKED ...} with ERROR) and the caller gets 1; otherwise 0.
 */
final class ClientUnblock {

    private ClientUnblock() {}

    /** The {@code client|unblock} subcommand. */
    static CommandSpec spec() {
        return CommandSpec.of("unblock", -3, ClientUnblock::unblock)
                .flags(NOSCRIPT, LOADING, STALE, ADMIN)
                .summary("Unblocks a client blocked by a blocking command from a different connection.");
    }

    private static void unblock(CommandContext ctx) {
        if (ctx.argc() > 4) {
            throw new CommandException(RespError.subcommandSyntax(ctx.argString(0), ctx.argString(1)));
        }
        boolean error = false;
        if (ctx.argc() == 4) {
            if (ctx.argIs(3, "error")) {
                error = true;
            } else if (!ctx.argIs(3, "timeout")) {
                throw new CommandException(RespError.UNBLOCK_REASON);
            }
        }
        long id = ctx.argLong(2);
        for (Client c : ctx.engine().clients()) {
            if (c.id() == id) {
                boolean done = ctx.engine().unblock(c, error ? RespError.UNBLOCKED : null);
                ctx.reply().integer(done ? 1 : 0);
                return;
            }
        }
        ctx.reply().integer(0);
    }
}
