package io.vigil.election;

import java.util.List;

/**
 * Something the wiring layer must do on behalf of the core. Actions are returned by every input method of
 * {@link SentinelNode} in the order they must be performed. A {@link Persist} is always first in its list; the
 * actions the node produces after it are held inside the node and returned only by
 * {@link SentinelNode#durableStateSaved(long)}, so no reply or request can leave before the state it reveals is
 * durable.
 */
public sealed interface Action {

    /** Master name the action belongs to, or null for node-wide actions. */
    String master();

    /**
     * Send {@code PING} to an instance or peer sentinel and report the reply with
     * {@link SentinelNode#onPingReply(String, Address, PingReply)}.
     *
     * @param master master name
     * @param target the instance
     */
    record Ping(String master, Address target) implements Action {}

    /**
     * Send {@code VIGIL LEASE <epoch> <leaseMs> GRANTOR <myId> QUORUM <required>} to the master (Vigil's store; see
     * docs/fencing.md): the master may accept writes for {@code leaseMs} while {@code required} distinct sentinels
     * keep granting, at store epoch {@code epoch} (the master's config epoch + 1, as store epochs start at 1).
     *
     * @param master master name
     * @param target the master's current address
     * @param epoch store epoch
     * @param leaseMs lease length
     * @param required distinct grantors the store needs (a majority of the known sentinels)
     */
    record GrantLease(String master, Address target, long epoch, long leaseMs, int required) implements Action {}

    /**
     * Send {@code VIGIL FENCE <epoch>} to a deposed master so it stops accepting writes at once (docs/fencing.md).
     *
     * @param master master name
     * @param target the old master
     * @param epoch the store epoch of the failover (failover epoch + 1)
     */
    record Fence(String master, Address target, long epoch) implements Action {}

    /**
     * Send {@code INFO} to a master or replica and report it with
     * {@link SentinelNode#onInfo(String, Address, InfoObservation)}.
     *
     * @param master master name
     * @param target the instance
     */
    record RequestInfo(String master, Address target) implements Action {}

    /**
     * {@code PUBLISH __sentinel__:hello <payload>} to a watched instance or to a peer sentinel.
     *
     * @param master master name
     * @param target the instance or sentinel
     * @param toSentinel true when target is a sentinel
     * @param hello the message ({@link Hello#format()} is the payload)
     */
    record PublishHello(String master, Address target, boolean toSentinel, Hello hello) implements Action {}

    /**
     * Send {@code SENTINEL IS-MASTER-DOWN-BY-ADDR masterIp masterPort epoch runIdOrStar} to a peer and report the
     * reply with {@link SentinelNode#onIsMasterDownReply(String, String, Address, boolean, String, long)}.
     *
     * @param master master name
     * @param peerRunId the peer asked
     * @param peer the peer's address
     * @param masterAddress the master's address
     * @param epoch current epoch sent
     * @param runIdOrStar this node's id when asking for a vote, {@code *} otherwise
     */
    record AskMasterDown(
            String master, String peerRunId, Address peer, Address masterAddress, long epoch, String runIdOrStar)
            implements Action {

        /** Returns the command arguments. */
        public List<String> command() {
            return List.of(
                    "SENTINEL",
                    "IS-MASTER-DOWN-BY-ADDR",
                    masterAddress.host(),
                    Integer.toString(masterAddress.port()),
                    Long.toString(epoch),
                    runIdOrStar);
        }
    }

    /**
     * Reply to an IS-MASTER-DOWN-BY-ADDR request: {@code [down ? 1 : 0, leader, leaderEpoch]}.
     *
     * @param master master name, or null when the address is not monitored
     * @param requestId the id the wiring passed to {@link SentinelNode#onIsMasterDownRequest}
     * @param down this node sees the master SDOWN (never in TILT)
     * @param leader the voted leader run id, or {@code *}
     * @param leaderEpoch the epoch of that vote
     */
    record IsMasterDownAnswer(String master, long requestId, boolean down, String leader, long leaderEpoch)
            implements Action {}

    /**
     * Reconfigure an instance with one transaction: {@code MULTI; SLAVEOF host port | SLAVEOF NO ONE; CONFIG REWRITE;
     * CLIENT KILL TYPE normal; CLIENT KILL TYPE pubsub; EXEC}.
     *
     * @param master master name
     * @param target the instance to reconfigure
     * @param replicaOf the new master, or null for {@code SLAVEOF NO ONE}
     * @param reason why (the event that goes with it, e.g. {@code +convert-to-slave})
     */
    record Reconfigure(String master, Address target, Address replicaOf, String reason) implements Action {

        /** Returns the commands of the transaction, in order. */
        public List<List<String>> commands() {
            List<String> slaveof = replicaOf == null
                    ? List.of("SLAVEOF", "NO", "ONE")
                    : List.of("SLAVEOF", replicaOf.host(), Integer.toString(replicaOf.port()));
            return List.of(
                    List.of("MULTI"),
                    slaveof,
                    List.of("CONFIG", "REWRITE"),
                    List.of("CLIENT", "KILL", "TYPE", "normal"),
                    List.of("CLIENT", "KILL", "TYPE", "pubsub"),
                    List.of("EXEC"));
        }
    }

    /**
     * Publish an event: the channel is the event name, the payload its text (PROTOCOL.md section 4).
     *
     * @param master master name, or null
     * @param channel event name, e.g. {@code +switch-master}
     * @param payload e.g. {@code mymaster 127.0.0.1 6379 127.0.0.1 6380}
     */
    record PublishEvent(String master, String channel, String payload) implements Action {
        @Override
        public String toString() {
            return channel + " " + payload;
        }
    }

    /**
     * Write the durable state (sentinel.conf) atomically, then call {@link SentinelNode#durableStateSaved(long)}
     * with the token. Writes must complete in token order.
     *
     * @param token increasing write number
     * @param state the full state to write
     */
    record Persist(long token, DurableState state) implements Action {
        @Override
        public String master() {
            return null;
        }
    }
}
