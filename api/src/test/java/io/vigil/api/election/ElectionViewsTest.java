package io.vigil.api.election;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.resp.impl.InstanceReplies;
import io.vigil.api.resp.impl.Reply;
import io.vigil.api.sentinel.FailoverStateName;
import io.vigil.api.sentinel.InstanceFlag;
import io.vigil.api.sentinel.MasterAddress;
import io.vigil.api.sentinel.MasterView;
import io.vigil.api.sentinel.QuorumCheck;
import io.vigil.api.sentinel.ReplicaView;
import io.vigil.api.sentinel.ReportedRole;
import io.vigil.api.sentinel.SentinelPeerView;
import io.vigil.api.sentinel.SentinelStatus;
import io.vigil.election.Address;
import io.vigil.election.FailoverState;
import io.vigil.election.MasterSettings;
import io.vigil.election.NodeSnapshot;
import io.vigil.election.SentinelView;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ElectionViewsTest {

    private static final long NOW = 100_000;
    private static final Address MASTER = new Address("10.0.0.1", 6379);
    private static final Address REPLICA = new Address("10.0.0.2", 6379);
    private static final Address PEER = new Address("10.0.0.3", 26379);
    private static final Address DOWN_PEER = new Address("10.0.0.4", 26379);

    private static NodeSnapshot snapshot(boolean failingOver) {
        io.vigil.election.ReplicaView replica = new io.vigil.election.ReplicaView(
                REPLICA,
                "r".repeat(40),
                EnumSet.of(io.vigil.election.InstanceFlag.SLAVE),
                -1,
                99_000,
                99_500,
                -1,
                98_000,
                io.vigil.election.ReportedRole.REPLICA,
                40_000,
                0,
                true,
                "10.0.0.1",
                6379,
                100,
                777,
                true);
        SentinelView peer = new SentinelView(
                "a".repeat(40),
                PEER,
                EnumSet.of(io.vigil.election.InstanceFlag.SENTINEL),
                -1,
                99_800,
                99_800,
                -1,
                99_000,
                "a".repeat(40),
                7);
        SentinelView downPeer = new SentinelView(
                "d".repeat(40),
                DOWN_PEER,
                EnumSet.of(io.vigil.election.InstanceFlag.SENTINEL, io.vigil.election.InstanceFlag.S_DOWN),
                95_000,
                -1,
                94_000,
                96_000,
                90_000,
                null,
                0);
        Set<io.vigil.election.InstanceFlag> flags = failingOver
                ? EnumSet.of(
                        io.vigil.election.InstanceFlag.MASTER,
                        io.vigil.election.InstanceFlag.S_DOWN,
                        io.vigil.election.InstanceFlag.O_DOWN,
                        io.vigil.election.InstanceFlag.FAILOVER_IN_PROGRESS)
                : EnumSet.of(io.vigil.election.InstanceFlag.MASTER);
        io.vigil.election.MasterView master = new io.vigil.election.MasterView(
                MasterSettings.of("mymaster", MASTER, 2),
                failingOver ? REPLICA : MASTER,
                "m".repeat(40),
                flags,
                failingOver ? FailoverState.WAIT_PROMOTION : FailoverState.NONE,
                7,
                failingOver ? 97_000 : -1,
                failingOver ? 96_000 : 99_900,
                99_900,
                failingOver ? 97_500 : -1,
                failingOver ? 98_500 : -1,
                92_000,
                io.vigil.election.ReportedRole.UNKNOWN,
                10_000,
                3,
                "a".repeat(40),
                7,
                List.of(replica),
                List.of(peer, downPeer));
        return new NodeSnapshot(NOW, "s".repeat(40), 7, false, -1, List.of(master));
    }

    private final ElectionViews views =
            new ElectionViews(address -> address.equals(PEER) ? new LinkCounts(2, 3) : LinkCounts.IDLE);

    @Test
    void healthyMasterTimesAreMillisecondsAgo() {
        MasterView master = views.master(snapshot(false), "mymaster").orElseThrow();

        assertThat(master.link().flags()).containsExactly(InstanceFlag.MASTER);
        assertThat(master.link().lastPingSentMs()).as("no PING pending").isZero();
        assertThat(master.link().lastOkPingReplyMs()).isEqualTo(100);
        assertThat(master.infoRefreshMs()).isEqualTo(8_000);
        assertThat(master.roleReported())
                .as("unknown role shows the configured one")
                .isEqualTo(ReportedRole.MASTER);
        assertThat(master.failoverState()).isEmpty();
        assertThat(master.numSlaves()).isEqualTo(1);
        assertThat(master.numOtherSentinels()).isEqualTo(2);
        assertThat(master.link().downAfterMs()).isEqualTo(MasterSettings.DEFAULT_DOWN_AFTER_MS);
        assertThat(InstanceReplies.master(master).keys()).doesNotContain("s-down-time", "failover-state");
    }

    @Test
    void failingOverMasterShowsDownTimesStateAndPromotedAddress() {
        NodeSnapshot snapshot = snapshot(true);
        MasterView master = views.master(snapshot, "mymaster").orElseThrow();

        assertThat(master.link().sDownMs()).isEqualTo(OptionalLong.of(2_500));
        assertThat(master.link().oDownMs()).isEqualTo(OptionalLong.of(1_500));
        assertThat(master.failoverState()).contains(FailoverStateName.WAIT_PROMOTION);
        assertThat(master.link().lastPingSentMs()).isEqualTo(3_000);
        assertThat(views.masterAddress(snapshot, "mymaster")).contains(new MasterAddress("10.0.0.2", 6379));
        Reply.MapReply row = InstanceReplies.master(master);
        assertThat(row.get("flags")).isEqualTo(Reply.bulk("s_down,o_down,master,failover_in_progress"));
        assertThat(row.get("failover-state")).isEqualTo(Reply.bulk("wait_promotion"));
    }

    @Test
    void replicasAndPeersCarryTheirFieldsAndLinkCounters() {
        NodeSnapshot snapshot = snapshot(false);
        ReplicaView replica = views.replicas(snapshot, "mymaster").orElseThrow().get(0);
        assertThat(replica.name()).isEqualTo("10.0.0.2:6379");
        assertThat(replica.replOffset()).isEqualTo(777);
        assertThat(replica.infoRefreshMs()).isEqualTo(2_000);
        assertThat(replica.roleReported()).isEqualTo(ReportedRole.SLAVE);

        List<SentinelPeerView> peers = views.sentinels(snapshot, "mymaster").orElseThrow();
        assertThat(peers.get(0).link().pendingCommands()).isEqualTo(2);
        assertThat(peers.get(0).link().refcount()).isEqualTo(3);
        assertThat(peers.get(0).votedLeader()).contains("a".repeat(40));
        assertThat(peers.get(0).lastHelloMs()).isEqualTo(1_000);
        assertThat(peers.get(1).votedLeader()).isEmpty();
        assertThat(peers.get(1).link().lastOkPingReplyMs()).as("never").isEqualTo(-1);
        assertThat(peers.get(1).link().sDownMs()).isEqualTo(OptionalLong.of(4_000));
        assertThat(InstanceReplies.sentinel(peers.get(1)).get("voted-leader")).isEqualTo(Reply.bulk("?"));
    }

    @Test
    void quorumCountsPeersThatAreNotDown() {
        assertThat(views.checkQuorum(snapshot(false), "mymaster")).contains(new QuorumCheck(2, 3, 2));
        assertThat(views.checkQuorum(snapshot(false), "nope")).isEmpty();
        assertThat(views.replicas(snapshot(false), "nope")).isEmpty();
    }

    @Test
    void statusReportsTiltSeconds() {
        NodeSnapshot tilted = new NodeSnapshot(NOW, "s".repeat(40), 7, true, 88_000, List.of());
        SentinelStatus status = ElectionViews.status(tilted, 0, 0, Set.of());
        assertThat(status.tilt()).isTrue();
        assertThat(status.tiltSinceSeconds()).isEqualTo(12);
        assertThat(ElectionViews.status(snapshot(false), 1, 2, Set.of()).tiltSinceSeconds())
                .isEqualTo(-1);
    }
}
