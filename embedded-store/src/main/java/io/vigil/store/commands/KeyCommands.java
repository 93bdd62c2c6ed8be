package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.FAST;
import static io.vigil.store.command.CommandFlag.READONLY;
import static io.vigil.store.command.CommandFlag.WRITE;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandFlag;
import io.vigil.store.command.CommandHandler;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.keyspace.Database;
import io.vigil.store.keyspace.Entry;
import io.vigil.store.keyspace.Glob;
import io.vigil.store.keyspace.StoreValue;
import java.util.ArrayList;
import java.util.List;

/** Generic key commands: DEL UNLINK EXISTS TYPE KEYS SCAN RANDOMKEY RENAME RENAMENX COPY MOVE TOUCH. */
public final class KeyCommands implements CommandFamily {

    @Override
    public void register(CommandTable t) {
        t.register(spec("del", -2, KeyCommands::del, WRITE).keys(1, -1, 1).summary("Deletes one or more keys."));
        t.register(spec("unlink", -2, KeyCommands::del, WRITE, FAST)
                .keys(1, -1, 1)
                .summary("Asynchronously deletes one or more keys."));
        t.register(spec("exists", -2, KeyCommands::exists, READONLY, FAST)
                .keys(1, -1, 1)
                .summary("Determines whether one or more keys exist."));
        t.register(spec("type", 2, KeyCommands::type, READONLY, FAST)
                .summary("Determines the type of value stored at a key."));
        t.register(spec("keys", 2, KeyCommands::keys, READONLY)
                .keys(0, 0, 0)
                .summary("Returns all key names that match a pattern."));
        t.register(spec("scan", -2, KeyCommands::scan, READONLY)
                .keys(0, 0, 0)
                .summary("Iterates over the key names in the database."));
        t.register(spec("randomkey", 1, KeyCommands::randomkey, READONLY)
                .keys(0, 0, 0)
                .summary("Returns a random key name from the database."));
        t.register(spec("rename", 3, ctx -> rename(ctx, false), WRITE)
                .keys(1, 2, 1)
                .summary("Renames a key and overwrites the destination."));
        t.register(spec("renamenx", 3, ctx -> rename(ctx, true), WRITE, FAST)
                .keys(1, 2, 1)
                .summary("Renames a key only when the target key name doesn't exist."));
        t.register(spec("copy", -3, KeyCommands::copy, WRITE, CommandFlag.DENYOOM)
                .keys(1, 2, 1)
                .summary("Copies the value of a key to a new key."));
        t.register(spec("move", 3, KeyCommands::move, WRITE, FAST).summary("Moves a key to another database."));
        t.register(
                spec("touch", -2, KeyCommands::touch, READONLY, FAST)
                        .keys(1, -1, 1)
                        .summary(
                                "Returns the number of existing keys out of those specified after updating the time they were last accessed."));
    }

    private static CommandSpec spec(String name, int arity, CommandHandler h, CommandFlag... flags) {
        return CommandSpec.of(name, arity, h).flags(flags).keys(1, 1, 1).group("generic");
    }

    private static void del(CommandContext ctx) {
        int deleted = 0;
        for (int i = 1; i < ctx.argc(); i++) {
            if (ctx.db().delete(ctx.arg(i))) {
                deleted++;
            }
        }
        ctx.dirty(deleted);
        ctx.reply().integer(deleted);
    }

    /** Counts live keys without touching their access time (Redis's {@code LOOKUP_NOTOUCH}), hits counted. */
    private static void exists(CommandContext ctx) {
        int count = 0;
        for (int i = 1; i < ctx.argc(); i++) {
            boolean found = ctx.db().peek(ctx.arg(i)) != null;
            ctx.countLookup(found);
            if (found) {
                count++;
            }
        }
        ctx.reply().integer(count);
    }

    private static void type(CommandContext ctx) {
        Entry e = ctx.db().peek(ctx.arg(1));
        ctx.reply().simple(e == null ? "none" : e.type().wireName());
    }

    private static boolean expired(CommandContext ctx, Entry e) {
        return e.isVolatile() && e.expireAt() <= ctx.clock().millis();
    }

    private static void keys(CommandContext ctx) {
        byte[] pattern = ctx.arg(1);
        boolean all = Glob.matchesAll(pattern);
        List<byte[]> out = new ArrayList<>();
        ctx.db().forEach(e -> {
            if ((all || Glob.matches(pattern, e.key(), false)) && !expired(ctx, e)) {
                out.add(e.key());
            }
        });
        ctx.reply().array(out.size());
        out.forEach(ctx.reply()::bulk);
    }

    /**
     * Parses a SCAN cursor as Redis 7.0's {@code strtoul}: an unsigned 64-bit decimal with an optional sign, negative
     * values wrapping ({@code SCAN -1} is the last cursor); see {@link Aggregates#parseCursor}.
     */
    static long parseCursor(byte[] arg) {
        return Aggregates.parseCursor(arg);
    }

