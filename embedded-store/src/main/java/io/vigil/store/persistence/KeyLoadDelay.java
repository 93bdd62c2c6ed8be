package io.vigil.store.persistence;

import java.util.concurrent.locks.LockSupport;

/**
 * {@code key-load-delay} (a testing directive, as in Redis): a pause of the configured microseconds after each key
 * an RDB load reads. The pauses are added up and slept in steps of at least a millisecond, since one park per key
 * would sleep far longer than a few microseconds.
 */
public final class KeyLoadDelay implements Runnable {

    private final long micros;
    private long owedMicros;

    private KeyLoadDelay(long micros) {
        this.micros = micros;
    }

    /** The pause to run after each key: nothing when {@code micros} is 0 or less. */
    public static Runnable of(long micros) {
        return micros <= 0 ? () -> {} : new KeyLoadDelay(micros);
    }

    @Override
    public void run() {
        owedMicros += micros;
        if (owedMicros >= 1000) {
            LockSupport.parkNanos(owedMicros * 1000);
            owedMicros = 0;
        }
    }
}
