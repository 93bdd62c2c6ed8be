package io.vigil.election.sim;

/** A simulated process the network can deliver to: a store or a sentinel. */
interface Endpoint {
    /** Partition group: two endpoints can talk only when both are up and in the same group. */
    int group();

    /** Process is running and not paused. */
    boolean up();

    /** Bumped on every restart, so messages addressed to an earlier incarnation are dropped. */
    int incarnation();

    /** Short name for traces. */
    String name();
}
