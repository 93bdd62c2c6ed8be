package io.vigil.store.persistence;

/**
 * LZF, the compression Redis applies to RDB strings longer than 20 bytes ({@code rdbcompression yes}), written from
 * the format: a control byte below 32 starts a run of {@code ctrl + 1} literal bytes; otherwise its top three bits
 * are a match length minus 2 (7 means "add the next byte") and the low five bits, with the following byte, an offset
 * minus 1 back into the output.
 */
public final class Lzf {

    private static final int HASH_BITS = 14;
    private static final int MAX_OFFSET = 1 << 13;
    private static final int MAX_LITERAL = 32;
    private static final int MAX_MATCH = 264; // 7 + 255 + 2

    private Lzf() {}

    /**
     * Compresses {@code inLen} bytes of {@code in} into at most {@code outLimit} bytes of {@code out}.
     *
     * @return the compressed length, or 0 when the result would not fit in {@code outLimit} bytes
     */
    public static int compress(byte[] in, int inLen, byte[] out, int outLimit, int[] table) {
        return compress(in, 0, inLen, out, outLimit, table);
    }

    /** Like {@link #compress(byte[], int, byte[], int, int[])} for {@code inLen} bytes of {@code in} from {@code start}. */
    public static int compress(byte[] in, int start, int inLen, byte[] out, int outLimit, int[] table) {
        // The table is not cleared between calls (64 KiB per short string would cost more than compressing it):
        // a stale position is only used when it lies in this input before ip and the three bytes there really match.
        int end = start + inLen;
        int ip = start;
        int op = 1; // room for the first literal-run control byte
        int lit = 0;
        if (outLimit < 2) {
            return 0;
        }
        while (ip < end) {
            int ref = -1;
            int off = 0;
            if (ip + 2 < end) {
                int h = hash(in, ip);
                ref = table[h];
                table[h] = ip;
                off = ip - ref - 1;
            }
            if (ref >= start
                    && ref < ip
                    && off < MAX_OFFSET
                    && in[ref] == in[ip]
                    && in[ref + 1] == in[ip + 1]
                    && in[ref + 2] == in[ip + 2]) {
                int maxLen = Math.min(MAX_MATCH, end - ip);
                int len = 3;
                while (len < maxLen && in[ref + len] == in[ip + len]) {
                    len++;
                }
                // close the literal run
                if (lit == 0) {
                    op--; // no literals: drop the reserved control byte
                } else {
                    out[op - lit - 1] = (byte) (lit - 1);
                }
                int l = len - 2;
                if (op + 3 + 1 > outLimit) {
                    return 0;
                }
                if (l < 7) {
                    out[op++] = (byte) ((l << 5) | (off >>> 8));
                } else {
                    out[op++] = (byte) ((7 << 5) | (off >>> 8));
                    out[op++] = (byte) (l - 7);
                }
                out[op++] = (byte) off;
                ip += len;
                lit = 0;
                op++; // reserve the next control byte
                // index the positions inside the match (cheaply: the last two)
                if (ip + 2 < end) {
                    table[hash(in, ip - 2)] = ip - 2;
                    table[hash(in, ip - 1)] = ip - 1;
                }
                continue;
            }
            if (op + 1 > outLimit) {
                return 0;
            }
            out[op++] = in[ip++];
            if (++lit == MAX_LITERAL) {
                out[op - lit - 1] = (byte) (lit - 1);
                lit = 0;
                op++;
            }
        }
        if (lit == 0) {
            op--;
        } else {
            out[op - lit - 1] = (byte) (lit - 1);
        }
        return op > outLimit ? 0 : op;
    }

    /** A hash table for {@link #compress}, reusable between calls on one thread. */
    public static int[] newTable() {
        int[] table = new int[1 << HASH_BITS];
        java.util.Arrays.fill(table, -1);
        return table;
    }

    private static int hash(byte[] in, int p) {
        int v = (in[p] & 0xff) << 16 | (in[p + 1] & 0xff) << 8 | (in[p + 2] & 0xff);
        return (v * 0x9E3779B1) >>> (32 - HASH_BITS);
    }

    /**
     * Decompresses exactly {@code outLen} bytes.
     *
     * @throws IllegalArgumentException when the data is corrupt or does not produce {@code outLen} bytes
     */
    public static byte[] decompress(byte[] in, int outLen) {
        byte[] out = new byte[outLen];
        int ip = 0;
        int op = 0;
        while (ip < in.length) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < 32) {
                int n = ctrl + 1;
                if (op + n > outLen || ip + n > in.length) {
                    throw new IllegalArgumentException("LZF literal run overflows (corrupt compressed string)");
                }
                System.arraycopy(in, ip, out, op, n);
                ip += n;
                op += n;
            } else {
                int len = ctrl >>> 5;
                if (len == 7) {
                    if (ip >= in.length) {
                        throw new IllegalArgumentException("LZF match truncated (corrupt compressed string)");
                    }
                    len += in[ip++] & 0xff;
                }
                if (ip >= in.length) {
                    throw new IllegalArgumentException("LZF match truncated (corrupt compressed string)");
                }
                int ref = op - ((ctrl & 0x1f) << 8) - 1 - (in[ip++] & 0xff);
                len += 2;
                if (ref < 0 || op + len > outLen) {
                    throw new IllegalArgumentException("LZF back reference out of range (corrupt compressed string)");
                }
                for (int k = 0; k < len; k++) {
                    out[op++] = out[ref++];
                }
            }
        }
        if (op != outLen) {
            throw new IllegalArgumentException(
                    "LZF produced " + op + " bytes, expected " + outLen + " (corrupt compressed string)");
        }
        return out;
    }
}
