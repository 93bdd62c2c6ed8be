package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.DENYOOM;
import static io.vigil.store.command.CommandFlag.FAST;
import static io.vigil.store.command.CommandFlag.READONLY;
import static io.vigil.store.command.CommandFlag.WRITE;

import io.vigil.resp.RespError;
import io.vigil.resp.RespVersion;
import io.vigil.resp.RespWriter;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandFlag;
import io.vigil.store.command.CommandHandler;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.command.Numbers;
import io.vigil.store.keyspace.Entry;
import io.vigil.store.keyspace.Glob;
import io.vigil.store.types.LexRange;
import io.vigil.store.types.ScoreRange;
import io.vigil.store.types.ZSetValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sorted-set commands with Redis 7.0's parsing, replies and errors (see {@code t_zset.c}): ZADD ZINCRBY ZREM ZSCORE
 * ZMSCORE ZCARD ZCOUNT ZLEXCOUNT ZRANK ZREVRANK ZPOPMIN ZPOPMAX ZMPOP ZRANDMEMBER ZSCAN and the remove-range commands. The
 * range commands live in {@link SortedSetRangeCommands}, the set algebra in {@link SortedSetAlgebra}.
 */
public final class SortedSetCommands implements CommandFamily {

    private static final byte[] ZPOPMIN = "ZPOPMIN".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZPOPMAX = "ZPOPMAX".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void register(CommandTable t) {
        t.register(spec("zadd", -4, SortedSetCommands::zadd, WRITE, DENYOOM, FAST)
                .summary("Adds one or more members to a sorted set, or updates their scores."));
        t.register(spec("zincrby", 4, SortedSetCommands::zincrby, WRITE, DENYOOM, FAST)
                .summary("Increments the score of a member in a sorted set."));
        t.register(spec("zrem", -3, SortedSetCommands::zrem, WRITE, FAST)
                .summary("Removes one or more members from a sorted set."));
        t.register(spec("zscore", 3, SortedSetCommands::zscore, READONLY, FAST)
                .summary("Returns the score of a member in a sorted set."));
        t.register(spec("zmscore", -3, SortedSetCommands::zmscore, READONLY, FAST)
                .summary("Returns the score of one or more members in a sorted set."));
        t.register(spec("zcard", 2, SortedSetCommands::zcard, READONLY, FAST)
                .summary("Returns the number of members in a sorted set."));
        t.register(spec("zcount", 4, SortedSetCommands::zcount, READONLY, FAST)
                .summary("Returns the count of members in a sorted set that have scores within a range."));
        t.register(spec("zlexcount", 4, SortedSetCommands::zlexcount, READONLY, FAST)
                .summary("Returns the number of members in a sorted set within a lexicographical range."));
        t.register(spec("zrank", 3, ctx -> zrank(ctx, false), READONLY, FAST)
                .summary("Returns the index of a member in a sorted set ordered by ascending scores."));
        t.register(spec("zrevrank", 3, ctx -> zrank(ctx, true), READONLY, FAST)
                .summary("Returns the index of a member in a sorted set ordered by descending scores."));
        t.register(spec("zpopmin", -2, ctx -> zpop(ctx, false), WRITE, FAST)
                .summary("Returns the lowest-scoring members from a sorted set after removing them."));
        t.register(spec("zpopmax", -2, ctx -> zpop(ctx, true), WRITE, FAST)
                .summary("Returns the highest-scoring members from a sorted set after removing them."));
        t.register(CommandSpec.of("zmpop", -4, SortedSetCommands::zmpop)
                .flags(WRITE)
                .keys(0, 0, 0)
                .group("sorted-set")
                .summary(
                        "Returns the highest- or lowest-scoring members from one or more sorted sets after removing them. "
                                + "Deletes the sorted set if the last member was popped."));
        t.register(spec("zrandmember", -2, SortedSetCommands::zrandmember, READONLY)
                .summary("Returns one or more random members from a sorted set."));
        t.register(spec("zscan", -3, SortedSetCommands::zscan, READONLY)
                .summary("Iterates over members and scores of a sorted set."));
        t.register(spec("zremrangebyrank", 4, ctx -> zremrange(ctx, RangeKind.RANK), WRITE)
                .summary("Removes members in a sorted set within a range of indexes."));
        t.register(spec("zremrangebyscore", 4, ctx -> zremrange(ctx, RangeKind.SCORE), WRITE)
                .summary("Removes members in a sorted set within a range of scores."));
        t.register(spec("zremrangebylex", 4, ctx -> zremrange(ctx, RangeKind.LEX), WRITE)
                .summary("Removes members in a sorted set within a lexicographical range."));
        SortedSetRangeCommands.register(t);
        SortedSetAlgebra.register(t);
    }

