package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.DENYOOM;
import static io.vigil.store.command.CommandFlag.READONLY;
import static io.vigil.store.command.CommandFlag.WRITE;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.keyspace.ByteKey;
import io.vigil.store.keyspace.Entry;
import io.vigil.store.types.SetValue;
import io.vigil.store.types.ZSetValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ZUNION ZINTER ZDIFF and their STORE forms, ZINTERCARD, with WEIGHTS and AGGREGATE SUM|MIN|MAX, following Redis 7.0's {@code
 * zunionInterDiffGenericCommand}: numkeys, then the keys (type-checked), then the options. Plain sets are accepted as
 * inputs, each member scoring 1.
 */
final class SortedSetAlgebra {

    private SortedSetAlgebra() {}

    /** The set operation. */
    private enum Op {
        UNION,
        INTER,
        DIFF
    }

    /** How scores of the same member are combined. */
    private enum Aggregate {
        SUM,
        MIN,
        MAX
    }

    static void register(CommandTable t) {
        t.register(spec("zunionstore", -4, Op.UNION, true, WRITE, DENYOOM)
                .summary("Stores the union of multiple sorted sets in a key."));
        t.register(spec("zinterstore", -4, Op.INTER, true, WRITE, DENYOOM)
                .summary("Stores the intersect of multiple sorted sets in a key."));
        t.register(spec("zdiffstore", -4, Op.DIFF, true, WRITE, DENYOOM)
                .summary("Stores the difference of multiple sorted sets in a key."));
        t.register(spec("zunion", -3, Op.UNION, false, READONLY).summary("Returns the union of multiple sorted sets."));
        t.register(spec("zinter", -3, Op.INTER, false, READONLY)
                .summary("Returns the intersect of multiple sorted sets."));
        t.register(CommandSpec.of("zintercard", -3, SortedSetAlgebra::zintercard)
                .flags(READONLY)
                .keys(0, 0, 0)
                .group("sorted-set")
                .summary("Returns the number of members of the intersect of multiple sorted sets."));
        t.register(spec("zdiff", -3, Op.DIFF, false, READONLY)
                .summary("Returns the difference between multiple sorted sets."));
    }

    private static CommandSpec spec(
            String name, int arity, Op op, boolean store, io.vigil.store.command.CommandFlag... flags) {
        return CommandSpec.of(name, arity, ctx -> run(ctx, op, store))
                .flags(flags)
                .keys(store ? 1 : 0, store ? 1 : 0, store ? 1 : 0)
                .group("sorted-set");
    }

    /** One input: a sorted set, a plain set (every member scores 1) or nothing (missing key), and its weight. */
    private static final class Source {
        final ZSetValue zset;
        final SetValue set;
        double weight = 1.0;

        Source(Object value) {
            this.zset = value instanceof ZSetValue z ? z : null;
            this.set = value instanceof SetValue s ? s : null;
        }

        int size() {
            return zset != null ? zset.size() : set != null ? set.size() : 0;
        }

        Object identity() {
            return zset != null ? zset : set;
        }

        Double score(byte[] member) {
            if (zset != null) {
                return zset.score(member);
            }
            return set != null && set.contains(member) ? 1.0 : null;
        }

        void forEach(ZSetValue.Visitor visitor) {
            if (zset != null) {
                zset.forRange(0, zset.size() - 1, true, visitor);
            } else if (set != null) {
                set.forEach(m -> visitor.visit(m, 1.0));
            }
        }
    }

    /** Reads numkeys and the input keys (type-checked) as Redis does before looking at any option. */
    private static Source[] sources(CommandContext ctx, int numkeysIdx) {
        long setnum = ctx.argLong(numkeysIdx);
        if (setnum < 1) {
            throw new CommandException(RespError.atLeastOneInputKey(ctx.spec().fullName()));
        }
        if (setnum > ctx.argc() - (numkeysIdx + 1)) {
            throw new CommandException(RespError.SYNTAX);
        }
        Source[] src = new Source[(int) setnum];
        for (int i = 0; i < src.length; i++) {
            Entry e = ctx.db().lookup(ctx.arg(numkeysIdx + 1 + i));
            ctx.countLookup(e != null);
            if (e != null && !(e.value() instanceof ZSetValue) && !(e.value() instanceof SetValue)) {
                throw new CommandException(RespError.WRONGTYPE);
            }
            src[i] = new Source(e == null ? null : e.value());
        }
        return src;
    }

    private static void zintercard(CommandContext ctx) {
        Source[] src = sources(ctx, 1);
        long limit = 0;
        for (int j = 2 + src.length; j < ctx.argc(); j += 2) {
            if (ctx.argc() - j >= 2 && ctx.argIs(j, "limit")) {
                limit = ctx.argLong(j + 1, RespError.LIMIT_NEGATIVE);
                if (limit < 0) {
                    throw new CommandException(RespError.LIMIT_NEGATIVE);
                }
            } else {
                throw new CommandException(RespError.SYNTAX);
            }
        }
        Source[] sorted = bySize(src);
        long[] count = {0};
        if (sorted[0].size() > 0) {
            long max = limit;
            sorted[0].forEach((m, score) -> {
                if (max > 0 && count[0] >= max) {
                    return;
                }
                for (int j = 1; j < sorted.length; j++) {
                    if (sorted[j].identity() != sorted[0].identity() && sorted[j].score(m) == null) {
                        return;
                    }
                }
                count[0]++;
            });
        }
        ctx.reply().integer(count[0]);
    }

