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
import io.vigil.store.command.Numbers;
import io.vigil.store.keyspace.Entry;

/**
 * TTL commands: EXPIRE PEXPIRE EXPIREAT PEXPIREAT (with NX XX GT LT) TTL PTTL PERSIST EXPIRETIME PEXPIRETIME.
 * Every TTL change is propagated as {@code PEXPIREAT key absolute-ms} (or {@code DEL} when already expired), as
 * Redis 7 does, so replicas agree regardless of clock offsets.
 */
public final class ExpireCommands implements CommandFamily {

    @Override
    public void register(CommandTable t) {
        t.register(spec("expire", -3, ctx -> expire(ctx, true, false), WRITE, FAST)
                .summary("Sets the expiration time of a key in seconds."));
        t.register(spec("pexpire", -3, ctx -> expire(ctx, false, false), WRITE, FAST)
                .summary("Sets the expiration time of a key in milliseconds."));
        t.register(spec("expireat", -3, ctx -> expire(ctx, true, true), WRITE, FAST)
                .summary("Sets the expiration time of a key to a Unix timestamp."));
        t.register(spec("pexpireat", -3, ctx -> expire(ctx, false, true), WRITE, FAST)
                .summary("Sets the expiration time of a key to a Unix milliseconds timestamp."));
        t.register(spec("ttl", 2, ctx -> ttl(ctx, 1000, false), READONLY, FAST)
                .summary("Returns the expiration time in seconds of a key."));
        t.register(spec("pttl", 2, ctx -> ttl(ctx, 1, false), READONLY, FAST)
                .summary("Returns the expiration time in milliseconds of a key."));
        t.register(spec("expiretime", 2, ctx -> ttl(ctx, 1000, true), READONLY, FAST)
                .since("7.0.0")
                .summary("Returns the expiration time of a key as a Unix timestamp."));
        t.register(spec("pexpiretime", 2, ctx -> ttl(ctx, 1, true), READONLY, FAST)
                .since("7.0.0")
                .summary("Returns the expiration time of a key as a Unix milliseconds timestamp."));
        t.register(spec("persist", 2, ExpireCommands::persist, WRITE, FAST)
                .summary("Removes the expiration time of a key."));
    }

    private static CommandSpec spec(String name, int arity, CommandHandler h, CommandFlag... flags) {
        return CommandSpec.of(name, arity, h).flags(flags).keys(1, 1, 1).group("generic");
    }

    private static void expire(CommandContext ctx, boolean seconds, boolean absolute) {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        for (int j = 3; j < ctx.argc(); j++) {
            if (ctx.argIs(j, "nx")) {
                nx = true;
            } else if (ctx.argIs(j, "xx")) {
                xx = true;
            } else if (ctx.argIs(j, "gt")) {
                gt = true;
            } else if (ctx.argIs(j, "lt")) {
                lt = true;
            } else {
                throw new CommandException(RespError.unsupportedOption(ctx.argString(j)));
            }
        }
        if (nx && (xx || gt || lt)) {
            throw new CommandException(RespError.EXPIRE_NX_CONFLICT);
        }
        if (gt && lt) {
            throw new CommandException(RespError.EXPIRE_GT_LT_CONFLICT);
        }
        long when = ctx.argLong(2);
        String name = ctx.spec().fullName();
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                throw new CommandException(RespError.invalidExpireTime(name));
            }
            when *= 1000;
        }
        long base = absolute ? 0 : ctx.clock().millis();
        if (when > Long.MAX_VALUE - base) {
            throw new CommandException(RespError.invalidExpireTime(name));
        }
        when += base;
        byte[] key = ctx.arg(1);
        Entry e = ctx.db().lookup(key);
        if (e == null) {
            ctx.reply().integer(0);
            return;
        }
        long current = e.expireAt();
        if ((nx && current != Entry.NO_EXPIRY)
                || (xx && current == Entry.NO_EXPIRY)
                || (gt && (current == Entry.NO_EXPIRY || when <= current))
                || (lt && current != Entry.NO_EXPIRY && when >= current)) {
            ctx.reply().integer(0);
            return;
        }
        if (when <= ctx.clock().millis()) {
            ctx.db().delete(key);
            ctx.propagateAs(StringCommands.DEL, key);
        } else {
            ctx.db().expire(e, when);
            ctx.propagateAs(StringCommands.PEXPIREAT, key, Numbers.toBytes(when));
        }
        ctx.dirty(1);
        ctx.reply().integer(1);
    }

    private static void ttl(CommandContext ctx, long unit, boolean absolute) {
        Entry e = ctx.db().peek(ctx.arg(1));
        if (e == null) {
            ctx.reply().integer(-2);
            return;
        }
        if (!e.isVolatile()) {
            ctx.reply().integer(-1);
            return;
        }
        if (absolute) {
            ctx.reply().integer(unit == 1 ? e.expireAt() : e.expireAt() / 1000);
            return;
        }
        long ttl = Math.max(0, e.expireAt() - ctx.clock().millis());
        ctx.reply().integer(unit == 1 ? ttl : (ttl + 500) / 1000);
    }

    private static void persist(CommandContext ctx) {
        Entry e = ctx.db().lookup(ctx.arg(1));
        if (e != null && ctx.db().persist(e)) {
            ctx.dirty(1);
            ctx.reply().integer(1);
        } else {
            ctx.reply().integer(0);
        }
    }
}
