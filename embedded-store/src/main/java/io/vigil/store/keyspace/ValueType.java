package io.vigil.store.keyspace;

/** The type of a key's value, named as {@code TYPE} replies. */
public enum ValueType {
    /** A byte string (stored as a plain {@code byte[]}). */
    STRING("string"),
    /** A list. */
    LIST("list"),
    /** A set. */
    SET("set"),
    /** A sorted set. */
    ZSET("zset"),
    /** A hash. */
    HASH("hash"),
    /** A stream. */
    STREAM("stream");

    private final String wireName;

    ValueType(String wireName) {
        this.wireName = wireName;
    }

    /** The name {@code TYPE} and {@code SCAN ... TYPE} use. */
    public String wireName() {
        return wireName;
    }

    /** The type for a {@code TYPE}-style name, or {@code null}. */
    public static ValueType byWireName(String name) {
        for (ValueType type : values()) {
            if (type.wireName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        return null;
    }

    /** The type of a stored value: {@code byte[]} is a string, anything else is a {@link StoreValue}. */
    public static ValueType of(Object value) {
        return value instanceof byte[] ? STRING : ((StoreValue) value).type();
    }
}
