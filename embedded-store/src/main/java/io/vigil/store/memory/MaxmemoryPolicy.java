package io.vigil.store.memory;

import java.util.Locale;

/**
 * Redis's {@code maxmemory-policy} values, in Redis's order (the order its {@code CONFIG SET} error lists them).
 * Each says which keys are candidates (all, or only those with a TTL) and how the best candidate is chosen.
 */
public enum MaxmemoryPolicy {
    /** Least recently used among keys with a TTL. */
    VOLATILE_LRU(Choice.LRU, true),
    /** Least frequently used among keys with a TTL. */
    VOLATILE_LFU(Choice.LFU, true),
    /** A random key with a TTL. */
    VOLATILE_RANDOM(Choice.RANDOM, true),
    /** The key with the nearest expiry time. */
    VOLATILE_TTL(Choice.TTL, true),
    /** Least recently used among all keys. */
    ALLKEYS_LRU(Choice.LRU, false),
    /** Least frequently used among all keys. */
    ALLKEYS_LFU(Choice.LFU, false),
    /** A random key. */
    ALLKEYS_RANDOM(Choice.RANDOM, false),
    /** Never evict: refuse commands flagged {@code denyoom} while over the limit. */
    NOEVICTION(Choice.NONE, false);

    /** How a policy picks the key to evict. */
    public enum Choice {
        /** Sampled, through the eviction pool, by idle time. */
        LRU,
        /** Sampled, through the eviction pool, by {@code 255 - LFU counter}. */
        LFU,
        /** Sampled, through the eviction pool, by nearest expiry. */
        TTL,
        /** Uniformly at random, round robin over the databases. */
        RANDOM,
        /** Nothing is evicted. */
        NONE
    }

    private final Choice choice;
    private final boolean volatileOnly;

    MaxmemoryPolicy(Choice choice, boolean volatileOnly) {
        this.choice = choice;
        this.volatileOnly = volatileOnly;
    }

    /** How the key to evict is picked. */
    public Choice choice() {
        return choice;
    }

    /** Whether only keys with a TTL are candidates. */
    public boolean volatileOnly() {
        return volatileOnly;
    }

    /** Whether keys carry LFU counters under this policy (else LRU times). */
    public boolean lfu() {
        return choice == Choice.LFU;
    }

    /** The directive value, e.g. {@code allkeys-lru}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every directive value, in Redis's order. */
    public static String[] configNames() {
        MaxmemoryPolicy[] all = values();
        String[] names = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            names[i] = all[i].configName();
        }
        return names;
    }

    /** The policy named by a (validated) directive value. */
    public static MaxmemoryPolicy parse(String configName) {
        return valueOf(configName.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
