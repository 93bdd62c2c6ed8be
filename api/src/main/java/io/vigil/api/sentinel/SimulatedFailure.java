package io.vigil.api.sentinel;

/** The crashes {@code SENTINEL SIMULATE-FAILURE} can arm; the bit is what INFO shows as a flag sum. */
public enum SimulatedFailure {
    /** Exit right after being elected failover leader. */
    CRASH_AFTER_ELECTION("crash-after-election", 1),
    /** Exit right after promoting the chosen replica. */
    CRASH_AFTER_PROMOTION("crash-after-promotion", 2);

    private final String wireName;
    private final int bit;

    SimulatedFailure(String wireName, int bit) {
        this.wireName = wireName;
        this.bit = bit;
    }

    /** The argument name, e.g. {@code crash-after-election}. */
    public String wireName() {
        return wireName;
    }

    /** The bit in {@code sentinel_simulate_failure_flags}. */
    public int bit() {
        return bit;
    }
}