    /** How a range is given: by rank, by score or by member. */
    enum RangeKind {
        /** 0-based indexes, negative from the end. */
        RANK,
        /** Scores with {@code (} exclusive bounds. */
        SCORE,
        /** Members with {@code [a}/{@code (a}/{@code -}/{@code +}. */
        LEX
    }

    static CommandSpec spec(String name, int arity, CommandHandler h, CommandFlag... flags) {
        return CommandSpec.of(name, arity, h).flags(flags).keys(1, 1, 1).group("sorted-set");
    }

    /** The sorted set at a key for reading (counted as a hit or miss), or {@code null}; WRONGTYPE otherwise. */
    static ZSetValue read(CommandContext ctx, byte[] key) {
        Entry e = Lookups.read(ctx, key);
        return e == null ? null : zset(e);
    }

    /** The entry's sorted set; WRONGTYPE otherwise. */
    static ZSetValue zset(Entry e) {
        if (e.value() instanceof ZSetValue z) {
            return z;
        }
        throw new CommandException(RespError.WRONGTYPE);
    }

    /** A live entry holding a sorted set, for writing, or {@code null}; WRONGTYPE otherwise. */
    static Entry write(CommandContext ctx, byte[] key) {
        Entry e = ctx.db().lookup(key);
        if (e != null) {
            zset(e);
        }
        return e;
    }

    /** Reports an in-place change: the new memory size, or deletes the key when the set became empty. */
    static void changed(CommandContext ctx, Entry e, ZSetValue z, long bytesBefore) {
        if (z.size() == 0) {
            ctx.db().delete(e.key());
        } else {
            ctx.db().adjustMemory(e, z.memoryUsage() - bytesBefore);
        }
    }

    /** Writes member/score pairs: flat in RESP2, nested pairs in RESP3 (with scores). */
    static void replyElements(CommandContext ctx, List<byte[]> members, List<Double> scores, boolean withScores) {
        boolean nested = withScores && ctx.reply().version() == RespVersion.RESP3;
        ctx.reply().array(withScores && !nested ? members.size() * 2 : members.size());
        for (int i = 0; i < members.size(); i++) {
            if (nested) {
                ctx.reply().array(2);
            }
            ctx.reply().bulk(members.get(i));
            if (withScores) {
                ctx.reply().doubleValue(scores.get(i));
            }
        }
    }

    private static void zadd(CommandContext ctx) {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        boolean ch = false;
        boolean incr = false;
        int scoreIdx = 2;
        for (; scoreIdx < ctx.argc(); scoreIdx++) {
            if (ctx.argIs(scoreIdx, "nx")) {
                nx = true;
            } else if (ctx.argIs(scoreIdx, "xx")) {
                xx = true;
            } else if (ctx.argIs(scoreIdx, "ch")) {
                ch = true;
            } else if (ctx.argIs(scoreIdx, "incr")) {
                incr = true;
            } else if (ctx.argIs(scoreIdx, "gt")) {
                gt = true;
            } else if (ctx.argIs(scoreIdx, "lt")) {
                lt = true;
            } else {
                break;
            }
        }
        int elements = ctx.argc() - scoreIdx;
        if (elements % 2 != 0 || elements == 0) {
            throw new CommandException(RespError.SYNTAX);
        }
        elements /= 2;
        if (nx && xx) {
            throw new CommandException(RespError.ZADD_XX_NX);
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            throw new CommandException(RespError.ZADD_GT_LT_NX);
        }
        if (incr && elements > 1) {
            throw new CommandException(RespError.ZADD_INCR_PAIR);
        }
        add(ctx, scoreIdx, elements, new AddFlags(nx, xx, gt, lt, ch, incr));
    }

    private record AddFlags(boolean nx, boolean xx, boolean gt, boolean lt, boolean ch, boolean incr) {}

    private static void zincrby(CommandContext ctx) {
        add(ctx, 2, 1, new AddFlags(false, false, false, false, false, true));
    }

