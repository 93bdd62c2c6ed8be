package io.vigil.store.commands;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.keyspace.Entry;

/** Key lookups shared by command families: hit/miss accounting and type checks. */
final class Lookups {

    private Lookups() {}

    /** A live entry for reading (counted as a hit or miss), or {@code null}. */
    static Entry read(CommandContext ctx, byte[] key) {
        Entry e = ctx.db().lookup(key);
        ctx.countLookup(e != null);
        return e;
    }

    /** The string value of a key for reading, or {@code null}; WRONGTYPE when it is not a string. */
    static byte[] readString(CommandContext ctx, byte[] key) {
        Entry e = read(ctx, key);
        return e == null ? null : string(e);
    }

    /** The entry's value as a string (a copy); WRONGTYPE otherwise. */
    static byte[] string(Entry e) {
        if (e.isString()) {
            return (byte[]) e.value();
        }
        throw new CommandException(RespError.WRONGTYPE);
    }

    /** Replies with a key's string value, or nil when absent, without copying it; WRONGTYPE when not a string. */
    static void replyString(CommandContext ctx, Entry e) {
        if (e == null) {
            ctx.reply().nil();
        } else if (e.isString()) {
            ctx.reply().bulk(e.bytes(), e.valueOffset(), e.stringLength());
        } else {
            throw new CommandException(RespError.WRONGTYPE);
        }
    }

    /** A live entry for writing (not counted), or {@code null}; WRONGTYPE when present but not a string. */
    static Entry writeString(CommandContext ctx, byte[] key) {
        Entry e = ctx.db().lookup(key);
        if (e != null && !e.isString()) {
            throw new CommandException(RespError.WRONGTYPE);
        }
        return e;
    }

    /** A 32-bit argument as Redis's {@code getIntFromObjectOrReply} parses it. */
    static int argInt(CommandContext ctx, int i) {
        long v = ctx.argLong(i);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new CommandException(RespError.NOT_INT32);
        }
        return (int) v;
    }

    /** Checks {@code length} against {@code proto-max-bulk-len} as Redis's {@code checkStringLength}. */
    static void checkStringLength(CommandContext ctx, long length) {
        if (length > ctx.engine().config().protoMaxBulkLen()) {
            throw new CommandException(RespError.STRING_TOO_LONG);
        }
    }
}