    private static void run(CommandContext ctx, Op op, boolean store) {
        int numkeysIdx = store ? 2 : 1;
        Source[] src = sources(ctx, numkeysIdx);
        int n = src.length;
        Aggregate aggregate = Aggregate.SUM;
        boolean withScores = false;
        int j = numkeysIdx + 1 + n;
        while (j < ctx.argc()) {
            int remaining = ctx.argc() - j;
            if (op != Op.DIFF && remaining >= n + 1 && ctx.argIs(j, "weights")) {
                j++;
                for (int i = 0; i < n; i++, j++) {
                    src[i].weight = ZSetArgs.parseScore(ctx.arg(j), RespError.ZSET_WEIGHT_NOT_FLOAT);
                }
            } else if (op != Op.DIFF && remaining >= 2 && ctx.argIs(j, "aggregate")) {
                if (ctx.argIs(j + 1, "sum")) {
                    aggregate = Aggregate.SUM;
                } else if (ctx.argIs(j + 1, "min")) {
                    aggregate = Aggregate.MIN;
                } else if (ctx.argIs(j + 1, "max")) {
                    aggregate = Aggregate.MAX;
                } else {
                    throw new CommandException(RespError.SYNTAX);
                }
                j += 2;
            } else if (!store && ctx.argIs(j, "withscores")) {
                withScores = true;
                j++;
            } else {
                throw new CommandException(RespError.SYNTAX);
            }
        }
        Map<ByteKey, double[]> result =
                switch (op) {
                    case UNION -> union(src, aggregate);
                    case INTER -> inter(src, aggregate);
                    case DIFF -> diff(src);
                };
        List<Map.Entry<ByteKey, double[]>> sorted = new ArrayList<>(result.entrySet());
        sorted.sort(Comparator.comparingDouble(
                        (Map.Entry<ByteKey, double[]> en) -> en.getValue()[0] == 0 ? 0.0 : en.getValue()[0])
                .thenComparing((a, b) ->
                        Arrays.compareUnsigned(a.getKey().bytes(), b.getKey().bytes())));
        List<byte[]> members = new ArrayList<>(sorted.size());
        List<Double> scores = new ArrayList<>(sorted.size());
        for (Map.Entry<ByteKey, double[]> en : sorted) {
            members.add(en.getKey().bytes());
            scores.add(en.getValue()[0]);
        }
        if (store) {
            SortedSetRangeCommands.storeResult(ctx, ctx.arg(1), members, scores);
        } else {
            SortedSetCommands.replyElements(ctx, members, scores, withScores);
        }
    }

    private static double aggregate(double target, double value, Aggregate a) {
        return switch (a) {
            case SUM -> {
                double sum = target + value;
                yield Double.isNaN(sum) ? 0.0 : sum;
            }
            case MIN -> value < target ? value : target;
            case MAX -> value > target ? value : target;
        };
    }

    private static Source[] bySize(Source[] src) {
        Source[] sorted = src.clone();
        Arrays.sort(sorted, Comparator.comparingInt(Source::size));
        return sorted;
    }

    private static Map<ByteKey, double[]> union(Source[] src, Aggregate a) {
        Map<ByteKey, double[]> acc = new LinkedHashMap<>();
        for (Source s : bySize(src)) {
            if (s.size() == 0) {
                continue;
            }
            s.forEach((m, score) -> {
                double v = s.weight * score;
                if (Double.isNaN(v)) {
                    v = 0;
                }
                double[] existing = acc.get(new ByteKey(m));
                if (existing == null) {
                    acc.put(new ByteKey(m), new double[] {v});
                } else {
                    existing[0] = aggregate(existing[0], v, a);
                }
            });
        }
        return acc;
    }

    private static Map<ByteKey, double[]> inter(Source[] src, Aggregate a) {
        Source[] sorted = bySize(src);
        Map<ByteKey, double[]> acc = new LinkedHashMap<>();
        Source first = sorted[0];
        if (first.size() == 0) {
            return acc;
        }
        first.forEach((m, score) -> {
            double v = first.weight * score;
            if (Double.isNaN(v)) {
                v = 0;
            }
            for (int j = 1; j < sorted.length; j++) {
                Source other = sorted[j];
                if (other.identity() == first.identity()) {
                    v = aggregate(v, score * other.weight, a);
                    continue;
                }
                Double found = other.score(m);
                if (found == null) {
                    return;
                }
                v = aggregate(v, found * other.weight, a);
            }
            acc.put(new ByteKey(m), new double[] {v});
        });
        return acc;
    }

    private static Map<ByteKey, double[]> diff(Source[] src) {
        Map<ByteKey, double[]> acc = new LinkedHashMap<>();
        Source first = src[0];
        if (first.size() == 0) {
            return acc;
        }
        first.forEach((m, score) -> {
            for (int j = 1; j < src.length; j++) {
                if (src[j].score(m) != null) {
                    return;
                }
            }
            acc.put(new ByteKey(m), new double[] {score});
        });
        return acc;
    }
}
