package io.vigil.monitor;

/**
 * What a link watches. Masters and replicas are linked the same way (a command connection plus a pub/sub
 * connection subscribed to {@code __sentinel__:hello}, periodic PING and INFO); the kind is a label, since a master
 * can become a replica. Peer sentinels get a command connection only, with PING but no INFO, as Redis Sentinel does.
 */
public enum InstanceKind {
    /** A watched primary. */
    MASTER,
    /** A watched replica. */
    REPLICA,
    /** A peer sentinel. */
    SENTINEL;

    /** Whether the link opens a pub/sub connection subscribed to the hello channel. */
    public boolean hasPubSub() {
        return this != SENTINEL;
    }

    /** Whether the link polls INFO. */
    public boolean pollsInfo() {
        return this != SENTINEL;
    }
}
