package io.vigil.store.persistence;

import io.vigil.store.keyspace.Database;
import io.vigil.store.keyspace.Entry;
import io.vigil.store.keyspace.Keyspace;
import io.vigil.store.keyspace.StoreValue;
import io.vigil.store.types.HashValue;
import io.vigil.store.types.Int64;
import io.vigil.store.types.ListValue;
import io.vigil.store.types.SetValue;
import io.vigil.store.types.ZSetValue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes a dataset in the Redis RDB format (version {@value Rdb#VERSION}, what Redis 7.0 writes), so that {@code
 * redis-check-rdb} accepts the file and a real {@code redis-server} 7 loads it.
 *
 * <p>Usage, for one consistent dataset:
 *
 * <pre>{@code
 * RdbWriter w = new RdbWriter(out, true, true);
 * w.header(RdbWriter.standardAux(usedMemory, nowMillis, replId, replOffset));
 * w.selectDb(0, keys, keysWithTtl);
 * w.entry(key, value, expireAtMillis);   // value: byte[] or a StoreValue; Entry.NO_EXPIRY for none
 * w.flushIfFull();                       // between entries, from time to time
 * w.finish();                            // EOF opcode, CRC64 checksum, flush (does not close out)
 * }</pre>
 *
 * <p>{@link #entry} only encodes into an internal buffer and never blocks on I/O, so a snapshot can call it while it
 * holds a value still, then let go of the value before the bytes reach the disk ({@link #flushIfFull}). Encodings
 * follow Redis 7.0: strings are integer-encoded when they are small canonical integers and LZF-compressed above 20
 * bytes ({@code rdbcompression}); compact hashes and sorted sets are written as listpacks, integer sets as intsets,
 * lists as quicklist-2 listpack nodes, the rest as plain collections. Not thread safe.
 */
public final class RdbWriter {

    private static final byte[] MAGIC = "REDIS".getBytes(StandardCharsets.US_ASCII);
    private static final int FLUSH_AT = 1 << 16;
    private static final int LIST_NODE_BYTES = 8192;

    private final OutputStream out;
    private final boolean compress;
    private final boolean checksum;
    private final int[] lzfTable = Lzf.newTable();
    private byte[] buf = new byte[FLUSH_AT * 2];
    private int pos;
    private long crc;
    private long written;
    private byte[] scratch = new byte[256];
    private final Listpack listpack = new Listpack();

    /**
     * A writer to {@code out}.
     *
     * @param compress LZF-compress strings longer than 20 bytes ({@code rdbcompression})
     * @param checksum append a CRC64 of the file, else 8 zero bytes ({@code rdbchecksum})
     */
    public RdbWriter(OutputStream out, boolean compress, boolean checksum) {
        this.out = out;
        this.compress = compress;
        this.checksum = checksum;
    }

    /**
     * The auxiliary fields Redis 7.0 writes in a snapshot header, in its order: {@code redis-ver}, {@code
     * redis-bits}, {@code ctime}, {@code used-mem}, {@code repl-stream-db}, {@code repl-id}, {@code repl-offset},
     * {@code aof-base}.
     *
     * @param replId the 40-hex replication id a replica loading this file continues from
     * @param replOffset the replication offset the dataset corresponds to
     */
    public static Map<String, String> standardAux(
            String redisVersion, long usedMemory, long nowMillis, int replStreamDb, String replId, long replOffset) {
        Map<String, String> aux = new java.util.LinkedHashMap<>();
        aux.put("redis-ver", redisVersion);
        aux.put("redis-bits", "64");
        aux.put("ctime", Long.toString(nowMillis / 1000));
        aux.put("used-mem", Long.toString(usedMemory));
        aux.put("repl-stream-db", Integer.toString(replStreamDb));
        aux.put("repl-id", replId);
        aux.put("repl-offset", Long.toString(replOffset));
        aux.put("aof-base", "0");
        return aux;
    }

    /**
     * Removes {@code repl-stream-db}, {@code repl-id} and {@code repl-offset} from {@code aux}: what Redis writes
     * without replication information (a master outside any replication chain, an AOF preamble).
     */
    public static void removeReplicationAux(Map<String, String> aux) {
        aux.remove("repl-stream-db");
        aux.remove("repl-id");
        aux.remove("repl-offset");
    }

    /** Writes {@code REDIS0010} and the auxiliary fields (in map order). */
    public void header(Map<String, String> aux) {
        ensure(9);
        System.arraycopy(MAGIC, 0, buf, pos, MAGIC.length);
        pos += MAGIC.length;
        byte[] version = String.format("%04d", Rdb.VERSION).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(version, 0, buf, pos, 4);
        pos += 4;
        for (Map.Entry<String, String> e : aux.entrySet()) {
            aux(e.getKey(), e.getValue());
        }
    }

    /** One {@code AUX} field. */
    public void aux(String key, String value) {
        writeByte(Rdb.OPCODE_AUX);
        writeString(key.getBytes(StandardCharsets.UTF_8));
        writeString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts a database: {@code SELECTDB} and the {@code RESIZEDB} size hints. */
    public void selectDb(int db, long keys, long expires) {
        writeByte(Rdb.OPCODE_SELECTDB);
        writeLength(db);
        writeByte(Rdb.OPCODE_RESIZEDB);
        writeLength(keys);
        writeLength(expires);
    }

    /**
     * Encodes one key into the buffer (no I/O).
     *
     * @param value {@code byte[]} (string) or a {@link HashValue}, {@link ListValue}, {@link SetValue} or {@link
     *     ZSetValue}
     * @param expireAtMillis absolute expiry in ms, or a negative number for none
     * @throws IllegalArgumentException for a value type RDB cannot carry here
     */
    public void entry(byte[] key, Object value, long expireAtMillis) {
        if (value instanceof byte[] s) {
            expiry(expireAtMillis);
            writeByte(Rdb.TYPE_STRING);
            writeString(key);
            writeString(s);
        } else {
            entry(key, (StoreValue) value, expireAtMillis);
        }
    }

    /**
     * Encodes one key as a {@link io.vigil.store.keyspace.Snapshot.Visitor} receives it: {@code bytes} laid out as
     * {@link Entry#bytes()}, the string value in it when {@code value} is {@code null}.
     */
    public void storedEntry(byte[] bytes, StoreValue value, long expireAtMillis) {
        int keyOffset = Entry.keyOffset(bytes);
        int keyLength = Entry.keyLength(bytes);
        if (value == null) {
            expiry(expireAtMillis);
            writeByte(Rdb.TYPE_STRING);
            writeString(bytes, keyOffset, keyLength);
            writeString(bytes, keyOffset + keyLength, bytes.length - keyOffset - keyLength);
        } else {
            entry(Arrays.copyOfRange(bytes, keyOffset, keyOffset + keyLength), value, expireAtMillis);
        }
    }

    private void entry(byte[] key, StoreValue value, long expireAtMillis) {
        expiry(expireAtMillis);
        if (value instanceof HashValue h) {
            writeHash(key, h);
        } else if (value instanceof SetValue s) {
            writeSet(key, s);
        } else if (value instanceof ZSetValue z) {
            writeZSet(key, z);
        } else if (value instanceof ListValue l) {
            writeList(key, l);
        } else {
            throw new IllegalArgumentException("cannot write a value of type "
                    + value.type().wireName() + " to RDB (key '"
                    + new String(key, StandardCharsets.ISO_8859_1) + "')");
        }
    }

    /**
     * Writes every database of {@code keyspace} (keys whose TTL has passed included, as Redis does; loaders drop
     * them) and finishes the stream. Must run on the store's command thread, which it holds for the whole write:
     * this is {@code SAVE}; background snapshots use {@code Snapshot}.
     *
     * @return bytes written
     */
    public static long writeKeyspace(
            Keyspace keyspace, OutputStream out, boolean compress, boolean checksum, Map<String, String> aux)
            throws IOException {
        RdbWriter w = new RdbWriter(out, compress, checksum);
        w.header(aux);
        for (int i = 0; i < keyspace.count(); i++) {
            Database db = keyspace.db(i);
            if (db.size() == 0) {
                continue;
            }
            w.selectDb(i, db.size(), db.volatileCount());
            IOException[] failure = {null};
            db.forEach(e -> {
                if (failure[0] != null) {
                    return;
                }
                w.storedEntry(e.bytes(), e.storeValue(), e.expireAt());
                try {
                    w.flushIfFull();
                } catch (IOException x) {
                    failure[0] = x;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        }
        w.finish();
        return w.bytesWritten();
    }

    private void expiry(long expireAtMillis) {
        if (expireAtMillis >= 0) {
            writeByte(Rdb.OPCODE_EXPIRETIME_MS);
            writeLongLe(expireAtMillis);
        }
    }

    /** Writes the buffered bytes to the stream when more than 64 KiB are waiting. */
    public void flushIfFull() throws IOException {
        if (pos >= FLUSH_AT) {
            flush();
        }
    }

    /** Writes the {@code EOF} opcode and the checksum, and flushes (the stream stays open). */
    public void finish() throws IOException {
        writeByte(Rdb.OPCODE_EOF);
        flush();
        long sum = checksum ? crc : 0;
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (sum >>> (8 * i));
        }
        out.write(buf, 0, pos);
        written += pos;
        pos = 0;
        out.flush();
    }

    /** Bytes handed to the stream so far. */
    public long bytesWritten() {
        return written;
    }

    private void flush() throws IOException {
        if (pos == 0) {
            return;
        }
        if (checksum) {
            crc = Crc64.update(crc, buf, 0, pos);
        }
        out.write(buf, 0, pos);
        written += pos;
        pos = 0;
    }

    // ---- types ----

    private void writeHash(byte[] key, HashValue h) {
        if (h.isCompact()) {
            listpack.reset();
            h.forEach((f, v) -> {
                listpack.add(f);
                listpack.add(v);
            });
            writeListpack(Rdb.TYPE_HASH_LISTPACK, key);
            return;
        }
        writeByte(Rdb.TYPE_HASH);
        writeString(key);
        writeLength(h.size());
        h.forEach((f, v) -> {
            writeString(f);
            writeString(v);
        });
    }

    private void writeListpack(int type, byte[] key) {
        writeByte(type);
        writeString(key);
        writeString(listpack.finish(), listpack.size());
    }

    private void writeSet(byte[] key, SetValue s) {
        if (s.encoding().equals("intset")) {
            byte[][] members = s.toArray();
            long min = 0;
            long max = 0;
            long[] values = new long[members.length];
            for (int i = 0; i < members.length; i++) {
                values[i] = Int64.parse(members[i]);
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
            int width = min >= Short.MIN_VALUE && max <= Short.MAX_VALUE
                    ? 2
                    : min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE ? 4 : 8;
            byte[] blob = new byte[8 + width * values.length];
            putLe(blob, 0, width, 4);
            putLe(blob, 4, values.length, 4);
            for (int i = 0; i < values.length; i++) {
                putLe(blob, 8 + i * width, values[i], width);
            }
            writeByte(Rdb.TYPE_SET_INTSET);
            writeString(key);
            writeString(blob);
            return;
        }
        writeByte(Rdb.TYPE_SET);
        writeString(key);
        writeLength(s.size());
        s.forEach(this::writeString);
    }

    private void writeZSet(byte[] key, ZSetValue z) {
        if (z.encoding().equals("listpack")) {
            listpack.reset();
            z.forRange(0, z.size() - 1, false, (m, score) -> {
                listpack.add(m);
                listpack.add(formatScore(score));
            });
            writeListpack(Rdb.TYPE_ZSET_LISTPACK, key);
            return;
        }
        writeByte(Rdb.TYPE_ZSET_2);
        writeString(key);
        writeLength(z.size());
        // Highest score first, as Redis writes it (so a loader inserting at the head keeps order cheaply).
        z.forRange(0, z.size() - 1, true, (m, score) -> {
            writeString(m);
            writeLongLe(Double.doubleToRawLongBits(score));
        });
    }

    /** A score as listpack text: an integral score as an integer, else the shortest decimal that reads back. */
    static byte[] formatScore(double score) {
        if (score == Math.rint(score) && Math.abs(score) < 1e15 && !(score == 0 && 1 / score < 0)) {
            return Long.toString((long) score).getBytes(StandardCharsets.US_ASCII);
        }
        if (Double.isInfinite(score)) {
            return (score > 0 ? "inf" : "-inf").getBytes(StandardCharsets.US_ASCII);
        }
        return Double.toString(score).getBytes(StandardCharsets.US_ASCII);
    }

    private void writeList(byte[] key, ListValue l) {
        writeByte(Rdb.TYPE_LIST_QUICKLIST_2);
        writeString(key);
        int n = l.size();
        int nodes = 0;
        for (int i = 0; i < n; ) {
            int bytes = 0;
            int j = i;
            while (j < n && (j == i || bytes + l.get(j).length + 11 <= LIST_NODE_BYTES)) {
                bytes += l.get(j).length + 11;
                j++;
            }
            nodes++;
            i = j;
        }
        writeLength(nodes);
        for (int i = 0; i < n; ) {
            listpack.reset();
            int bytes = 0;
            int j = i;
            while (j < n && (j == i || bytes + l.get(j).length + 11 <= LIST_NODE_BYTES)) {
                bytes += l.get(j).length + 11;
                listpack.add(l.get(j));
                j++;
            }
            writeLength(Rdb.QUICKLIST_NODE_PACKED);
            writeString(listpack.finish(), listpack.size());
            i = j;
        }
    }

    // ---- primitives ----

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    private void writeByte(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    private void writeLongLe(long v) {
        ensure(8);
        putLe(buf, pos, v, 8);
        pos += 8;
    }

    private static void putLe(byte[] b, int at, long v, int width) {
        for (int i = 0; i < width; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    /** Redis's {@code rdbSaveLen}: 6-bit, 14-bit, 32-bit or 64-bit big-endian lengths. */
    void writeLength(long len) {
        ensure(9);
        if (len < (1 << 6)) {
            buf[pos++] = (byte) len;
        } else if (len < (1 << 14)) {
            buf[pos++] = (byte) ((Rdb.LEN_14BIT << 6) | (len >>> 8));
            buf[pos++] = (byte) len;
        } else if (len <= 0xffffffffL) {
            buf[pos++] = (byte) Rdb.LEN_32BIT;
            for (int i = 3; i >= 0; i--) {
                buf[pos++] = (byte) (len >>> (8 * i));
            }
        } else {
            buf[pos++] = (byte) Rdb.LEN_64BIT;
            for (int i = 7; i >= 0; i--) {
                buf[pos++] = (byte) (len >>> (8 * i));
            }
        }
    }

    private void writeString(byte[] s) {
        writeString(s, s.length);
    }

    private void writeString(byte[] s, int len) {
        writeString(s, 0, len);
    }

    /** Redis's {@code rdbSaveRawString}: int-encoded if it is a small canonical integer, LZF above 20 bytes. */
    private void writeString(byte[] s, int off, int len) {
        if (len <= 11 && len > 0 && writeIntEncoded(s, off, len)) {
            return;
        }
        if (compress && len > 20 && writeCompressed(s, off, len)) {
            return;
        }
        writeLength(len);
        ensure(len);
        System.arraycopy(s, off, buf, pos, len);
        pos += len;
    }

    private boolean writeIntEncoded(byte[] s, int off, int len) {
        if (!Int64.isCanonical(s, off, len)) {
            return false;
        }
        long v = Int64.parse(s, off, len);
        ensure(5);
        if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            buf[pos++] = (byte) ((Rdb.ENCVAL << 6) | Rdb.ENC_INT8);
            buf[pos++] = (byte) v;
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            buf[pos++] = (byte) ((Rdb.ENCVAL << 6) | Rdb.ENC_INT16);
            putLe(buf, pos, v, 2);
            pos += 2;
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            buf[pos++] = (byte) ((Rdb.ENCVAL << 6) | Rdb.ENC_INT32);
            putLe(buf, pos, v, 4);
            pos += 4;
        } else {
            return false;
        }
        return true;
    }

    private boolean writeCompressed(byte[] s, int off, int len) {
        int limit = len - 4;
        if (scratch.length < limit) {
            scratch = new byte[Math.max(limit, scratch.length * 2)];
        }
        int clen = Lzf.compress(s, off, len, scratch, limit, lzfTable);
        if (clen == 0) {
            return false;
        }
        writeByte((Rdb.ENCVAL << 6) | Rdb.ENC_LZF);
        writeLength(clen);
        writeLength(len);
        ensure(clen);
        System.arraycopy(scratch, 0, buf, pos, clen);
        pos += clen;
        return true;
    }
}
