package io.vigil.store.persistence;

import io.vigil.store.keyspace.Database;
import io.vigil.store.keyspace.Entry;
import io.vigil.store.keyspace.Keyspace;
import io.vigil.store.types.HashValue;
import io.vigil.store.types.ListValue;
import io.vigil.store.types.SetValue;
import io.vigil.store.types.ZSetValue;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Redis RDB stream (versions 1 to {@value Rdb#MAX_READ_VERSION}; Redis 7.0 writes 10) and hands every key to a
 * {@link Sink}, or loads it into a {@link Keyspace} with {@link #loadInto}.
 *
 * <p>Understood: every encoding Redis 7 writes or still loads — plain strings, integer-encoded strings, LZF-compressed
 * strings; plain lists, sets, hashes and sorted sets (text and binary scores); ziplist, listpack, intset, zipmap,
 * quicklist and quicklist-2 blobs; {@code EXPIRETIME} (s) and {@code EXPIRETIME_MS}; {@code SELECTDB}, {@code
 * RESIZEDB}, {@code AUX} (returned in {@link RdbInfo}), {@code IDLE} and {@code FREQ} (skipped); the CRC64 checksum.
 * Refused with an {@link RdbFormatException} naming the key and type (never dropped silently): streams and module
 * values, module {@code AUX} data, {@code FUNCTION} libraries, and a database index beyond the configured count.
 *
 * <p>The reader consumes exactly the bytes of the RDB (through the checksum) and never reads ahead, so a caller can
 * go on reading the same stream afterwards (a diskless transfer's {@code EOF} mark). Give it a buffered stream.
 */
public final class RdbReader {

    /** Receives the keys of a stream, in file order. */
    public interface Sink {
        /**
         * One key.
         *
         * @param value {@code byte[]} for a string, else a {@link HashValue}, {@link ListValue}, {@link SetValue} or
         *     {@link ZSetValue} that the sink now owns
         * @param expireAtMillis the absolute expiry in ms, or {@link Entry#NO_EXPIRY}
         */
        void entry(int db, byte[] key, Object value, long expireAtMillis) throws RdbFormatException;
    }

    private static final int MAX_ALLOC = 512 << 20;

    private final InputStream in;
    private final int databases;
    private long crc;
    private long read;
    private int version;
    private java.util.function.BiConsumer<String, String> auxSeen = (k, v) -> {};
    private final byte[] one = new byte[8];

    private RdbReader(InputStream in, int databases) {
        this.in = in;
        this.databases = databases;
    }

    /**
     * Reads a whole RDB stream into {@code sink}.
     *
     * @param databases the number of databases keys may go to; a {@code SELECTDB} beyond is refused
     * @throws RdbFormatException when the stream is corrupt, truncated or holds unsupported data
     * @throws IOException when the stream fails
     */
    public static RdbInfo read(InputStream in, int databases, Sink sink) throws IOException {
        return new RdbReader(in, databases).run(sink);
    }

    /**
     * Loads a whole RDB stream into {@code keyspace} (which should be empty; a key that is already present is
     * refused as a duplicate).
     *
     * @param nowMillis the current time, to skip keys whose TTL has passed
     * @param dropExpired skip keys with a TTL before {@code nowMillis} (a master loading its own file); a replica
     *     loading its master's payload keeps them and waits for the master's {@code DEL}
     */
    public static RdbInfo loadInto(InputStream in, Keyspace keyspace, long nowMillis, boolean dropExpired)
            throws IOException {
        return loadInto(in, keyspace, nowMillis, dropExpired, (db, key) -> {}, (k, v) -> {});
    }

    /** A key {@link #loadInto} skipped because its TTL had passed. */
    public interface ExpiredSink {
        /** Key {@code key} of database {@code db} was not loaded. */
        void expired(int db, byte[] key);
    }

    /**
     * As {@link #loadInto(InputStream, Keyspace, long, boolean)}, telling {@code onExpired} each key skipped because
     * its TTL had passed (a master propagates their {@code DEL}) and {@code auxSeen} each {@code AUX} field as it is
     * read (they precede the keys: a start-up load reports {@code used-mem} while it goes on).
     */
    public static RdbInfo loadInto(
            InputStream in,
            Keyspace keyspace,
            long nowMillis,
            boolean dropExpired,
            ExpiredSink onExpired,
            java.util.function.BiConsumer<String, String> auxSeen)
            throws IOException {
        return loadInto(in, keyspace, nowMillis, dropExpired, onExpired, auxSeen, () -> {});
    }

    /**
     * As {@link #loadInto(InputStream, Keyspace, long, boolean, ExpiredSink, java.util.function.BiConsumer)}, running
     * {@code afterKey} after each key read (a replica's {@code key-load-delay}, a testing directive).
     */
    public static RdbInfo loadInto(
            InputStream in,
            Keyspace keyspace,
            long nowMillis,
            boolean dropExpired,
            ExpiredSink onExpired,
            java.util.function.BiConsumer<String, String> auxSeen,
            Runnable afterKey)
            throws IOException {
        long[] expired = {0};
        RdbReader reader = new RdbReader(in, keyspace.count());
        reader.auxSeen = auxSeen;
        RdbInfo info = reader.run((db, key, value, expireAt) -> {
            afterKey.run();
            if (dropExpired && expireAt != Entry.NO_EXPIRY && expireAt < nowMillis) {
                expired[0]++;
                onExpired.expired(db, key);
                return;
            }
            Database d = keyspace.db(db);
            int before = d.size();
            Entry e = d.put(key, value, false);
            if (d.size() == before) {
                // The load fails as a whole, so the value just replaced does not matter.
                throw new RdbFormatException("RDB has duplicated key '" + printable(key) + "' in DB " + db);
            }
            if (expireAt != Entry.NO_EXPIRY) {
                d.expire(e, expireAt);
            }
        });
        return new RdbInfo(info.version(), info.aux(), info.keysLoaded() - expired[0], expired[0], info.bytesRead());
    }

    private RdbInfo run(Sink sink) throws IOException {
        byte[] magic = bytes(9);
        String head = new String(magic, StandardCharsets.ISO_8859_1);
        if (!head.startsWith("REDIS")) {
            throw new RdbFormatException(
                    "not an RDB file: it does not start with 'REDIS' (got '" + printable(magic) + "')");
        }
        try {
            version = Integer.parseInt(head.substring(5));
        } catch (NumberFormatException e) {
            throw new RdbFormatException("bad RDB version '" + head.substring(5) + "'");
        }
        if (version < 1 || version > Rdb.MAX_READ_VERSION) {
            throw new RdbFormatException("can't handle RDB format version " + version + " (this store reads 1 to "
                    + Rdb.MAX_READ_VERSION + ")");
        }
        Map<String, String> aux = new LinkedHashMap<>();
        int db = 0;
        long keys = 0;
        long expireAt = Entry.NO_EXPIRY;
        while (true) {
            int type = u8();
            switch (type) {
                case Rdb.OPCODE_EXPIRETIME_MS -> {
                    expireAt = le(8);
                    continue;
                }
                case Rdb.OPCODE_EXPIRETIME -> {
                    expireAt = le(4) * 1000;
                    continue;
                }
                case Rdb.OPCODE_IDLE -> {
                    length();
                    continue;
                }
                case Rdb.OPCODE_FREQ -> {
                    u8();
                    continue;
                }
                case Rdb.OPCODE_SELECTDB -> {
                    long n = length();
                    if (n >= databases) {
                        throw new RdbFormatException("RDB selects DB " + n + " but the store has " + databases
                                + " databases (raise the 'databases' directive to load this file)");
                    }
                    db = (int) n;
                    continue;
                }
                case Rdb.OPCODE_RESIZEDB -> {
                    length();
                    length();
                    continue;
                }
                case Rdb.OPCODE_AUX -> {
                    String k = new String(string(), StandardCharsets.UTF_8);
                    String v = new String(string(), StandardCharsets.UTF_8);
                    aux.put(k, v);
                    auxSeen.accept(k, v);
                    continue;
                }
                case Rdb.OPCODE_MODULE_AUX -> {
                    long moduleId = length();
                    throw new RdbFormatException("RDB contains AUX data of module '" + moduleName(moduleId)
                            + "', which the store can't load (it has no modules)");
                }
                case Rdb.OPCODE_FUNCTION2, Rdb.OPCODE_FUNCTION_PRE_GA ->
                    throw new RdbFormatException(
                            "RDB contains a function library (FUNCTION LOAD), which the store does not support; "
                                    + "delete the functions (FUNCTION FLUSH) on the source server and save again");
                case Rdb.OPCODE_EOF -> {
                    long computed = crc;
                    long expected = le(8);
                    if (version >= 5 && expected != 0 && expected != computed) {
                        throw new RdbFormatException(String.format(
                                "RDB CRC64 checksum mismatch: file says %016x, content gives %016x (corrupt file)",
                                expected, computed));
                    }
                    return new RdbInfo(version, aux, keys, 0, read);
                }
                default -> {
                    byte[] key = string();
                    Object value;
                    try {
                        value = value(type, key);
                    } catch (IllegalArgumentException e) {
                        throw new RdbFormatException(
                                "RDB value of key '" + printable(key) + "' (type " + Rdb.typeName(type)
                                        + ") is corrupt: " + e.getMessage(),
                                e);
                    }
                    if (value != null) {
                        sink.entry(db, key, value, expireAt);
                        keys++;
                    }
                    expireAt = Entry.NO_EXPIRY;
                }
            }
        }
    }

    /** The value of a key, or {@code null} for an empty collection (Redis skips those too). */
    private Object value(int type, byte[] key) throws IOException {
        switch (type) {
            case Rdb.TYPE_STRING:
                return string();
            case Rdb.TYPE_LIST: {
                long n = length();
                ListValue l = new ListValue();
                for (long i = 0; i < n; i++) {
                    l.push(string(), false);
                }
                return l.isEmpty() ? null : l;
            }
            case Rdb.TYPE_SET: {
                long n = length();
                SetValue s = null;
                for (long i = 0; i < n; i++) {
                    byte[] m = string();
                    if (s == null) {
                        s = SetValue.forFirst(m);
                    }
                    s.add(m);
                }
                return s;
            }
            case Rdb.TYPE_ZSET:
            case Rdb.TYPE_ZSET_2: {
                int n = count(length());
                byte[][] members = new byte[n][];
                double[] scores = new double[n];
                for (int i = 0; i < n; i++) {
                    members[i] = string();
                    scores[i] = type == Rdb.TYPE_ZSET_2 ? Double.longBitsToDouble(le(8)) : textDouble();
                }
                return n == 0 ? null : ZSetValue.of(members, scores, n);
            }
            case Rdb.TYPE_HASH: {
                long n = length();
                HashValue h = new HashValue();
                for (long i = 0; i < n; i++) {
                    h.set(string(), string());
                }
                return h.size() == 0 ? null : h;
            }
            case Rdb.TYPE_HASH_ZIPMAP:
                return hash(Blobs.zipmap(string()));
            case Rdb.TYPE_HASH_ZIPLIST:
                return hash(Blobs.ziplist(string()));
            case Rdb.TYPE_HASH_LISTPACK:
                return hash(Listpack.decode(string()));
            case Rdb.TYPE_LIST_ZIPLIST: {
                ListValue l = new ListValue();
                Blobs.ziplist(string()).forEach(e -> l.push(e, false));
                return l.isEmpty() ? null : l;
            }
            case Rdb.TYPE_LIST_QUICKLIST:
            case Rdb.TYPE_LIST_QUICKLIST_2: {
                long nodes = length();
                ListValue l = new ListValue();
                for (long i = 0; i < nodes; i++) {
                    long container = type == Rdb.TYPE_LIST_QUICKLIST_2 ? length() : Rdb.QUICKLIST_NODE_PACKED;
                    byte[] blob = string();
                    if (container == Rdb.QUICKLIST_NODE_PLAIN) {
                        l.push(blob, false);
                    } else if (container == Rdb.QUICKLIST_NODE_PACKED) {
                        List<byte[]> items =
                                type == Rdb.TYPE_LIST_QUICKLIST ? Blobs.ziplist(blob) : Listpack.decode(blob);
                        items.forEach(e -> l.push(e, false));
                    } else {
                        throw new IllegalArgumentException("unknown quicklist node container " + container);
                    }
                }
                return l.isEmpty() ? null : l;
            }
            case Rdb.TYPE_SET_INTSET: {
                long[] values = Blobs.intset(string());
                SetValue s = SetValue.intset();
                for (long v : values) {
                    s.add(Listpack.decimal(v));
                }
                return values.length == 0 ? null : s;
            }
            case Rdb.TYPE_SET_LISTPACK: {
                List<byte[]> members = Listpack.decode(string());
                if (members.isEmpty()) {
                    return null;
                }
                SetValue s = SetValue.forFirst(members.get(0));
                members.forEach(s::add);
                return s;
            }
            case Rdb.TYPE_ZSET_ZIPLIST:
                return zset(Blobs.ziplist(string()));
            case Rdb.TYPE_ZSET_LISTPACK:
                return zset(Listpack.decode(string()));
            case Rdb.TYPE_MODULE_PRE_GA:
            case Rdb.TYPE_MODULE_2:
                throw new RdbFormatException("RDB key '" + printable(key) + "' holds a value of module type '"
                        + moduleName(length()) + "', which the store does not support (it has no modules)");
            case Rdb.TYPE_STREAM_LISTPACKS:
            case Rdb.TYPE_STREAM_LISTPACKS_2:
            case Rdb.TYPE_STREAM_LISTPACKS_3:
                throw new RdbFormatException("RDB key '" + printable(key)
                        + "' holds a stream, which the store does not support yet; delete or convert it first");
            default:
                throw new RdbFormatException("RDB key '" + printable(key) + "' has unknown object type " + type
                        + " (corrupt file, or written by a newer Redis)");
        }
    }

    private static HashValue hash(List<byte[]> pairs) {
        if (pairs.size() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hash fields and values: " + pairs.size());
        }
        if (pairs.isEmpty()) {
            return null;
        }
        HashValue h = new HashValue();
        for (int i = 0; i < pairs.size(); i += 2) {
            h.set(pairs.get(i), pairs.get(i + 1));
        }
        return h;
    }

    private static ZSetValue zset(List<byte[]> pairs) {
        if (pairs.size() % 2 != 0) {
            throw new IllegalArgumentException("odd number of sorted set members and scores: " + pairs.size());
        }
        int n = pairs.size() / 2;
        if (n == 0) {
            return null;
        }
        byte[][] members = new byte[n][];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            members[i] = pairs.get(2 * i);
            scores[i] = parseDouble(pairs.get(2 * i + 1));
        }
        return ZSetValue.of(members, scores, n);
    }

    /** A score as Redis's {@code strtod} reads it: decimal or exponent forms, {@code inf}, {@code -inf}. */
    static double parseDouble(byte[] text) {
        String s = new String(text, StandardCharsets.US_ASCII).trim();
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan", "-nan" -> {
                return Double.NaN;
            }
            default -> {
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("score '" + s + "' is not a number");
                }
            }
        }
    }

    /** Redis's {@code rdbLoadDoubleValue}: a length byte (253 NaN, 254 +inf, 255 -inf) and that many ASCII bytes. */
    private double textDouble() throws IOException {
        int len = u8();
        return switch (len) {
            case 253 -> Double.NaN;
            case 254 -> Double.POSITIVE_INFINITY;
            case 255 -> Double.NEGATIVE_INFINITY;
            default -> parseDouble(bytes(len));
        };
    }

    /** A module type id's 9-character name (6 bits a character from the top, then a 10-bit encoding version). */
    static String moduleName(long id) {
        String charset = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder sb = new StringBuilder(9);
        for (int j = 0; j < 9; j++) {
            sb.append(charset.charAt((int) ((id >>> (64 - 6 * (j + 1))) & 63)));
        }
        return sb.toString();
    }

    // ---- primitives ----

    private int u8() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw truncated();
        }
        crc = Crc64.update(crc, b);
        read++;
        return b;
    }

    private byte[] bytes(long n) throws IOException {
        if (n > MAX_ALLOC) {
            throw new RdbFormatException("RDB string of " + n + " bytes at offset " + read
                    + " is larger than the store accepts (" + MAX_ALLOC + ")");
        }
        byte[] b = new byte[(int) n];
        if (in.readNBytes(b, 0, b.length) != n) {
            throw truncated();
        }
        crc = Crc64.update(crc, b, 0, b.length);
        read += n;
        return b;
    }

    private long le(int width) throws IOException {
        int got = in.readNBytes(one, 0, width);
        if (got != width) {
            throw truncated();
        }
        crc = Crc64.update(crc, one, 0, width);
        read += width;
        return Listpack.le(one, 0, width);
    }

    private long be(int width) throws IOException {
        long v = 0;
        for (int i = 0; i < width; i++) {
            v = (v << 8) | u8();
        }
        return v;
    }

    private EOFException truncated() {
        return new EOFException("RDB stream ended after " + read + " bytes (truncated file or transfer)");
    }

    /** Redis's {@code rdbLoadLen} for a plain length; an encoded-string marker here is corruption. */
    private long length() throws IOException {
        int b = u8();
        int kind = b >>> 6;
        if (kind == Rdb.ENCVAL) {
            throw new RdbFormatException(
                    "RDB has an encoded-string marker where a length belongs (offset " + read + ", corrupt file)");
        }
        return restOfLength(b);
    }

    private long restOfLength(int b) throws IOException {
        return switch (b >>> 6) {
            case Rdb.LEN_6BIT -> b & 0x3f;
            case Rdb.LEN_14BIT -> ((b & 0x3f) << 8) | u8();
            default -> {
                if (b == Rdb.LEN_32BIT) {
                    yield be(4);
                }
                if (b == Rdb.LEN_64BIT) {
                    yield be(8);
                }
                throw new RdbFormatException(
                        "unknown RDB length encoding 0x" + Integer.toHexString(b) + " at offset " + read);
            }
        };
    }

    private static int count(long n) throws RdbFormatException {
        if (n > Integer.MAX_VALUE - 8) {
            throw new RdbFormatException("RDB collection of " + n + " elements is too large");
        }
        return (int) n;
    }

    /** Redis's {@code rdbGenericLoadStringObject}: raw, integer-encoded or LZF-compressed. */
    private byte[] string() throws IOException {
        int b = u8();
        if (b >>> 6 != Rdb.ENCVAL) {
            return bytes(restOfLength(b));
        }
        switch (b & 0x3f) {
            case Rdb.ENC_INT8:
                return Listpack.decimal((byte) u8());
            case Rdb.ENC_INT16:
                return Listpack.decimal((short) le(2));
            case Rdb.ENC_INT32:
                return Listpack.decimal((int) le(4));
            case Rdb.ENC_LZF: {
                long clen = length();
                long len = length();
                byte[] compressed = bytes(clen);
                if (len > MAX_ALLOC) {
                    throw new RdbFormatException("RDB compressed string of " + len + " bytes is too large");
                }
                try {
                    return Lzf.decompress(compressed, (int) len);
                } catch (IllegalArgumentException e) {
                    throw new RdbFormatException("RDB " + e.getMessage() + " at offset " + read, e);
                }
            }
            default:
                throw new RdbFormatException(
                        "unknown RDB string encoding " + (b & 0x3f) + " at offset " + read + " (corrupt file)");
        }
    }

    static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 128); i++) {
            int c = b[i] & 0xff;
            if (c >= 32 && c < 127 && c != '\\' && c != '\'') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        if (b.length > 128) {
            sb.append("...");
        }
        return sb.toString();
    }
}
