package io.vigil.store.memory;

import static io.vigil.store.command.CommandFlag.LOADING;
import static io.vigil.store.command.CommandFlag.READONLY;
import static io.vigil.store.command.CommandFlag.STALE;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandHandler;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.engine.StoreEngine;
import io.vigil.store.keyspace.Database;
import io.vigil.store.keyspace.Entry;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code MEMORY USAGE|STATS|DOCTOR|MALLOC-STATS|PURGE|HELP}.
 *
 * <p>Every number is the store's own estimate, the one {@code INFO memory}'s {@code used_memory} and the eviction
 * policies use, not the JVM heap. {@code MEMORY USAGE key} is the sum of the entry object (about 48 bytes), the key
 * array (16-byte header plus the key, rounded up to 8) and the value: for a string its array likewise, for other
 * types the estimate the value keeps up to date as it changes ({@code StoreValue.memoryUsage()}: its nodes, arrays
 * and element arrays). Redis counts the entry, the key sds and the value's allocations the same way, so results are
 * of the same order: 64 bytes for {@code SET k v} in Redis, 96 here; large hashes, lists, sets and sorted sets
 * within 2x of Redis; small listpack/intset-encoded ones 4-5x, because the store keeps them as Java arrays of arrays
 * (checked by {@code MemoryContractIT}). Because the estimate is maintained exactly, {@code SAMPLES} is validated as
 * in Redis but does not change the result.
 *
 * <p>{@code MEMORY STATS} reports the fields the store can measure, in Redis's order and with Redis's formulas
 * ({@code dataset.bytes = total.allocated - overhead.total}, ...); the allocator and RSS fields are left out.
 * {@code MEMORY DOCTOR} runs Redis's checks that apply (empty instance, peak over 150% of current use, client
 * buffers over 200 KB each) with Redis's texts.
 */
public final class MemoryCommands implements CommandFamily {

    private static final String[] HELP = {
        "MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "DOCTOR",
        "    Return memory problems reports.",
        "MALLOC-STATS",
        "    Return internal statistics report from the memory allocator.",
        "PURGE",
        "    Attempt to purge dirty pages for reclamation by the allocator.",
        "STATS",
        "    Return information about the memory usage of the server.",
        "USAGE <key> [SAMPLES <count>]",
        "    Return memory in bytes used by <key> and its value. Nested values are",
        "    sampled up to <count> times (default: 5, 0 means sample all).",
        "HELP",
        "    Prints this help."
    };

    static final String DOCTOR_EMPTY = "Hi Sam, this instance is empty or is using very little memory, my issues "
            + "detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with "
            + "some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n";
    static final String DOCTOR_FINE = "Hi Sam, I can't find any memory issue in your instance. I can only account "
            + "for what occurs on this base.\n";
    private static final String DOCTOR_ISSUES =
            "Sam, I detected a few issues in this Redis instance memory " + "implants:\n\n";
    private static final String DOCTOR_PEAK = " * Peak memory: In the past this instance used more than 150% the "
            + "memory that is currently using. The allocator is normally not able to release memory after a peak, so "
            + "you can expect to see a big fragmentation ratio, however this is actually harmless and is only due to "
            + "the memory peak, and if the Redis instance Resident Set Size (RSS) is currently bigger than expected, "
            + "the memory will be used as soon as you fill the Redis instance with more data. If the memory peak was "
            + "only occasional and you want to try to reclaim memory, please try the MEMORY PURGE command, otherwise "
            + "the only other option is to shutdown and restart the instance.\n\n";
    private static final String DOCTOR_CLIENTS = " * Big client buffers: The clients output buffers in this "
            + "instance are greater than 200K per client (on average). This may result from different causes, like "
            + "Pub/Sub clients subscribed to channels bot not receiving data fast enough, so that data piles on the "
            + "Redis instance output buffer, or clients sending commands with large replies or very large sequences "
            + "of commands in the same pipeline. Please use the CLIENT LIST command in order to investigate the "
            + "issue if it causes problems in your instance, or to understand better why certain clients are using "
            + "a big amount of memory.\n\n";
    private static final String DOCTOR_END = "I'm here to keep you safe, Sam. I want to help you.\n";

