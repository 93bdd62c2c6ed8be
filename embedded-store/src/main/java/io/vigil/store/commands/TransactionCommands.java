package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.ALLOW_BUSY;
import static io.vigil.store.command.CommandFlag.FAST;
import static io.vigil.store.command.CommandFlag.LOADING;
import static io.vigil.store.command.CommandFlag.NOSCRIPT;
import static io.vigil.store.command.CommandFlag.STALE;
import static io.vigil.store.command.CommandFlag.TRANSACTION_CONTROL;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.engine.Client;
import io.vigil.store.engine.StoreEngine;
import java.util.List;

/**
 * Transactions: MULTI EXEC DISCARD WATCH UNWATCH. Queued commands were fully checked when queued (a rejected one
 * makes EXEC answer EXECABORT); EXEC runs them back to back, so no other client's command interleaves, and
 * answers a null array when a watched key changed.
 */
public final class TransactionCommands implements CommandFamily {

    @Override
    public void register(CommandTable t) {
        t.register(
                spec("multi", 1, TransactionCommands::multi).flags(ALLOW_BUSY).summary("Starts a transaction."));
        t.register(spec("exec", 1, TransactionCommands::exec).summary("Executes all commands in a transaction."));
        t.register(spec("discard", 1, TransactionCommands::discard)
                .flags(ALLOW_BUSY)
                .summary("Discards a transaction."));
        t.register(spec("watch", -2, TransactionCommands::watch)
                .flags(ALLOW_BUSY)
                .keys(1, -1, 1)
                .summary("Monitors changes to keys to determine the execution of a transaction."));
        t.register(spec("unwatch", 1, TransactionCommands::unwatch)
                .flags(ALLOW_BUSY)
                .summary("Forgets about watched keys of a transaction."));
    }

    private static CommandSpec spec(String name, int arity, io.vigil.store.command.CommandHandler h) {
        return CommandSpec.of(name, arity, h)
                .flags(NOSCRIPT, LOADING, STALE, FAST, TRANSACTION_CONTROL)
                .group("transactions");
    }

    private static void multi(CommandContext ctx) {
        if (ctx.client().inMulti()) {
            throw new CommandException(RespError.MULTI_NESTED);
        }
        ctx.client().beginMulti();
        ctx.reply().ok();
    }

    private static void exec(CommandContext ctx) {
        Client client = ctx.client();
        StoreEngine engine = ctx.engine();
        if (!client.inMulti()) {
            throw new CommandException(RespError.EXEC_WITHOUT_MULTI);
        }
        CommandSpec execSpec = ctx.spec();
        byte[][] execArgs = ctx.args();
        List<byte[][]> queue = client.multiQueue();
        boolean failed = client.multiFailed();
        boolean watchFailed = client.watchDirty();
        client.endMulti();
        engine.unwatchAll(client);
        if (failed) {
            throw new CommandException(RespError.EXECABORT);
        }
        if (watchFailed) {
            ctx.reply().nilArray();
            return;
        }
        ctx.reply().array(queue.size());
        engine.transaction(true);
        try {
            for (byte[][] args : queue) {
                engine.call(client, engine.resolve(args), args);
            }
        } finally {
            engine.transaction(false);
        }
        ctx.begin(execSpec, execArgs);
    }

    private static void discard(CommandContext ctx) {
        if (!ctx.client().inMulti()) {
            throw new CommandException(RespError.DISCARD_WITHOUT_MULTI);
        }
        ctx.client().endMulti();
        ctx.engine().unwatchAll(ctx.client());
        ctx.reply().ok();
    }

    private static void watch(CommandContext ctx) {
        if (ctx.client().inMulti()) {
            throw new CommandException(RespError.WATCH_IN_MULTI);
        }
        for (int i = 1; i < ctx.argc(); i++) {
            ctx.engine().watch(ctx.client(), ctx.client().db(), ctx.arg(i));
        }
        ctx.reply().ok();
    }

    private static void unwatch(CommandContext ctx) {
        ctx.engine().unwatchAll(ctx.client());
        ctx.reply().ok();
    }
}
