package io.vigil.store.keyspace;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * One of the numbered databases: a {@link Dict} of keys, an index of the keys that have a TTL (for the active
 * expiry cycle's sampling), and a running estimate of the bytes held.
 *
 * <p>Reads go through {@link #lookup}, which deletes a key whose TTL has passed (lazy expiry) and records the
 * access time. Every mutation goes through this class so that {@code WATCH}, memory accounting and the TTL index
 * stay right: {@link #put}, {@link #replace}, {@link #delete}, {@link #expire}, {@link #persist}.
 */
public final class Database {

    private static final long ENTRY_BYTES = 48;

    private final int index;
    private final Keyspace keyspace;
    private Dict dict = new Dict();
    private Entry[] volatiles = new Entry[16];
    private int volatileCount;
    private long bytes;

    Database(int index, Keyspace keyspace) {
        this.index = index;
        this.keyspace = keyspace;
    }

    /** The database number. */
    public int index() {
        return index;
    }

    /** Number of keys (including expired keys not yet collected, as Redis's {@code DBSIZE}). */
    public int size() {
        return dict.size();
    }

    /** Number of keys with a TTL. */
    public int volatileCount() {
        return volatileCount;
    }

    /** Average remaining TTL in ms over up to 100 keys with a TTL (0 when none), for {@code INFO keyspace}. */
    public long averageTtl(long nowMillis) {
        int n = Math.min(volatileCount, 100);
        if (n == 0) {
            return 0;
        }
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.max(0, volatiles[i].expireAt - nowMillis);
        }
        return sum / n;
    }

    /** Estimated bytes held by keys, values and tables. */
    public long memoryBytes() {
        return bytes + dict.tableBytes() + 16L + 4L * volatiles.length;
    }

    /** Estimated bytes of the key table itself: its entries and bucket array ({@code MEMORY STATS}). */
    public long mainTableBytes() {
        return ENTRY_BYTES * dict.size() + dict.tableBytes();
    }

    /** Estimated bytes of the index of keys with a TTL ({@code MEMORY STATS}). */
    public long expiresIndexBytes() {
        return 16L + 4L * volatiles.length;
    }

    /** The live entry for a key (deleting it first when expired), or {@code null}; marks it accessed. */
    public Entry lookup(byte[] key) {
        Entry e = dict.get(key);
        if (e == null) {
            return null;
        }
        if (e.expireAt != Entry.NO_EXPIRY && e.expireAt <= keyspace.clock().millis() && (e = expiredRead(e)) == null) {
            return null;
        }
        keyspace.access().touch(e, keyspace.accessMillis());
        keyspace.beforeLookupResult(dict, e);
        return e;
    }

    /** Like {@link #lookup} but does not touch the access time ({@code OBJECT IDLETIME}, {@code TYPE} in scans). */
    public Entry peek(byte[] key) {
        Entry e = dict.get(key);
        if (e != null
                && e.expireAt != Entry.NO_EXPIRY
                && e.expireAt <= keyspace.clock().millis()) {
            return expiredRead(e);
        }
        if (e != null) {
            keyspace.beforeLookupResult(dict, e);
        }
        return e;
    }

    /** Whether the live key exists. */
    public boolean exists(byte[] key) {
        return peek(key) != null;
    }

    /**
     * Sets a key's value, creating it if needed. An existing TTL is removed unless {@code keepTtl}.
     *
     * @return the entry
     */
    public Entry put(byte[] key, Object value, boolean keepTtl) {
        Entry e = peek(key);
        long now = keyspace.accessMillis();
        if (e == null) {
            e = dict.insert(key, value);
            keyspace.born(e);
            bytes += entryBytes(e);
            keyspace.access().created(e, now);
        } else {
            keyspace.access().touch(e, now);
            store(e, value);
            if (!keepTtl && e.expireAt != Entry.NO_EXPIRY) {
                unindex(e);
                e.expireAt = Entry.NO_EXPIRY;
            }
        }
        keyspace.listener().keyModified(index, key);
        return e;
    }

    /** Replaces the value of a live entry in place, keeping its TTL (APPEND, INCR, ...). */
    public void replace(Entry e, Object value) {
        store(e, value);
        keyspace.listener().keyModified(index, e);
    }

    private void store(Entry e, Object value) {
        if (value instanceof byte[] s && keyspace.mayOverwrite(e) && e.overwrite(s)) {
            return;
        }
        keyspace.beforeWrite(dict, e);
        bytes -= entryBytes(e);
        e.set(value);
        bytes += entryBytes(e);
    }

    /** Records that a {@link StoreValue} of an entry changed size by {@code delta} bytes and was modified. */
    public void adjustMemory(Entry e, long delta) {
        bytes += delta;
        keyspace.listener().keyModified(index, e);
    }

    /** Deletes a key; returns whether a live key was deleted. */
    public boolean delete(byte[] key) {
        Entry e = peek(key);
        if (e == null) {
            return false;
        }
        removeEntry(e);
        keyspace.listener().keyModified(index, key);
        return true;
    }

    /** Sets an absolute expiry time in ms on a live entry. */
    public void expire(Entry e, long atMillis) {
        keyspace.beforeWrite(dict, e);
        if (e.expireAt == Entry.NO_EXPIRY) {
            index(e);
        }
        e.expireAt = atMillis;
        keyspace.listener().keyModified(index, e);
    }

    /** Removes a TTL; returns whether there was one. */
    public boolean persist(Entry e) {
        if (e.expireAt == Entry.NO_EXPIRY) {
            return false;
        }
        keyspace.beforeWrite(dict, e);
        unindex(e);
        e.expireAt = Entry.NO_EXPIRY;
        keyspace.listener().keyModified(index, e);
        return true;
    }

    /** Removes every key. */
    public void clear() {
        dict = new Dict();
        volatiles = new Entry[16];
        volatileCount = 0;
        bytes = 0;
        keyspace.listener().databaseCleared(index);
    }

    /** One step of a {@code SCAN}-style iteration over live and expired-but-not-collected keys. */
    public long scan(long cursor, Consumer<Entry> visitor) {
        return dict.scan(cursor, visitor);
    }

    /** The hash table (for {@link Snapshot}). */
    Dict dict() {
        return dict;
    }

    /** Every entry, including expired ones not yet collected; the visitor must not modify the database. */
    public void forEach(Consumer<Entry> visitor) {
        dict.forEach(visitor);
    }

    /** A random live key, or {@code null} when the database is empty. */
    public byte[] randomKey(RandomGenerator random) {
        int tries = 0;
        while (dict.size() > 0) {
            Entry e = dict.randomEntry(random);
            boolean expired = e.expireAt != Entry.NO_EXPIRY
                    && e.expireAt <= keyspace.clock().millis();
            if (!expired) {
                return e.key();
            }
            if ((volatileCount == dict.size() || keyspace.replicaExpiry()) && ++tries >= 100) {
                return e.key();
            }
            if (!keyspace.replicaExpiry()) {
                expireNow(e);
            }
        }
        return null;
    }

    /**
     * Samples up to {@code samples} keys with a TTL and deletes the expired ones.
     *
     * @return {@code [sampled, expired]}
     */
    int[] expireSample(int samples, RandomGenerator random) {
        int sampled = 0;
        int expired = 0;
        long now = keyspace.clock().millis();
        for (int i = 0; i < samples && volatileCount > 0; i++) {
            Entry e = volatiles[random.nextInt(volatileCount)];
            sampled++;
            if (e.expireAt <= now) {
                expireNow(e);
                expired++;
            }
        }
        return new int[] {sampled, expired};
    }

    /**
     * Passes up to {@code count} entries picked at random to {@code out}, for the eviction policies: from every key
     * (a run of adjacent buckets from a random one, as Redis's {@code dictGetSomeKeys}) or, when {@code
     * volatileOnly}, from the keys with a TTL (independent random picks, so one may repeat). Expired keys not yet
     * collected are included, as in Redis.
     */
    public void sample(int count, boolean volatileOnly, RandomGenerator random, Consumer<Entry> out) {
        if (volatileOnly) {
            for (int i = 0; i < count && volatileCount > 0; i++) {
                out.accept(volatiles[random.nextInt(volatileCount)]);
            }
        } else {
            dict.sample(count, random, out);
        }
    }

    /** One entry picked at random from every key, or from the keys with a TTL; {@code null} when there is none. */
    public Entry randomEntry(boolean volatileOnly, RandomGenerator random) {
        if (volatileOnly) {
            return volatileCount == 0 ? null : volatiles[random.nextInt(volatileCount)];
        }
        return dict.randomEntry(random);
    }

    /** The entry of a key as stored, expired or not, without touching it (eviction pool look-ups). */
    public Entry stored(byte[] key) {
        return dict.get(key);
    }

    /** The estimated bytes of one entry: the entry object, the key array and the value (for {@code MEMORY USAGE}). */
    public static long entryBytes(Entry e) {
        return ENTRY_BYTES + arrayBytes(e.bytes.length) + (e.value == null ? 0 : e.value.memoryUsage());
    }

    /**
     * Deletes an entry chosen by the {@code maxmemory} policy; the listener hears {@code keyEvicted} (which
     * propagates a {@code DEL} and invalidates {@code WATCH}).
     *
     * @return the estimated bytes freed
     */
    public long evict(Entry e) {
        long before = memoryBytes();
        removeEntry(e);
        keyspace.listener().keyEvicted(index, e.key());
        return before - memoryBytes();
    }

    /** Exchanges contents with another database ({@code SWAPDB}). */
    void swapWith(Database other) {
        Dict d = dict;
        dict = other.dict;
        other.dict = d;
        Entry[] v = volatiles;
        volatiles = other.volatiles;
        other.volatiles = v;
        int c = volatileCount;
        volatileCount = other.volatileCount;
        other.volatileCount = c;
        long b = bytes;
        bytes = other.bytes;
        other.bytes = b;
        keyspace.listener().databaseCleared(index);
        keyspace.listener().databaseCleared(other.index);
    }

    /**
     * What a read of an expired entry sees: normally the key is deleted (and the deletion propagated); on a
     * replica that follows its master's expiry the key stays, hidden from clients but visible to the master's own
     * stream, which will carry the {@code DEL}.
     */
    private Entry expiredRead(Entry e) {
        if (!keyspace.replicaExpiry()) {
            expireNow(e);
            return null;
        }
        return keyspace.masterApplying() ? e : null;
    }

    private void expireNow(Entry e) {
        removeEntry(e);
        keyspace.listener().keyExpired(index, e.key());
    }

    private void removeEntry(Entry e) {
        keyspace.beforeWrite(dict, e);
        dict.remove(e);
        if (e.expireAt != Entry.NO_EXPIRY) {
            unindex(e);
        }
        bytes -= entryBytes(e);
    }

    private void index(Entry e) {
        if (volatileCount == volatiles.length) {
            volatiles = Arrays.copyOf(volatiles, volatiles.length * 2);
        }
        e.volatileIndex = volatileCount;
        volatiles[volatileCount++] = e;
    }

    private void unindex(Entry e) {
        int i = e.volatileIndex;
        Entry last = volatiles[--volatileCount];
        volatiles[i] = last;
        last.volatileIndex = i;
        volatiles[volatileCount] = null;
        e.volatileIndex = -1;
        if (volatiles.length > 16 && volatileCount * 4 < volatiles.length) {
            volatiles = Arrays.copyOf(volatiles, volatiles.length / 2);
        }
    }

    static long arrayBytes(int length) {
        return (16L + length + 7) & ~7L;
    }
}
