package io.vigil.store.types;

import java.util.Arrays;

/**
 * A skiplist-encoded sorted set's index key: the member ordered by a 64-bit hash of its bytes (then by the bytes).
 * Keeping the index in hash order gives {@code ZSCAN} a cursor that is simply the next hash to visit, so every member
 * present for the whole iteration is returned even when others are added or removed in between (the SCAN guarantee).
 */
record ScanKey(long hash, byte[] member) implements Comparable<ScanKey> {

    /** The key of a member. */
    static ScanKey of(byte[] member) {
        return new ScanKey(hash(member), member);
    }

    /** The smallest key with this hash (the start of a cursor's range). */
    static ScanKey first(long hash) {
        return new ScanKey(hash, null);
    }

    /** FNV-1a 64 with a murmur3 finalizer; never 0, so a cursor of 0 always means "start" or "done". */
    static long hash(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    @Override
    public int compareTo(ScanKey o) {
        int c = Long.compareUnsigned(hash, o.hash);
        if (c != 0) {
            return c;
        }
        if (member == null || o.member == null) {
            return member == null ? (o.member == null ? 0 : -1) : 1;
        }
        return Arrays.compareUnsigned(member, o.member);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScanKey k && compareTo(k) == 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hash);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(hash) + ":" + (member == null ? "<first>" : member.length + " bytes");
    }
}
