package io.vigil.store.replication;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fencing of a deposed primary (a Vigil extension, see {@code docs/fencing.md}): the supervising sentinels tell a
 * primary the configuration epoch and grant it a write lease they must renew. A primary whose lease has expired, or
 * which has learned of an epoch newer than its lease's, refuses writes until it is granted a lease again.
 *
 * <p>Grants are kept per grantor: {@code VIGIL LEASE <epoch> <ms> GRANTOR <id> QUORUM <n>} counts only while
 * {@code n} distinct grantors have unexpired grants at the current epoch (the largest {@code n} asked for by an
 * unexpired grant wins), so a minority of sentinels cut off together with an old primary cannot keep it writable. A
 * grant without {@code GRANTOR} is an anonymous grantor with quorum 1.
 *
 * <p>Pure state: every method takes the time; the manager decides when to ask. Fencing is active once the {@code
 * fencing} directive is {@code yes} or an epoch has been learned (the first {@code VIGIL LEASE} or {@code VIGIL
 * FENCE}), so plain Redis sentinels, which never send these, are unaffected.
 */
final class Fencing {

    /** One grantor's latest grant at the current epoch. */
    private record Grant(long until, int quorum) {}

    private long epoch;
    private final Map<String, Grant> grants = new HashMap<>();
    private long deposedLeaseEpoch = -1;
    private long lastTick = Long.MIN_VALUE;
    private long longestLease;
    private long ignoreGrantsUntil = Long.MIN_VALUE;
    private long stalledFor;

    /** The highest configuration epoch learned (0 = none). */
    long epoch() {
        return epoch;
    }

    /** The epoch of the current grants, or -1 when there are none. */
    long leaseEpoch() {
        return grants.isEmpty() ? -1 : epoch;
    }

    /** Milliseconds of lease left at {@code now} (-1 when there is no valid lease). */
    long remaining(long now) {
        long until = validUntil(now);
        return until <= now ? -1 : until - now;
    }

    /** Whether writes are subject to a lease. */
    boolean active(boolean directive) {
        return directive || epoch > 0;
    }

    /**
     * The store's periodic timer ran at {@code now}. Between two ticks the process may have been stopped (SIGSTOP, a
     * VM freeze, a long GC pause or a slow command): grants that waited in the socket meanwhile were sent long ago
     * and must not count from now. So when the gap since the last tick exceeds a quarter of the longest lease seen (at
     * least 250 ms), every grant is dropped and grants are ignored for one such lease: the primary fences itself
     * until grants sent after the stall arrive.
     */
    void tick(long now) {
        checkStall(now);
        lastTick = now;
    }

    private void checkStall(long now) {
        if (lastTick == Long.MIN_VALUE || longestLease <= 0) {
            return;
        }
        long gap = now - lastTick;
        if (gap > Math.max(250, longestLease / 4)) {
            grants.clear();
            ignoreGrantsUntil = now + longestLease;
            stalledFor = gap;
            lastTick = now;
        }
    }

    /**
     * Grants (or renews) {@code grantor}'s lease of {@code millis} at {@code grantEpoch}, counting toward a quorum of
     * {@code quorum} grantors.
     *
     * @return {@code null} when granted, else why not (the epoch is older than one already learned)
     */
    String grant(long grantEpoch, long millis, long now, String grantor, int quorum) {
        if (grantEpoch < epoch) {
            return "stale epoch " + grantEpoch + ": this node already knows configuration epoch " + epoch;
        }
        checkStall(now);
        longestLease = Math.max(longestLease, millis);
        if (now < ignoreGrantsUntil) {
            return "grant ignored: this store was stalled for " + stalledFor + " ms, so grants that waited meanwhile"
                    + " may be stale; grants count again in " + (ignoreGrantsUntil - now) + " ms";
        }
        if (grantEpoch > epoch) {
            epoch = grantEpoch;
            grants.clear();
        }
        deposedLeaseEpoch = -1;
        grants.put(grantor, new Grant(now + millis, quorum));
        return null;
    }

    /** Learns an epoch; returns whether it was newer than the one known. Grants at older epochs stop counting. */
    boolean learn(long newEpoch) {
        if (newEpoch <= epoch) {
            return false;
        }
        if (!grants.isEmpty()) {
            deposedLeaseEpoch = epoch;
        }
        epoch = newEpoch;
        grants.clear();
        return true;
    }

    /** Forgets the lease (a role change: a new primary must be granted its own). */
    void dropLease() {
        grants.clear();
        deposedLeaseEpoch = -1;
    }

    /** Why a write is refused at {@code now}, or {@code null} when the lease allows it. */
    String refusal(long now) {
        checkStall(now);
        if (grants.isEmpty() && deposedLeaseEpoch >= 0) {
            return "this primary was deposed: its lease is for configuration epoch " + deposedLeaseEpoch + " but epoch "
                    + epoch + " is known";
        }
        if (grants.isEmpty()) {
            return "no write lease granted to this primary at configuration epoch " + epoch
                    + " (fencing is on); waiting for its sentinels";
        }
        long until = validUntil(now);
        if (until > now) {
            return null;
        }
        int quorum = quorum(now);
        long live = grants.values().stream().filter(g -> g.until() > now).count();
        if (live > 0 && live < quorum) {
            return "write lease at configuration epoch " + epoch + " needs grants from " + quorum + " sentinels, has "
                    + live + "; waiting for its sentinels";
        }
        long expired = grants.values().stream().mapToLong(Grant::until).max().orElse(now);
        return "write lease for configuration epoch " + epoch + " expired " + (now - expired)
                + " ms ago; waiting for its sentinels to renew it";
    }

    /** The time until which a quorum of grantors holds unexpired grants (at or before {@code now}: none). */
    private long validUntil(long now) {
        int quorum = quorum(now);
        List<Long> untils = new ArrayList<>(grants.size());
        for (Grant g : grants.values()) {
            untils.add(g.until());
        }
        if (untils.size() < quorum) {
            return Long.MIN_VALUE;
        }
        untils.sort((a, b) -> Long.compare(b, a));
        return untils.get(quorum - 1);
    }

    private int quorum(long now) {
        int quorum = 1;
        for (Grant g : grants.values()) {
            if (g.until() > now) {
                quorum = Math.max(quorum, g.quorum());
            }
        }
        return quorum;
    }
}
