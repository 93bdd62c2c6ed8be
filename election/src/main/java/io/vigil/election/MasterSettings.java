package io.vigil.election;

/**
 * The per-master settings of {@code SENTINEL MONITOR} and {@code SENTINEL SET}.
 *
 * @param name master name, no spaces or commas
 * @param address the master's address
 * @param quorum sentinels that must agree the master is down (ODOWN)
 * @param downAfterMs {@code down-after-milliseconds}
 * @param failoverTimeoutMs {@code failover-timeout}
 * @param parallelSyncs {@code parallel-syncs}
 * @param maxLagBytes Vigil's {@code max-lag}: refuse a replica more than this many bytes behind the best known
 *     master offset; negative disables the guard
 * @param writeLeaseMs Vigil's write-fencing lease granted to the master (0 = off; shorter than down-after)
 */
public record MasterSettings(
        String name,
        Address address,
        int quorum,
        long downAfterMs,
        long failoverTimeoutMs,
        int parallelSyncs,
        long maxLagBytes,
        long writeLeaseMs) {

    /** Redis default down-after-milliseconds. */
    public static final long DEFAULT_DOWN_AFTER_MS = 30_000;
    /** Redis default failover-timeout. */
    public static final long DEFAULT_FAILOVER_TIMEOUT_MS = 180_000;

    /** Validates every field; messages name the field and what is valid. */
    public MasterSettings {
        if (name == null || name.isEmpty() || name.contains(" ") || name.contains(",")) {
            throw new IllegalArgumentException(
                    "master name must be non-empty without spaces or commas, was '" + name + "'");
        }
        if (address == null) {
            throw new IllegalArgumentException("master address must not be null");
        }
        if (quorum < 1) {
            throw new IllegalArgumentException("quorum must be >= 1, was " + quorum);
        }
        if (downAfterMs < 1) {
            throw new IllegalArgumentException("down-after-milliseconds must be >= 1, was " + downAfterMs);
        }
        if (failoverTimeoutMs < 1) {
            throw new IllegalArgumentException("failover-timeout must be >= 1, was " + failoverTimeoutMs);
        }
        if (parallelSyncs < 1) {
            throw new IllegalArgumentException("parallel-syncs must be >= 1, was " + parallelSyncs);
        }
        if (writeLeaseMs < 0 || (writeLeaseMs > 0 && writeLeaseMs >= downAfterMs)) {
            throw new IllegalArgumentException("write-fencing lease must be 0 (off) or shorter than"
                    + " down-after-milliseconds " + downAfterMs + ", was " + writeLeaseMs);
        }
    }

    /** Settings without write fencing. */
    public MasterSettings(
            String name,
            Address address,
            int quorum,
            long downAfterMs,
            long failoverTimeoutMs,
            int parallelSyncs,
            long maxLagBytes) {
        this(name, address, quorum, downAfterMs, failoverTimeoutMs, parallelSyncs, maxLagBytes, 0);
    }

    /**
     * Settings with Redis defaults for the timings.
     *
     * @param name master name
     * @param address master address
     * @param quorum quorum
     * @return settings
     */
    public static MasterSettings of(String name, Address address, int quorum) {
        return new MasterSettings(name, address, quorum, DEFAULT_DOWN_AFTER_MS, DEFAULT_FAILOVER_TIMEOUT_MS, 1, -1);
    }

    /** Returns a copy with another address. */
    public MasterSettings withAddress(Address newAddress) {
        return new MasterSettings(
                name, newAddress, quorum, downAfterMs, failoverTimeoutMs, parallelSyncs, maxLagBytes, writeLeaseMs);
    }

    /** Returns a copy with another down-after-milliseconds. */
    public MasterSettings withDownAfterMs(long value) {
        return new MasterSettings(
                name, address, quorum, value, failoverTimeoutMs, parallelSyncs, maxLagBytes, writeLeaseMs);
    }

    /** Returns a copy with another failover-timeout. */
    public MasterSettings withFailoverTimeoutMs(long value) {
        return new MasterSettings(name, address, quorum, downAfterMs, value, parallelSyncs, maxLagBytes, writeLeaseMs);
    }

    /** Returns a copy with another parallel-syncs. */
    public MasterSettings withParallelSyncs(int value) {
        return new MasterSettings(
                name, address, quorum, downAfterMs, failoverTimeoutMs, value, maxLagBytes, writeLeaseMs);
    }

    /** Returns a copy with another quorum. */
    public MasterSettings withQuorum(int value) {
        return new MasterSettings(
                name, address, value, downAfterMs, failoverTimeoutMs, parallelSyncs, maxLagBytes, writeLeaseMs);
    }

    /** Returns a copy with another write-fencing lease (0 disables it). */
    public MasterSettings withWriteLeaseMs(long value) {
        return new MasterSettings(
                name, address, quorum, downAfterMs, failoverTimeoutMs, parallelSyncs, maxLagBytes, value);
    }

    /** Returns a copy with another max-lag (negative disables it). */
    public MasterSettings withMaxLagBytes(long value) {
        return new MasterSettings(
                name, address, quorum, downAfterMs, failoverTimeoutMs, parallelSyncs, value, writeLeaseMs);
    }
}
