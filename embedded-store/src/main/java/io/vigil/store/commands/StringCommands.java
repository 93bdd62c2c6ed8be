package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.DENYOOM;
import static io.vigil.store.command.CommandFlag.FAST;
import static io.vigil.store.command.CommandFlag.READONLY;
import static io.vigil.store.command.CommandFlag.WRITE;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.command.Numbers;
import io.vigil.store.keyspace.Entry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * String commands: GET SET SETNX SETEX PSETEX MGET MSET MSETNX GETSET GETDEL GETEX APPEND STRLEN GETRANGE
 * SETRANGE, with Redis 7's option parsing and replies (see {@code t_string.c}).
 */
public final class StringCommands implements CommandFamily {

    static final byte[] SET = "SET".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PXAT = "PXAT".getBytes(StandardCharsets.US_ASCII);
    static final byte[] KEEPTTL = "KEEPTTL".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PEXPIREAT = "PEXPIREAT".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PERSIST = "PERSIST".getBytes(StandardCharsets.US_ASCII);
    static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void register(CommandTable t) {
        t.register(spec("get", 2, StringCommands::get, READONLY, FAST).summary("Returns the string value of a key."));
        t.register(spec("set", -3, StringCommands::set, WRITE, DENYOOM)
                .summary("Sets the string value of a key, ignoring its type. The key is created if it doesn't exist."));
        t.register(spec("setnx", 3, StringCommands::setnx, WRITE, DENYOOM, FAST)
                .summary("Set the string value of a key only when the key doesn't exist."));
        t.register(spec("setex", 4, ctx -> setex(ctx, false), WRITE, DENYOOM)
                .summary("Sets the string value and expiration time of a key."));
        t.register(spec("psetex", 4, ctx -> setex(ctx, true), WRITE, DENYOOM)
                .summary("Sets both string value and expiration time in milliseconds of a key."));
        t.register(spec("mget", -2, StringCommands::mget, READONLY, FAST)
                .keys(1, -1, 1)
                .summary("Atomically returns the string values of one or more keys."));
        t.register(spec("mset", -3, ctx -> mset(ctx, false), WRITE, DENYOOM)
                .keys(1, -1, 2)
                .summary("Atomically creates or modifies the string values of one or more keys."));
        t.register(spec("msetnx", -3, ctx -> mset(ctx, true), WRITE, DENYOOM)
                .keys(1, -1, 2)
                .summary("Atomically modifies the string values of one or more keys only when all keys don't exist."));
        t.register(spec("getset", 3, StringCommands::getset, WRITE, DENYOOM, FAST)
                .summary("Returns the previous string value of a key after setting it to a new value."));
        t.register(spec("getdel", 2, StringCommands::getdel, WRITE, FAST)
                .summary("Returns the string value of a key after deleting the key."));
        t.register(spec("getex", -2, StringCommands::getex, WRITE, FAST)
                .summary("Returns the string value of a key after setting its expiration time."));
        t.register(spec("append", 3, StringCommands::append, WRITE, DENYOOM, FAST)
                .summary("Appends a string to the value of a key. Creates the key if it doesn't exist."));
        t.register(spec("strlen", 2, StringCommands::strlen, READONLY, FAST)
                .summary("Returns the length of a string value."));
        t.register(spec("getrange", 4, StringCommands::getrange, READONLY)
                .summary("Returns a substring of the string stored at a key."));
        t.register(
                spec("setrange", 4, StringCommands::setrange, WRITE, DENYOOM)
                        .summary(
                                "Overwrites a part of a string value with another by an offset. Creates the key if it doesn't exist."));
    }

    static CommandSpec spec(
            String name,
            int arity,
            io.vigil.store.command.CommandHandler h,
            io.vigil.store.command.CommandFlag... flags) {
        return CommandSpec.of(name, arity, h).flags(flags).keys(1, 1, 1).group("string");
    }

    static void get(CommandContext ctx) {
        Lookups.replyString(ctx, Lookups.read(ctx, ctx.arg(1)));
    }

    /** Parsed SET/GETEX options. */
    static final class Options {
        boolean nx;
        boolean xx;
        boolean get;
        boolean keepTtl;
        boolean persist;
        int unit; // 0 none, 1 EX, 2 PX, 3 EXAT, 4 PXAT
        byte[] expire;
        long expireAtMillis = -1;
    }

