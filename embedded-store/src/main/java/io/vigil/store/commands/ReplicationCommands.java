package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.ADMIN;
import static io.vigil.store.command.CommandFlag.NOSCRIPT;
import static io.vigil.store.command.CommandFlag.STALE;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code REPLICAOF} / {@code SLAVEOF}. Until replication exists the store is always a master: {@code NO ONE} is
 * accepted (as Redis accepts it on a master, e.g. inside a sentinel's reconfiguration transaction), and {@code
 * host port} is refused with a reason instead of being ignored.
 */
public final class ReplicationCommands implements CommandFamily {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationCommands.class);

    @Override
    public void register(CommandTable t) {
        t.register(spec("replicaof").since("5.0.0"));
        t.register(spec("slaveof"));
    }

    private static CommandSpec spec(String name) {
        return CommandSpec.of(name, 3, ReplicationCommands::replicaof)
                .flags(ADMIN, NOSCRIPT, STALE)
                .group("server")
                .summary("Configures a server as replica of another, or promotes it to a master.");
    }

    private static void replicaof(CommandContext ctx) {
        if (ctx.argIs(1, "no") && ctx.argIs(2, "one")) {
            LOG.info(
                    "MASTER MODE enabled (user request from 'id={} addr={}')",
                    ctx.client().id(),
                    ctx.client().remoteAddress());
            ctx.reply().ok();
            return;
        }
        long port = ctx.argLong(2, RespError.INVALID_MASTER_PORT);
        if (port < 0 || port > 65535) {
            throw new CommandException(RespError.INVALID_MASTER_PORT);
        }
        throw new CommandException(RespError.notSupported(
                ctx.spec().name().toUpperCase(java.util.Locale.ROOT),
                "replication is a later phase of the embedded store"));
    }
}
