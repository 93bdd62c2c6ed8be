package io.vigil.resp;

/** The protocol a connection speaks: RESP2 by default, RESP3 after {@code HELLO 3}. */
public enum RespVersion {
    /** RESP2: nulls are {@code $-1}/{@code *-1}, maps are flat arrays, doubles are bulk strings. */
    RESP2(2),
    /** RESP3: typed nulls, maps, sets, doubles, booleans, pushes, verbatim strings. */
    RESP3(3);

    private final int number;

    RespVersion(int number) {
        this.number = number;
    }

    /** The number a client passes to {@code HELLO} (2 or 3). */
    public int number() {
        return number;
    }

    /**
     * The version for a {@code HELLO} protocol number.
     *
     * @throws IllegalArgumentException when the number is not 2 or 3
     */
    public static RespVersion of(long number) {
        if (number == 2) {
            return RESP2;
        }
        if (number == 3) {
            return RESP3;
        }
        throw new IllegalArgumentException("RESP version must be 2 or 3, got " + number);
    }
}
