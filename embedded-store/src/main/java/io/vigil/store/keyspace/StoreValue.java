package io.vigil.store.keyspace;

/**
 * A value of a non-string type (hash, list, set, zset, ...). Strings are stored as bare {@code byte[]} to save an
 * object per key; every other type implements this interface and is stored in the same slot of {@link Entry}.
 *
 * <p>To add a type: implement this interface, give it a {@link ValueType}, and make its mutators report size
 * changes through {@link Database#adjustMemory} so {@code INFO memory} stays honest.
 */
public interface StoreValue {

    /** The type, as {@code TYPE} reports it. */
    ValueType type();

    /** The encoding {@code OBJECT ENCODING} reports (e.g. {@code listpack}, {@code hashtable}). */
    String encoding();

    /** Estimated heap bytes held by this value, excluding the key and the entry. */
    long memoryUsage();

    /** A deep copy, for {@code COPY}. */
    StoreValue copy();
}
