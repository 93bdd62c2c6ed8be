package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.DENYOOM;
import static io.vigil.store.command.CommandFlag.FAST;
import static io.vigil.store.command.CommandFlag.READONLY;
import static io.vigil.store.command.CommandFlag.WRITE;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandTable;
import io.vigil.store.command.Numbers;
import io.vigil.store.keyspace.Entry;
import java.util.Arrays;

/** Bit operations on string values: SETBIT GETBIT BITCOUNT (bit 0 is the most significant bit of byte 0). */
public final class BitCommands implements CommandFamily {

    @Override
    public void register(CommandTable t) {
        t.register(StringCommands.spec("setbit", 4, BitCommands::setbit, WRITE, DENYOOM)
                .group("bitmap")
                .summary("Sets or clears the bit at offset of the string value. Creates the key if it doesn't exist."));
        t.register(StringCommands.spec("getbit", 3, BitCommands::getbit, READONLY, FAST)
                .group("bitmap")
                .summary("Returns a bit value by offset."));
        t.register(StringCommands.spec("bitcount", -2, BitCommands::bitcount, READONLY)
                .group("bitmap")
                .summary("Counts the number of set bits (population counting) in a string."));
    }

    private static long bitOffset(CommandContext ctx, int i) {
        long offset;
        try {
            offset = Numbers.parseLong(ctx.arg(i), RespError.BIT_OFFSET);
        } catch (CommandException e) {
            throw new CommandException(RespError.BIT_OFFSET);
        }
        if (offset < 0 || (offset >> 3) >= ctx.engine().config().protoMaxBulkLen()) {
            throw new CommandException(RespError.BIT_OFFSET);
        }
        return offset;
    }

    private static void setbit(CommandContext ctx) {
        long offset = bitOffset(ctx, 2);
        long on = ctx.argLong(3, RespError.BIT_VALUE);
        if ((on & ~1L) != 0) {
            throw new CommandException(RespError.BIT_VALUE);
        }
        byte[] key = ctx.arg(1);
        Entry e = Lookups.writeString(ctx, key);
        int byteIndex = (int) (offset >> 3);
        byte[] value = e == null ? new byte[0] : (byte[]) e.value();
        if (byteIndex >= value.length) {
            Lookups.checkStringLength(ctx, byteIndex + 1L);
            value = Arrays.copyOf(value, byteIndex + 1);
        } else {
            value = value.clone();
        }
        int mask = 1 << (7 - (int) (offset & 7));
        int old = (value[byteIndex] & mask) != 0 ? 1 : 0;
        value[byteIndex] = (byte) (on == 1 ? value[byteIndex] | mask : value[byteIndex] & ~mask);
        if (e == null) {
            ctx.db().put(key, value, false);
        } else {
            ctx.db().replace(e, value);
        }
        ctx.dirty(1);
        ctx.reply().integer(old);
    }

    private static void getbit(CommandContext ctx) {
        long offset = bitOffset(ctx, 2);
        byte[] value = Lookups.readString(ctx, ctx.arg(1));
        int byteIndex = (int) (offset >> 3);
        if (value == null || byteIndex >= value.length) {
            ctx.reply().integer(0);
            return;
        }
        ctx.reply().integer((value[byteIndex] >> (7 - (offset & 7))) & 1);
    }

    private static void bitcount(CommandContext ctx) {
        int argc = ctx.argc();
        long start;
        long end;
        boolean bits = false;
        byte[] value;
        if (argc == 4 || argc == 5) {
            start = ctx.argLong(2);
            end = ctx.argLong(3);
            if (argc == 5) {
                if (ctx.argIs(4, "bit")) {
                    bits = true;
                } else if (!ctx.argIs(4, "byte")) {
                    throw new CommandException(RespError.SYNTAX);
                }
            }
            value = Lookups.readString(ctx, ctx.arg(1));
            if (value == null) {
                ctx.reply().integer(0);
                return;
            }
            long total = bits ? (long) value.length << 3 : value.length;
            if (start < 0) {
                start = total + start;
            }
            if (end < 0) {
                end = total + end;
            }
            start = Math.max(start, 0);
            end = Math.max(end, 0);
            if (end >= total) {
                end = total - 1;
            }
        } else if (argc == 2) {
            value = Lookups.readString(ctx, ctx.arg(1));
            if (value == null) {
                ctx.reply().integer(0);
                return;
            }
            start = 0;
            end = value.length - 1L;
        } else {
            throw new CommandException(RespError.SYNTAX);
        }
        if (start > end) {
            ctx.reply().integer(0);
            return;
        }
        long count = 0;
        if (bits) {
            for (long bit = start; bit <= end; bit++) {
                count += (value[(int) (bit >> 3)] >> (7 - (bit & 7))) & 1;
            }
        } else {
            for (long i = start; i <= end; i++) {
                count += Integer.bitCount(value[(int) i] & 0xff);
            }
        }
        ctx.reply().integer(count);
    }
}
