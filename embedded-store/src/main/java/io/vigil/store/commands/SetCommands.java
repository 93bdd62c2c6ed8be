package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.DENYOOM;
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
import io.vigil.store.command.Reply;
import io.vigil.store.keyspace.Entry;
import io.vigil.store.keyspace.Glob;
import io.vigil.store.types.SetValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Set commands as Redis 7.0 implements them (src/t_set.c): SADD SREM SMEMBERS SISMEMBER SMISMEMBER SCARD SPOP
 * SRANDMEMBER SMOVE SINTER SUNION SDIFF SINTERSTORE SUNIONSTORE SDIFFSTORE SINTERCARD SSCAN.
 *
 * <p>SPOP is replicated as {@code SREM key member...} (or {@code DEL key} when it empties the set) so replicas
 * remove the same members.
 */
public final class SetCommands implements CommandFamily {

    private static final byte[] SREM = "SREM".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);

    private enum Op {
        UNION,
        DIFF
    }

    @Override
    public void register(CommandTable t) {
        t.register(
                spec("sadd", -3, SetCommands::sadd, WRITE, DENYOOM, FAST).summary("Add one or more members to a set"));
        t.register(spec("srem", -3, SetCommands::srem, WRITE, FAST).summary("Remove one or more members from a set"));
        t.register(spec("smembers", 2, ctx -> inter(ctx, 1, 1, null, false, 0), READONLY)
                .summary("Get all the members in a set"));
        t.register(spec("sismember", 3, SetCommands::sismember, READONLY, FAST)
                .summary("Determine if a given value is a member of a set"));
        t.register(spec("smismember", -3, SetCommands::smismember, READONLY, FAST)
                .since("6.2.0")
                .summary("Returns the membership associated with the given elements for a set"));
        t.register(spec("scard", 2, SetCommands::scard, READONLY, FAST).summary("Get the number of members in a set"));
        t.register(spec("spop", -2, SetCommands::spop, WRITE, FAST)
                .summary("Remove and return one or multiple random members from a set"));
        t.register(spec("srandmember", -2, SetCommands::srandmember, READONLY)
                .summary("Get one or multiple random members from a set"));
        t.register(spec("smove", 4, SetCommands::smove, WRITE, FAST)
                .keys(1, 2, 1)
                .summary("Move a member from one set to another"));
        t.register(spec("sinter", -2, ctx -> inter(ctx, 1, ctx.argc() - 1, null, false, 0), READONLY)
                .keys(1, -1, 1)
                .summary("Intersect multiple sets"));
        t.register(spec("sinterstore", -3, ctx -> inter(ctx, 2, ctx.argc() - 2, ctx.arg(1), false, 0), WRITE, DENYOOM)
                .keys(1, -1, 1)
                .summary("Intersect multiple sets and store the resulting set in a key"));
        t.register(spec("sintercard", -3, SetCommands::sintercard, READONLY)
                .keys(0, 0, 0)
                .since("7.0.0")
                .summary("Intersect multiple sets and return the cardinality of the result"));
        t.register(spec("sunion", -2, ctx -> unionDiff(ctx, 1, null, Op.UNION), READONLY)
                .keys(1, -1, 1)
                .summary("Add multiple sets"));
        t.register(spec("sunionstore", -3, ctx -> unionDiff(ctx, 2, ctx.arg(1), Op.UNION), WRITE, DENYOOM)
                .keys(1, -1, 1)
                .summary("Add multiple sets and store the resulting set in a key"));
        t.register(spec("sdiff", -2, ctx -> unionDiff(ctx, 1, null, Op.DIFF), READONLY)
                .keys(1, -1, 1)
                .summary("Subtract multiple sets"));
        t.register(spec("sdiffstore", -3, ctx -> unionDiff(ctx, 2, ctx.arg(1), Op.DIFF), WRITE, DENYOOM)
                .keys(1, -1, 1)
                .summary("Subtract multiple sets and store the resulting set in a key"));
        t.register(spec("sscan", -3, SetCommands::sscan, READONLY)
                .since("2.8.0")
                .summary("Incrementally iterate Set elements"));
    }

    private static CommandSpec spec(String name, int arity, CommandHandler h, CommandFlag... flags) {
        return CommandSpec.of(name, arity, h).flags(flags).keys(1, 1, 1).group("set");
    }

    private static SetValue read(CommandContext ctx, byte[] key) {
        return Aggregates.read(ctx, key, SetValue.class);
    }

    private static void sadd(CommandContext ctx) {
        byte[] key = ctx.arg(1);
        Entry e = Aggregates.write(ctx, key, SetValue.class);
        if (e == null) {
            e = ctx.db().put(key, SetValue.forFirst(ctx.arg(2)), false);
        }
        SetValue s = (SetValue) e.value();
        long before = s.memoryUsage();
        int added = 0;
        for (int i = 2; i < ctx.argc(); i++) {
            if (s.add(ctx.arg(i))) {
                added++;
            }
        }
        if (added > 0) {
            Aggregates.changed(ctx, e, before, s.size());
            ctx.dirty(added);
        }
        ctx.reply().integer(added);
    }

    private static void srem(CommandContext ctx) {
        Entry e = Aggregates.write(ctx, ctx.arg(1), SetValue.class);
        if (e == null) {
            ctx.reply().integer(0);
            return;
        }
        SetValue s = (SetValue) e.value();
        long before = s.memoryUsage();
        int removed = 0;
        for (int i = 2; i < ctx.argc() && s.size() > 0; i++) {
            if (s.remove(ctx.arg(i))) {
                removed++;
            }
        }
        if (removed > 0) {
            Aggregates.changed(ctx, e, before, s.size());
            ctx.dirty(removed);
        }
        ctx.reply().integer(removed);
    }

    private static void sismember(CommandContext ctx) {
        SetValue s = read(ctx, ctx.arg(1));
        ctx.reply().integer(s != null && s.contains(ctx.arg(2)) ? 1 : 0);
    }

    private static void smismember(CommandContext ctx) {
        SetValue s = read(ctx, ctx.arg(1));
        ctx.reply().array(ctx.argc() - 2);
        for (int i = 2; i < ctx.argc(); i++) {
            ctx.reply().integer(s != null && s.contains(ctx.arg(i)) ? 1 : 0);
        }
    }

    private static void scard(CommandContext ctx) {
        SetValue s = read(ctx, ctx.arg(1));
        ctx.reply().integer(s == null ? 0 : s.size());
    }

    private static void spop(CommandContext ctx) {
        if (ctx.argc() == 3) {
            spopWithCount(ctx);
            return;
        } else if (ctx.argc() > 3) {
            throw new CommandException(RespError.SYNTAX);
        }
        byte[] key = ctx.arg(1);
        Entry e = Aggregates.write(ctx, key, SetValue.class);
        if (e == null) {
            ctx.reply().nil();
            return;
        }
        SetValue s = (SetValue) e.value();
        long before = s.memoryUsage();
        byte[] member = s.random(ctx.engine().random());
        s.remove(member);
        Aggregates.changed(ctx, e, before, s.size());
        ctx.dirty(1);
        ctx.propagateAs(SREM, key, member);
        ctx.reply().bulk(member);
    }

    private static void spopWithCount(CommandContext ctx) {
        long count = ctx.argLong(2, RespError.NOT_POSITIVE);
        if (count < 0) {
            throw new CommandException(RespError.NOT_POSITIVE);
        }
        byte[] key = ctx.arg(1);
        Entry e = Aggregates.write(ctx, key, SetValue.class);
        if (e == null || count == 0) {
            ctx.reply().set(0);
            return;
        }
        SetValue s = (SetValue) e.value();
        int size = s.size();
        Reply r = ctx.reply();
        if (count >= size) {
            r.set(size);
            s.forEach(r::bulk);
            ctx.db().delete(key);
            ctx.dirty(size);
            ctx.propagateAs(DEL, key);
            return;
        }
        byte[][] propagated = new byte[(int) count + 2][];
        propagated[0] = SREM;
        propagated[1] = key;
        long before = s.memoryUsage();
        r.set((int) count);
        SplittableRandom random = ctx.engine().random();
        for (int i = 0; i < count; i++) {
            byte[] member = s.random(random);
            s.remove(member);
            r.bulk(member);
            propagated[i + 2] = member;
        }
        Aggregates.changed(ctx, e, before, s.size());
        ctx.dirty((int) count);
        ctx.propagateAs(propagated);
    }

    private static void srandmember(CommandContext ctx) {
        if (ctx.argc() == 3) {
            srandmemberWithCount(ctx);
            return;
        } else if (ctx.argc() > 3) {
            throw new CommandException(RespError.SYNTAX);
        }
        SetValue s = read(ctx, ctx.arg(1));
        ctx.reply().bulk(s == null ? null : s.random(ctx.engine().random()));
    }

    private static void srandmemberWithCount(CommandContext ctx) {
        long requested = Aggregates.rangeCount(ctx, 2);
        SetValue s = read(ctx, ctx.arg(1));
        Reply r = ctx.reply();
        if (s == null || requested == 0) {
            r.array(0);
            return;
        }
        SplittableRandom random = ctx.engine().random();
        if (requested < 0) {
            long count = -requested;
            r.array(Math.toIntExact(count));
            for (long i = 0; i < count; i++) {
                r.bulk(s.random(random));
            }
            return;
        }
        int size = s.size();
        if (requested >= size) {
            r.array(size);
            s.forEach(r::bulk);
            return;
        }
        int count = (int) requested;
        r.array(count);
        if ((long) count * 3 <= size) {
            Set<ByteBuffer> picked = new HashSet<>();
            while (picked.size() < count) {
                byte[] member = s.random(random);
                if (picked.add(ByteBuffer.wrap(member))) {
                    r.bulk(member);
                }
            }
            return;
        }
        byte[][] members = s.toArray();
        for (int i : Sampling.distinct(size, count, random)) {
            r.bulk(members[i]);
        }
    }

    private static void smove(CommandContext ctx) {
        byte[] srcKey = ctx.arg(1);
        byte[] dstKey = ctx.arg(2);
        byte[] member = ctx.arg(3);
        Entry src = ctx.db().lookup(srcKey);
        Entry dst = ctx.db().lookup(dstKey);
        if (src == null) {
            ctx.reply().integer(0);
            return;
        }
        SetValue from = Aggregates.cast(src, SetValue.class);
        if (dst != null) {
            Aggregates.cast(dst, SetValue.class);
        }
        if (src == dst) {
            ctx.reply().integer(from.contains(member) ? 1 : 0);
            return;
        }
        long before = from.memoryUsage();
        if (!from.remove(member)) {
            ctx.reply().integer(0);
            return;
        }
        Aggregates.changed(ctx, src, before, from.size());
        if (dst == null) {
            dst = ctx.db().put(dstKey, SetValue.forFirst(member), false);
        }
        ctx.dirty(1);
        SetValue to = (SetValue) dst.value();
        long dstBefore = to.memoryUsage();
        if (to.add(member)) {
            Aggregates.changed(ctx, dst, dstBefore, to.size());
            ctx.dirty(1);
        }
        ctx.reply().integer(1);
    }

    /** The sets named by {@code count} keys from argument {@code first} ({@code null} for a missing key). */
    private static SetValue[] load(CommandContext ctx, int first, int count) {
        SetValue[] sets = new SetValue[count];
        for (int j = 0; j < count; j++) {
            sets[j] = read(ctx, ctx.arg(first + j));
        }
        return sets;
    }

    private static void inter(CommandContext ctx, int first, int count, byte[] dstKey, boolean cardOnly, long limit) {
        SetValue[] sets = load(ctx, first, count);
        if (Arrays.stream(sets).anyMatch(s -> s == null)) {
            if (dstKey != null) {
                if (ctx.db().delete(dstKey)) {
                    ctx.dirty(1);
                }
                ctx.reply().integer(0);
            } else if (cardOnly) {
                ctx.reply().integer(0);
            } else {
                ctx.reply().set(0);
            }
            return;
        }
        SetValue[] sorted = sets.clone();
        Arrays.sort(sorted, Comparator.comparingInt(SetValue::size));
        List<byte[]> result = new ArrayList<>();
        for (byte[] member : sorted[0].toArray()) {
            boolean inAll = true;
            for (int j = 1; j < sorted.length && inAll; j++) {
                inAll = sorted[j] == sorted[0] || sorted[j].contains(member);
            }
            if (inAll) {
                result.add(member);
                if (cardOnly && limit != 0 && result.size() >= limit) {
                    break;
                }
            }
        }
        if (cardOnly) {
            ctx.reply().integer(result.size());
        } else if (dstKey != null) {
            SetValue stored = SetValue.intset();
            result.forEach(stored::add);
            store(ctx, dstKey, stored);
        } else {
            ctx.reply().set(result.size());
            result.forEach(ctx.reply()::bulk);
        }
    }

    private static void sintercard(CommandContext ctx) {
        long numKeys = ctx.argLong(1, RespError.NUMKEYS_NOT_POSITIVE);
        if (numKeys < 1) {
            throw new CommandException(RespError.NUMKEYS_NOT_POSITIVE);
        }
        if (numKeys > ctx.argc() - 2) {
            throw new CommandException(RespError.NUMKEYS_TOO_MANY);
        }
        long limit = 0;
        for (int j = 2 + (int) numKeys; j < ctx.argc(); j++) {
            int moreArgs = ctx.argc() - 1 - j;
            if (ctx.argIs(j, "limit") && moreArgs > 0) {
                j++;
                limit = ctx.argLong(j, RespError.LIMIT_NEGATIVE);
                if (limit < 0) {
                    throw new CommandException(RespError.LIMIT_NEGATIVE);
                }
            } else {
                throw new CommandException(RespError.SYNTAX);
            }
        }
        inter(ctx, 2, (int) numKeys, null, true, limit);
    }

    private static void unionDiff(CommandContext ctx, int first, byte[] dstKey, Op op) {
        SetValue[] sets = load(ctx, first, ctx.argc() - first);
        boolean sameSet = false;
        for (int j = 1; j < sets.length; j++) {
            if (sets[0] != null && sets[0] == sets[j]) {
                sameSet = true;
            }
        }
        SetValue result = SetValue.intset();
        if (op == Op.UNION) {
            for (SetValue s : sets) {
                if (s != null) {
                    s.forEach(result::add);
                }
            }
        } else if (sets[0] != null && !sameSet) {
            sets[0].forEach(member -> {
                for (int j = 1; j < sets.length; j++) {
                    if (sets[j] != null && sets[j].contains(member)) {
                        return;
                    }
                }
                result.add(member);
            });
        }
        if (dstKey != null) {
            store(ctx, dstKey, result);
            return;
        }
        ctx.reply().set(result.size());
        result.forEach(ctx.reply()::bulk);
    }

    private static void store(CommandContext ctx, byte[] dstKey, SetValue result) {
        if (result.size() > 0) {
            ctx.db().put(dstKey, result, false);
            ctx.dirty(1);
            ctx.reply().integer(result.size());
            return;
        }
        if (ctx.db().delete(dstKey)) {
            ctx.dirty(1);
        }
        ctx.reply().integer(0);
    }

    private static void sscan(CommandContext ctx) {
        long cursor = Aggregates.parseCursor(ctx.arg(2));
        SetValue s = read(ctx, ctx.arg(1));
        if (s == null) {
            HashCommands.emptyScan(ctx.reply());
            return;
        }
        Aggregates.ScanOptions options = Aggregates.scanOptions(ctx, 3);
        List<byte[]> found = new ArrayList<>();
        long maxIterations = options.count() * 10;
        do {
            cursor = s.scan(cursor, found::add);
        } while (cursor != 0 && maxIterations-- > 0 && found.size() < options.count());
        List<byte[]> out = new ArrayList<>(found.size());
        for (byte[] m : found) {
            if (options.pattern() == null || Glob.matches(options.pattern(), m, false)) {
                out.add(m);
            }
        }
        Reply r = ctx.reply();
        r.array(2);
        r.bulk(Long.toUnsignedString(cursor));
        r.array(out.size());
        out.forEach(r::bulk);
    }
}
