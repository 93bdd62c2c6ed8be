package io.vigil.monitor.impl;

import java.time.Duration;

/** Exponential reconnect delays: initial, doubled after each failure, capped at max; reset after a success. */
public final class ReconnectBackoff {

    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    /**
     * Creates the back-off.
     *
     * @throws IllegalArgumentException when {@code initial} is not positive or {@code max < initial}
     */
    public ReconnectBackoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial delay must be positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max delay " + max + " < initial delay " + initial);
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = initialMillis;
    }

    /** The delay before the next attempt; doubles the one after, up to the maximum. */
    public long nextDelayMillis() {
        long delay = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return delay;
    }

    /** Back to the initial delay, after a successful connect. */
    public void reset() {
        nextMillis = initialMillis;
    }
}
