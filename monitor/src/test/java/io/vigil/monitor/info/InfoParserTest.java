package io.vigil.monitor.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Parses INFO replies captured from redis-server 7.0.15 (master with 2 replicas, replica link up and down). */
class InfoParserTest {

    static String fixture(String name) {
        try (InputStream in = InfoParserTest.class.getResourceAsStream("/info/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /info/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void masterWithTwoReplicas() {
        String text = fixture("master-with-2-replicas.txt");
        assertThat(text).contains("\r\n");

        InfoSnapshot info = InfoParser.parse(text);

        assertThat(info.role()).isEqualTo(InstanceRole.MASTER);
        assertThat(info.runId()).contains("f1ad788d7ccea5b6f2f21d44e788d99e718d1838");
        assertThat(info.redisVersion()).contains("7.0.15");
        assertThat(info.tcpPort()).isEqualTo(OptionalInt.of(26901));
        assertThat(info.uptimeSeconds()).isEqualTo(OptionalLong.of(14));
        assertThat(info.loading()).isFalse();
        assertThat(info.connectedReplicas()).isEqualTo(OptionalInt.of(2));
        assertThat(info.masterReplOffset()).isEqualTo(OptionalLong.of(116));
        assertThat(info.masterReplId()).contains("6a914a1e93e65ca174c5aa07cc12ee5521a93402");
        assertThat(info.masterFailoverState()).contains("no-failover");
        assertThat(info.masterHost()).isEmpty();
        assertThat(info.masterLinkStatus()).isEmpty();
        assertThat(info.replicas())
                .containsExactly(
                        new ReplicaEntry(
                                0,
                                "127.0.0.1",
                                26902,
                                Optional.of("online"),
                                OptionalLong.of(116),
                                OptionalLong.of(0),
                                java.util.Map.of()),
                        new ReplicaEntry(
                                1,
                                "127.0.0.1",
                                26903,
                                Optional.of("online"),
                                OptionalLong.of(116),
                                OptionalLong.of(0),
                                java.util.Map.of()));
        assertThat(info.sections()).contains("Server", "Replication", "Keyspace");
        assertThat(info.unknownFields())
                .containsKey("slave0")
                .containsKey("redis_mode")
                .doesNotContainKey("run_id");
    }

    @Test
    void replicaWithLinkUp() {
        InfoSnapshot info = InfoParser.parse(fixture("replica-link-up.txt"));

        assertThat(info.role()).isEqualTo(InstanceRole.REPLICA);
        assertThat(info.runId()).contains("cf8e41e75872e786867ceea298bf10ac22239e85");
        assertThat(info.masterHost()).contains("127.0.0.1");
        assertThat(info.masterPort()).isEqualTo(OptionalInt.of(26901));
        assertThat(info.masterLinkStatus()).contains(MasterLinkStatus.UP);
        assertThat(info.masterLinkDownSinceSeconds()).isEmpty();
        assertThat(info.masterLastIoSecondsAgo()).isEqualTo(OptionalLong.of(4));
        assertThat(info.masterSyncInProgress()).isFalse();
        assertThat(info.slaveReplOffset()).isEqualTo(OptionalLong.of(116));
        assertThat(info.slaveReadReplOffset()).isEqualTo(OptionalLong.of(116));
        assertThat(info.slavePriority()).isEqualTo(OptionalInt.of(100));
        assertThat(info.slaveReadOnly()).isTrue();
        assertThat(info.replicaAnnounced()).isTrue();
        assertThat(info.connectedReplicas()).isEqualTo(OptionalInt.of(0));
        assertThat(info.replicas()).isEmpty();
    }

    @Test
    void replicaWithLinkDown() {
        InfoSnapshot info = InfoParser.parse(fixture("replica-link-down.txt"));

        assertThat(info.role()).isEqualTo(InstanceRole.REPLICA);
        assertThat(info.masterLinkStatus()).contains(MasterLinkStatus.DOWN);
        assertThat(info.masterLinkDownSinceSeconds()).isEqualTo(OptionalLong.of(3));
        assertThat(info.masterLastIoSecondsAgo()).isEqualTo(OptionalLong.of(-1));
        assertThat(info.slavePriority()).isEqualTo(OptionalInt.of(50));
        assertThat(info.tcpPort()).isEqualTo(OptionalInt.of(26903));
    }

    @Test
    void infoAllKeepsUnknownSectionsAndFields() {
        InfoSnapshot info = InfoParser.parse(fixture("replica-link-up-info-all.txt"));

        assertThat(info.sections()).contains("Commandstats", "Errorstats", "Latencystats");
        assertThat(info.unknownFields()).containsKey("cmdstat_ping");
        assertThat(info.field("cmdstat_ping"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("calls="));
        assertThat(info.role()).isEqualTo(InstanceRole.REPLICA);
        assertThat(info.masterLinkStatus()).contains(MasterLinkStatus.UP);
    }

    @Test
    void sectionOrderAndLineEndsDoNotMatter() {
        String text = fixture("replica-link-down.txt");
        List<String> sections = new ArrayList<>(List.of(text.split("\r\n(?=# )")));
        Collections.reverse(sections);
        String reordered = String.join("\n", sections).replace("\r\n", "\n");

        InfoSnapshot original = InfoParser.parse(text);
        InfoSnapshot parsed = InfoParser.parse(reordered);

        assertThat(parsed.sections()).isNotEqualTo(original.sections()).hasSameElementsAs(original.sections());
        assertThat(parsed.fields()).isEqualTo(original.fields());
        assertThat(parsed.masterLinkDownSinceSeconds()).isEqualTo(OptionalLong.of(3));
        assertThat(parsed.runId()).isEqualTo(original.runId());
    }

    @Test
    void ipv6ReplicaAndOldFormatsWithoutLag() {
        InfoSnapshot info = InfoParser.parse("# Replication\r\nrole:master\r\nconnected_slaves:3\r\n"
                + "slave0:ip=::1,port=6380,state=online,offset=10,lag=0\r\n"
                + "slave1:ip=fe80::1:2,port=6381,state=send_bulk,offset=0\r\n"
                + "slave2:10.0.0.7,6382,online\r\n");

        assertThat(info.replicas()).hasSize(3);
        ReplicaEntry v6 = info.replicas().get(0);
        assertThat(v6.ip()).isEqualTo("::1");
        assertThat(v6.port()).isEqualTo(6380);
        assertThat(v6.lag()).isEqualTo(OptionalLong.of(0));
        ReplicaEntry noLag = info.replicas().get(1);
        assertThat(noLag.ip()).isEqualTo("fe80::1:2");
        assertThat(noLag.state()).contains("send_bulk");
        assertThat(noLag.lag()).isEmpty();
        ReplicaEntry positional = info.replicas().get(2);
        assertThat(positional.ip()).isEqualTo("10.0.0.7");
        assertThat(positional.port()).isEqualTo(6382);
        assertThat(positional.state()).contains("online");
        assertThat(positional.offset()).isEmpty();
    }

    @Test
    void unknownReplicaKeysAreKept() {
        ReplicaEntry entry = InfoParser.parseReplica(7, 0, "ip=1.2.3.4,port=1,state=online,offset=5,lag=0,rack=b");
        assertThat(entry.extra()).containsEntry("rack", "b");
    }

    @Test
    void replicaPriorityUnderEitherName() {
        assertThat(InfoParser.parse("role:slave\nreplica-priority:7\n").slavePriority())
                .isEqualTo(OptionalInt.of(7));
        assertThat(InfoParser.parse("role:slave\nreplica_priority:0\n").slavePriority())
                .isEqualTo(OptionalInt.of(0));
        assertThat(InfoParser.parse("role:slave\nslave_priority:9\nreplica-priority:7\n")
                        .slavePriority())
                .isEqualTo(OptionalInt.of(9));
    }

    @Test
    void absentFieldsAreEmptyAndFlagsTakeSentinelDefaults() {
        InfoSnapshot info = InfoParser.parse("# Server\r\nredis_mode:sentinel\r\n");
        assertThat(info.role()).isEqualTo(InstanceRole.UNKNOWN);
        assertThat(info.runId()).isEmpty();
        assertThat(info.replicaAnnounced()).isTrue();
        assertThat(info.loading()).isFalse();
        assertThat(info.masterPort()).isEmpty();
        assertThat(InfoParser.parse("loading:1\r\nrole:replica\r\n").loading()).isTrue();
    }

    @Test
    void malformedValuesNameLineFieldAndWhatIsValid() {
        assertThatThrownBy(() -> InfoParser.parse("# Replication\r\nrole:slave\r\nmaster_port:abc\r\n"))
                .isInstanceOf(InfoParseException.class)
                .hasMessage("INFO line 3: master_port is 'abc'; expected an integer");
        assertThatThrownBy(() -> InfoParser.parse("role:sentinel\n"))
                .hasMessage("INFO line 1: role 'sentinel' is not one of master, slave, replica");
        assertThatThrownBy(() -> InfoParser.parse("x:1\nmaster_link_status:sideways\n"))
                .hasMessage("INFO line 2: master_link_status 'sideways' is not one of up, down");
        assertThatThrownBy(() -> InfoParser.parse("loading:yes\n"))
                .hasMessage("INFO line 1: loading is 'yes'; expected 0 or 1");
        assertThatThrownBy(() -> InfoParser.parse("tcp_port:70000\n"))
                .hasMessage("INFO line 1: tcp_port is 70000; a port is in 0..65535");
        assertThatThrownBy(() -> InfoParser.parse("role:master\nslave0:ip=1.2.3.4,state=online\n"))
                .isInstanceOf(InfoParseException.class)
                .extracting(e -> ((InfoParseException) e).line())
                .isEqualTo(2);
    }
}
