package io.vigil.store.aof;

import io.vigil.store.keyspace.Entry;
import io.vigil.store.keyspace.Snapshot;
import io.vigil.store.keyspace.StoreValue;
import io.vigil.store.types.HashValue;
import io.vigil.store.types.ListValue;
import io.vigil.store.types.SetValue;
import io.vigil.store.types.ZSetValue;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a snapshot as commands, the base of an AOF without RDB preamble ({@code aof-use-rdb-preamble no}), as
 * Redis's {@code rewriteAppendOnlyFileRio} does: {@code SELECT} per database, then per key {@code SET}, or {@code
 * RPUSH} / {@code SADD} / {@code ZADD} / {@code HMSET} with at most 64 items per command, and {@code PEXPIREAT} for a
 * key with a TTL.
 */
final class AofCommandWriter {

    private static final int ITEMS_PER_COMMAND = 64;

    private AofCommandWriter() {}

    static void write(Snapshot snapshot, OutputStream target) throws Exception {
        BufferedOutputStream out = new BufferedOutputStream(target, 1 << 16);
        List<byte[]> pending = new ArrayList<>();
        boolean complete = snapshot.forEach(new Snapshot.Visitor() {
            @Override
            public void startDb(int db, int keys, int expires) throws IOException {
                command(out, List.of(ascii("SELECT"), ascii(Integer.toString(db))));
            }

            @Override
            public void entry(byte[] bytes, StoreValue value, long expireAtMillis) throws IOException {
                // Encoded into memory under the claim; written out in between() with no claim held.
                int valueOffset = Entry.keyOffset(bytes) + Entry.keyLength(bytes);
                byte[] key = Arrays.copyOfRange(bytes, Entry.keyOffset(bytes), valueOffset);
                Object v = value == null ? Arrays.copyOfRange(bytes, valueOffset, bytes.length) : value;
                encodeKey(pending, key, v, expireAtMillis);
            }

            @Override
            public void between() throws IOException {
                for (byte[] chunk : pending) {
                    out.write(chunk);
                }
                pending.clear();
            }
        });
        if (!complete) {
            throw new IOException("snapshot cancelled");
        }
        out.flush();
    }

    private static void encodeKey(List<byte[]> into, byte[] key, Object value, long expireAtMillis) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        if (value instanceof byte[] s) {
            command(bytes, List.of(ascii("SET"), key, s));
        } else if (value instanceof ListValue l) {
            List<byte[]> items = new ArrayList<>();
            for (int i = 0; i < l.size(); i++) {
                items.add(l.get(i));
            }
            batches(bytes, "RPUSH", key, items, 1);
        } else if (value instanceof SetValue s) {
            List<byte[]> items = new ArrayList<>();
            s.forEach(items::add);
            batches(bytes, "SADD", key, items, 1);
        } else if (value instanceof ZSetValue z) {
            List<byte[]> items = new ArrayList<>();
            z.forRange(0, z.size() - 1, false, (m, score) -> {
                items.add(score(score));
                items.add(m);
            });
            batches(bytes, "ZADD", key, items, 2);
        } else if (value instanceof HashValue h) {
            List<byte[]> items = new ArrayList<>();
            h.forEach((f, v) -> {
                items.add(f);
                items.add(v);
            });
            batches(bytes, "HMSET", key, items, 2);
        } else {
            throw new IOException("cannot rewrite a value of type "
                    + ((StoreValue) value).type().wireName() + " (key '"
                    + new String(key, StandardCharsets.ISO_8859_1) + "')");
        }
        if (expireAtMillis != Entry.NO_EXPIRY) {
            command(bytes, List.of(ascii("PEXPIREAT"), key, ascii(Long.toString(expireAtMillis))));
        }
        into.add(bytes.toByteArray());
    }

    private static void batches(OutputStream out, String name, byte[] key, List<byte[]> items, int width)
            throws IOException {
        int per = ITEMS_PER_COMMAND * width;
        for (int from = 0; from < items.size(); from += per) {
            List<byte[]> argv = new ArrayList<>();
            argv.add(ascii(name));
            argv.add(key);
            argv.addAll(items.subList(from, Math.min(items.size(), from + per)));
            command(out, argv);
        }
    }

    /** A score as text that parses back to the same double (Redis's own parser reads "inf" and exponents). */
    static byte[] score(double d) {
        if (Double.isInfinite(d)) {
            return ascii(d > 0 ? "inf" : "-inf");
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15 && !(d == 0 && 1 / d < 0)) {
            return ascii(Long.toString((long) d));
        }
        return ascii(Double.toString(d));
    }

    static void command(OutputStream out, List<byte[]> argv) throws IOException {
        out.write(ascii("*" + argv.size() + "\r\n"));
        for (byte[] a : argv) {
            out.write(ascii("$" + a.length + "\r\n"));
            out.write(a);
            out.write('\r');
            out.write('\n');
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
