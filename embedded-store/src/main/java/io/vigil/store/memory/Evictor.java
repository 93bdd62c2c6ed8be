package io.vigil.store.memory;

import io.vigil.store.keyspace.AccessTracking;
import io.vigil.store.keyspace.Database;
import io.vigil.store.keyspace.Entry;
import io.vigil.store.keyspace.Keyspace;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Keeps the store under {@code maxmemory}, as Redis's {@code performEvictions}: when the estimated used memory is
 * over the limit, delete keys chosen by the {@code maxmemory-policy} until enough bytes are freed, or until the time
 * budget set by {@code maxmemory-eviction-tenacity} runs out (checked every 16 keys; the cron then continues).
 *
 * <p>LRU, LFU and TTL policies sample {@code maxmemory-samples} keys per database into an {@link EvictionPool} and
 * evict its best candidate; random policies take a random key, cycling through the databases. Deleted keys reach
 * the keyspace listener as evictions (a {@code DEL} is propagated and {@code WATCH} is invalidated).
 *
 * <p>Single-threaded: runs on the command thread before each command and from the cron.
 */
public final class Evictor {

    /** The outcome of {@link #perform}, as Redis's {@code EVICT_OK} / {@code EVICT_RUNNING} / {@code EVICT_FAIL}. */
    public enum Result {
        /** Under the limit (or no limit). */
        OK,
        /** Still over the limit but keys are being evicted; the time budget ran out and the cron continues. */
        RUNNING,
        /** Over the limit and nothing can be evicted (noeviction, or no candidate key). */
        FAIL
    }

    private final Keyspace keyspace;
    private final LongSupplier nanoTime;
    private final EvictionPool pool = new EvictionPool();
    private long maxmemory;
    private MaxmemoryPolicy policy = MaxmemoryPolicy.NOEVICTION;
    private int samples = 5;
    private long budgetNanos = 500_000;
    private int nextDb;
    private int victimDb;
    private boolean running;

    /** An evictor for a keyspace; {@code nanoTime} measures the time budget (System::nanoTime in production). */
    public Evictor(Keyspace keyspace, LongSupplier nanoTime) {
        this.keyspace = keyspace;
        this.nanoTime = nanoTime;
    }

    /**
     * Applies the directives: {@code maxmemory} in bytes (0 = no limit), the policy, {@code maxmemory-samples},
     * {@code maxmemory-eviction-tenacity} (0-100), and the LFU parameters, which also switch the keys' access
     * bookkeeping between LRU and LFU.
     */
    public void configure(
            long maxmemory, MaxmemoryPolicy policy, int samples, int tenacity, int lfuLogFactor, int lfuDecayTime) {
        if (policy != this.policy) {
            pool.clear();
        }
        this.maxmemory = maxmemory;
        this.policy = policy;
        this.samples = samples;
        this.budgetNanos = budgetNanos(tenacity);
        keyspace.access().configure(policy.lfu(), lfuLogFactor, lfuDecayTime);
    }

    /** Redis's {@code evictionTimeLimitUs}, in ns: 50 us per step up to 10, then +15% per step, 100 = unlimited. */
    static long budgetNanos(int tenacity) {
        if (tenacity <= 10) {
            return 50_000L * tenacity;
        }
        if (tenacity < 100) {
            return (long) (500.0 * Math.pow(1.15, tenacity - 10.0)) * 1000;
        }
        return Long.MAX_VALUE;
    }

    /** {@code maxmemory} in bytes; 0 when there is no limit. */
    public long maxmemory() {
        return maxmemory;
    }

    /** The policy. */
    public MaxmemoryPolicy policy() {
        return policy;
    }

    /** Whether the last {@link #perform} stopped on its time budget while still over the limit. */
    public boolean running() {
        return running;
    }

    /**
     * Evicts keys while the used memory is over {@code maxmemory}.
     *
     * @param otherBytes memory counted besides the keyspace (client buffers)
     * @param random the random source of the sampling
     */
    public Result perform(long otherBytes, RandomGenerator random) {
        running = false;
        if (maxmemory == 0) {
            return Result.OK;
        }
        long used = keyspace.memoryBytes() + otherBytes;
        if (used <= maxmemory) {
            return Result.OK;
        }
        if (policy == MaxmemoryPolicy.NOEVICTION) {
            return Result.FAIL;
        }
        long toFree = used - maxmemory;
        long freed = 0;
        long start = nanoTime.getAsLong();
        int evicted = 0;
        while (freed < toFree) {
            Entry victim =
                    policy.choice() == MaxmemoryPolicy.Choice.RANDOM ? randomVictim(random) : pooledVictim(random);
            if (victim == null) {
                return Result.FAIL;
            }
            freed += keyspace.db(victimDb).evict(victim);
            evicted++;
            if (evicted % 16 == 0 && freed < toFree && nanoTime.getAsLong() - start > budgetNanos) {
                running = true;
                return Result.RUNNING;
            }
        }
        return Result.OK;
    }

    private Entry randomVictim(RandomGenerator random) {
        int count = keyspace.count();
        for (int i = 0; i < count; i++) {
            nextDb = (nextDb + 1) % count;
            Entry e = keyspace.db(nextDb).randomEntry(policy.volatileOnly(), random);
            if (e != null) {
                victimDb = nextDb;
                return e;
            }
        }
        return null;
    }

    private Entry pooledVictim(RandomGenerator random) {
        AccessTracking access = keyspace.access();
        boolean volatileOnly = policy.volatileOnly();
        while (true) {
            long now = keyspace.clock().millis();
            long candidates = 0;
            for (int i = 0; i < keyspace.count(); i++) {
                Database db = keyspace.db(i);
                int size = volatileOnly ? db.volatileCount() : db.size();
                if (size == 0) {
                    continue;
                }
                candidates += size;
                int dbIndex = i;
                db.sample(samples, volatileOnly, random, e -> pool.offer(dbIndex, e.key(), score(access, e, now)));
            }
            if (candidates == 0) {
                return null;
            }
            while (pool.takeBest()) {
                Entry e = keyspace.db(pool.db()).stored(pool.key());
                if (e != null && (!volatileOnly || e.isVolatile())) {
                    victimDb = pool.db();
                    return e;
                }
            }
        }
    }

    private long score(AccessTracking access, Entry e, long now) {
        return switch (policy.choice()) {
            case LRU -> access.idleSeconds(e, now);
            case LFU -> 255 - access.frequency(e, now);
            case TTL -> Long.MAX_VALUE - e.expireAt();
            default -> throw new IllegalStateException("no pool for " + policy);
        };
    }
}