    private static void add(CommandContext ctx, int scoreIdx, int elements, AddFlags f) {
        double[] scores = new double[elements];
        for (int j = 0; j < elements; j++) {
            scores[j] = ZSetArgs.parseScore(ctx.arg(scoreIdx + j * 2), RespError.NOT_FLOAT);
        }
        byte[] key = ctx.arg(1);
        Entry e = write(ctx, key);
        int added = 0;
        int updated = 0;
        int processed = 0;
        double last = 0;
        if (e == null && !f.xx()) {
            e = ctx.db().put(key, new ZSetValue(), false);
        }
        if (e != null) {
            ZSetValue z = (ZSetValue) e.value();
            long before = z.memoryUsage();
            try {
                for (int j = 0; j < elements; j++) {
                    byte[] member = ctx.arg(scoreIdx + 1 + j * 2);
                    double score = scores[j];
                    Double current = z.score(member);
                    if (current != null) {
                        if (f.nx()) {
                            continue;
                        }
                        if (f.incr()) {
                            score += current;
                            if (Double.isNaN(score)) {
                                throw new CommandException(RespError.ZSET_SCORE_NAN);
                            }
                        }
                        if ((f.lt() && score >= current) || (f.gt() && score <= current)) {
                            continue;
                        }
                        last = score;
                        processed++;
                        if (score != current) {
                            z.add(member, score);
                            updated++;
                        }
                    } else if (!f.xx()) {
                        z.add(member, score);
                        added++;
                        processed++;
                        last = score;
                    }
                }
            } finally {
                if (added + updated > 0 || z.size() == 0) {
                    changed(ctx, e, z, before);
                }
                ctx.dirty(added + updated);
            }
        }
        if (f.incr()) {
            if (processed > 0) {
                ctx.reply().doubleValue(last);
            } else {
                ctx.reply().nil();
            }
        } else {
            ctx.reply().integer(f.ch() ? added + updated : added);
        }
    }

    private static void zrem(CommandContext ctx) {
        Entry e = write(ctx, ctx.arg(1));
        if (e == null) {
            ctx.reply().integer(0);
            return;
        }
        ZSetValue z = (ZSetValue) e.value();
        long before = z.memoryUsage();
        int deleted = 0;
        for (int i = 2; i < ctx.argc() && z.size() > 0; i++) {
            if (z.remove(ctx.arg(i))) {
                deleted++;
            }
        }
        if (deleted > 0) {
            changed(ctx, e, z, before);
            ctx.dirty(deleted);
        }
        ctx.reply().integer(deleted);
    }

    private static void zscore(CommandContext ctx) {
        ZSetValue z = read(ctx, ctx.arg(1));
        Double score = z == null ? null : z.score(ctx.arg(2));
        if (score == null) {
            ctx.reply().nil();
        } else {
            ctx.reply().doubleValue(score);
        }
    }

    private static void zmscore(CommandContext ctx) {
        ZSetValue z = read(ctx, ctx.arg(1));
        ctx.reply().array(ctx.argc() - 2);
        for (int i = 2; i < ctx.argc(); i++) {
            Double score = z == null ? null : z.score(ctx.arg(i));
            if (score == null) {
                ctx.reply().nil();
            } else {
                ctx.reply().doubleValue(score);
            }
        }
    }

    private static void zcard(CommandContext ctx) {
        ZSetValue z = read(ctx, ctx.arg(1));
        ctx.reply().integer(z == null ? 0 : z.size());
    }

    private static void zcount(CommandContext ctx) {
        ScoreRange r = ZSetArgs.scoreRange(ctx.arg(2), ctx.arg(3));
        ZSetValue z = read(ctx, ctx.arg(1));
        ctx.reply().integer(z == null ? 0 : Math.max(0, z.countUpTo(r) - z.countBelow(r)));
    }

    private static void zlexcount(CommandContext ctx) {
        LexRange r = ZSetArgs.lexRange(ctx.arg(2), ctx.arg(3));
        ZSetValue z = read(ctx, ctx.arg(1));
        ctx.reply().integer(z == null || r.isEmpty() ? 0 : Math.max(0, z.countUpTo(r) - z.countBelow(r)));
    }

    private static void zrank(CommandContext ctx, boolean reverse) {
        ZSetValue z = read(ctx, ctx.arg(1));
        int rank = z == null ? -1 : z.rank(ctx.arg(2));
        if (rank < 0) {
            ctx.reply().nil();
        } else {
            ctx.reply().integer(reverse ? z.size() - 1 - rank : rank);
        }
    }

