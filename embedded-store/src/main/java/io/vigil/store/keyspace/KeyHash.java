package io.vigil.store.keyspace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * Hashing of byte-array keys: 8 bytes at a time, mixed with a per-process random seed so that clients cannot
 * predict bucket collisions.
 */
public final class KeyHash {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SEED = new SecureRandom().nextLong() | 1;
    private static final long M = 0x9E3779B97F4A7C15L;

    private KeyHash() {}

    /** The hash of {@code key} (keys of the keyspace's dictionary and fields of the collection tables). */
    public static int hash(byte[] key) {
        int length = key.length;
        long h = SEED ^ (length * M);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long k = (long) LONGS.get(key, i);
            h = Long.rotateLeft(h ^ (k * M), 29) * 0xBF58476D1CE4E5B9L;
        }
        long tail = 0;
        for (int shift = 0; i < length; i++, shift += 8) {
            tail |= (key[i] & 0xffL) << shift;
        }
        h = Long.rotateLeft(h ^ (tail * M), 29) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 29;
        return (int) h;
    }
}