    @Override
    public void register(CommandTable t) {
        t.register(CommandSpec.container("memory")
                .group("server")
                .since("4.0.0")
                .summary("A container for memory diagnostics commands.")
                .sub(sub("doctor", 2, ctx -> ctx.reply().verbatim(doctor(ctx.engine())))
                        .summary("Outputs a memory problems report."))
                .sub(sub("malloc-stats", 2, ctx -> ctx.reply()
                                .verbatim("Stats not supported for the current allocator"))
                        .summary("Returns the allocator statistics."))
                .sub(sub("purge", 2, ctx -> ctx.reply().ok()).summary("Asks the allocator to release memory."))
                .sub(sub("stats", 2, MemoryCommands::stats).summary("Returns details about memory usage."))
                .sub(sub("usage", -3, MemoryCommands::usage)
                        .flags(READONLY)
                        .keys(2, 2, 1)
                        .summary("Estimates the memory usage of a key."))
                .sub(sub("help", 2, MemoryCommands::help)
                        .flags(LOADING, STALE)
                        .summary("Returns helpful text about the different subcommands.")));
    }

    private static CommandSpec sub(String name, int arity, CommandHandler h) {
        return CommandSpec.of(name, arity, h).group("server").since("4.0.0");
    }

    private static void help(CommandContext ctx) {
        ctx.reply().array(HELP.length);
        for (String line : HELP) {
            ctx.reply().simple(line);
        }
    }

    private static void usage(CommandContext ctx) {
        for (int i = 3; i < ctx.argc(); i++) {
            if (ctx.argIs(i, "samples") && i + 1 < ctx.argc()) {
                if (ctx.argLong(i + 1) < 0) {
                    throw new CommandException(RespError.SYNTAX);
                }
                i++;
            } else {
                throw new CommandException(RespError.SYNTAX);
            }
        }
        Entry e = ctx.db().peek(ctx.arg(2));
        if (e == null) {
            ctx.reply().nil();
            return;
        }
        ctx.reply().integer(Database.entryBytes(e));
    }

    /** One name and value of {@code MEMORY STATS}; a nested map when {@code value} is a list. */
    private record Field(String name, Object value) {}

    private static void stats(CommandContext ctx) {
        StoreEngine engine = ctx.engine();
        long total = engine.usedMemory();
        long peak = engine.peakMemory();
        long clients = engine.clientBufferBytes();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("peak.allocated", peak));
        fields.add(new Field("total.allocated", total));
        fields.add(new Field("startup.allocated", 0L));
        fields.add(new Field("replication.backlog", 0L));
        fields.add(new Field("clients.slaves", 0L));
        fields.add(new Field("clients.normal", clients));
        fields.add(new Field("aof.buffer", 0L));
        long overhead = clients;
        long keys = 0;
        for (int i = 0; i < engine.keyspace().count(); i++) {
            Database db = engine.keyspace().db(i);
            if (db.size() == 0) {
                continue;
            }
            keys += db.size();
            long main = db.mainTableBytes();
            long expires = db.expiresIndexBytes();
            overhead += main + expires;
            fields.add(new Field(
                    "db." + i,
                    List.of(
                            new Field("overhead.hashtable.main", main),
                            new Field("overhead.hashtable.expires", expires))));
        }
        long dataset = total - overhead;
        fields.add(new Field("overhead.total", overhead));
        fields.add(new Field("keys.count", keys));
        fields.add(new Field("keys.bytes-per-key", keys == 0 ? 0L : total / keys));
        fields.add(new Field("dataset.bytes", dataset));
        fields.add(new Field("dataset.percentage", total == 0 ? 0.0 : (double) (float) (dataset * 100.0 / total)));
        fields.add(new Field("peak.percentage", peak == 0 ? 0.0 : (double) (float) (total * 100.0 / peak)));
        write(ctx, fields);
    }

    private static void write(CommandContext ctx, List<Field> fields) {
        ctx.reply().map(fields.size());
        for (Field f : fields) {
            ctx.reply().bulk(f.name());
            if (f.value() instanceof Long n) {
                ctx.reply().integer(n);
            } else if (f.value() instanceof Double d) {
                ctx.reply().doubleValue(d);
            } else {
                @SuppressWarnings("unchecked")
                List<Field> nested = (List<Field>) f.value();
                write(ctx, nested);
            }
        }
    }

    /** Redis's {@code getMemoryDoctorReport}, with the checks that apply to the store's estimates. */
    static String doctor(StoreEngine engine) {
        long total = engine.usedMemory();
        if (total < 5L * 1024 * 1024) {
            return DOCTOR_EMPTY;
        }
        boolean bigPeak = engine.peakMemory() / (double) total > 1.5;
        int normalClients = engine.clients().size();
        boolean bigClientBuffers = normalClients > 0 && engine.clientBufferBytes() / normalClients > 200 * 1024;
        if (!bigPeak && !bigClientBuffers) {
            return DOCTOR_FINE;
        }
        StringBuilder sb = new StringBuilder(DOCTOR_ISSUES);
        if (bigPeak) {
            sb.append(DOCTOR_PEAK);
        }
        if (bigClientBuffers) {
            sb.append(DOCTOR_CLIENTS);
        }
        return sb.append(DOCTOR_END).toString();
    }
}
