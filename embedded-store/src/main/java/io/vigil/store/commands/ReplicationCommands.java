package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.ADMIN;
import static io.vigil.store.command.CommandFlag.ALLOW_BUSY;
import static io.vigil.store.command.CommandFlag.FAST;
import static io.vigil.store.command.CommandFlag.LOADING;
import static io.vigil.store.command.CommandFlag.NOSCRIPT;
import static io.vigil.store.command.CommandFlag.NO_MULTI;
import static io.vigil.store.command.CommandFlag.STALE;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.replication.ReplicationManager;

/**
 * Replication commands: {@code REPLICAOF}/{@code SLAVEOF}, the replica handshake ({@code REPLCONF}, {@code PSYNC},
 * {@code SYNC}), {@code WAIT}, {@code FAILOVER}, and Vigil's fencing commands ({@code VIGIL LEASE|FENCE|FENCING},
 * see docs/fencing.md). The work is done by the engine's {@link ReplicationManager}.
 */
public final class ReplicationCommands implements CommandFamily {

    @Override
    public void register(CommandTable t) {
        t.register(replicaof("replicaof").since("5.0.0"));
        t.register(replicaof("slaveof"));
        t.register(CommandSpec.of("replconf", -1, ctx -> manager(ctx).replconf(ctx))
                .flags(ADMIN, NOSCRIPT, LOADING, STALE, ALLOW_BUSY)
                .group("server")
                .since("3.0.0")
                .summary("An internal command for configuring the replication stream."));
        t.register(CommandSpec.of("psync", -3, ctx -> manager(ctx).psync(ctx, false))
                .flags(ADMIN, NO_MULTI, NOSCRIPT)
                .group("server")
                .since("2.8.0")
                .summary("An internal command used in replication."));
        t.register(CommandSpec.of("sync", 1, ctx -> manager(ctx).psync(ctx, true))
                .flags(ADMIN, NO_MULTI, NOSCRIPT)
                .group("server")
                .since("1.0.0")
                .summary("An internal command used in replication."));
        t.register(CommandSpec.of("wait", 3, ctx -> manager(ctx).waitFor(ctx))
                .flags(NOSCRIPT)
                .group("generic")
                .since("3.0.0")
                .summary("Blocks until the asynchronous replication of all preceding write commands sent by the "
                        + "connection is completed."));
        t.register(CommandSpec.of("failover", -1, ctx -> manager(ctx).failover(ctx))
                .flags(ADMIN, NOSCRIPT, STALE)
                .group("server")
                .since("6.2.0")
                .summary("Starts a coordinated failover from a server to one of its replicas."));
        t.register(CommandSpec.container("vigil")
                .group("server")
                .summary("Vigil extensions: fencing of a deposed primary (docs/fencing.md).")
                .sub(CommandSpec.of("lease", -4, ctx -> manager(ctx).lease(ctx))
                        .flags(ADMIN, NOSCRIPT, STALE, FAST)
                        .summary("Grants or renews this primary's write lease at a configuration epoch."))
                .sub(CommandSpec.of("fence", 3, ctx -> manager(ctx).fence(ctx))
                        .flags(ADMIN, NOSCRIPT, STALE, FAST)
                        .summary("Tells this node a configuration epoch; a primary with an older lease stops "
                                + "accepting writes."))
                .sub(CommandSpec.of("fencing", 2, ctx -> manager(ctx).fencingInfo(ctx))
                        .flags(ADMIN, NOSCRIPT, STALE, FAST)
                        .summary("Returns this node's fencing state.")));
    }

    private static ReplicationManager manager(CommandContext ctx) {
        return ReplicationManager.of(ctx.engine());
    }

    private static CommandSpec replicaof(String name) {
        return CommandSpec.of(name, 3, ReplicationCommands::replicaof)
                .flags(ADMIN, NOSCRIPT, STALE)
                .group("server")
                .summary("Configures a server as replica of another, or promotes it to a master.");
    }

    private static void replicaof(CommandContext ctx) {
        if (ctx.argIs(1, "no") && ctx.argIs(2, "one")) {
            manager(ctx).replicaOfNoOne(ctx);
            return;
        }
        long port = ctx.argLong(2, RespError.INVALID_MASTER_PORT);
        if (port < 0 || port > 65535) {
            throw new CommandException(RespError.INVALID_MASTER_PORT);
        }
        manager(ctx).replicaOf(ctx, ctx.argString(1), (int) port);
    }
}
