package io.vigil.store.persistence;

import io.vigil.store.types.Int64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Redis's listpack ({@code listpack.c}), the compact blob RDB uses for small hashes, sorted sets and list nodes:
 * a 4-byte total length and a 2-byte element count (little-endian), the elements, and a {@code 0xFF} terminator.
 * Each element is an encoding byte (7-bit unsigned, 13/16/24/32/64-bit signed integers, or 6/12/32-bit string
 * lengths), its data, and a "backlen" of 1 to 5 bytes holding the element's size for backward iteration.
 *
 * <p>An instance is a reusable builder ({@link #reset}, {@link #add}, {@link #finish}); {@link #decode} reads one.
 */
final class Listpack {

    private static final int HEADER = 6;
    private static final int EOF = 0xff;

    private byte[] buf = new byte[256];
    private int pos;
    private int count;

    /** Starts a new listpack. */
    void reset() {
        pos = HEADER;
        count = 0;
    }

    /** Appends an element: as an integer when it is a canonical 64-bit decimal (as {@code lpAppend} does). */
    void add(byte[] e) {
        ensure(e.length + 16);
        int start = pos;
        if (e.length <= 20 && Int64.isCanonical(e)) {
            long v = Int64.parse(e);
            if (v >= 0 && v <= 127) {
                buf[pos++] = (byte) v;
            } else if (v >= -4096 && v <= 4095) {
                long uv = v < 0 ? (1 << 13) + v : v;
                buf[pos++] = (byte) ((uv >>> 8) | 0xc0);
                buf[pos++] = (byte) uv;
            } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                buf[pos++] = (byte) 0xf1;
                putLe(v, 2);
            } else if (v >= -(1 << 23) && v < (1 << 23)) {
                buf[pos++] = (byte) 0xf2;
                putLe(v, 3);
            } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                buf[pos++] = (byte) 0xf3;
                putLe(v, 4);
            } else {
                buf[pos++] = (byte) 0xf4;
                putLe(v, 8);
            }
        } else {
            int len = e.length;
            if (len < 64) {
                buf[pos++] = (byte) (0x80 | len);
            } else if (len < 4096) {
                buf[pos++] = (byte) ((len >>> 8) | 0xe0);
                buf[pos++] = (byte) len;
            } else {
                buf[pos++] = (byte) 0xf0;
                putLe(len, 4);
            }
            System.arraycopy(e, 0, buf, pos, len);
            pos += len;
        }
        writeBacklen(pos - start);
        count++;
    }

    /** Terminates the listpack and returns the buffer; its first {@link #size()} bytes are the blob. */
    byte[] finish() {
        ensure(1);
        buf[pos++] = (byte) EOF;
        int total = pos;
        buf[0] = (byte) total;
        buf[1] = (byte) (total >>> 8);
        buf[2] = (byte) (total >>> 16);
        buf[3] = (byte) (total >>> 24);
        int n = Math.min(count, 65535);
        buf[4] = (byte) n;
        buf[5] = (byte) (n >>> 8);
        return buf;
    }

    /** Length of the finished blob. */
    int size() {
        return pos;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    private void putLe(long v, int width) {
        for (int i = 0; i < width; i++) {
            buf[pos++] = (byte) (v >>> (8 * i));
        }
    }

    private void writeBacklen(long l) {
        if (l <= 127) {
            buf[pos++] = (byte) l;
        } else if (l < 16383) {
            buf[pos++] = (byte) (l >>> 7);
            buf[pos++] = (byte) ((l & 127) | 128);
        } else if (l < 2097151) {
            buf[pos++] = (byte) (l >>> 14);
            buf[pos++] = (byte) (((l >>> 7) & 127) | 128);
            buf[pos++] = (byte) ((l & 127) | 128);
        } else if (l < 268435455) {
            buf[pos++] = (byte) (l >>> 21);
            buf[pos++] = (byte) (((l >>> 14) & 127) | 128);
            buf[pos++] = (byte) (((l >>> 7) & 127) | 128);
            buf[pos++] = (byte) ((l & 127) | 128);
        } else {
            buf[pos++] = (byte) (l >>> 28);
            buf[pos++] = (byte) (((l >>> 21) & 127) | 128);
            buf[pos++] = (byte) (((l >>> 14) & 127) | 128);
            buf[pos++] = (byte) (((l >>> 7) & 127) | 128);
            buf[pos++] = (byte) ((l & 127) | 128);
        }
    }

    private static int backlenSize(long l) {
        if (l <= 127) {
            return 1;
        } else if (l < 16383) {
            return 2;
        } else if (l < 2097151) {
            return 3;
        } else if (l < 268435455) {
            return 4;
        }
        return 5;
    }

    /**
     * The elements of a listpack blob, integers as their decimal text.
     *
     * @throws IllegalArgumentException when the blob is malformed
     */
    static List<byte[]> decode(byte[] lp) {
        if (lp.length < HEADER + 1) {
            throw new IllegalArgumentException("listpack shorter than its header");
        }
        long total = le(lp, 0, 4);
        if (total != lp.length) {
            throw new IllegalArgumentException("listpack header says " + total + " bytes, blob has " + lp.length);
        }
        int declared = (int) le(lp, 4, 2);
        List<byte[]> out = new ArrayList<>(declared == 65535 ? 16 : declared);
        int p = HEADER;
        while (true) {
            check(lp, p, 1);
            int b = lp[p] & 0xff;
            if (b == EOF) {
                break;
            }
            int start = p;
            byte[] element;
            if ((b & 0x80) == 0) {
                element = decimal(b);
                p += 1;
            } else if ((b & 0xc0) == 0x80) {
                int len = b & 0x3f;
                check(lp, p + 1, len);
                element = Arrays.copyOfRange(lp, p + 1, p + 1 + len);
                p += 1 + len;
            } else if ((b & 0xe0) == 0xc0) {
                check(lp, p, 2);
                int uv = ((b & 0x1f) << 8) | (lp[p + 1] & 0xff);
                element = decimal(uv >= 1 << 12 ? uv - (1 << 13) : uv);
                p += 2;
            } else if ((b & 0xf0) == 0xe0) {
                check(lp, p, 2);
                int len = ((b & 0x0f) << 8) | (lp[p + 1] & 0xff);
                check(lp, p + 2, len);
                element = Arrays.copyOfRange(lp, p + 2, p + 2 + len);
                p += 2 + len;
            } else if (b == 0xf0) {
                check(lp, p, 5);
                long len = le(lp, p + 1, 4);
                check(lp, p + 5, len);
                element = Arrays.copyOfRange(lp, p + 5, p + 5 + (int) len);
                p += 5 + (int) len;
            } else if (b >= 0xf1 && b <= 0xf4) {
                int width = b == 0xf1 ? 2 : b == 0xf2 ? 3 : b == 0xf3 ? 4 : 8;
                check(lp, p + 1, width);
                long raw = le(lp, p + 1, width);
                long v = width == 8 ? raw : (raw << (64 - 8 * width)) >> (64 - 8 * width);
                element = decimal(v);
                p += 1 + width;
            } else {
                throw new IllegalArgumentException("invalid listpack encoding byte 0x" + Integer.toHexString(b));
            }
            p += backlenSize(p - start);
            out.add(element);
        }
        if (p != lp.length - 1) {
            throw new IllegalArgumentException("listpack terminator before its end");
        }
        if (declared != 65535 && declared != out.size()) {
            throw new IllegalArgumentException("listpack header says " + declared + " elements, found " + out.size());
        }
        return out;
    }

    private static void check(byte[] lp, long p, long n) {
        if (p + n > lp.length) {
            throw new IllegalArgumentException("listpack element runs past the end of the blob");
        }
    }

    static long le(byte[] b, int at, int width) {
        long v = 0;
        for (int i = width - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    static byte[] decimal(long v) {
        return Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
