package io.vigil.store.persistence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decoders for the older compact blobs RDB files from Redis before 7.0 carry (and that Redis 7 still loads): the
 * ziplist ({@code ziplist.c}), the intset ({@code intset.c}) and the zipmap ({@code zipmap.c}). Integers come out as
 * their decimal text, as the store keeps every element as bytes.
 */
final class Blobs {

    private Blobs() {}

    /**
     * The entries of a ziplist: a header of total bytes (4), tail offset (4) and count (2), little-endian; entries of
     * a previous-entry length (1 byte, or 0xFE and 4 bytes), an encoding and the data; a {@code 0xFF} terminator.
     */
    static List<byte[]> ziplist(byte[] zl) {
        if (zl.length < 11) {
            throw new IllegalArgumentException("ziplist shorter than its header");
        }
        if (Listpack.le(zl, 0, 4) != zl.length) {
            throw new IllegalArgumentException(
                    "ziplist header says " + Listpack.le(zl, 0, 4) + " bytes, blob has " + zl.length);
        }
        int declared = (int) Listpack.le(zl, 8, 2);
        List<byte[]> out = new ArrayList<>(declared == 65535 ? 16 : declared);
        int p = 10;
        while (true) {
            need(zl, p, 1);
            if ((zl[p] & 0xff) == 0xff) {
                break;
            }
            p += (zl[p] & 0xff) == 0xfe ? 5 : 1;
            need(zl, p, 1);
            int b = zl[p] & 0xff;
            switch (b >>> 6) {
                case 0 -> {
                    int len = b & 0x3f;
                    need(zl, p + 1, len);
                    out.add(Arrays.copyOfRange(zl, p + 1, p + 1 + len));
                    p += 1 + len;
                }
                case 1 -> {
                    need(zl, p, 2);
                    int len = ((b & 0x3f) << 8) | (zl[p + 1] & 0xff);
                    need(zl, p + 2, len);
                    out.add(Arrays.copyOfRange(zl, p + 2, p + 2 + len));
                    p += 2 + len;
                }
                case 2 -> {
                    need(zl, p, 5);
                    long len = ((zl[p + 1] & 0xffL) << 24)
                            | ((zl[p + 2] & 0xff) << 16)
                            | ((zl[p + 3] & 0xff) << 8)
                            | (zl[p + 4] & 0xff);
                    need(zl, p + 5, len);
                    out.add(Arrays.copyOfRange(zl, p + 5, p + 5 + (int) len));
                    p += 5 + (int) len;
                }
                default -> {
                    int width;
                    switch (b) {
                        case 0xc0 -> width = 2;
                        case 0xd0 -> width = 4;
                        case 0xe0 -> width = 8;
                        case 0xf0 -> width = 3;
                        case 0xfe -> width = 1;
                        default -> {
                            if (b >= 0xf1 && b <= 0xfd) {
                                out.add(Listpack.decimal((b & 0x0f) - 1));
                                p += 1;
                                continue;
                            }
                            throw new IllegalArgumentException(
                                    "invalid ziplist encoding byte 0x" + Integer.toHexString(b));
                        }
                    }
                    need(zl, p + 1, width);
                    long raw = Listpack.le(zl, p + 1, width);
                    out.add(Listpack.decimal(signExtend(raw, width)));
                    p += 1 + width;
                }
            }
        }
        if (declared != 65535 && declared != out.size()) {
            throw new IllegalArgumentException("ziplist header says " + declared + " entries, found " + out.size());
        }
        return out;
    }

    /** The members of an intset: encoding width (4 bytes: 2, 4 or 8), count (4), sorted little-endian values. */
    static long[] intset(byte[] is) {
        if (is.length < 8) {
            throw new IllegalArgumentException("intset shorter than its header");
        }
        int width = (int) Listpack.le(is, 0, 4);
        long count = Listpack.le(is, 4, 4);
        if (width != 2 && width != 4 && width != 8) {
            throw new IllegalArgumentException("intset encoding " + width + " is not 2, 4 or 8");
        }
        if (8 + count * width != is.length) {
            throw new IllegalArgumentException("intset of " + count + " x " + width + " bytes has " + is.length);
        }
        long[] out = new long[(int) count];
        for (int i = 0; i < count; i++) {
            out[i] = signExtend(Listpack.le(is, 8 + i * width, width), width);
        }
        return out;
    }

    /**
     * The fields and values of a zipmap, alternating: a count byte, then per pair a length (1 byte, or 254 and 4
     * bytes), the field, a length, a free-byte count, the value and that many unused bytes; a {@code 0xFF} end.
     */
    static List<byte[]> zipmap(byte[] zm) {
        List<byte[]> out = new ArrayList<>();
        int p = 1;
        boolean value = false;
        while (true) {
            need(zm, p, 1);
            int b = zm[p] & 0xff;
            if (b == 0xff) {
                break;
            }
            long len;
            if (b < 254) {
                len = b;
                p += 1;
            } else if (b == 254) {
                need(zm, p, 5);
                len = Listpack.le(zm, p + 1, 4);
                p += 5;
            } else {
                throw new IllegalArgumentException("invalid zipmap length byte 0x" + Integer.toHexString(b));
            }
            int free = 0;
            if (value) {
                need(zm, p, 1);
                free = zm[p] & 0xff;
                p += 1;
            }
            need(zm, p, len + free);
            out.add(Arrays.copyOfRange(zm, p, p + (int) len));
            p += (int) len + free;
            value = !value;
        }
        if (value) {
            throw new IllegalArgumentException("zipmap ends after a field without its value");
        }
        return out;
    }

    private static long signExtend(long raw, int width) {
        return width == 8 ? raw : (raw << (64 - 8 * width)) >> (64 - 8 * width);
    }

    private static void need(byte[] b, long p, long n) {
        if (p + n > b.length) {
            throw new IllegalArgumentException("blob element runs past the end");
        }
    }
}