    /** Parses options from argument {@code from} like Redis's parseExtendedStringArgumentsOrReply. */
    static Options parseOptions(CommandContext ctx, int from, boolean forSet) {
        Options o = new Options();
        int argc = ctx.argc();
        for (int j = from; j < argc; j++) {
            boolean hasNext = j < argc - 1;
            if (ctx.argIs(j, "nx") && !o.xx && forSet) {
                o.nx = true;
            } else if (ctx.argIs(j, "xx") && !o.nx && forSet) {
                o.xx = true;
            } else if (ctx.argIs(j, "get") && forSet) {
                o.get = true;
            } else if (ctx.argIs(j, "keepttl") && !o.persist && o.unit == 0 && forSet) {
                o.keepTtl = true;
            } else if (ctx.argIs(j, "persist") && !forSet && o.unit == 0 && !o.keepTtl) {
                o.persist = true;
            } else if (ctx.argIs(j, "ex") && !o.keepTtl && !o.persist && (o.unit == 0 || o.unit == 1) && hasNext) {
                o.unit = 1;
                o.expire = ctx.arg(++j);
            } else if (ctx.argIs(j, "px") && !o.keepTtl && !o.persist && (o.unit == 0 || o.unit == 2) && hasNext) {
                o.unit = 2;
                o.expire = ctx.arg(++j);
            } else if (ctx.argIs(j, "exat") && !o.keepTtl && !o.persist && (o.unit == 0 || o.unit == 3) && hasNext) {
                o.unit = 3;
                o.expire = ctx.arg(++j);
            } else if (ctx.argIs(j, "pxat") && !o.keepTtl && !o.persist && (o.unit == 0 || o.unit == 4) && hasNext) {
                o.unit = 4;
                o.expire = ctx.arg(++j);
            } else {
                throw new CommandException(RespError.SYNTAX);
            }
        }
        if (o.unit != 0) {
            o.expireAtMillis = expireMillis(ctx, o.expire, o.unit == 1 || o.unit == 3, o.unit <= 2);
        }
        return o;
    }

    /** Converts an expire argument to absolute ms like Redis's getExpireMillisecondsOrReply. */
    static long expireMillis(CommandContext ctx, byte[] arg, boolean seconds, boolean relative) {
        long ms = Numbers.parseLong(arg, RespError.NOT_INTEGER);
        String name = ctx.spec().fullName();
        if (ms <= 0 || (seconds && ms > Long.MAX_VALUE / 1000)) {
            throw new CommandException(RespError.invalidExpireTime(name));
        }
        if (seconds) {
            ms *= 1000;
        }
        if (relative) {
            ms += ctx.clock().millis();
        }
        if (ms <= 0) {
            throw new CommandException(RespError.invalidExpireTime(name));
        }
        return ms;
    }

    static void set(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        byte[] value = ctx.arg(2);
        if (ctx.argc() == 3) {
            ctx.db().put(key, value, false);
            ctx.dirty(1);
            ctx.reply().ok();
            return;
        }
        Options o = parseOptions(ctx, 3, true);
        if (o.get) {
            ctx.reply().bulk(Lookups.readString(ctx, key));
        }
        boolean found = ctx.db().lookup(key) != null;
        if ((o.nx && found) || (o.xx && !found)) {
            if (!o.get) {
                ctx.reply().nil();
            }
            return;
        }
        Entry e = ctx.db().put(key, value, o.keepTtl);
        if (o.expireAtMillis > 0) {
            ctx.db().expire(e, o.expireAtMillis);
            if (o.unit != 4) {
                ctx.propagateAs(SET, key, value, PXAT, Numbers.toBytes(o.expireAtMillis));
            }
        }
        ctx.dirty(1);
        if (!o.get) {
            ctx.reply().ok();
        }
    }

    static void setnx(CommandContext ctx) {
        if (ctx.db().lookup(ctx.arg(1)) != null) {
            ctx.reply().integer(0);
            return;
        }
        ctx.db().put(ctx.arg(1), ctx.arg(2), false);
        ctx.dirty(1);
        ctx.reply().integer(1);
    }

    static void setex(CommandContext ctx, boolean millis) {
        long at = expireMillis(ctx, ctx.arg(2), !millis, true);
        Entry e = ctx.db().put(ctx.arg(1), ctx.arg(3), false);
        ctx.db().expire(e, at);
        ctx.propagateAs(SET, ctx.arg(1), ctx.arg(3), PXAT, Numbers.toBytes(at));
        ctx.dirty(1);
        ctx.reply().ok();
    }

    static void mget(CommandContext ctx) {
        ctx.reply().array(ctx.argc() - 1);
        for (int i = 1; i < ctx.argc(); i++) {
            Entry e = Lookups.read(ctx, ctx.arg(i));
            if (e != null && e.isString()) {
                ctx.reply().bulk(e.bytes(), e.valueOffset(), e.stringLength());
            } else {
                ctx.reply().nil();
            }
        }
    }

    static void mset(CommandContext ctx, boolean nx) {
        if (ctx.argc() % 2 == 0) {
            throw new CommandException(RespError.wrongArity(ctx.spec().fullName()));
        }
        if (nx) {
            for (int i = 1; i < ctx.argc(); i += 2) {
                if (ctx.db().lookup(ctx.arg(i)) != null) {
                    ctx.reply().integer(0);
                    return;
                }
            }
        }
        for (int i = 1; i < ctx.argc(); i += 2) {
            ctx.db().put(ctx.arg(i), ctx.arg(i + 1), false);
        }
        ctx.dirty((ctx.argc() - 1) / 2);
        if (nx) {
            ctx.reply().integer(1);
        } else {
            ctx.reply().ok();
        }
    }

