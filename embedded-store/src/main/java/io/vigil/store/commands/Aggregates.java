package io.vigil.store.commands;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.keyspace.Entry;
import io.vigil.store.keyspace.StoreValue;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Lookups and in-place mutation of aggregate values (hashes, sets) with Redis's rules: reads count hits and misses,
 * a key of another type is {@code WRONGTYPE}, memory changes go to {@code Database.adjustMemory}, and an aggregate
 * left empty is deleted.
 */
final class Aggregates {

    private Aggregates() {}

    /** The value of a key for reading (hit/miss counted), {@code null} when missing; WRONGTYPE otherwise. */
    static <T extends StoreValue> T read(CommandContext ctx, byte[] key, Class<T> type) {
        Entry e = Lookups.read(ctx, key);
        return e == null ? null : cast(e, type);
    }

    /** The live entry of a key for writing (not counted), {@code null} when missing; WRONGTYPE otherwise. */
    static Entry write(CommandContext ctx, byte[] key, Class<? extends StoreValue> type) {
        Entry e = ctx.db().lookup(key);
        if (e != null) {
            cast(e, type);
        }
        return e;
    }

    /** The entry's value as {@code type}; WRONGTYPE otherwise. */
    static <T extends StoreValue> T cast(Entry e, Class<T> type) {
        if (type.isInstance(e.value())) {
            return type.cast(e.value());
        }
        throw new CommandException(RespError.WRONGTYPE);
    }

    /** The entry for a key, created with {@code empty} when missing. */
    static Entry writeOrCreate(
            CommandContext ctx, byte[] key, Class<? extends StoreValue> type, Supplier<StoreValue> empty) {
        Entry e = write(ctx, key, type);
        return e != null ? e : ctx.db().put(key, empty.get(), false);
    }

    /**
     * Reports a change to an entry's value whose size was {@code before} bytes, and deletes the key when the value
     * is now empty.
     */
    static void changed(CommandContext ctx, Entry e, long before, int sizeAfter) {
        StoreValue v = (StoreValue) e.value();
        ctx.db().adjustMemory(e, v.memoryUsage() - before);
        if (sizeAfter == 0) {
            ctx.db().delete(e.key());
        }
    }

    /**
     * Parses a SCAN-family cursor as Redis's {@code strtoul}: empty is 0, else an optional sign and decimal digits,
     * wrapping modulo 2^64 ({@code -1} is the largest cursor).
     */
    static long parseCursor(byte[] arg) {
        String s = new String(arg, StandardCharsets.ISO_8859_1);
        if (s.isEmpty()) {
            return 0;
        }
        int i = 0;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        String digits = s.substring(i);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new CommandException(RespError.INVALID_CURSOR);
        }
        long v;
        try {
            v = Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            throw new CommandException(RespError.INVALID_CURSOR);
        }
        return negative ? -v : v;
    }

    /** Options of HSCAN/SSCAN: {@code COUNT n} (at least 1) and {@code MATCH pattern} (null for all). */
    record ScanOptions(long count, byte[] pattern) {}

    /** Parses {@code COUNT}/{@code MATCH} options from argument {@code from} on, as Redis's scanGenericCommand. */
    static ScanOptions scanOptions(CommandContext ctx, int from) {
        long count = 10;
        byte[] pattern = null;
        for (int i = from; i < ctx.argc(); i += 2) {
            int remaining = ctx.argc() - i;
            if (ctx.argIs(i, "count") && remaining >= 2) {
                count = ctx.argLong(i + 1);
                if (count < 1) {
                    throw new CommandException(RespError.SYNTAX);
                }
            } else if (ctx.argIs(i, "match") && remaining >= 2) {
                byte[] p = ctx.arg(i + 1);
                pattern = p.length == 1 && p[0] == '*' ? null : p;
            } else {
                throw new CommandException(RespError.SYNTAX);
            }
        }
        return new ScanOptions(count, pattern);
    }

    /** Parses a count argument in Redis's {@code -LONG_MAX..LONG_MAX} range. */
    static long rangeCount(CommandContext ctx, int i) {
        long v = ctx.argLong(i);
        if (v == Long.MIN_VALUE) {
            throw new CommandException(RespError.NOT_LONG_RANGE);
        }
        return v;
    }
}
