package io.vigil.election;

import java.util.Set;

/**
 * Read model of one peer sentinel, for SENTINEL SENTINELS. Times are node clock milliseconds, -1 when never.
 *
 * @param runId run id (its name)
 * @param address announced address
 * @param flags flags
 * @param lastPingSent oldest unanswered PING, or -1
 * @param lastOkPingReply last valid PING reply
 * @param lastPingReply last PING reply
 * @param sdownSince SDOWN start, or -1
 * @param lastHelloMessage last hello received, or -1
 * @param votedLeader the leader it voted for (fresh answers only), or null
 * @param votedLeaderEpoch epoch of that vote
 */
public record SentinelView(
        String runId,
        Address address,
        Set<InstanceFlag> flags,
        long lastPingSent,
        long lastOkPingReply,
        long lastPingReply,
        long sdownSince,
        long lastHelloMessage,
        String votedLeader,
        long votedLeaderEpoch) {}
