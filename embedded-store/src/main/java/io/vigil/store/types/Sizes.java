package io.vigil.store.types;

/** Heap size estimates (64-bit JVM, compressed references) used by the aggregate types' memory accounting. */
final class Sizes {

    /** Estimated bytes of a value object's own fields (header, counters, references). */
    static final long OBJECT_BYTES = 32;

    private Sizes() {}

    /** Bytes of a {@code byte[]} of the given length. */
    static long bytes(int length) {
        return (16L + length + 7) & ~7L;
    }

    /** Bytes of a reference array of the given length. */
    static long refs(int length) {
        return (16L + 4L * length + 7) & ~7L;
    }

    /** Bytes of a {@code long[]} of the given length. */
    static long longs(int length) {
        return 16L + 8L * length;
    }
}