    private static void zpop(CommandContext ctx, boolean max) {
        if (ctx.argc() > 3) {
            throw new CommandException(RespError.SYNTAX);
        }
        boolean withCount = ctx.argc() == 3;
        long count = 1;
        if (withCount) {
            count = ctx.argLong(2, RespError.NOT_POSITIVE);
            if (count < 0) {
                throw new CommandException(RespError.NOT_POSITIVE);
            }
        }
        Entry e = write(ctx, ctx.arg(1));
        if (e == null || count == 0) {
            ctx.reply().array(0);
            return;
        }
        List<byte[]> members = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        pop(ctx, e, max, count, members, scores);
        if (withCount) {
            replyElements(ctx, members, scores, true);
        } else {
            ctx.reply().array(2);
            ctx.reply().bulk(members.get(0));
            ctx.reply().doubleValue(scores.get(0));
        }
    }

    /** Pops up to {@code count} lowest (or highest) elements of a live sorted set, deleting it when emptied. */
    private static void pop(
            CommandContext ctx, Entry e, boolean max, long count, List<byte[]> members, List<Double> scores) {
        ZSetValue z = (ZSetValue) e.value();
        long before = z.memoryUsage();
        int n = (int) Math.min(count, z.size());
        int start = max ? z.size() - n : 0;
        z.forRange(start, start + n - 1, max, (m, s) -> {
            members.add(m);
            scores.add(s);
        });
        z.removeRange(start, start + n - 1);
        changed(ctx, e, z, before);
        ctx.dirty(n);
    }

    /** ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]; replicated as ZPOPMIN/ZPOPMAX of the popped key. */
    private static void zmpop(CommandContext ctx) {
        long numkeys = ctx.argLong(1, RespError.NUMKEYS_NOT_POSITIVE);
        if (numkeys < 1) {
            throw new CommandException(RespError.NUMKEYS_NOT_POSITIVE);
        }
        if (numkeys >= ctx.argc() - 2) {
            throw new CommandException(RespError.SYNTAX);
        }
        int whereIdx = 2 + (int) numkeys;
        boolean max;
        if (ctx.argIs(whereIdx, "min")) {
            max = false;
        } else if (ctx.argIs(whereIdx, "max")) {
            max = true;
        } else {
            throw new CommandException(RespError.SYNTAX);
        }
        long count = -1;
        for (int j = whereIdx + 1; j < ctx.argc(); j++) {
            if (count == -1 && ctx.argIs(j, "count") && j < ctx.argc() - 1) {
                count = ctx.argLong(++j, RespError.COUNT_NOT_POSITIVE);
                if (count < 1) {
                    throw new CommandException(RespError.COUNT_NOT_POSITIVE);
                }
            } else {
                throw new CommandException(RespError.SYNTAX);
            }
        }
        if (count == -1) {
            count = 1;
        }
        for (int i = 2; i < whereIdx; i++) {
            Entry e = write(ctx, ctx.arg(i));
            if (e == null) {
                continue;
            }
            List<byte[]> members = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            pop(ctx, e, max, count, members, scores);
            ctx.propagateAs(max ? ZPOPMAX : ZPOPMIN, ctx.arg(i), Numbers.toBytes(count));
            ctx.reply().array(2);
            ctx.reply().bulk(ctx.arg(i));
            ctx.reply().array(members.size());
            for (int k = 0; k < members.size(); k++) {
                ctx.reply().array(2);
                ctx.reply().bulk(members.get(k));
                ctx.reply().doubleValue(scores.get(k));
            }
            return;
        }
        ctx.reply().nilArray();
    }

    private static void zrandmember(CommandContext ctx) {
        if (ctx.argc() == 2) {
            ZSetValue z = read(ctx, ctx.arg(1));
            if (z == null) {
                ctx.reply().nil();
            } else {
                ctx.reply().bulk(z.memberAt(ctx.engine().random().nextInt(z.size())));
            }
            return;
        }
        long count = ctx.argLong(2);
        if (count == Long.MIN_VALUE) {
            throw new CommandException(RespError.NOT_LONG_RANGE);
        }
        boolean withScores = false;
        if (ctx.argc() > 4 || (ctx.argc() == 4 && !ctx.argIs(3, "withscores"))) {
            throw new CommandException(RespError.SYNTAX);
        } else if (ctx.argc() == 4) {
            withScores = true;
            if (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2) {
                throw new CommandException(RespError.VALUE_OUT_OF_RANGE);
            }
        }
        ZSetValue z = read(ctx, ctx.arg(1));
        List<byte[]> members = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        if (z != null && count != 0) {
            pickRandom(z, count, ctx.engine().random(), (m, s) -> {
                members.add(m);
                scores.add(s);
            });
        }
        replyElements(ctx, members, scores, withScores);
    }

