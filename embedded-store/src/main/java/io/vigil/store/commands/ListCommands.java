package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.DENYOOM;
import static io.vigil.store.command.CommandFlag.FAST;
import static io.vigil.store.command.CommandFlag.READONLY;
import static io.vigil.store.command.CommandFlag.WRITE;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandHandler;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.keyspace.Database;
import io.vigil.store.keyspace.Entry;
import io.vigil.store.types.ListValue;
import java.util.Arrays;

/**
 * Lists: LPUSH RPUSH LPUSHX RPUSHX LPOP RPOP LLEN LRANGE LINDEX LSET LREM LTRIM LINSERT LPOS LMOVE RPOPLPUSH, with
 * Redis 7.0's argument order, replies and errors ({@code t_list.c}). An emptied list is deleted. The blocking
 * variants are in {@link BlockingListCommands}.
 */
public final class ListCommands implements CommandFamily {

    @Override
    public void register(CommandTable t) {
        t.register(spec("lpush", -3, c -> push(c, true, false), WRITE, DENYOOM, FAST)
                .summary("Prepends one or more elements to a list. Creates the key if it doesn't exist."));
        t.register(spec("rpush", -3, c -> push(c, false, false), WRITE, DENYOOM, FAST)
                .summary("Appends one or more elements to a list. Creates the key if it doesn't exist."));
        t.register(spec("lpushx", -3, c -> push(c, true, true), WRITE, DENYOOM, FAST)
                .summary("Prepends one or more elements to a list only when the list exists."));
        t.register(spec("rpushx", -3, c -> push(c, false, true), WRITE, DENYOOM, FAST)
                .summary("Appends an element to a list only when the list exists."));
        t.register(spec("lpop", -2, c -> pop(c, true), WRITE, FAST)
                .summary("Returns the first elements in a list after removing it. Deletes the list if the last element"
                        + " was popped."));
        t.register(spec("rpop", -2, c -> pop(c, false), WRITE, FAST)
                .summary("Returns and removes the last elements of a list. Deletes the list if the last element was"
                        + " popped."));
        t.register(spec("llen", 2, ListCommands::llen, READONLY, FAST).summary("Returns the length of a list."));
        t.register(
                spec("lrange", 4, ListCommands::lrange, READONLY).summary("Returns a range of elements from a list."));
        t.register(spec("lindex", 3, ListCommands::lindex, READONLY)
                .summary("Returns an element from a list by its index."));
        t.register(spec("lset", 4, ListCommands::lset, WRITE, DENYOOM)
                .summary("Sets the value of an element in a list by its index."));
        t.register(spec("lrem", 4, ListCommands::lrem, WRITE)
                .summary("Removes elements from a list. Deletes the list if the last element was removed."));
        t.register(spec("ltrim", 4, ListCommands::ltrim, WRITE)
                .summary("Removes elements from both ends a list. Deletes the list if all elements were trimmed."));
        t.register(spec("linsert", 5, ListCommands::linsert, WRITE, DENYOOM)
                .summary("Inserts an element before or after another element in a list."));
        t.register(spec("lpos", -3, ListCommands::lpos, READONLY)
                .summary("Returns the index of matching elements in a list."));
        t.register(CommandSpec.of("lmove", 5, ListCommands::lmove)
                .flags(WRITE, DENYOOM)
                .keys(1, 2, 1)
                .group("list")
                .summary("Returns an element after popping it from one list and pushing it to another. Deletes the"
                        + " list if the last element was moved."));
        t.register(CommandSpec.of("rpoplpush", 3, c -> move(c, false, true))
                .flags(WRITE, DENYOOM)
                .keys(1, 2, 1)
                .group("list")
                .summary("Returns the last element of a list after removing and pushing it to another list. Deletes"
                        + " the list if the last element was popped."));
    }

    private static CommandSpec spec(String name, int arity, CommandHandler h, io.vigil.store.command.CommandFlag... f) {
        return CommandSpec.of(name, arity, h).flags(f).keys(1, 1, 1).group("list");
    }

    // ---- shared helpers (also used by the blocking commands) ----

    /** The list at an entry, or {@code null} for no entry; WRONGTYPE for another type. */
    static ListValue list(Entry e) {
        if (e == null) {
            return null;
        }
        if (e.value() instanceof ListValue l) {
            return l;
        }
        throw new CommandException(RespError.WRONGTYPE);
    }

    /** Accounts a list's size change since {@code before} and deletes the key when the list became empty. */
    static void settle(Database db, Entry e, ListValue l, long before) {
        db.adjustMemory(e, l.memoryUsage() - before);
        if (l.isEmpty()) {
            db.delete(e.key());
        }
    }

    /** {@code LEFT} or {@code RIGHT} (true for left); syntax error otherwise. */
    static boolean side(CommandContext ctx, int i) {
        if (ctx.argIs(i, "left")) {
            return true;
        }
        if (ctx.argIs(i, "right")) {
            return false;
        }
        throw new CommandException(RespError.SYNTAX);
    }

