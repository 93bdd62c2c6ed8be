package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.DENYOOM;
import static io.vigil.store.command.CommandFlag.FAST;
import static io.vigil.store.command.CommandFlag.WRITE;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandTable;
import io.vigil.store.command.Numbers;
import io.vigil.store.keyspace.Entry;
import io.vigil.store.types.LongDouble;
import java.nio.charset.StandardCharsets;

/**
 * Counters on string values: INCR DECR INCRBY DECRBY INCRBYFLOAT. INCRBYFLOAT adds in an 80-bit long double and
 * prints {@code %.17Lf} with trailing zeros trimmed, as Redis 7.0 does ({@link LongDouble}).
 */
public final class CounterCommands implements CommandFamily {

    @Override
    public void register(CommandTable t) {
        t.register(
                StringCommands.spec("incr", 2, ctx -> incrBy(ctx, 1), WRITE, DENYOOM, FAST)
                        .summary(
                                "Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist."));
        t.register(
                StringCommands.spec("decr", 2, ctx -> incrBy(ctx, -1), WRITE, DENYOOM, FAST)
                        .summary(
                                "Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist."));
        t.register(
                StringCommands.spec("incrby", 3, ctx -> incrBy(ctx, ctx.argLong(2)), WRITE, DENYOOM, FAST)
                        .summary(
                                "Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't exist."));
        t.register(
                StringCommands.spec("decrby", 3, CounterCommands::decrBy, WRITE, DENYOOM, FAST)
                        .summary(
                                "Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist."));
        t.register(
                StringCommands.spec("incrbyfloat", 3, CounterCommands::incrByFloat, WRITE, DENYOOM, FAST)
                        .summary(
                                "Increment the floating point value of a key by a number. Uses 0 as initial value if the key doesn't exist."));
    }

    private static void decrBy(CommandContext ctx) {
        long by = ctx.argLong(2);
        if (by == Long.MIN_VALUE) {
            throw new CommandException(RespError.DECREMENT_OVERFLOW);
        }
        incrBy(ctx, -by);
    }

    private static void incrBy(CommandContext ctx, long by) {
        byte[] key = ctx.arg(1);
        Entry e = Lookups.writeString(ctx, key);
        long old = e == null ? 0 : Numbers.parseLong((byte[]) e.value(), RespError.NOT_INTEGER);
        if ((by < 0 && old < 0 && by < Long.MIN_VALUE - old) || (by > 0 && old > 0 && by > Long.MAX_VALUE - old)) {
            throw new CommandException(RespError.INCR_OVERFLOW);
        }
        long value = old + by;
        byte[] bytes = Numbers.toBytes(value);
        if (e == null) {
            ctx.db().put(key, bytes, false);
        } else {
            ctx.db().replace(e, bytes);
        }
        ctx.dirty(1);
        ctx.reply().integer(value);
    }

    private static void incrByFloat(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        Entry e = Lookups.writeString(ctx, key);
        LongDouble old = e == null ? LongDouble.ZERO : parse((byte[]) e.value());
        LongDouble sum = old.add(parse(ctx.arg(2)));
        if (!sum.isFinite()) {
            throw new CommandException(RespError.INCR_NAN);
        }
        byte[] bytes = sum.toHumanString().getBytes(StandardCharsets.US_ASCII);
        if (e == null) {
            ctx.db().put(key, bytes, false);
        } else {
            ctx.db().replace(e, bytes);
        }
        ctx.dirty(1);
        ctx.propagateAs(StringCommands.SET, key, bytes, StringCommands.KEEPTTL);
        ctx.reply().bulk(bytes);
    }

    /** Parses as Redis's {@code getLongDoubleFromObject} (an 80-bit long double, {@code inf} accepted). */
    private static LongDouble parse(byte[] bytes) {
        LongDouble v = LongDouble.parse(bytes);
        if (v == null) {
            throw new CommandException(RespError.NOT_FLOAT);
        }
        return v;
    }
}
