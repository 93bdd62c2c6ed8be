package io.vigil.store.replication;

/**
 * Fencing of a deposed primary (a Vigil extension, see {@code docs/fencing.md}): the supervising sentinels tell a
 * primary the configuration epoch and grant it a write lease it must renew. A primary whose lease has expired, or
 * which has learned of an epoch newer than its lease's, refuses writes until it is granted a lease again.
 *
 * <p>Pure state: every method takes the time; the manager decides when to ask. Fencing is active once the {@code
 * fencing} directive is {@code yes} or an epoch has been learned (the first {@code VIGIL LEASE} or {@code VIGIL
 * FENCE}), so plain Redis sentinels, which never send these, are unaffected.
 */
final class Fencing {

    private long epoch;
    private long leaseEpoch = -1;
    private long leaseUntil;

    /** The highest configuration epoch learned (0 = none). */
    long epoch() {
        return epoch;
    }

    /** The epoch of the current lease, or -1. */
    long leaseEpoch() {
        return leaseEpoch;
    }

    /** Milliseconds of lease left at {@code now} (-1 when there is no valid lease). */
    long remaining(long now) {
        if (leaseEpoch < 0 || leaseEpoch < epoch || leaseUntil <= now) {
            return -1;
        }
        return leaseUntil - now;
    }

    /** Whether writes are subject to a lease. */
    boolean active(boolean directive) {
        return directive || epoch > 0;
    }

    /**
     * Grants (or renews) a lease of {@code millis} at {@code grantEpoch}.
     *
     * @return {@code null} when granted, else why not (the epoch is older than one already learned)
     */
    String grant(long grantEpoch, long millis, long now) {
        if (grantEpoch < epoch) {
            return "stale epoch " + grantEpoch + ": this node already knows configuration epoch " + epoch;
        }
        epoch = grantEpoch;
        leaseEpoch = grantEpoch;
        leaseUntil = now + millis;
        return null;
    }

    /** Learns an epoch; returns whether it was newer than the one known. */
    boolean learn(long newEpoch) {
        if (newEpoch <= epoch) {
            return false;
        }
        epoch = newEpoch;
        return true;
    }

    /** Forgets the lease (a role change: a new primary must be granted its own). */
    void dropLease() {
        leaseEpoch = -1;
        leaseUntil = 0;
    }

    /** Why a write is refused at {@code now}, or {@code null} when the lease allows it. */
    String refusal(long now) {
        if (leaseEpoch < 0) {
            return "no write lease granted to this primary (fencing is on, configuration epoch " + epoch
                    + "); waiting for its sentinels";
        }
        if (leaseEpoch < epoch) {
            return "this primary was deposed: its lease is for configuration epoch " + leaseEpoch + " but epoch "
                    + epoch + " is known";
        }
        if (leaseUntil <= now) {
            return "write lease for configuration epoch " + leaseEpoch + " expired " + (now - leaseUntil)
                    + " ms ago; waiting for its sentinels to renew it";
        }
        return null;
    }
}
