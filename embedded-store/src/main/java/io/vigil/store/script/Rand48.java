package io.vigil.store.script;

/**
 * The 48-bit linear congruential generator Redis gives scripts in place of the C library's {@code rand()}
 * ({@code redisLrand48}). Each runtime starts from seed 0 and the sequence continues across scripts (Redis 7 replicates
 * a script's effects, so replicas never re-run it); {@code math.randomseed} reseeds it.
 */
public final class Rand48 {

    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;
    private static final int LRAND48_MAX = Integer.MAX_VALUE;

    private long state;

    /** A generator seeded with 0. */
    public Rand48() {
        seed(0);
    }

    /** {@code redisSrand48(seed)}. */
    public void seed(int seed) {
        state = ((seed & 0xFFFFFFFFL) << 16) | 0x330EL;
    }

    /** {@code redisLrand48()}: the next 31-bit value. */
    public int next() {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> 17);
    }

    /** The value {@code math.random} starts from: {@code (lrand48() % MAX) / MAX}, in [0, 1). */
    public double nextUnit() {
        return (double) (next() % LRAND48_MAX) / (double) LRAND48_MAX;
    }
}
