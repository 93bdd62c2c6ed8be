package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.ADMIN;
import static io.vigil.store.command.CommandFlag.NOSCRIPT;

import io.vigil.resp.RespError;
import io.vigil.store.aof.AppendOnlyFile;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code BGREWRITEAOF}: a new AOF base from a point-in-time snapshot, written in the background. */
public final class AofCommands implements CommandFamily {

    private static final Logger LOG = LoggerFactory.getLogger(AofCommands.class);

    @Override
    public void register(CommandTable t) {
        t.register(CommandSpec.of("bgrewriteaof", 1, AofCommands::bgrewriteaof)
                .flags(ADMIN, NOSCRIPT)
                .group("server")
                .summary("Asynchronously rewrites the append-only file to disk."));
    }

    private static void bgrewriteaof(CommandContext ctx) {
        // Inside EXEC it is scheduled for after the transaction, as in Redis.
        boolean inExec = !ctx.engine().blockingAllowed();
        AppendOnlyFile.RewriteResult result;
        try {
            result = ctx.engine().aof().bgrewrite(inExec);
        } catch (IOException e) {
            LOG.warn("Can't rewrite append only file in background: {}", e.getMessage());
            throw new CommandException(RespError.AOF_REWRITE_FAILED);
        }
        switch (result) {
            case STARTED -> ctx.reply().simple("Background append only file rewriting started");
            case SCHEDULED -> ctx.reply().simple("Background append only file rewriting scheduled");
            case ALREADY_RUNNING -> throw new CommandException(RespError.AOF_REWRITE_IN_PROGRESS);
            default -> throw new IllegalStateException(result.toString());
        }
    }
}
