package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.DENYOOM;
import static io.vigil.store.command.CommandFlag.FAST;
import static io.vigil.store.command.CommandFlag.READONLY;
import static io.vigil.store.command.CommandFlag.WRITE;

import io.vigil.resp.RespError;
import io.vigil.resp.RespVersion;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandFlag;
import io.vigil.store.command.CommandHandler;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.command.Numbers;
import io.vigil.store.command.Reply;
import io.vigil.store.keyspace.Entry;
import io.vigil.store.keyspace.Glob;
import io.vigil.store.types.HashValue;
import io.vigil.store.types.LongDouble;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Hash commands as Redis 7.0 implements them (src/t_hash.c): HSET HSETNX HMSET HGET HMGET HDEL HEXISTS HGETALL
 * HKEYS HVALS HLEN HSTRLEN HINCRBY HINCRBYFLOAT HRANDFIELD HSCAN.
 */
public final class HashCommands implements CommandFamily {

    private static final byte[] HSET = "HSET".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void register(CommandTable t) {
        t.register(spec("hset", -4, HashCommands::hset, WRITE, DENYOOM, FAST)
                .since("2.0.0")
                .summary("Set the string value of a hash field"));
        t.register(spec("hmset", -4, HashCommands::hset, WRITE, DENYOOM, FAST)
                .since("2.0.0")
                .summary("Set multiple hash fields to multiple values"));
        t.register(spec("hsetnx", 4, HashCommands::hsetnx, WRITE, DENYOOM, FAST)
                .since("2.0.0")
                .summary("Set the value of a hash field, only if the field does not exist"));
        t.register(spec("hget", 3, HashCommands::hget, READONLY, FAST)
                .since("2.0.0")
                .summary("Get the value of a hash field"));
        t.register(spec("hmget", -3, HashCommands::hmget, READONLY, FAST)
                .since("2.0.0")
                .summary("Get the values of all the given hash fields"));
        t.register(spec("hdel", -3, HashCommands::hdel, WRITE, FAST)
                .since("2.0.0")
                .summary("Delete one or more hash fields"));
        t.register(spec("hexists", 3, HashCommands::hexists, READONLY, FAST)
                .since("2.0.0")
                .summary("Determine if a hash field exists"));
        t.register(spec("hgetall", 2, HashCommands::hgetall, READONLY)
                .since("2.0.0")
                .summary("Get all the fields and values in a hash"));
        t.register(spec("hkeys", 2, ctx -> list(ctx, true), READONLY)
                .since("2.0.0")
                .summary("Get all the fields in a hash"));
        t.register(spec("hvals", 2, ctx -> list(ctx, false), READONLY)
                .since("2.0.0")
                .summary("Get all the values in a hash"));
        t.register(spec("hlen", 2, HashCommands::hlen, READONLY, FAST)
                .since("2.0.0")
                .summary("Get the number of fields in a hash"));
        t.register(spec("hstrlen", 3, HashCommands::hstrlen, READONLY, FAST)
                .since("3.2.0")
                .summary("Get the length of the value of a hash field"));
        t.register(spec("hincrby", 4, HashCommands::hincrby, WRITE, DENYOOM, FAST)
                .since("2.0.0")
                .summary("Increment the integer value of a hash field by the given number"));
        t.register(spec("hincrbyfloat", 4, HashCommands::hincrbyfloat, WRITE, DENYOOM, FAST)
                .since("2.6.0")
                .summary("Increment the float value of a hash field by the given amount"));
        t.register(spec("hrandfield", -2, HashCommands::hrandfield, READONLY)
                .since("6.2.0")
                .summary("Get one or multiple random fields from a hash"));
        t.register(spec("hscan", -3, HashCommands::hscan, READONLY)
                .since("2.8.0")
                .summary("Incrementally iterate hash fields and associated values"));
    }

    private static CommandSpec spec(String name, int arity, CommandHandler h, CommandFlag... flags) {
        return CommandSpec.of(name, arity, h).flags(flags).keys(1, 1, 1).group("hash");
    }

    private static HashValue read(CommandContext ctx) {
        return Aggregates.read(ctx, ctx.arg(1), HashValue.class);
    }

    private static Entry writeOrCreate(CommandContext ctx) {
        return Aggregates.writeOrCreate(ctx, ctx.arg(1), HashValue.class, HashValue::new);
    }