    private static void scan(CommandContext ctx) {
        long cursor = parseCursor(ctx.arg(1));
        long count = 10;
        byte[] pattern = null;
        String type = null;
        int i = 2;
        while (i < ctx.argc()) {
            int remaining = ctx.argc() - i;
            if (ctx.argIs(i, "count") && remaining >= 2) {
                count = ctx.argLong(i + 1);
                if (count < 1) {
                    throw new CommandException(RespError.SYNTAX);
                }
            } else if (ctx.argIs(i, "match") && remaining >= 2) {
                pattern = Glob.matchesAll(ctx.arg(i + 1)) ? null : ctx.arg(i + 1);
            } else if (ctx.argIs(i, "type") && remaining >= 2) {
                type = ctx.argString(i + 1);
            } else {
                throw new CommandException(RespError.SYNTAX);
            }
            i += 2;
        }
        Database db = ctx.db();
        List<Entry> found = new ArrayList<>();
        long maxIterations = count * 10;
        do {
            cursor = db.scan(cursor, found::add);
        } while (cursor != 0 && maxIterations-- > 0 && found.size() < count);
        List<byte[]> keys = new ArrayList<>(found.size());
        for (Entry e : found) {
            if (pattern != null && !Glob.matches(pattern, e.key(), false)) {
                continue;
            }
            if (type != null && !e.type().wireName().equalsIgnoreCase(type)) {
                continue;
            }
            if (expired(ctx, e)) {
                db.peek(e.key());
                continue;
            }
            keys.add(e.key());
        }
        ctx.reply().array(2);
        ctx.reply().bulk(Long.toUnsignedString(cursor));
        ctx.reply().array(keys.size());
        keys.forEach(ctx.reply()::bulk);
    }

    private static void randomkey(CommandContext ctx) {
        ctx.reply().bulk(ctx.db().randomKey(ctx.engine().random()));
    }

    private static void rename(CommandContext ctx, boolean nx) {
        byte[] from = ctx.arg(1);
        byte[] to = ctx.arg(2);
        Database db = ctx.db();
        Entry source = db.lookup(from);
        if (source == null) {
            throw new CommandException(RespError.NO_SUCH_KEY);
        }
        if (java.util.Arrays.equals(from, to)) {
            if (nx) {
                ctx.reply().integer(0);
            } else {
                ctx.reply().ok();
            }
            return;
        }
        long expireAt = source.expireAt();
        Object value = source.value();
        if (db.lookup(to) != null) {
            if (nx) {
                ctx.reply().integer(0);
                return;
            }
            db.delete(to);
        }
        db.delete(from);
        Entry moved = db.put(to, value, false);
        if (expireAt != Entry.NO_EXPIRY) {
            db.expire(moved, expireAt);
        }
        ctx.dirty(1);
        if (nx) {
            ctx.reply().integer(1);
        } else {
            ctx.reply().ok();
        }
    }

    private static Database databaseArg(CommandContext ctx, int i) {
        int index = Lookups.argInt(ctx, i);
        if (index < 0 || index >= ctx.engine().keyspace().count()) {
            throw new CommandException(RespError.DB_INDEX_OUT_OF_RANGE);
        }
        return ctx.engine().keyspace().db(index);
    }

    private static void copy(CommandContext ctx) {
        Database src = ctx.db();
        Database dst = src;
        boolean replace = false;
        for (int j = 3; j < ctx.argc(); j++) {
            int additional = ctx.argc() - j - 1;
            if (ctx.argIs(j, "replace")) {
                replace = true;
            } else if (ctx.argIs(j, "db") && additional >= 1) {
                dst = databaseArg(ctx, j + 1);
                j++;
            } else {
                throw new CommandException(RespError.SYNTAX);
            }
        }
        byte[] key = ctx.arg(1);
        byte[] newKey = ctx.arg(2);
        if (src == dst && java.util.Arrays.equals(key, newKey)) {
            throw new CommandException(RespError.SAME_OBJECT);
        }
        Entry e = src.lookup(key);
        if (e == null) {
            ctx.reply().integer(0);
            return;
        }
        if (dst.lookup(newKey) != null) {
            if (!replace) {
                ctx.reply().integer(0);
                return;
            }
            dst.delete(newKey);
        }
        Object value = e.value() instanceof byte[] ? e.value() : ((StoreValue) e.value()).copy();
        Entry created = dst.put(newKey, value, false);
        if (e.isVolatile()) {
            dst.expire(created, e.expireAt());
        }
        ctx.dirty(1);
        ctx.reply().integer(1);
    }

    private static void move(CommandContext ctx) {
        Database dst = databaseArg(ctx, 2);
        Database src = ctx.db();
        if (src == dst) {
            throw new CommandException(RespError.SAME_OBJECT);
        }
        byte[] key = ctx.arg(1);
        Entry e = src.lookup(key);
        if (e == null || dst.lookup(key) != null) {
            ctx.reply().integer(0);
            return;
        }
        long expireAt = e.expireAt();
        Object value = e.value();
        src.delete(key);
        Entry moved = dst.put(key, value, false);
        if (expireAt != Entry.NO_EXPIRY) {
            dst.expire(moved, expireAt);
        }
        ctx.dirty(1);
        ctx.reply().integer(1);
    }

    private static void touch(CommandContext ctx) {
        int count = 0;
        for (int i = 1; i < ctx.argc(); i++) {
            if (ctx.db().lookup(ctx.arg(i)) != null) {
                count++;
            }
        }
        ctx.reply().integer(count);
    }
}
