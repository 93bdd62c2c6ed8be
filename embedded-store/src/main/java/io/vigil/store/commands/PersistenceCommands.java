package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.ADMIN;
import static io.vigil.store.command.CommandFlag.NOSCRIPT;
import static io.vigil.store.command.CommandFlag.NO_MULTI;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.persistence.Persistence;

/** RDB snapshots: SAVE, BGSAVE [SCHEDULE] (LASTSAVE, DEBUG RELOAD and SHUTDOWN SAVE are with the server commands). */
public final class PersistenceCommands implements CommandFamily {

    @Override
    public void register(CommandTable t) {
        t.register(CommandSpec.of("save", 1, PersistenceCommands::save)
                .flags(ADMIN, NOSCRIPT, NO_MULTI)
                .group("server")
                .summary("Synchronously saves the database(s) to disk."));
        t.register(CommandSpec.of("bgsave", -1, PersistenceCommands::bgsave)
                .flags(ADMIN, NOSCRIPT)
                .group("server")
                .summary("Asynchronously saves the database(s) to disk."));
    }

    private static void save(CommandContext ctx) {
        Persistence p = ctx.engine().persistence();
        if (p.bgsaveInProgress()) {
            throw new CommandException(RespError.BGSAVE_IN_PROGRESS);
        }
        try {
            p.save();
        } catch (Exception e) {
            throw new CommandException(RespError.ERR);
        }
        ctx.reply().ok();
    }

    private static void bgsave(CommandContext ctx) {
        if (ctx.argc() > 2 || (ctx.argc() == 2 && !ctx.argIs(1, "schedule"))) {
            throw new CommandException(RespError.SYNTAX);
        }
        // SCHEDULE only matters while another background job (a future AOF rewrite) runs; inside EXEC the save is
        // always scheduled for after the transaction, as in Redis.
        boolean inExec = !ctx.engine().blockingAllowed();
        switch (ctx.engine().persistence().bgsave(inExec)) {
            case STARTED -> ctx.reply().simple("Background saving started");
            case SCHEDULED -> ctx.reply().simple("Background saving scheduled");
            case ALREADY_RUNNING -> throw new CommandException(RespError.BGSAVE_IN_PROGRESS);
            case BUSY -> throw new CommandException(RespError.BGSAVE_CHILD_ACTIVE);
            default -> throw new IllegalStateException();
        }
    }
}
