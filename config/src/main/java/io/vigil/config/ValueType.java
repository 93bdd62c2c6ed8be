package io.vigil.config;

/**
 * How one configuration token becomes a typed value, and back.
 *
 * @param <T> the value type
 */
public interface ValueType<T> {

    /**
     * Parses one token.
     *
     * @throws InvalidValueException when the token is not valid; its message says what would be
     */
    T parse(String token);

    /** What a valid token looks like, phrased to follow "is not", e.g. {@code a positive integer (milliseconds)}. */
    String describe();

    /** The token for {@code value}, the inverse of {@link #parse}. */
    default String render(T value) {
        return String.valueOf(value);
    }
}
