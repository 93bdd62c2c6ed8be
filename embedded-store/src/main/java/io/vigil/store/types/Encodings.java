package io.vigil.store.types;

/**
 * The thresholds at which a small aggregate's compact encoding converts to a hash table: redis-server 7.0.15's
 * defaults of {@code hash-max-listpack-entries} (512, as {@code CONFIG GET} reports it), {@code
 * hash-max-listpack-value} (64) and {@code set-max-intset-entries} (512). Conversion is one way, as in Redis: a hash
 * table never converts back when elements are removed.
 */
public final class Encodings {

    /** Most fields a {@code listpack} hash holds. */
    public static final int HASH_MAX_LISTPACK_ENTRIES = 512;
    /** Longest field or value (bytes) a {@code listpack} hash holds. */
    public static final int HASH_MAX_LISTPACK_VALUE = 64;
    /** Most members an {@code intset} set holds. */
    public static final int SET_MAX_INTSET_ENTRIES = 512;

    private Encodings() {}
}
