package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.ADMIN;
import static io.vigil.store.command.CommandFlag.ALLOW_BUSY;
import static io.vigil.store.command.CommandFlag.FAST;
import static io.vigil.store.command.CommandFlag.LOADING;
import static io.vigil.store.command.CommandFlag.NOSCRIPT;
import static io.vigil.store.command.CommandFlag.NO_MULTI;
import static io.vigil.store.command.CommandFlag.READONLY;
import static io.vigil.store.command.CommandFlag.STALE;
import static io.vigil.store.command.CommandFlag.WRITE;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.keyspace.AccessTracking;
import io.vigil.store.keyspace.Database;
import io.vigil.store.keyspace.Entry;
import io.vigil.store.keyspace.StoreValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server commands: DBSIZE TIME LASTSAVE FLUSHDB FLUSHALL SWAPDB SHUTDOWN ROLE DEBUG OBJECT. {@code OBJECT FREQ}
 * answers only under an LFU {@code maxmemory-policy} and {@code OBJECT IDLETIME} only under any other, as in Redis:
 * a key's access word holds either an LFU counter or an access time (see {@code AccessTracking}).
 */
public final class ServerCommands implements CommandFamily {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCommands.class);

    @Override
    public void register(CommandTable t) {
        t.register(spec("dbsize", 1, ctx -> ctx.reply().integer(ctx.db().size()))
                .flags(READONLY, FAST)
                .group("server")
                .summary("Returns the number of keys in the database."));
        t.register(spec("time", 1, ServerCommands::time)
                .flags(LOADING, STALE, FAST)
                .summary("Returns the server time."));
        t.register(spec("lastsave", 1, ctx -> ctx.reply().integer(ctx.engine().lastSaveMillis() / 1000))
                .flags(LOADING, STALE, FAST)
                .summary("Returns the Unix timestamp of the last successful save to disk."));
        t.register(spec("flushdb", -1, ctx -> flush(ctx, false))
                .flags(WRITE)
                .summary("Remove all keys from the current database."));
        t.register(spec("flushall", -1, ctx -> flush(ctx, true))
                .flags(WRITE)
                .summary("Removes all keys from all databases."));
        t.register(spec("swapdb", 3, ServerCommands::swapdb)
                .flags(WRITE, FAST)
                .since("4.0.0")
                .summary("Swaps two Redis databases."));
        t.register(spec("shutdown", -1, ServerCommands::shutdown)
                .flags(ADMIN, NOSCRIPT, LOADING, STALE, NO_MULTI, ALLOW_BUSY)
                .summary("Synchronously saves the database(s) to disk and shuts down the Redis server."));
        t.register(spec("role", 1, ServerCommands::role)
                .flags(NOSCRIPT, LOADING, STALE, FAST)
                .since("2.8.12")
                .summary("Returns the replication role."));
        t.register(spec("debug", -2, ServerCommands::debug)
                .flags(ADMIN, NOSCRIPT, LOADING, STALE)
                .summary("A container for debugging commands."));
        t.register(CommandSpec.container("object")
                .group("generic")
                .summary("A container for object introspection commands.")
                .sub(spec("encoding", 3, ServerCommands::encoding)
                        .flags(READONLY)
                        .keys(2, 2, 1)
                        .summary("Returns the internal encoding of a Redis object."))
                .sub(spec("freq", 3, ServerCommands::freq)
                        .flags(READONLY)
                        .keys(2, 2, 1)
                        .summary("Returns the logarithmic access frequency counter of a Redis object."))
                .sub(spec("idletime", 3, ServerCommands::idletime)
                        .flags(READONLY)
                        .keys(2, 2, 1)
                        .summary("Returns the time since the last access to a Redis object."))
                .sub(spec("refcount", 3, ServerCommands::refcount)
                        .flags(READONLY)
                        .keys(2, 2, 1)
                        .summary("Returns the reference count of a value of a key."))
                .sub(spec("help", 2, ServerCommands::objectHelp)
                        .flags(LOADING, STALE)
                        .summary("Returns helpful text about the different subcommands.")));
    }

    private static CommandSpec spec(String name, int arity, io.vigil.store.command.CommandHandler h) {
        return CommandSpec.of(name, arity, h).group("server");
    }

    private static void time(CommandContext ctx) {
        long micros = ctx.clock().micros();
        ctx.reply().array(2);
        ctx.reply().bulkDecimal(micros / 1_000_000);
        ctx.reply().bulkDecimal(micros % 1_000_000);
    }

    private static void flush(CommandContext ctx, boolean all) {
        if (ctx.argc() > 2 || (ctx.argc() == 2 && !ctx.argIs(1, "sync") && !ctx.argIs(1, "async"))) {
            throw new CommandException(RespError.SYNTAX);
        }
        int removed = 0;
        if (all) {
            for (int i = 0; i < ctx.engine().keyspace().count(); i++) {
                Database db = ctx.engine().keyspace().db(i);
                removed += db.size();
                db.clear();
            }
        } else {
            removed = ctx.db().size();
            ctx.db().clear();
        }
        // As Redis 7.0: the keys removed count as changes (none for empty databases), the command is propagated
        // anyway, and FLUSHALL stops a BGSAVE and saves the empty dataset when save rules exist.
        ctx.dirty(removed);
        ctx.forcePropagation();
        if (all) {
            ctx.engine().persistence().flushedAll(removed);
        }
        ctx.reply().ok();
    }

    private static void swapdb(CommandContext ctx) {
        long a = ctx.argLong(1, RespError.INVALID_FIRST_DB);
        if (a != (int) a) {
            throw new CommandException(RespError.INVALID_FIRST_DB);
        }
        long b = ctx.argLong(2, RespError.INVALID_SECOND_DB);
        if (b != (int) b) {
            throw new CommandException(RespError.INVALID_SECOND_DB);
        }
        int count = ctx.engine().keyspace().count();
        if (a < 0 || a >= count || b < 0 || b >= count) {
            throw new CommandException(RespError.DB_INDEX_OUT_OF_RANGE);
        }
        ctx.engine().keyspace().swap((int) a, (int) b);
        ctx.dirty(1);
        ctx.reply().ok();
    }

    /** {@code SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]}: see {@code replication/GracefulShutdown}. */
    private static void shutdown(CommandContext ctx) {
        boolean save = false;
        boolean nosave = false;
        boolean now = false;
        boolean force = false;
        boolean abort = false;
        for (int i = 1; i < ctx.argc(); i++) {
            if (ctx.argIs(i, "nosave")) {
                nosave = true;
            } else if (ctx.argIs(i, "save")) {
                save = true;
            } else if (ctx.argIs(i, "now")) {
                now = true;
            } else if (ctx.argIs(i, "force")) {
                force = true;
            } else if (ctx.argIs(i, "abort")) {
                abort = true;
            } else {
                throw new CommandException(RespError.SYNTAX);
            }
        }
        if ((save && nosave) || (abort && (save || nosave || now || force))) {
            throw new CommandException(RespError.SYNTAX);
        }
        if (ctx.engine().busyScript().timedOut()) { // only SHUTDOWN NOSAVE stops a store busy with a script
            if (!nosave) {
                throw new CommandException(RespError.BUSY);
            }
            ctx.engine().busyScript().abort();
        }
        var shutdown =
                io.vigil.store.replication.ReplicationManager.of(ctx.engine()).shutdown();
        if (abort) {
            if (!shutdown.abort()) {
                throw new CommandException(RespError.SHUTDOWN_NOT_IN_PROGRESS);
            }
            ctx.reply().ok();
            return;
        }
        shutdown.request(ctx.client(), new io.vigil.store.replication.GracefulShutdown.Flags(save, nosave, now, force));
    }

    private static void role(CommandContext ctx) {
        io.vigil.store.replication.ReplicationManager.of(ctx.engine()).role(ctx.reply());
    }

    private static void debug(CommandContext ctx) {
        if (ctx.argIs(1, "sleep") && ctx.argc() == 3) {
            BigDecimal seconds = io.vigil.store.command.Numbers.parseDecimal(ctx.arg(2));
            long millis = seconds.movePointRight(3).longValue();
            if (millis > 0) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ctx.reply().ok();
        } else if (ctx.argIs(1, "reload") && ctx.argc() == 2) {
            debugReload(ctx);
        } else if (ctx.argIs(1, "set-active-expire") && ctx.argc() == 3) {
            ctx.engine().activeExpire(ctx.argLong(2) != 0);
            ctx.reply().ok();
        } else {
            throw new CommandException(RespError.subcommandSyntax("debug", ctx.argString(1)));
        }
    }

    /** {@code DEBUG RELOAD}: save the dataset, empty it and load the file back (exercises the RDB round trip). */
    private static void debugReload(CommandContext ctx) {
        if (!ctx.engine().persistence().debugReloadSave()) {
            throw new CommandException(RespError.DEBUG_RELOAD_SAVE_FAILED);
        }
        try {
            ctx.engine().persistence().loadNow();
        } catch (java.io.IOException e) {
            LOG.warn(
                    "DEBUG RELOAD could not load {}: {}",
                    ctx.engine().persistence().rdbPath(),
                    e.getMessage());
            throw new CommandException(RespError.DEBUG_RELOAD_LOAD_FAILED);
        }
        LOG.info("DB reloaded by DEBUG RELOAD");
        ctx.reply().ok();
    }

    private static Entry objectEntry(CommandContext ctx) {
        return ctx.db().peek(ctx.arg(2));
    }

    private static void encoding(CommandContext ctx) {
        Entry e = objectEntry(ctx);
        if (e == null) {
            ctx.reply().nil();
            return;
        }
        ctx.reply().bulk(e.value() instanceof byte[] b ? stringEncoding(b) : ((StoreValue) e.value()).encoding());
    }

    /** {@code int} for a decimal of up to 20 characters, {@code embstr} up to 44 bytes, else {@code raw}. */
    static String stringEncoding(byte[] value) {
        if (value.length <= 20 && io.vigil.store.command.Numbers.isLong(value)) {
            return "int";
        }
        return value.length <= 44 ? "embstr" : "raw";
    }

    private static void freq(CommandContext ctx) {
        Entry e = objectEntry(ctx);
        if (e == null) {
            ctx.reply().nil();
            return;
        }
        AccessTracking access = ctx.engine().keyspace().access();
        if (!access.lfu()) {
            throw new CommandException(RespError.LFU_NOT_SELECTED);
        }
        ctx.reply().integer(access.frequency(e, ctx.clock().millis()));
    }

    private static void idletime(CommandContext ctx) {
        Entry e = objectEntry(ctx);
        if (e == null) {
            ctx.reply().nil();
            return;
        }
        AccessTracking access = ctx.engine().keyspace().access();
        if (access.lfu()) {
            throw new CommandException(RespError.LFU_SELECTED);
        }
        ctx.reply().integer(access.idleSeconds(e, ctx.clock().millis()));
    }

    private static final String[] OBJECT_HELP = {
        "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "ENCODING <key>",
        "    Return the kind of internal representation used in order to store the value",
        "    associated with a <key>.",
        "FREQ <key>",
        "    Return the access frequency index of the <key>. The returned integer is",
        "    proportional to the logarithm of the recent access frequency of the key.",
        "IDLETIME <key>",
        "    Return the idle time of the <key>, that is the approximated number of",
        "    seconds elapsed since the last access to the key.",
        "REFCOUNT <key>",
        "    Return the number of references of the value associated with the specified",
        "    <key>.",
        "HELP",
        "    Prints this help."
    };

    private static void objectHelp(CommandContext ctx) {
        ctx.reply().array(OBJECT_HELP.length);
        for (String line : OBJECT_HELP) {
            ctx.reply().simple(line);
        }
    }

    private static void refcount(CommandContext ctx) {
        Entry e = objectEntry(ctx);
        if (e == null) {
            ctx.reply().nil();
            return;
        }
        boolean shared = e.value() instanceof byte[] b
                && "int".equals(stringEncoding(b))
                && Long.parseLong(new String(b, StandardCharsets.US_ASCII)) >= 0
                && Long.parseLong(new String(b, StandardCharsets.US_ASCII)) < 10000;
        ctx.reply().integer(shared ? Integer.MAX_VALUE : 1);
    }
}
