package io.vigil.api.resp.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.sentinel.FailoverStateName;
import io.vigil.api.sentinel.InstanceFlag;
import io.vigil.api.sentinel.LinkView;
import io.vigil.api.sentinel.MasterView;
import io.vigil.api.sentinel.ReplicaView;
import io.vigil.api.sentinel.ReportedRole;
import io.vigil.api.sentinel.SentinelPeerView;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstanceRepliesTest {

    /** Field order of SENTINEL MASTER as redis-sentinel 7.0.15 prints it for a healthy master. */
    static final List<String> MASTER_FIELDS = List.of(
            "name",
            "ip",
            "port",
            "runid",
            "flags",
            "link-pending-commands",
            "link-refcount",
            "last-ping-sent",
            "last-ok-ping-reply",
            "last-ping-reply",
            "down-after-milliseconds",
            "info-refresh",
            "role-reported",
            "role-reported-time",
            "config-epoch",
            "num-slaves",
            "num-other-sentinels",
            "quorum",
            "failover-timeout",
            "parallel-syncs");

    static final List<String> REPLICA_FIELDS = List.of(
            "name",
            "ip",
            "port",
            "runid",
            "flags",
            "link-pending-commands",
            "link-refcount",
            "last-ping-sent",
            "last-ok-ping-reply",
            "last-ping-reply",
            "down-after-milliseconds",
            "info-refresh",
            "role-reported",
            "role-reported-time",
            "master-link-down-time",
            "master-link-status",
            "master-host",
            "master-port",
            "slave-priority",
            "slave-repl-offset",
            "replica-announced");

    static final List<String> SENTINEL_FIELDS = List.of(
            "name",
            "ip",
            "port",
            "runid",
            "flags",
            "link-pending-commands",
            "link-refcount",
            "last-ping-sent",
            "last-ok-ping-reply",
            "last-ping-reply",
            "down-after-milliseconds",
            "last-hello-message",
            "voted-leader",
            "voted-leader-epoch");

    private static LinkView link(Set<InstanceFlag> flags, OptionalLong sdown, OptionalLong odown) {
        return new LinkView("127.0.0.1", 6379, "abc", flags, 0, 1, 0, 918, 918, sdown, odown, 5000);
    }

    private static MasterView master(
            Set<InstanceFlag> flags,
            OptionalLong sdown,
            OptionalLong odown,
            Optional<FailoverStateName> state,
            Optional<String> script) {
        return new MasterView(
                "mymaster",
                link(flags, sdown, odown),
                state,
                3005,
                ReportedRole.MASTER,
                3009,
                7,
                1,
                2,
                2,
                180000,
                1,
                script,
                Optional.empty());
    }

    @Test
    void healthyMasterHasRedisFieldOrderAndBulkValues() {
        Reply.MapReply row = InstanceReplies.master(master(
                EnumSet.of(InstanceFlag.MASTER),
                OptionalLong.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty()));

        assertThat(row.keys()).isEqualTo(MASTER_FIELDS);
        assertThat(row.entries()).allMatch(item -> item instanceof Reply.Bulk);
        assertThat(row.get("port")).isEqualTo(Reply.bulk("6379"));
        assertThat(row.get("flags")).isEqualTo(Reply.bulk("master"));
        assertThat(row.get("config-epoch")).isEqualTo(Reply.bulk("7"));
        assertThat(row.get("num-other-sentinels")).isEqualTo(Reply.bulk("2"));
    }

    @Test
    void downMasterInFailoverAddsOptionalFieldsInPlace() {
        Reply.MapReply row = InstanceReplies.master(master(
                EnumSet.of(
                        InstanceFlag.FAILOVER_IN_PROGRESS,
                        InstanceFlag.O_DOWN,
                        InstanceFlag.MASTER,
                        InstanceFlag.S_DOWN),
                OptionalLong.of(1200),
                OptionalLong.of(800),
                Optional.of(FailoverStateName.WAIT_PROMOTION),
                Optional.of("/bin/notify.sh")));

        List<String> keys = row.keys();
        assertThat(keys.subList(0, 8))
                .containsExactly(
                        "name",
                        "ip",
                        "port",
                        "runid",
                        "flags",
                        "link-pending-commands",
                        "link-refcount",
                        "failover-state");
        assertThat(keys.subList(10, 14))
                .containsExactly("last-ping-reply", "s-down-time", "o-down-time", "down-after-milliseconds");
        assertThat(keys.get(keys.size() - 1)).isEqualTo("notification-script");
        assertThat(row.get("flags")).isEqualTo(Reply.bulk("s_down,o_down,master,failover_in_progress"));
        assertThat(row.get("failover-state")).isEqualTo(Reply.bulk("wait_promotion"));
        assertThat(row.get("s-down-time")).isEqualTo(Reply.bulk("1200"));
    }

    @Test
    void replicaRowHasReplicaFields() {
        ReplicaView replica = new ReplicaView(
                new LinkView(
                        "127.0.0.1",
                        6380,
                        "",
                        EnumSet.of(InstanceFlag.SLAVE, InstanceFlag.DISCONNECTED),
                        0,
                        1,
                        0,
                        855,
                        855,
                        OptionalLong.empty(),
                        OptionalLong.empty(),
                        5000),
                855,
                ReportedRole.SLAVE,
                3010,
                -1000,
                false,
                "127.0.0.1",
                6379,
                100,
                1,
                true);

        Reply.MapReply row = InstanceReplies.replica(replica);

        assertThat(row.keys()).isEqualTo(REPLICA_FIELDS);
        assertThat(row.get("name")).isEqualTo(Reply.bulk("127.0.0.1:6380"));
        assertThat(row.get("runid")).isEqualTo(Reply.bulk(""));
        assertThat(row.get("flags")).isEqualTo(Reply.bulk("slave,disconnected"));
        assertThat(row.get("master-link-status")).isEqualTo(Reply.bulk("err"));
        assertThat(row.get("master-link-down-time")).isEqualTo(Reply.bulk("-1000"));
        assertThat(row.get("replica-announced")).isEqualTo(Reply.bulk("1"));
    }

    @Test
    void unannouncedReplicasAreLeftOutOfTheListing() {
        LinkView link = new LinkView(
                "10.0.0.2",
                6380,
                "",
                EnumSet.of(InstanceFlag.SLAVE),
                0,
                1,
                0,
                1,
                1,
                OptionalLong.empty(),
                OptionalLong.empty(),
                5000);
        ReplicaView hidden = new ReplicaView(link, 1, ReportedRole.SLAVE, 1, 0, true, "10.0.0.1", 6379, 100, 5, false);
        ReplicaView shown = new ReplicaView(link, 1, ReportedRole.SLAVE, 1, 0, true, "10.0.0.1", 6379, 100, 5, true);

        assertThat(InstanceReplies.replicas(List.of(hidden, shown)).items()).hasSize(1);
    }

    @Test
    void sentinelRowShowsQuestionMarkWhenNoVote() {
        SentinelPeerView peer = new SentinelPeerView(
                new LinkView(
                        "127.0.0.1",
                        26380,
                        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                        EnumSet.of(InstanceFlag.SENTINEL),
                        0,
                        1,
                        0,
                        860,
                        860,
                        OptionalLong.empty(),
                        OptionalLong.empty(),
                        5000),
                788,
                Optional.empty(),
                0);

        Reply.MapReply row = InstanceReplies.sentinel(peer);

        assertThat(row.keys()).isEqualTo(SENTINEL_FIELDS);
        assertThat(row.get("name")).isEqualTo(Reply.bulk("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
        assertThat(row.get("voted-leader")).isEqualTo(Reply.bulk("?"));
        assertThat(row.get("voted-leader-epoch")).isEqualTo(Reply.bulk("0"));
    }

    @Test
    void viewsRejectFlagsThatContradictTheirFields() {
        assertThatThrownBy(() -> link(
                        EnumSet.of(InstanceFlag.MASTER, InstanceFlag.S_DOWN),
                        OptionalLong.empty(),
                        OptionalLong.empty()))
                .hasMessageContaining("sDownMs must be present exactly when flags contain S_DOWN");
        assertThatThrownBy(() -> master(
                        EnumSet.of(InstanceFlag.MASTER),
                        OptionalLong.empty(),
                        OptionalLong.empty(),
                        Optional.of(FailoverStateName.WAIT_START),
                        Optional.empty()))
                .hasMessageContaining("failoverState must be present exactly when flags contain FAILOVER_IN_PROGRESS");
        assertThatThrownBy(() -> master(
                        EnumSet.of(InstanceFlag.SLAVE),
                        OptionalLong.empty(),
                        OptionalLong.empty(),
                        Optional.empty(),
                        Optional.empty()))
                .hasMessageContaining("must have the MASTER flag");
    }

    @Test
    void flagsRenderInRedisOrderWhateverTheInputOrder() {
        assertThat(InstanceFlag.render(List.of(InstanceFlag.RECONF_DONE, InstanceFlag.SLAVE, InstanceFlag.S_DOWN)))
                .isEqualTo("s_down,slave,reconf_done");
        assertThat(InstanceFlag.render(List.of())).isEmpty();
    }
}
