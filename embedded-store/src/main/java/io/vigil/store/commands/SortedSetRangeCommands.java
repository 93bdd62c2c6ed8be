package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.DENYOOM;
import static io.vigil.store.command.CommandFlag.READONLY;
import static io.vigil.store.command.CommandFlag.WRITE;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandTable;
import io.vigil.store.commands.SortedSetCommands.RangeKind;
import io.vigil.store.types.LexRange;
import io.vigil.store.types.ScoreRange;
import io.vigil.store.types.ZSetValue;
import java.util.ArrayList;
import java.util.List;

/**
 * ZRANGE (BYSCORE BYLEX REV LIMIT WITHSCORES), ZRANGESTORE and the legacy ZREVRANGE ZRANGEBYSCORE ZREVRANGEBYSCORE
 * ZRANGEBYLEX ZREVRANGEBYLEX, following Redis 7.0's {@code zrangeGenericCommand}: options first, then the range, then
 * the key.
 */
final class SortedSetRangeCommands {

    private SortedSetRangeCommands() {}

    static void register(CommandTable t) {
        t.register(SortedSetCommands.spec("zrange", -4, ctx -> zrange(ctx, 1, null, null, false), READONLY)
                .summary("Returns members in a sorted set within a range of indexes."));
        t.register(SortedSetCommands.spec("zrangestore", -5, ctx -> zrange(ctx, 2, null, null, true), WRITE, DENYOOM)
                .keys(1, 2, 1)
                .summary("Stores a range of members from sorted set in a key."));
        t.register(SortedSetCommands.spec("zrevrange", -4, ctx -> zrange(ctx, 1, RangeKind.RANK, true, false), READONLY)
                .summary("Returns members in a sorted set within a range of indexes in reverse order."));
        t.register(SortedSetCommands.spec(
                        "zrangebyscore", -4, ctx -> zrange(ctx, 1, RangeKind.SCORE, false, false), READONLY)
                .summary("Returns members in a sorted set within a range of scores."));
        t.register(SortedSetCommands.spec(
                        "zrevrangebyscore", -4, ctx -> zrange(ctx, 1, RangeKind.SCORE, true, false), READONLY)
                .summary("Returns members in a sorted set within a range of scores in reverse order."));
        t.register(
                SortedSetCommands.spec("zrangebylex", -4, ctx -> zrange(ctx, 1, RangeKind.LEX, false, false), READONLY)
                        .summary("Returns members in a sorted set within a lexicographical range."));
        t.register(SortedSetCommands.spec(
                        "zrevrangebylex", -4, ctx -> zrange(ctx, 1, RangeKind.LEX, true, false), READONLY)
                .summary("Returns members in a sorted set within a lexicographical range in reverse order."));
    }

    /**
     * The generic range command. {@code kind}/{@code reverse} are fixed by legacy commands and {@code null} when the
     * options choose them (ZRANGE, ZRANGESTORE).
     */
    private static void zrange(CommandContext ctx, int argStart, RangeKind kind, Boolean reverse, boolean store) {
        int keyIdx = argStart;
        int minIdx = argStart + 1;
        int maxIdx = argStart + 2;
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        for (int j = argStart + 3; j < ctx.argc(); j++) {
            int left = ctx.argc() - j - 1;
            if (!store && ctx.argIs(j, "withscores")) {
                withScores = true;
            } else if (ctx.argIs(j, "limit") && left >= 2) {
                offset = ctx.argLong(j + 1);
                limit = ctx.argLong(j + 2);
                j += 2;
            } else if (reverse == null && ctx.argIs(j, "rev")) {
                reverse = true;
            } else if (kind == null && ctx.argIs(j, "bylex")) {
                kind = RangeKind.LEX;
            } else if (kind == null && ctx.argIs(j, "byscore")) {
                kind = RangeKind.SCORE;
            } else {
                throw new CommandException(RespError.SYNTAX);
            }
        }
        boolean rev = reverse != null && reverse;
        RangeKind k = kind == null ? RangeKind.RANK : kind;
        if (limit != -1 && k == RangeKind.RANK) {
            throw new CommandException(RespError.ZRANGE_LIMIT_NEEDS_BY);
        }
        if (withScores && k == RangeKind.LEX) {
            throw new CommandException(RespError.ZRANGE_BYLEX_WITHSCORES);
        }
        if (rev && k != RangeKind.RANK) {
            int tmp = maxIdx;
            maxIdx = minIdx;
            minIdx = tmp;
        }
        long start = 0;
        long end = 0;
        ScoreRange scores = null;
        LexRange lex = null;
        switch (k) {
            case RANK -> {
                start = ctx.argLong(minIdx);
                end = ctx.argLong(maxIdx);
            }
            case SCORE -> scores = ZSetArgs.scoreRange(ctx.arg(minIdx), ctx.arg(maxIdx));
            case LEX -> lex = ZSetArgs.lexRange(ctx.arg(minIdx), ctx.arg(maxIdx));
        }
        ZSetValue z = SortedSetCommands.read(ctx, ctx.arg(keyIdx));
        List<byte[]> members = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        if (z != null) {
            int[] ranks =
                    switch (k) {
                        case RANK -> rankRange(z.size(), start, end, rev);
                        case SCORE -> limited(z, z.countBelow(scores), z.countUpTo(scores) - 1, rev, offset, limit);
                        case LEX ->
                            lex.isEmpty()
                                    ? null
                                    : limited(z, z.countBelow(lex), z.countUpTo(lex) - 1, rev, offset, limit);
                    };
            if (ranks != null) {
                z.forRange(ranks[0], ranks[1], rev, (m, s) -> {
                    members.add(m);
                    values.add(s);
                });
            }
        }
        if (store) {
            storeResult(ctx, ctx.arg(1), members, values);
        } else {
            SortedSetCommands.replyElements(ctx, members, values, withScores);
        }
    }

    /** Ascending ranks {@code [lo, hi]} for a rank range, or {@code null} when empty. */
    private static int[] rankRange(int llen, long start, long end, boolean rev) {
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
            return null;
        }
        if (end >= llen) {
            end = llen - 1;
        }
        return rev ? new int[] {(int) (llen - 1 - end), (int) (llen - 1 - start)} : new int[] {(int) start, (int) end};
    }

    /** Ascending ranks {@code [lo, hi]} of in-range elements after LIMIT offset/count, or {@code null}. */
    private static int[] limited(ZSetValue z, int first, int last, boolean rev, long offset, long limit) {
        if (first > last || offset < 0 || (offset > 0 && offset >= z.size())) {
            return null;
        }
        long available = (long) last - first + 1 - offset;
        if (available <= 0 || limit == 0) {
            return null;
        }
        long n = limit < 0 ? available : Math.min(limit, available);
        if (rev) {
            return new int[] {(int) (last - offset - n + 1), (int) (last - offset)};
        }
        return new int[] {(int) (first + offset), (int) (first + offset + n - 1)};
    }

    /** Stores a result as ZRANGESTORE and ZUNIONSTORE do: an empty result deletes the destination. */
    static void storeResult(CommandContext ctx, byte[] dst, List<byte[]> members, List<Double> scores) {
        if (members.isEmpty()) {
            if (ctx.db().delete(dst)) {
                ctx.dirty(1);
            }
            ctx.reply().integer(0);
            return;
        }
        double[] s = new double[scores.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores.get(i);
        }
        ctx.db().put(dst, ZSetValue.of(members.toArray(new byte[0][]), s, s.length), false);
        ctx.dirty(1);
        ctx.reply().integer(members.size());
    }
}