    /**
     * Pops from {@code src} and pushes onto {@code dst} as Redis's {@code lmoveGenericCommand}, replying the moved
     * element (nil when the source is missing).
     */
    static void move(CommandContext ctx, boolean fromLeft, boolean toLeft) {
        Database db = ctx.db();
        Entry se = db.lookup(ctx.arg(1));
        ListValue src = list(se);
        if (src == null) {
            ctx.reply().nil();
            return;
        }
        Entry de = db.lookup(ctx.arg(2));
        ListValue dst = list(de);
        long srcBefore = src.memoryUsage();
        byte[] value = src.pop(fromLeft);
        if (dst == src) {
            src.push(value, toLeft);
            settle(db, se, src, srcBefore);
        } else {
            if (dst == null) {
                ListValue created = new ListValue();
                created.push(value, toLeft);
                db.put(ctx.arg(2), created, false);
            } else {
                long dstBefore = dst.memoryUsage();
                dst.push(value, toLeft);
                db.adjustMemory(de, dst.memoryUsage() - dstBefore);
            }
            settle(db, se, src, srcBefore);
        }
        ctx.dirty(1);
        ctx.reply().bulk(value);
    }

    // ---- commands ----

    private static void push(CommandContext ctx, boolean left, boolean onlyIfExists) {
        Database db = ctx.db();
        Entry e = db.lookup(ctx.arg(1));
        ListValue l = list(e);
        if (l == null) {
            if (onlyIfExists) {
                ctx.reply().integer(0);
                return;
            }
            l = new ListValue();
            for (int i = 2; i < ctx.argc(); i++) {
                l.push(ctx.arg(i), left);
            }
            db.put(ctx.arg(1), l, false);
        } else {
            long before = l.memoryUsage();
            for (int i = 2; i < ctx.argc(); i++) {
                l.push(ctx.arg(i), left);
            }
            db.adjustMemory(e, l.memoryUsage() - before);
        }
        ctx.dirty(ctx.argc() - 2);
        ctx.reply().integer(l.size());
    }

    private static void pop(CommandContext ctx, boolean left) {
        if (ctx.argc() > 3) {
            throw new CommandException(RespError.wrongArity(ctx.spec().fullName()));
        }
        boolean hasCount = ctx.argc() == 3;
        long count = 0;
        if (hasCount) {
            count = ctx.argLong(2, RespError.NOT_POSITIVE);
            if (count < 0) {
                throw new CommandException(RespError.NOT_POSITIVE);
            }
        }
        Database db = ctx.db();
        Entry e = db.lookup(ctx.arg(1));
        ListValue l = list(e);
        if (l == null) {
            if (hasCount) {
                ctx.reply().nilArray();
            } else {
                ctx.reply().nil();
            }
            return;
        }
        if (hasCount && count == 0) {
            ctx.reply().array(0);
            return;
        }
        long before = l.memoryUsage();
        if (!hasCount) {
            ctx.reply().bulk(l.pop(left));
            ctx.dirty(1);
        } else {
            int n = (int) Math.min(count, l.size());
            ctx.reply().array(n);
            for (int i = 0; i < n; i++) {
                ctx.reply().bulk(l.pop(left));
            }
            ctx.dirty(n);
        }
        settle(db, e, l, before);
    }

    private static void llen(CommandContext ctx) {
        ListValue l = list(Lookups.read(ctx, ctx.arg(1)));
        ctx.reply().integer(l == null ? 0 : l.size());
    }

    private static void lrange(CommandContext ctx) {
        long start = ctx.argLong(2);
        long end = ctx.argLong(3);
        ListValue l = list(Lookups.read(ctx, ctx.arg(1)));
        if (l == null) {
            ctx.reply().array(0);
            return;
        }
        long len = l.size();
        if (start < 0) {
            start = len + start;
        }
        if (end < 0) {
            end = len + end;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > end || start >= len) {
            ctx.reply().array(0);
            return;
        }
        if (end >= len) {
            end = len - 1;
        }
        ctx.reply().array((int) (end - start + 1));
        for (long i = start; i <= end; i++) {
            ctx.reply().bulk(l.get((int) i));
        }
    }

    private static int index(ListValue l, long index) {
        long i = index < 0 ? l.size() + index : index;
        return i < 0 || i >= l.size() ? -1 : (int) i;
    }

    private static void lindex(CommandContext ctx) {
        ListValue l = list(Lookups.read(ctx, ctx.arg(1)));
        if (l == null) {
            ctx.reply().nil();
            return;
        }
        int i = index(l, ctx.argLong(2));
        ctx.reply().bulk(i < 0 ? null : l.get(i));
    }

    private static void lset(CommandContext ctx) {
        Database db = ctx.db();
        Entry e = db.lookup(ctx.arg(1));
        ListValue l = list(e);
        if (l == null) {
            throw new CommandException(RespError.NO_SUCH_KEY);
        }
        int i = index(l, ctx.argLong(2));
        if (i < 0) {
            throw new CommandException(RespError.INDEX_OUT_OF_RANGE);
        }
        long before = l.memoryUsage();
        l.set(i, ctx.arg(3));
        db.adjustMemory(e, l.memoryUsage() - before);
        ctx.dirty(1);
        ctx.reply().ok();
    }

