package io.vigil.election.sim;

import io.vigil.election.Address;
import io.vigil.election.DurableState;
import io.vigil.election.SentinelNode;
import java.util.HashMap;
import java.util.Map;

/** A simulated sentinel process: the pure core plus its disk (last saved state), clock offset and fault flags. */
final class SimSentinel implements Endpoint {
    final int index;
    final Address address;
    SentinelNode node;
    DurableState saved;
    int incarnation;
    int group;
    boolean paused;
    /** Local clock minus world time: starts at a realistic wall-clock value so jumps never make it negative. */
    long clockOffset = 1_800_000_000_000L;

    long diskFreeAt;
    long lifetimeMaxEpoch;
    long maxRevealedEpoch;
    long restarts;
    /** master address -> peer index -> [down ? 1 : 0, local time of delivery]. */
    final Map<Address, Map<Integer, long[]>> downAnswers = new HashMap<>();

    SimSentinel(int index, Address address, DurableState initial) {
        this.index = index;
        this.address = address;
        this.saved = initial;
    }

    @Override
    public int group() {
        return group;
    }

    @Override
    public boolean up() {
        return node != null && !paused;
    }

    @Override
    public int incarnation() {
        return incarnation;
    }

    @Override
    public String name() {
        return "sentinel" + index;
    }
}
