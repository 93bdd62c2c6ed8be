package io.vigil.store.keyspace;

/** A clock tests move by hand. */
public final class ManualClock implements StoreClock {

    private long millis;

    /** A clock at {@code millis} since the epoch. */
    public ManualClock(long millis) {
        this.millis = millis;
    }

    @Override
    public long millis() {
        return millis;
    }

    /** Moves time forward. */
    public void advance(long ms) {
        millis += ms;
    }
}
