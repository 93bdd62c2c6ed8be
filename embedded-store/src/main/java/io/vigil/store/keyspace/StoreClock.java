package io.vigil.store.keyspace;

/**
 * The store's only source of time: expiry, TTLs, {@code TIME}, idle times and the active expiry cycle all read it.
 * Production uses {@link #SYSTEM}; tests pass a clock they move by hand, so nothing sleeps.
 */
public interface StoreClock {

    /** Milliseconds since the Unix epoch. */
    long millis();

    /** Microseconds since the Unix epoch (for {@code TIME}); by default {@link #millis()} times 1000. */
    default long micros() {
        return millis() * 1000;
    }

    /** The wall clock. */
    StoreClock SYSTEM = new StoreClock() {
        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public long micros() {
            java.time.Instant now = java.time.Instant.now();
            return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
        }
    };
}
