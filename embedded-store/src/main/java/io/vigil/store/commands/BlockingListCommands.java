package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.DENYOOM;
import static io.vigil.store.command.CommandFlag.WRITE;

import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.keyspace.Database;
import io.vigil.store.keyspace.Entry;
import io.vigil.store.types.ListValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * BLPOP BRPOP BLMOVE BRPOPLPUSH as Redis 7.0's {@code t_list.c}: when a source list has elements they act at once
 * like their plain forms and replicate as {@code LPOP}/{@code RPOP}/{@code LMOVE}/{@code RPOPLPUSH}; otherwise the
 * client blocks through {@link io.vigil.store.engine.StoreEngine#block} and the engine runs the command again when
 * a key it waits on is pushed to (first blocked, first served). Inside {@code EXEC} (or a script) they never block:
 * BLPOP/BRPOP answer a null array, BLMOVE/BRPOPLPUSH a null bulk. A timeout answers a null array.
 */
public final class BlockingListCommands implements CommandFamily {

    private static final byte[] LPOP = "LPOP".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RPOP = "RPOP".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LMOVE = "LMOVE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RPOPLPUSH = "RPOPLPUSH".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void register(CommandTable t) {
        t.register(CommandSpec.of("blpop", -3, c -> pop(c, true))
                .flags(WRITE)
                .keys(1, -2, 1)
                .group("list")
                .summary("Removes and returns the first element in a list. Blocks until an element is available"
                        + " otherwise. Deletes the list if the last element was popped."));
        t.register(CommandSpec.of("brpop", -3, c -> pop(c, false))
                .flags(WRITE)
                .keys(1, -2, 1)
                .group("list")
                .summary("Removes and returns the last element in a list. Blocks until an element is available"
                        + " otherwise. Deletes the list if the last element was popped."));
        t.register(CommandSpec.of("blmove", 6, BlockingListCommands::blmove)
                .flags(WRITE, DENYOOM)
                .keys(1, 2, 1)
                .group("list")
                .summary("Pops an element from a list, pushes it to another list and returns it. Blocks until an"
                        + " element is available otherwise. Deletes the list if the last element was moved."));
        t.register(CommandSpec.of("brpoplpush", 4, BlockingListCommands::brpoplpush)
                .flags(WRITE, DENYOOM)
                .keys(1, 2, 1)
                .group("list")
                .summary("Pops an element from a list, pushes it to another list and returns it. Block until an"
                        + " element is available otherwise. Deletes the list if the last element was popped."));
    }

    private static void pop(CommandContext ctx, boolean left) {
        long deadline =
                BlockingTimeout.deadline(ctx.arg(ctx.argc() - 1), ctx.clock().millis());
        Database db = ctx.db();
        for (int j = 1; j < ctx.argc() - 1; j++) {
            Entry e = db.lookup(ctx.arg(j));
            ListValue l = ListCommands.list(e);
            if (l != null) {
                long before = l.memoryUsage();
                byte[] value = l.pop(left);
                ListCommands.settle(db, e, l, before);
                ctx.reply().array(2);
                ctx.reply().bulk(ctx.arg(j));
                ctx.reply().bulk(value);
                ctx.dirty(1);
                ctx.propagateAs(left ? LPOP : RPOP, ctx.arg(j));
                return;
            }
        }
        if (!ctx.engine().blockingAllowed()) {
            ctx.reply().nilArray();
            return;
        }
        byte[][] keys = Arrays.copyOfRange(ctx.args(), 1, ctx.argc() - 1);
        ctx.engine().block(ctx.client(), keys, deadline, ctx.spec(), ctx.args());
    }

    private static void blmove(CommandContext ctx) {
        boolean from = ListCommands.side(ctx, 3);
        boolean to = ListCommands.side(ctx, 4);
        long deadline = BlockingTimeout.deadline(ctx.arg(5), ctx.clock().millis());
        if (moveOrBlock(ctx, from, to, deadline)) {
            ctx.propagateAs(LMOVE, ctx.arg(1), ctx.arg(2), ctx.arg(3), ctx.arg(4));
        }
    }

    private static void brpoplpush(CommandContext ctx) {
        long deadline = BlockingTimeout.deadline(ctx.arg(3), ctx.clock().millis());
        if (moveOrBlock(ctx, false, true, deadline)) {
            ctx.propagateAs(RPOPLPUSH, ctx.arg(1), ctx.arg(2));
        }
    }

    /** Moves at once when the source exists (returns true), else blocks or, when blocking is denied, answers nil. */
    private static boolean moveOrBlock(CommandContext ctx, boolean from, boolean to, long deadline) {
        if (ListCommands.list(ctx.db().lookup(ctx.arg(1))) != null) {
            ListCommands.move(ctx, from, to);
            return true;
        }
        if (!ctx.engine().blockingAllowed()) {
            ctx.reply().nil();
            return false;
        }
        ctx.engine().block(ctx.client(), new byte[][] {ctx.arg(1)}, deadline, ctx.spec(), ctx.args());
        return false;
    }
}
