package io.vigil.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plain values the monitor hands to the decision core. */
class ValuesTest {

    @Test
    void pingOutcomesValidAsInRedisSentinel() {
        assertThat(Arrays.stream(PingOutcome.values()).filter(PingOutcome::isValid))
                .containsExactlyInAnyOrder(PingOutcome.PONG, PingOutcome.LOADING, PingOutcome.MASTERDOWN);
        assertThat(PingOutcome.ofError("LOADING Redis is loading the dataset in memory"))
                .isEqualTo(PingOutcome.LOADING);
        assertThat(PingOutcome.ofError("MASTERDOWN Link with MASTER is down")).isEqualTo(PingOutcome.MASTERDOWN);
        assertThat(PingOutcome.ofError("-BUSY Redis is busy running a script")).isEqualTo(PingOutcome.BUSY);
        assertThat(PingOutcome.ofError("NOAUTH Authentication required.")).isEqualTo(PingOutcome.ERROR);
        assertThat(PingOutcome.ofError("")).isEqualTo(PingOutcome.ERROR);
    }

    @Test
    void masterDownReplyParsesThreeElements() {
        assertThat(MasterDownReply.parse(List.of(1L, "*", 0L))).isEqualTo(new MasterDownReply(true, "*", 0));
        MasterDownReply voted = MasterDownReply.parse(List.of(0L, "a".repeat(40), 7L));
        assertThat(voted.leader()).contains("a".repeat(40));
        assertThat(voted.leaderEpoch()).isEqualTo(7);
        assertThatThrownBy(() -> MasterDownReply.parse(List.of(1L, "*")))
                .hasMessageContaining("is not [0|1, leader_runid|*, leader_epoch]");
        assertThatThrownBy(() -> MasterDownReply.parse(List.of(2L, "*", 0L)))
                .hasMessage("IS-MASTER-DOWN-BY-ADDR down flag is 2; expected 0 or 1");
    }

    @Test
    void commandResultsCarryAValueOrAnError() {
        CommandResult<Long> ok = CommandResult.ok(3L, 10, 12);
        assertThat(ok.isOk()).isTrue();
        assertThat(ok.valueOrThrow()).isEqualTo(3L);
        CommandResult<Long> timedOut = CommandResult.failed(CommandStatus.TIMEOUT, "no reply within 5 ms", 10, 15);
        assertThat(timedOut.isOk()).isFalse();
        assertThatThrownBy(timedOut::valueOrThrow).hasMessage("command result is TIMEOUT: no reply within 5 ms");
        assertThatThrownBy(() -> new CommandResult<>(
                        CommandStatus.REJECTED, java.util.Optional.empty(), java.util.Optional.empty(), 0, 0))
                .hasMessage("a REJECTED result must say what went wrong");
    }

    @Test
    void reconfigureReplyIgnoresConfigRewriteErrors() {
        ReconfigureReply reply = new ReconfigureReply("OK", "-ERR Rewriting config file: Is a directory", "0", "1");
        assertThat(reply.slaveofAccepted()).isTrue();
        assertThat(reply.configRewriteFailed()).isTrue();
        assertThat(reply.all()).hasSize(4);
    }

    @Test
    void targetsHidePasswordsAndCheckAddresses() {
        LinkTarget target = LinkTarget.of("::1", 6379, InstanceKind.REPLICA).withUser("vigil", "s3cret");
        assertThat(target.toString())
                .isEqualTo("replica [::1]:6379 (auth as vigil)")
                .doesNotContain("s3cret");
        assertThatThrownBy(() -> LinkTarget.of("h", 0, InstanceKind.MASTER))
                .hasMessage("port must be in 1..65535, was 0");
        assertThatThrownBy(() -> new InstanceAddress(" ", 1)).hasMessage("host must not be blank");
        assertThatThrownBy(() -> TlsSettings.enabled(TlsSettings.Verify.FULL)
                        .withTrustedCertificates(Path.of("ca.pem"))
                        .withClientCertificate(Path.of("c.pem"), null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void serviceOptionsNameTheConnections() {
        MonitorOptions options = MonitorOptions.of("0123456789abcdef0123456789abcdef01234567");
        assertThat(options.commandClientName()).isEqualTo("sentinel-01234567-cmd");
        assertThat(options.pubSubClientName()).isEqualTo("sentinel-01234567-pubsub");
        assertThatThrownBy(() -> MonitorOptions.of("short"))
                .hasMessageContaining("at least 8 printable ASCII characters");
        assertThatThrownBy(() -> MonitorOptions.of("has a space in it")).hasMessageContaining("without spaces");
        assertThatThrownBy(() -> new MonitorOptions("0123456789", 0, 1))
                .hasMessage("ioThreads must be in 1..64, was 0");
    }

    @Test
    void kindsDecideWhatTheLinkDoes() {
        assertThat(InstanceKind.SENTINEL.hasPubSub()).isFalse();
        assertThat(InstanceKind.SENTINEL.pollsInfo()).isFalse();
        assertThat(InstanceKind.REPLICA.hasPubSub()).isTrue();
        assertThat(InstanceKind.MASTER.pollsInfo()).isTrue();
    }
}