    private static void lrem(CommandContext ctx) {
        long count = ctx.argLong(2);
        Database db = ctx.db();
        Entry e = db.lookup(ctx.arg(1));
        ListValue l = list(e);
        if (l == null) {
            ctx.reply().integer(0);
            return;
        }
        long before = l.memoryUsage();
        long removed = l.remove(ctx.arg(3), count == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(count), count < 0);
        if (removed > 0) {
            settle(db, e, l, before);
            ctx.dirty((int) removed);
        }
        ctx.reply().integer(removed);
    }

    private static void ltrim(CommandContext ctx) {
        long start = ctx.argLong(2);
        long end = ctx.argLong(3);
        Database db = ctx.db();
        Entry e = db.lookup(ctx.arg(1));
        ListValue l = list(e);
        if (l == null) {
            ctx.reply().ok();
            return;
        }
        long len = l.size();
        if (start < 0) {
            start = len + start;
        }
        if (end < 0) {
            end = len + end;
        }
        if (start < 0) {
            start = 0;
        }
        long ltrim;
        long rtrim;
        if (start > end || start >= len) {
            ltrim = len;
            rtrim = 0;
        } else {
            if (end >= len) {
                end = len - 1;
            }
            ltrim = start;
            rtrim = len - end - 1;
        }
        long before = l.memoryUsage();
        l.trim((int) ltrim, (int) rtrim);
        settle(db, e, l, before);
        ctx.dirty((int) (ltrim + rtrim));
        ctx.reply().ok();
    }

    private static void linsert(CommandContext ctx) {
        boolean after;
        if (ctx.argIs(2, "after")) {
            after = true;
        } else if (ctx.argIs(2, "before")) {
            after = false;
        } else {
            throw new CommandException(RespError.SYNTAX);
        }
        Database db = ctx.db();
        Entry e = db.lookup(ctx.arg(1));
        ListValue l = list(e);
        if (l == null) {
            ctx.reply().integer(0);
            return;
        }
        int pivot = l.indexOf(ctx.arg(3));
        if (pivot < 0) {
            ctx.reply().integer(-1);
            return;
        }
        long before = l.memoryUsage();
        l.insert(after ? pivot + 1 : pivot, ctx.arg(4));
        db.adjustMemory(e, l.memoryUsage() - before);
        ctx.dirty(1);
        ctx.reply().integer(l.size());
    }

    private static void lpos(CommandContext ctx) {
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int j = 3; j < ctx.argc(); j++) {
            boolean more = ctx.argc() - 1 - j > 0;
            if (ctx.argIs(j, "rank") && more) {
                rank = ctx.argLong(++j);
                if (rank == 0) {
                    throw new CommandException(RespError.LPOS_RANK_ZERO);
                }
            } else if (ctx.argIs(j, "count") && more) {
                count = ctx.argLong(++j, RespError.LPOS_COUNT_NEGATIVE);
                if (count < 0) {
                    throw new CommandException(RespError.LPOS_COUNT_NEGATIVE);
                }
            } else if (ctx.argIs(j, "maxlen") && more) {
                maxlen = ctx.argLong(++j, RespError.LPOS_MAXLEN_NEGATIVE);
                if (maxlen < 0) {
                    throw new CommandException(RespError.LPOS_MAXLEN_NEGATIVE);
                }
            } else {
                throw new CommandException(RespError.SYNTAX);
            }
        }
        boolean fromTail = false;
        if (rank < 0) {
            rank = -rank;
            fromTail = true;
        }
        ListValue l = list(Lookups.read(ctx, ctx.arg(1)));
        if (l == null) {
            if (count != -1) {
                ctx.reply().array(0);
            } else {
                ctx.reply().nil();
            }
            return;
        }
        byte[] element = ctx.arg(2);
        int len = l.size();
        long matches = 0;
        long matchIndex = -1;
        long[] found = new long[(int) Math.min(Math.max(count, 1), len)];
        int foundCount = 0;
        for (long index = 0; index < len && (maxlen == 0 || index < maxlen); index++) {
            int pos = (int) (fromTail ? len - 1 - index : index);
            if (Arrays.equals(l.get(pos), element)) {
                matches++;
                if (matches >= rank) {
                    if (count != -1) {
                        if (foundCount == found.length) {
                            found = Arrays.copyOf(found, found.length * 2);
                        }
                        found[foundCount++] = pos;
                        if (count != 0 && matches - rank + 1 >= count) {
                            break;
                        }
                    } else {
                        matchIndex = pos;
                        break;
                    }
                }
            }
        }
        if (count != -1) {
            ctx.reply().array(foundCount);
            for (int i = 0; i < foundCount; i++) {
                ctx.reply().integer(found[i]);
            }
        } else if (matchIndex >= 0) {
            ctx.reply().integer(matchIndex);
        } else {
            ctx.reply().nil();
        }
    }

    private static void lmove(CommandContext ctx) {
        boolean from = side(ctx, 3);
        boolean to = side(ctx, 4);
        move(ctx, from, to);
    }
}