    static void getset(CommandContext ctx) {
        ctx.reply().bulk(Lookups.readString(ctx, ctx.arg(1)));
        ctx.db().put(ctx.arg(1), ctx.arg(2), false);
        ctx.propagateAs(SET, ctx.arg(1), ctx.arg(2));
        ctx.dirty(1);
    }

    static void getdel(CommandContext ctx) {
        byte[] value = Lookups.readString(ctx, ctx.arg(1));
        ctx.reply().bulk(value);
        if (value != null) {
            ctx.db().delete(ctx.arg(1));
            ctx.propagateAs(DEL, ctx.arg(1));
            ctx.dirty(1);
        }
    }

    static void getex(CommandContext ctx) {
        Options o = parseOptions(ctx, 2, false);
        byte[] key = ctx.arg(1);
        Entry e = Lookups.read(ctx, key);
        if (e == null) {
            ctx.reply().nil();
            return;
        }
        ctx.reply().bulk(Lookups.string(e));
        if ((o.unit == 3 || o.unit == 4) && o.expireAtMillis <= ctx.clock().millis()) {
            ctx.db().delete(key);
            ctx.propagateAs(DEL, key);
            ctx.dirty(1);
        } else if (o.unit != 0) {
            ctx.db().expire(e, o.expireAtMillis);
            ctx.propagateAs(PEXPIREAT, key, Numbers.toBytes(o.expireAtMillis));
            ctx.dirty(1);
        } else if (o.persist && ctx.db().persist(e)) {
            ctx.propagateAs(PERSIST, key);
            ctx.dirty(1);
        }
    }

    static void append(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        byte[] add = ctx.arg(2);
        Entry e = Lookups.writeString(ctx, key);
        if (e == null) {
            ctx.db().put(key, add, false);
            ctx.reply().integer(add.length);
        } else {
            byte[] old = (byte[]) e.value();
            Lookups.checkStringLength(ctx, (long) old.length + add.length);
            byte[] joined = Arrays.copyOf(old, old.length + add.length);
            System.arraycopy(add, 0, joined, old.length, add.length);
            ctx.db().replace(e, joined);
            ctx.reply().integer(joined.length);
        }
        ctx.dirty(1);
    }

    static void strlen(CommandContext ctx) {
        byte[] v = Lookups.readString(ctx, ctx.arg(1));
        ctx.reply().integer(v == null ? 0 : v.length);
    }

    static void getrange(CommandContext ctx) {
        long start = ctx.argLong(2);
        long end = ctx.argLong(3);
        if (start < 0 && end < 0 && start > end) {
            ctx.reply().bulk(new byte[0]);
            return;
        }
        byte[] v = Lookups.readString(ctx, ctx.arg(1));
        if (v == null) {
            ctx.reply().bulk(new byte[0]);
            return;
        }
        long len = v.length;
        if (start < 0) {
            start = len + start;
        }
        if (end < 0) {
            end = len + end;
        }
        start = Math.max(start, 0);
        end = Math.max(end, 0);
        if (end >= len) {
            end = len - 1;
        }
        if (start > end || len == 0) {
            ctx.reply().bulk(new byte[0]);
        } else {
            io.vigil.resp.RespWriter.bulk(ctx.reply().buffer(), v, (int) start, (int) (end - start + 1));
        }
    }

    static void setrange(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        long offset = ctx.argLong(2);
        byte[] value = ctx.arg(3);
        if (offset < 0) {
            throw new CommandException(RespError.OFFSET_OUT_OF_RANGE);
        }
        Entry e = Lookups.writeString(ctx, key);
        if (e == null) {
            if (value.length == 0) {
                ctx.reply().integer(0);
                return;
            }
            Lookups.checkStringLength(ctx, offset + value.length);
            byte[] created = new byte[(int) offset + value.length];
            System.arraycopy(value, 0, created, (int) offset, value.length);
            ctx.db().put(key, created, false);
            ctx.dirty(1);
            ctx.reply().integer(created.length);
            return;
        }
        byte[] old = (byte[]) e.value();
        if (value.length == 0) {
            ctx.reply().integer(old.length);
            return;
        }
        Lookups.checkStringLength(ctx, offset + value.length);
        byte[] updated = Arrays.copyOf(old, (int) Math.max(old.length, offset + value.length));
        System.arraycopy(value, 0, updated, (int) offset, value.length);
        ctx.db().replace(e, updated);
        ctx.dirty(1);
        ctx.reply().integer(updated.length);
    }
}