    private static void hset(CommandContext ctx) {
        if (ctx.argc() % 2 == 1) {
            throw new CommandException(RespError.wrongArity(ctx.spec().fullName()));
        }
        Entry e = writeOrCreate(ctx);
        HashValue h = (HashValue) e.value();
        long before = h.memoryUsage();
        int created = 0;
        for (int i = 2; i < ctx.argc(); i += 2) {
            if (h.set(ctx.arg(i), ctx.arg(i + 1))) {
                created++;
            }
        }
        Aggregates.changed(ctx, e, before, h.size());
        ctx.dirty((ctx.argc() - 2) / 2);
        if (ctx.argIs(0, "hmset")) {
            ctx.reply().ok();
        } else {
            ctx.reply().integer(created);
        }
    }

    private static void hsetnx(CommandContext ctx) {
        Entry e = writeOrCreate(ctx);
        HashValue h = (HashValue) e.value();
        if (h.get(ctx.arg(2)) != null) {
            ctx.reply().integer(0);
            return;
        }
        long before = h.memoryUsage();
        h.set(ctx.arg(2), ctx.arg(3));
        Aggregates.changed(ctx, e, before, h.size());
        ctx.dirty(1);
        ctx.reply().integer(1);
    }

    private static void hget(CommandContext ctx) {
        HashValue h = read(ctx);
        ctx.reply().bulk(h == null ? null : h.get(ctx.arg(2)));
    }

    private static void hmget(CommandContext ctx) {
        HashValue h = read(ctx);
        ctx.reply().array(ctx.argc() - 2);
        for (int i = 2; i < ctx.argc(); i++) {
            ctx.reply().bulk(h == null ? null : h.get(ctx.arg(i)));
        }
    }

    private static void hdel(CommandContext ctx) {
        Entry e = Aggregates.write(ctx, ctx.arg(1), HashValue.class);
        if (e == null) {
            ctx.reply().integer(0);
            return;
        }
        HashValue h = (HashValue) e.value();
        long before = h.memoryUsage();
        int deleted = 0;
        for (int i = 2; i < ctx.argc() && h.size() > 0; i++) {
            if (h.delete(ctx.arg(i))) {
                deleted++;
            }
        }
        if (deleted > 0) {
            Aggregates.changed(ctx, e, before, h.size());
            ctx.dirty(deleted);
        }
        ctx.reply().integer(deleted);
    }

    private static void hexists(CommandContext ctx) {
        HashValue h = read(ctx);
        ctx.reply().integer(h != null && h.get(ctx.arg(2)) != null ? 1 : 0);
    }

    private static void hlen(CommandContext ctx) {
        HashValue h = read(ctx);
        ctx.reply().integer(h == null ? 0 : h.size());
    }

    private static void hstrlen(CommandContext ctx) {
        HashValue h = read(ctx);
        byte[] v = h == null ? null : h.get(ctx.arg(2));
        ctx.reply().integer(v == null ? 0 : v.length);
    }

    private static void hgetall(CommandContext ctx) {
        HashValue h = read(ctx);
        Reply r = ctx.reply();
        if (h == null) {
            r.map(0);
            return;
        }
        r.map(h.size());
        h.forEach((f, v) -> {
            r.bulk(f);
            r.bulk(v);
        });
    }

    private static void list(CommandContext ctx, boolean fields) {
        HashValue h = read(ctx);
        Reply r = ctx.reply();
        if (h == null) {
            r.array(0);
            return;
        }
        r.array(h.size());
        h.forEach((f, v) -> r.bulk(fields ? f : v));
    }

    private static void hincrby(CommandContext ctx) {
        long by = ctx.argLong(3);
        Entry e = writeOrCreate(ctx);
        HashValue h = (HashValue) e.value();
        byte[] field = ctx.arg(2);
        byte[] current = h.get(field);
        long old = current == null ? 0 : Numbers.parseLong(current, RespError.HASH_NOT_INTEGER);
        if ((by < 0 && old < 0 && by < Long.MIN_VALUE - old) || (by > 0 && old > 0 && by > Long.MAX_VALUE - old)) {
            throw new CommandException(RespError.INCR_OVERFLOW);
        }
        long value = old + by;
        long before = h.memoryUsage();
        h.set(field, Numbers.toBytes(value));
        Aggregates.changed(ctx, e, before, h.size());
        ctx.dirty(1);
        ctx.reply().integer(value);
    }