    /**
     * Picks random elements as ZRANDMEMBER does: {@code count < 0} picks {@code -count} with repetition; {@code count
     * >= size} returns every element from the highest rank down (Redis iterates from the tail); otherwise {@code count} distinct elements in set order.
     */
    static void pickRandom(ZSetValue z, long count, SplittableRandom random, ZSetValue.Visitor out) {
        int size = z.size();
        if (count < 0) {
            for (long i = 0; i < -count; i++) {
                int rank = random.nextInt(size);
                out.visit(z.memberAt(rank), z.scoreAt(rank));
            }
            return;
        }
        if (count >= size) {
            z.forRange(0, size - 1, true, out);
            return;
        }
        boolean[] chosen = new boolean[size];
        int picked = 0;
        while (picked < count) {
            int rank = random.nextInt(size);
            if (!chosen[rank]) {
                chosen[rank] = true;
                picked++;
            }
        }
        for (int rank = 0; rank < size; rank++) {
            if (chosen[rank]) {
                out.visit(z.memberAt(rank), z.scoreAt(rank));
            }
        }
    }

    private static void zscan(CommandContext ctx) {
        long cursor = KeyCommands.parseCursor(ctx.arg(2));
        ZSetValue z = read(ctx, ctx.arg(1));
        if (z == null) {
            ctx.reply().array(2);
            ctx.reply().bulk("0");
            ctx.reply().array(0);
            return;
        }
        long count = 10;
        byte[] pattern = null;
        for (int i = 3; i < ctx.argc(); i += 2) {
            int remaining = ctx.argc() - i;
            if (ctx.argIs(i, "count") && remaining >= 2) {
                count = ctx.argLong(i + 1);
                if (count < 1) {
                    throw new CommandException(RespError.SYNTAX);
                }
            } else if (ctx.argIs(i, "match") && remaining >= 2) {
                pattern = Glob.matchesAll(ctx.arg(i + 1)) ? null : ctx.arg(i + 1);
            } else {
                throw new CommandException(RespError.SYNTAX);
            }
        }
        List<byte[]> out = new ArrayList<>();
        byte[] p = pattern;
        long next = z.scan(cursor, count, (m, s) -> {
            if (p == null || Glob.matches(p, m, false)) {
                out.add(m);
                out.add(RespWriter.formatDouble(s).getBytes(StandardCharsets.US_ASCII));
            }
        });
        ctx.reply().array(2);
        ctx.reply().bulk(Long.toUnsignedString(next));
        ctx.reply().array(out.size());
        out.forEach(ctx.reply()::bulk);
    }

    private static void zremrange(CommandContext ctx, RangeKind kind) {
        long start = 0;
        long end = 0;
        ScoreRange scores = null;
        LexRange lex = null;
        switch (kind) {
            case RANK -> {
                start = ctx.argLong(2);
                end = ctx.argLong(3);
            }
            case SCORE -> scores = ZSetArgs.scoreRange(ctx.arg(2), ctx.arg(3));
            case LEX -> lex = ZSetArgs.lexRange(ctx.arg(2), ctx.arg(3));
        }
        Entry e = write(ctx, ctx.arg(1));
        if (e == null) {
            ctx.reply().integer(0);
            return;
        }
        ZSetValue z = (ZSetValue) e.value();
        int llen = z.size();
        int from;
        int to;
        if (kind == RangeKind.RANK) {
            if (start < 0) {
                start = llen + start;
            }
            if (end < 0) {
                end = llen + end;
            }
            if (start < 0) {
                start = 0;
            }
            if (start > end || start >= llen) {
                ctx.reply().integer(0);
                return;
            }
            from = (int) start;
            to = (int) Math.min(end, llen - 1);
        } else if (kind == RangeKind.SCORE) {
            from = z.countBelow(scores);
            to = z.countUpTo(scores) - 1;
        } else {
            if (lex.isEmpty()) {
                ctx.reply().integer(0);
                return;
            }
            from = z.countBelow(lex);
            to = z.countUpTo(lex) - 1;
        }
        long before = z.memoryUsage();
        int removed = z.removeRange(from, to);
        if (removed > 0) {
            changed(ctx, e, z, before);
            ctx.dirty(removed);
        }
        ctx.reply().integer(removed);
    }
}
