package io.vigil.store.replication;

import io.vigil.store.engine.Client;

/**
 * A replica as its master sees it: the client connection that sent {@code PSYNC}, what it announced with {@code
 * REPLCONF} (listening port, IP, capabilities) and the offset it last acknowledged.
 */
final class ReplicaPeer {

    /** Replica states as {@code INFO replication} names them. */
    enum State {
        /** The snapshot is being prepared. */
        WAIT_BGSAVE("wait_bgsave"),
        /** The snapshot is being transferred. */
        SEND_BULK("send_bulk"),
        /** Receiving the command stream. */
        ONLINE("online");

        final String infoName;

        State(String infoName) {
            this.infoName = infoName;
        }
    }

    final Client client;
    String announcedIp;
    int listeningPort;
    boolean capaEof;
    boolean capaPsync2;
    /** Asked with the old {@code SYNC}: no {@code +FULLRESYNC} line before the payload. */
    boolean legacySync;

    State state;
    long ackOffset;
    long ackMillis;
    /** Stream bytes kept back until the replica's first ACK after an EOF-marked transfer (it reads to the mark). */
    io.netty.buffer.ByteBuf held;

    ReplicaPeer(Client client) {
        this.client = client;
    }

    /** The IP sentinels and ROLE see: the announced one, else the peer address of the connection. */
    String ip() {
        if (announcedIp != null && !announcedIp.isEmpty()) {
            return announcedIp;
        }
        String remote = client.remoteAddress();
        int colon = remote.lastIndexOf(':');
        return colon < 0 ? remote : remote.substring(0, colon);
    }

    /** Whether it streams commands (counted by WAIT, min-replicas and FAILOVER). */
    boolean online() {
        return state == State.ONLINE;
    }
}