    private static void hincrbyfloat(CommandContext ctx) {
        LongDouble by = LongDouble.parse(ctx.arg(3));
        if (by == null) {
            throw new CommandException(RespError.NOT_FLOAT);
        }
        if (!by.isFinite()) {
            throw new CommandException(RespError.VALUE_NAN_OR_INFINITY);
        }
        Entry e = writeOrCreate(ctx);
        HashValue h = (HashValue) e.value();
        byte[] field = ctx.arg(2);
        byte[] current = h.get(field);
        LongDouble old = current == null ? LongDouble.ZERO : LongDouble.parse(current);
        if (old == null) {
            throw new CommandException(RespError.HASH_NOT_FLOAT);
        }
        LongDouble sum = old.add(by);
        if (!sum.isFinite()) {
            throw new CommandException(RespError.INCR_NAN);
        }
        byte[] value = sum.toHumanString().getBytes(StandardCharsets.US_ASCII);
        long before = h.memoryUsage();
        h.set(field, value);
        Aggregates.changed(ctx, e, before, h.size());
        ctx.dirty(1);
        ctx.propagateAs(HSET, ctx.arg(1), field, value);
        ctx.reply().bulk(value);
    }

    private static void hrandfield(CommandContext ctx) {
        if (ctx.argc() >= 3) {
            long count = Aggregates.rangeCount(ctx, 2);
            boolean withValues = false;
            if (ctx.argc() > 4 || (ctx.argc() == 4 && !ctx.argIs(3, "withvalues"))) {
                throw new CommandException(RespError.SYNTAX);
            } else if (ctx.argc() == 4) {
                withValues = true;
                if (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2) {
                    throw new CommandException(RespError.VALUE_OUT_OF_RANGE);
                }
            }
            withCount(ctx, count, withValues);
            return;
        }
        HashValue h = read(ctx);
        ctx.reply().bulk(h == null ? null : h.randomPair(ctx.engine().random())[0]);
    }

    private static void withCount(CommandContext ctx, long requested, boolean withValues) {
        HashValue h = read(ctx);
        Reply r = ctx.reply();
        if (h == null || requested == 0) {
            r.array(0);
            return;
        }
        boolean nested = withValues && r.version() != RespVersion.RESP2;
        int perItem = withValues && !nested ? 2 : 1;
        SplittableRandom random = ctx.engine().random();
        if (requested < 0 || requested == 1) {
            long count = Math.abs(requested);
            r.array(Math.toIntExact(count * perItem));
            for (long i = 0; i < count; i++) {
                byte[][] pair = h.randomPair(random);
                pairReply(r, pair[0], pair[1], withValues, nested);
            }
            return;
        }
        int size = h.size();
        if (requested >= size) {
            r.array(size * perItem);
            h.forEach((f, v) -> pairReply(r, f, v, withValues, nested));
            return;
        }
        int count = (int) requested;
        r.array(count * perItem);
        if ((long) count * 3 <= size) {
            Set<ByteBuffer> picked = new HashSet<>();
            while (picked.size() < count) {
                byte[][] pair = h.randomPair(random);
                if (picked.add(ByteBuffer.wrap(pair[0]))) {
                    pairReply(r, pair[0], pair[1], withValues, nested);
                }
            }
            return;
        }
        byte[][] all = h.toPairs();
        for (int i : Sampling.distinct(size, count, random)) {
            pairReply(r, all[2 * i], all[2 * i + 1], withValues, nested);
        }
    }

    private static void pairReply(Reply r, byte[] field, byte[] value, boolean withValues, boolean nested) {
        if (nested) {
            r.array(2);
        }
        r.bulk(field);
        if (withValues) {
            r.bulk(value);
        }
    }

    private static void hscan(CommandContext ctx) {
        long cursor = Aggregates.parseCursor(ctx.arg(2));
        HashValue h = read(ctx);
        if (h == null) {
            emptyScan(ctx.reply());
            return;
        }
        Aggregates.ScanOptions options = Aggregates.scanOptions(ctx, 3);
        List<byte[]> found = new ArrayList<>();
        long maxIterations = options.count() * 10;
        do {
            cursor = h.scan(cursor, (f, v) -> {
                found.add(f);
                found.add(v);
            });
        } while (cursor != 0 && maxIterations-- > 0 && found.size() < options.count());
        List<byte[]> out = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i += 2) {
            if (options.pattern() == null || Glob.matches(options.pattern(), found.get(i), false)) {
                out.add(found.get(i));
                out.add(found.get(i + 1));
            }
        }
        Reply r = ctx.reply();
        r.array(2);
        r.bulk(Long.toUnsignedString(cursor));
        r.array(out.size());
        out.forEach(r::bulk);
    }

    static void emptyScan(Reply r) {
        r.array(2);
        r.bulk("0");
        r.array(0);
    }
}
