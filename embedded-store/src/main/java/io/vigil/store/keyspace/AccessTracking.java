package io.vigil.store.keyspace;

import java.util.SplittableRandom;

/**
 * What each key's 32-bit access word ({@code Entry.accessSeconds}) records, as Redis's 24-bit {@code robj.lru}:
 *
 * <ul>
 *   <li>under an LRU (or any non-LFU) policy, the last access time in seconds since the epoch, so the idle time is
 *       the clock's seconds minus it (1 s resolution, like Redis's {@code LRU_CLOCK});
 *   <li>under an LFU policy, Redis's layout: the last decrement time in minutes modulo 2<sup>16</sup> in bits 8-23
 *       and an 8-bit logarithmic access counter in bits 0-7. Each access first decays the counter by one per
 *       {@code lfu-decay-time} minutes elapsed, then increments it with probability {@code 1 / ((counter - 5) *
 *       lfu-log-factor + 1)}; new keys start at 5 so they are not evicted before they have had a chance.
 * </ul>
 *
 * <p>Switching policy at run time does not convert the words (as in Redis): they are reinterpreted, and settle as
 * keys are accessed again. Single-threaded, like the keyspace.
 */
public final class AccessTracking {

    /** The counter of a new key under LFU ({@code LFU_INIT_VAL}). */
    static final int LFU_INIT = 5;

    private boolean lfu;
    private int logFactor = 10;
    private int decayMinutes = 1;
    private SplittableRandom random = new SplittableRandom();

    /** Selects LFU ({@code true}) or LRU bookkeeping with Redis's {@code lfu-log-factor} and {@code lfu-decay-time}. */
    public void configure(boolean lfu, int logFactor, int decayMinutes) {
        this.lfu = lfu;
        this.logFactor = logFactor;
        this.decayMinutes = decayMinutes;
    }

    /** Whether keys carry LFU counters. */
    public boolean lfu() {
        return lfu;
    }

    /** Reseeds the random source of the LFU increments (repeatable tests). */
    public void seed(long seed) {
        random = new SplittableRandom(seed);
    }

    /** Initialises the access word of a new key. */
    void created(Entry e, long nowMillis) {
        e.accessSeconds = lfu ? (minutes(nowMillis) << 8) | LFU_INIT : seconds(nowMillis);
    }

    /** Records an access (a lookup or an overwrite). */
    void touch(Entry e, long nowMillis) {
        if (!lfu) {
            e.accessSeconds = seconds(nowMillis);
            return;
        }
        int counter = frequency(e, nowMillis);
        if (counter < 255) {
            double base = Math.max(0, counter - LFU_INIT);
            if (random.nextDouble() < 1.0 / (base * logFactor + 1)) {
                counter++;
            }
        }
        e.accessSeconds = (minutes(nowMillis) << 8) | counter;
    }

    /** The LFU counter after decay, as {@code OBJECT FREQ} reports it (Redis's {@code LFUDecrAndReturn}). */
    public int frequency(Entry e, long nowMillis) {
        int word = e.accessSeconds;
        int lastMinutes = (word >>> 8) & 0xFFFF;
        int counter = word & 0xFF;
        if (decayMinutes == 0) {
            return counter;
        }
        int now = minutes(nowMillis);
        int elapsed = now >= lastMinutes ? now - lastMinutes : 65535 - lastMinutes + now;
        int periods = elapsed / decayMinutes;
        return periods > counter ? 0 : counter - periods;
    }

    /** Seconds since the last access under LRU bookkeeping ({@code OBJECT IDLETIME}). */
    public long idleSeconds(Entry e, long nowMillis) {
        int idle = seconds(nowMillis) - e.accessSeconds;
        return Math.max(0, idle);
    }

    private static int seconds(long nowMillis) {
        return (int) (nowMillis / 1000);
    }

    private static int minutes(long nowMillis) {
        return (int) ((nowMillis / 60_000) & 0xFFFF);
    }
}
