package io.vigil.store.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.store.keyspace.Database;
import io.vigil.store.keyspace.Entry;
import io.vigil.store.keyspace.Keyspace;
import io.vigil.store.keyspace.ManualClock;
import io.vigil.store.types.HashValue;
import io.vigil.store.types.ListValue;
import io.vigil.store.types.SetValue;
import io.vigil.store.types.ZSetValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RdbCodecTest {

    private static final long NOW = 1_795_000_000_000L;
    private final ManualClock clock = new ManualClock(NOW);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void crc64MatchesTheJonesCheckValue() {
        byte[] data = b("123456789");
        assertThat(Crc64.update(0, data, 0, data.length)).isEqualTo(0xe9c6d914c4b8d9caL);
        long bytewise = 0;
        for (byte x : data) {
            bytewise = Crc64.update(bytewise, x);
        }
        assertThat(bytewise).isEqualTo(0xe9c6d914c4b8d9caL);
    }

    @Test
    void lzfRoundTripsRandomAndRepetitiveData() {
        SplittableRandom random = new SplittableRandom(42);
        int[] table = Lzf.newTable();
        for (int round = 0; round < 300; round++) {
            int len = 21 + random.nextInt(20_000);
            byte[] in = new byte[len];
            int alphabet = 1 + random.nextInt(round % 3 == 0 ? 256 : 4);
            for (int i = 0; i < len; i++) {
                in[i] = (byte) (random.nextInt(alphabet) + 'a');
            }
            byte[] out = new byte[len + len / 16 + 64];
            int clen = Lzf.compress(in, len, out, out.length, table);
            assertThat(clen).as("round %d", round).isPositive();
            assertThat(Lzf.decompress(Arrays.copyOf(out, clen), len))
                    .as("round %d", round)
                    .isEqualTo(in);
        }
        byte[] same = new byte[1000];
        byte[] out = new byte[996];
        assertThat(Lzf.compress(same, same.length, out, out.length, table)).isLessThan(40);
    }

    @Test
    void lzfGivesUpWhenTheOutputWouldNotBeSmaller() {
        byte[] in = new byte[100];
        new SplittableRandom(1).nextBytes(in);
        assertThat(Lzf.compress(in, in.length, new byte[96], 96, Lzf.newTable()))
                .isZero();
    }

    @Test
    void loadsAFileWrittenByRedis7WithEveryEncoding() throws IOException {
        Keyspace ks = new Keyspace(16, clock);
        RdbInfo info;
        try (InputStream in = getClass().getResourceAsStream("/rdb/redis-7.0.15-types.rdb")) {
            info = RdbReader.loadInto(in, ks, NOW, true);
        }
        assertThat(info.version()).isEqualTo(10);
        assertThat(info.aux()).containsEntry("redis-ver", "7.0.15");
        assertThat(info.keysLoaded()).isEqualTo(21);
        Database db = ks.db(0);
        assertThat(string(db, "str:small")).isEqualTo("hello");
        assertThat(string(db, "str:int")).isEqualTo("12345");
        assertThat(string(db, "str:neg")).isEqualTo("-70000");
        assertThat(string(db, "str:bigint")).isEqualTo("123456789012");
        assertThat(string(db, "str:long")).isEqualTo("abcdefgh".repeat(40));
        assertThat(string(db, "str:bin")).isEqualTo("a\tb");
        assertThat(db.peek(b("str:expire")).expireAt()).isEqualTo(4102444800123L);
        assertThat(list(db, "list:small")).containsExactly("a", "b", "1", "2", "-5", "300000");
        assertThat(list(db, "list:big")).containsExactly("x".repeat(100), "abcdefgh".repeat(40));
        assertThat(list(db, "list:many")).hasSize(300).startsWith("item1").endsWith("item300");
        assertThat(set(db, "set:int")).containsExactlyInAnyOrder("1", "2", "3", "-4", "70000");
        assertThat(((SetValue) db.peek(b("set:int")).value()).encoding()).isEqualTo("intset");
        assertThat(set(db, "set:str")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(set(db, "set:manyint")).hasSize(600).contains("1", "600");
        ZSetValue z = (ZSetValue) db.peek(b("zset:small")).value();
        assertThat(z.score(b("a"))).isEqualTo(1.0);
        assertThat(z.score(b("b"))).isEqualTo(2.5);
        assertThat(z.score(b("c"))).isEqualTo(-3.0);
        assertThat(z.score(b("d"))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(z.score(b("e"))).isEqualTo(Double.NEGATIVE_INFINITY);
        ZSetValue big = (ZSetValue) db.peek(b("zset:big")).value();
        assertThat(big.size()).isEqualTo(200);
        assertThat(big.score(b("m77"))).isEqualTo(77.25);
        assertThat(big.encoding()).isEqualTo("skiplist");
        assertThat(((ZSetValue) db.peek(b("zset:longmember")).value()).score(b("x".repeat(100))))
                .isEqualTo(1.0);
        HashValue h = (HashValue) db.peek(b("hash:small")).value();
        assertThat(s(h.get(b("f1")))).isEqualTo("v1");
        assertThat(s(h.get(b("f2")))).isEqualTo("2");
        assertThat(s(h.get(b("f3")))).isEqualTo("abcdefgh".repeat(40));
        assertThat(((HashValue) db.peek(b("hash:many")).value()).size()).isEqualTo(600);
        assertThat(s(((HashValue) db.peek(b("hash:big")).value()).get(b("f")))).isEqualTo("x".repeat(100));
        assertThat(string(ks.db(3), "db3:key")).isEqualTo("three");
        assertThat(ks.db(3).peek(b("db3:hash")).isVolatile()).isTrue();
    }

    @Test
    void roundTripsEveryTypeAndEncodingThroughTheWriter() throws IOException {
        Keyspace ks = new Keyspace(16, clock);
        Database db0 = ks.db(0);
        db0.put(b("s"), b("value"), false);
        db0.put(b("i8"), b("-7"), false);
        db0.put(b("i32"), b("2000000000"), false);
        db0.put(b("i64"), b("9223372036854775807"), false);
        db0.put(b("notint"), b("007"), false);
        db0.put(b("compressible"), b("hello world ".repeat(100)), false);
        db0.put(b("empty"), b(""), false);
        Entry ttl = db0.put(b("ttl"), b("x"), false);
        db0.expire(ttl, NOW + 60_000);
        ListValue l = new ListValue();
        for (int i = 0; i < 5000; i++) {
            l.push(b(i % 7 == 0 ? Integer.toString(i * 1000 - 70000) : "el" + i + "x".repeat(i % 50)), false);
        }
        l.push(b("y".repeat(20_000)), false);
        db0.put(b("list"), l, false);
        HashValue small = new HashValue();
        small.set(b("a"), b("1"));
        small.set(b("b"), b("two"));
        db0.put(b("hsmall"), small, false);
        HashValue large = new HashValue();
        for (int i = 0; i < 1000; i++) {
            large.set(b("field" + i), b("value" + i));
        }
        db0.put(b("hlarge"), large, false);
        SetValue ints = SetValue.intset();
        for (long v : new long[] {-5, 0, 7, 40000, 5_000_000_000L}) {
            ints.add(b(Long.toString(v)));
        }
        db0.put(b("sint"), ints, false);
        SetValue strs = SetValue.forFirst(b("x"));
        strs.add(b("x"));
        strs.add(b("y"));
        db0.put(b("sstr"), strs, false);
        ZSetValue zs = new ZSetValue();
        zs.add(b("a"), 1.5);
        zs.add(b("b"), -2);
        zs.add(b("c"), Double.POSITIVE_INFINITY);
        zs.add(b("d"), 1e300);
        zs.add(b("e"), 0.1);
        db0.put(b("zsmall"), zs, false);
        ZSetValue zl = new ZSetValue();
        for (int i = 0; i < 500; i++) {
            zl.add(b("m" + i), i / 3.0);
        }
        db0.put(b("zlarge"), zl, false);
        ks.db(5).put(b("in5"), b("five"), false);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdbWriter.writeKeyspace(
                ks, out, true, true, RdbWriter.standardAux("7.0.15", 1000, NOW, 0, "ab".repeat(20), 1234));
        byte[] file = out.toByteArray();

        Keyspace back = new Keyspace(16, clock);
        RdbInfo info = RdbReader.loadInto(new ByteArrayInputStream(file), back, NOW, true);
        assertThat(info.replId()).isEqualTo("ab".repeat(20));
        assertThat(info.replOffset()).isEqualTo(1234);
        assertThat(info.bytesRead()).isEqualTo(file.length);
        assertThat(back.db(0).size()).isEqualTo(db0.size());
        assertThat(dump(back)).isEqualTo(dump(ks));
        assertThat(back.db(0).peek(b("ttl")).expireAt()).isEqualTo(NOW + 60_000);
        assertThat(((HashValue) back.db(0).peek(b("hsmall")).value()).isCompact())
                .isTrue();
        assertThat(((SetValue) back.db(0).peek(b("sint")).value()).encoding()).isEqualTo("intset");
        assertThat(((ZSetValue) back.db(0).peek(b("zsmall")).value()).encoding())
                .isEqualTo("listpack");
    }

    @Test
    void expiredKeysAreDroppedByAMasterAndKeptByAReplica() throws IOException {
        Keyspace ks = new Keyspace(16, clock);
        Entry e = ks.db(0).put(b("old"), b("v"), false);
        ks.db(0).expire(e, NOW - 1);
        ks.db(0).put(b("live"), b("v"), false);
        byte[] file = write(ks, true);
        Keyspace master = new Keyspace(16, clock);
        RdbInfo info = RdbReader.loadInto(new ByteArrayInputStream(file), master, NOW, true);
        assertThat(info.keysLoaded()).isEqualTo(1);
        assertThat(info.keysExpired()).isEqualTo(1);
        Keyspace replica = new Keyspace(16, clock);
        assertThat(RdbReader.loadInto(new ByteArrayInputStream(file), replica, NOW, false)
                        .keysLoaded())
                .isEqualTo(2);
    }

    @Test
    void readsExactlyTheRdbBytesAndNoMore() throws IOException {
        Keyspace ks = new Keyspace(16, clock);
        ks.db(0).put(b("k"), b("v"), false);
        byte[] file = write(ks, true);
        byte[] withTrailer = Arrays.copyOf(file, file.length + 5);
        System.arraycopy(b("MARK!"), 0, withTrailer, file.length, 5);
        ByteArrayInputStream in = new ByteArrayInputStream(withTrailer);
        RdbReader.read(in, 16, (db, key, value, at) -> {});
        assertThat(s(in.readAllBytes())).isEqualTo("MARK!");
    }

    @Test
    void aCorruptedByteFailsTheChecksum() throws IOException {
        Keyspace ks = new Keyspace(16, clock);
        ks.db(0).put(b("key"), b("some value"), false);
        byte[] file = write(ks, true);
        int at = indexOf(file, b("some value"));
        file[at] = 'S';
        assertThatThrownBy(() -> RdbReader.read(new ByteArrayInputStream(file), 16, (db, k, v, x) -> {}))
                .isInstanceOf(RdbFormatException.class)
                .hasMessageContaining("checksum mismatch");
        byte[] unchecked = write(ks, false);
        unchecked[indexOf(unchecked, b("some value"))] = 'S';
        List<String> values = new ArrayList<>();
        RdbReader.read(new ByteArrayInputStream(unchecked), 16, (db, k, v, x) -> values.add(s((byte[]) v)));
        assertThat(values).containsExactly("Some value");
    }

    @Test
    void aTruncatedStreamIsReportedAsSuch() throws IOException {
        Keyspace ks = new Keyspace(16, clock);
        ks.db(0).put(b("key"), b("value"), false);
        byte[] file = write(ks, true);
        byte[] cut = Arrays.copyOf(file, file.length - 3);
        assertThatThrownBy(() -> RdbReader.read(new ByteArrayInputStream(cut), 16, (db, k, v, x) -> {}))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void unsupportedTypesAreRefusedNamingTheKey() {
        byte[] stream = rdb(new byte[] {(byte) Rdb.TYPE_STREAM_LISTPACKS_2, 5, 'e', 'v', 'e', 'n', 't', 0});
        assertThatThrownBy(() -> RdbReader.read(new ByteArrayInputStream(stream), 16, (db, k, v, x) -> {}))
                .isInstanceOf(RdbFormatException.class)
                .hasMessageContaining("'event'")
                .hasMessageContaining("stream");
        // A module value: the 64-bit id of module type "hellotype" version 0, as a 64-bit length.
        long id = moduleId("hellotype");
        byte[] module = new byte[] {(byte) Rdb.TYPE_MODULE_2, 1, 'm', (byte) 0x81, 0, 0, 0, 0, 0, 0, 0, 0};
        for (int i = 0; i < 8; i++) {
            module[4 + i] = (byte) (id >>> (56 - 8 * i));
        }
        assertThatThrownBy(() -> RdbReader.read(new ByteArrayInputStream(rdb(module)), 16, (db, k, v, x) -> {}))
                .isInstanceOf(RdbFormatException.class)
                .hasMessageContaining("'m'")
                .hasMessageContaining("'hellotype'");
        byte[] function = rdb(new byte[] {(byte) Rdb.OPCODE_FUNCTION2, 3, 'l', 'i', 'b'});
        assertThatThrownBy(() -> RdbReader.read(new ByteArrayInputStream(function), 16, (db, k, v, x) -> {}))
                .isInstanceOf(RdbFormatException.class)
                .hasMessageContaining("function");
        byte[] highDb = rdb(new byte[] {(byte) Rdb.OPCODE_SELECTDB, 20});
        assertThatThrownBy(() -> RdbReader.read(new ByteArrayInputStream(highDb), 16, (db, k, v, x) -> {}))
                .isInstanceOf(RdbFormatException.class)
                .hasMessageContaining("DB 20")
                .hasMessageContaining("databases");
    }

    @Test
    void aDuplicatedKeyFailsTheLoad() {
        byte[] twice = rdb(new byte[] {0, 1, 'k', 1, 'a', 0, 1, 'k', 1, 'b'});
        assertThatThrownBy(
                        () -> RdbReader.loadInto(new ByteArrayInputStream(twice), new Keyspace(16, clock), NOW, true))
                .isInstanceOf(RdbFormatException.class)
                .hasMessage("RDB has duplicated key 'k' in DB 0");
    }

    @Test
    void readsZiplistZipmapAndOldFormatBlobs() throws IOException {
        // ziplist: "ab", 5 (immediate), 300 (int16), -2 (int8)
        byte[] zl = ziplist(
                new byte[] {0x02, 'a', 'b'},
                new byte[] {(byte) 0xf6},
                new byte[] {(byte) 0xc0, 0x2c, 0x01},
                new byte[] {(byte) 0xfe, (byte) 0xfe});
        assertThat(Blobs.ziplist(zl).stream().map(RdbCodecTest::s)).containsExactly("ab", "5", "300", "-2");
        // zipmap: {"f": "vv"} with one free byte after the value
        byte[] zm = {1, 1, 'f', 2, 1, 'v', 'v', 0, (byte) 0xff};
        assertThat(Blobs.zipmap(zm).stream().map(RdbCodecTest::s)).containsExactly("f", "vv");
        // an old file: version 6, a ziplist list with a seconds expiry, a zipmap hash, an old text-score zset
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(Rdb.OPCODE_EXPIRETIME);
        body.writeBytes(new byte[] {(byte) 0x80, (byte) 0xd3, (byte) 0xfb, (byte) 0x7f}); // 2147210112 s
        body.write(Rdb.TYPE_LIST_ZIPLIST);
        body.writeBytes(new byte[] {1, 'l', (byte) zl.length});
        body.writeBytes(zl);
        body.write(Rdb.TYPE_HASH_ZIPMAP);
        body.writeBytes(new byte[] {1, 'h', (byte) zm.length});
        body.writeBytes(zm);
        body.write(Rdb.TYPE_ZSET);
        body.writeBytes(new byte[] {1, 'z', 2, 1, 'a', 3, '1', '.', '5', 1, 'b', (byte) 254});
        byte[] file = rdb(6, body.toByteArray());
        Keyspace ks = new Keyspace(16, clock);
        RdbReader.loadInto(new ByteArrayInputStream(file), ks, NOW, true);
        assertThat(list(ks.db(0), "l")).containsExactly("ab", "5", "300", "-2");
        assertThat(ks.db(0).peek(b("l")).expireAt()).isEqualTo(2147210112L * 1000);
        assertThat(s(((HashValue) ks.db(0).peek(b("h")).value()).get(b("f")))).isEqualTo("vv");
        ZSetValue z = (ZSetValue) ks.db(0).peek(b("z")).value();
        assertThat(z.score(b("a"))).isEqualTo(1.5);
        assertThat(z.score(b("b"))).isEqualTo(Double.POSITIVE_INFINITY);
    }

    // ---- helpers ----

    private static long moduleId(String name) {
        String charset = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        long id = 0;
        for (int i = 0; i < 9; i++) {
            id = (id << 6) | charset.indexOf(name.charAt(i));
        }
        return id << 10;
    }

    private static byte[] ziplist(byte[]... entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int prev = 0;
        for (byte[] e : entries) {
            body.write(prev);
            body.writeBytes(e);
            prev = e.length + 1;
        }
        byte[] content = body.toByteArray();
        int total = 10 + content.length + 1;
        byte[] zl = new byte[total];
        zl[0] = (byte) total;
        zl[8] = (byte) entries.length;
        System.arraycopy(content, 0, zl, 10, content.length);
        zl[total - 1] = (byte) 0xff;
        return zl;
    }

    private static byte[] rdb(byte[] body) {
        return rdb(10, body);
    }

    /** A file of the given version around {@code body}, with a zero (unchecked) checksum. */
    private static byte[] rdb(int version, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(b(String.format("REDIS%04d", version)));
        out.writeBytes(body);
        out.write(0xff);
        out.writeBytes(new byte[8]);
        return out.toByteArray();
    }

    private byte[] write(Keyspace ks, boolean checksum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RdbWriter.writeKeyspace(ks, out, true, checksum, Map.of());
        return out.toByteArray();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static String string(Database db, String key) {
        return s((byte[]) db.peek(b(key)).value());
    }

    private static List<String> list(Database db, String key) {
        ListValue l = (ListValue) db.peek(b(key)).value();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            out.add(s(l.get(i)));
        }
        return out;
    }

    private static List<String> set(Database db, String key) {
        List<String> out = new ArrayList<>();
        ((SetValue) db.peek(b(key)).value()).forEach(m -> out.add(s(m)));
        return out;
    }

    /** A canonical text form of every key, value and TTL, sorted. */
    static List<String> dump(Keyspace ks) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ks.count(); i++) {
            int dbIndex = i;
            ks.db(i).forEach(e -> out.add(dbIndex + "/" + s(e.key()) + "/" + e.expireAt() + "=" + render(e.value())));
        }
        out.sort(null);
        return out;
    }

    static String render(Object v) {
        if (v instanceof byte[] bytes) {
            return "string:" + s(bytes);
        }
        List<String> parts = new ArrayList<>();
        if (v instanceof ListValue l) {
            for (int i = 0; i < l.size(); i++) {
                parts.add(s(l.get(i)));
            }
            return "list:" + parts;
        }
        if (v instanceof HashValue h) {
            h.forEach((f, x) -> parts.add(s(f) + "=" + s(x)));
        } else if (v instanceof SetValue st) {
            st.forEach(m -> parts.add(s(m)));
        } else if (v instanceof ZSetValue z) {
            z.forRange(0, z.size() - 1, false, (m, score) -> parts.add(s(m) + "@" + score));
            return "zset:" + parts;
        }
        parts.sort(null);
        return ((io.vigil.store.keyspace.StoreValue) v).type().wireName() + ":" + parts;
    }
}
