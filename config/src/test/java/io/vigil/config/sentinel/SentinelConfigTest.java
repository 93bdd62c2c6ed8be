package io.vigil.config.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.CommandLine;
import io.vigil.config.ConfigException;
import io.vigil.config.ConfigFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SentinelConfigTest {

    static final String ID_A = "f95913fdf73f89beee00c33e0d9b0c5c073484c9";
    static final String ID_B = "0123456789abcdef0123456789abcdef01234567";

    static SentinelConfig parse(String... lines) {
        return SentinelConfig.parse(ConfigFile.parse("sentinel.conf", String.join("\n", lines) + "\n"));
    }

    static void fails(String expectedMessage, String... lines) {
        assertThatThrownBy(() -> parse(lines))
                .isInstanceOf(ConfigException.class)
                .hasMessage(expectedMessage);
    }

    static void failsContaining(String expectedPart, String... lines) {
        assertThatThrownBy(() -> parse(lines))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(expectedPart);
    }

    @Test
    void defaultsAreRedisSentinels() {
        SentinelConfig config = parse("sentinel monitor mymaster 127.0.0.1 6379 2");
        assertThat(config.port()).isEqualTo(26379);
        assertThat(config.bind()).isEmpty();
        assertThat(config.protectedMode()).isFalse();
        assertThat(config.denyScriptsReconfig()).isTrue();
        assertThat(config.vigil()).isEqualTo(VigilOptions.DEFAULTS);
        MasterState master = config.master("mymaster").orElseThrow();
        assertThat(master.address()).isEqualTo(new HostPort("127.0.0.1", 6379));
        assertThat(master.quorum()).isEqualTo(2);
        assertThat(master.options()).isEqualTo(MasterOptions.DEFAULTS);
        assertThat(master.options().downAfterMs()).isEqualTo(30_000);
        assertThat(master.options().failoverTimeoutMs()).isEqualTo(180_000);
        assertThat(master.options().parallelSyncs()).isEqualTo(1);
        assertThat(config.state().myId()).isEmpty();
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void readsEveryDirective() {
        SentinelConfig config = parse(
                "# a comment",
                "port 26380",
                "bind 127.0.0.1 ::1",
                "dir /var/lib/vigil",
                "daemonize no",
                "logfile \"\"",
                "loglevel warning",
                "pidfile /run/vigil.pid",
                "protected-mode yes",
                "requirepass \"s3 cret\"",
                "sentinel announce-ip 10.0.0.5",
                "sentinel announce-port 26400",
                "sentinel resolve-hostnames yes",
                "sentinel announce-hostnames yes",
                "sentinel deny-scripts-reconfig no",
                "sentinel sentinel-user peer",
                "sentinel sentinel-pass peerpass",
                "sentinel myid " + ID_A,
                "vigil timing-profile REDIS",
                "vigil ping-period-ms 500",
                "vigil info-period-ms 5000",
                "vigil hello-period-ms 1000",
                "vigil ask-period-ms 700",
                "vigil failover-desync-max-ms 0",
                "vigil tilt-period-ms 10000",
                "vigil tilt-trigger-ms 3000",
                "vigil http-port 8080",
                "sentinel monitor mymaster redis-1.example 6380 2",
                "sentinel down-after-milliseconds mymaster 5000",
                "sentinel failover-timeout mymaster 60000",
                "sentinel parallel-syncs mymaster 3",
                "sentinel auth-pass mymaster 'p w'",
                "sentinel auth-user mymaster app",
                "sentinel notification-script mymaster /bin/true",
                "sentinel client-reconfig-script mymaster /bin/sh",
                "sentinel master-reboot-down-after-period mymaster 1000",
                "sentinel rename-command mymaster CONFIG GUESSME",
                "sentinel config-epoch mymaster 3",
                "sentinel leader-epoch mymaster 4",
                "sentinel known-replica mymaster 10.0.0.2 6379",
                "sentinel known-replica mymaster 10.0.0.3 6379",
                "sentinel known-sentinel mymaster 10.0.0.7 26379 " + ID_B,
                "vigil master mymaster max-lag-bytes 1048576",
                "vigil master mymaster write-fencing yes",
                "vigil master mymaster write-fencing-lease-ms 2000",
                "vigil master mymaster leader-runid " + ID_B.toUpperCase(),
                "sentinel current-epoch 5");
        assertThat(config.port()).isEqualTo(26380);
        assertThat(config.bind()).containsExactly("127.0.0.1", "::1");
        assertThat(config.dir()).isEqualTo("/var/lib/vigil");
        assertThat(config.logfile()).isEmpty();
        assertThat(config.loglevel()).isEqualTo("warning");
        assertThat(config.pidfile()).contains("/run/vigil.pid");
        assertThat(config.protectedMode()).isTrue();
        assertThat(config.requirepass()).contains("s3 cret");
        assertThat(config.announceIp()).contains("10.0.0.5");
        assertThat(config.announcePort()).isEqualTo(26400);
        assertThat(config.resolveHostnames()).isTrue();
        assertThat(config.announceHostnames()).isTrue();
        assertThat(config.denyScriptsReconfig()).isFalse();
        assertThat(config.sentinelUser()).contains("peer");
        assertThat(config.sentinelPass()).contains("peerpass");
        assertThat(config.vigil())
                .isEqualTo(new VigilOptions(
                        TimingProfile.REDIS,
                        OptionalLong.of(500),
                        OptionalLong.of(5000),
                        OptionalLong.of(1000),
                        OptionalLong.of(700),
                        OptionalLong.of(0),
                        OptionalLong.of(10_000),
                        OptionalLong.of(3000),
                        OptionalInt.of(8080)));
        SentinelState state = config.state();
        assertThat(state.myId()).contains(ID_A);
        assertThat(state.currentEpoch()).isEqualTo(5);
        MasterState master = state.master("mymaster").orElseThrow();
        assertThat(master.address()).isEqualTo(new HostPort("redis-1.example", 6380));
        assertThat(master.configEpoch()).isEqualTo(3);
        assertThat(master.leaderEpoch()).isEqualTo(4);
        assertThat(master.leader()).contains(ID_B);
        assertThat(master.knownReplicas())
                .containsExactly(new HostPort("10.0.0.2", 6379), new HostPort("10.0.0.3", 6379));
        assertThat(master.knownSentinels()).containsExactly(new KnownSentinel(new HostPort("10.0.0.7", 26379), ID_B));
        MasterOptions options = master.options();
        assertThat(options.downAfterMs()).isEqualTo(5000);
        assertThat(options.failoverTimeoutMs()).isEqualTo(60_000);
        assertThat(options.parallelSyncs()).isEqualTo(3);
        assertThat(options.authPass()).contains("p w");
        assertThat(options.authUser()).contains("app");
        assertThat(options.notificationScript()).contains("/bin/true");
        assertThat(options.clientReconfigScript()).contains("/bin/sh");
        assertThat(options.rebootDownAfterPeriodMs()).isEqualTo(1000);
        assertThat(options.renamedCommands()).isEqualTo(Map.of("CONFIG", "GUESSME"));
        assertThat(options.maxLagBytes()).isEqualTo(OptionalLong.of(1_048_576));
        assertThat(options.writeFencing()).isTrue();
        assertThat(options.effectiveWriteFencingLeaseMs()).isEqualTo(2000);
        assertThat(config.warnings()).isEmpty();
        assertThat(config.toString()).doesNotContain("s3 cret").doesNotContain("p w");
    }

    @Test
    void readsAFileThatRedisSentinel7Rewrote() {
        SentinelConfig config = parse(
                "# my comment",
                "port 22226",
                "bind 127.0.0.1",
                "",
                "dir \"/tmp/sx\"",
                "sentinel monitor mymaster 127.0.0.1 22225 1",
                "sentinel down-after-milliseconds mymaster 5000",
                "",
                "# Generated by CONFIG REWRITE",
                "latency-tracking-info-percentiles 50 99 99.9",
                "protected-mode no",
                "user default on nopass ~* &* +@all",
                "sentinel myid " + ID_A,
                "sentinel config-epoch mymaster 0",
                "sentinel leader-epoch mymaster 0",
                "sentinel current-epoch 0",
                "sentinel failover-timeout mymaster 60000",
                "# ??? sentinel auth-pass mymaster a b\"c",
                "sentinel known-replica mymaster 127.0.0.1 22227",
                "sentinel known-sentinel mymaster 127.0.0.1 26380 " + ID_B);
        assertThat(config.dir()).isEqualTo("/tmp/sx");
        assertThat(config.state().myId()).contains(ID_A);
        MasterState master = config.master("mymaster").orElseThrow();
        assertThat(master.knownReplicas()).containsExactly(new HostPort("127.0.0.1", 22227));
        assertThat(master.knownSentinels()).extracting(KnownSentinel::runId).containsExactly(ID_B);
        assertThat(master.options().failoverTimeoutMs()).isEqualTo(60_000);
    }

    @Test
    void bindTakesRedisForms() {
        assertThat(parse("bind * -::* 127.0.0.1 -::1").bind()).containsExactly("*", "-::*", "127.0.0.1", "-::1");
        fails(
                "sentinel.conf:1: bind 127.0.0.1 **: '**' is not an IP address, a host name, '*' or '::*' (optionally"
                        + " with a leading '-')",
                "bind 127.0.0.1 **");
    }

    @Test
    void masterEpochsRaiseTheCurrentEpochAsRedisDoes() {
        SentinelConfig config =
                parse("sentinel current-epoch 2", "sentinel monitor m 1.2.3.4 6379 1", "sentinel config-epoch m 7");
        assertThat(config.state().currentEpoch()).isEqualTo(7);
    }

    @Test
    void commandLineDirectivesOverrideTheFile() {
        ConfigFile file = ConfigFile.parse("sentinel.conf", "port 26379\nsentinel monitor m 1.2.3.4 6379 1\n");
        CommandLine line = CommandLine.parse(List.of("sentinel.conf", "--port", "26390"));
        assertThat(SentinelConfig.parse(file, line.directives()).port()).isEqualTo(26390);
        List<io.vigil.config.Directive> bad = CommandLine.parse(
                        List.of("sentinel.conf", "--port", "26390", "--port", "x"))
                .directives();
        assertThatThrownBy(() -> SentinelConfig.parse(file, bad))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "command line:4: port \"x\": 'x' is not a port (1..65535), or 0 for none (then tls-port is needed)");
    }

    @Test
    void scriptsMustBeExecutable() {
        fails(
                "sentinel.conf:2: sentinel notification-script m /nonexistent/notify.sh: '/nonexistent/notify.sh' is"
                        + " not an existing executable file",
                "sentinel monitor m 127.0.0.1 6379 1",
                "sentinel notification-script m /nonexistent/notify.sh");
    }

    @Test
    void valueErrorsNameFileLineDirectiveValueAndWhatIsValid() {
        fails(
                "sentinel.conf:2: sentinel down-after-milliseconds mymaster abc: 'abc' is not a positive integer"
                        + " (milliseconds)",
                "sentinel monitor mymaster 127.0.0.1 6379 2",
                "sentinel down-after-milliseconds mymaster abc");
        fails(
                "sentinel.conf:1: sentinel monitor mymaster 127.0.0.1 6379 0: '0' is not a positive integer"
                        + " (sentinels, at least 1)",
                "sentinel monitor mymaster 127.0.0.1 6379 0");
        fails(
                "sentinel.conf:1: sentinel monitor mymaster 127.0.0.1 0 2: '0' is not a port (1..65535)",
                "sentinel monitor mymaster 127.0.0.1 0 2");
        fails(
                "sentinel.conf:1: sentinel monitor my/master 127.0.0.1 6379 2: 'my/master' is not a name of letters,"
                        + " digits, '.', '_' and '-'",
                "sentinel monitor my/master 127.0.0.1 6379 2");
        fails(
                "sentinel.conf:1: sentinel monitor m 999.1.1.1 6379 2: '999.1.1.1' is not an IPv4 or IPv6 address or"
                        + " a host name",
                "sentinel monitor m 999.1.1.1 6379 2");
        fails(
                "sentinel.conf:1: port 65536: '65536' is not a port (1..65535), or 0 for none (then tls-port is needed)",
                "port 65536");
        fails(
                "sentinel.conf:1: sentinel myid abc: 'abc' is not a run id (40 hexadecimal characters)",
                "sentinel myid abc");
        fails(
                "sentinel.conf:1: sentinel current-epoch -1: '-1' is not a non-negative integer",
                "sentinel current-epoch -1");
        fails(
                "sentinel.conf:1: daemonize yes: 'yes' is not no (Vigil does not daemonize; run it under a service"
                        + " manager)",
                "daemonize yes");
        fails("sentinel.conf:1: vigil http-port 0: '0' is not off or a port (1..65535)", "vigil http-port 0");
        fails(
                "sentinel.conf:1: vigil timing-profile fast: 'fast' is not one of vigil, redis",
                "vigil timing-profile fast");
        fails(
                "sentinel.conf:2: vigil master m max-lag-bytes lots: 'lots' is not off or a non-negative integer"
                        + " (bytes)",
                "sentinel monitor m 1.2.3.4 6379 1",
                "vigil master m max-lag-bytes lots");
        fails(
                "sentinel.conf:2: sentinel known-sentinel m 1.2.3.4 26379 xyz: 'xyz' is not a run id (40 hexadecimal"
                        + " characters)",
                "sentinel monitor m 1.2.3.4 6379 1",
                "sentinel known-sentinel m 1.2.3.4 26379 xyz");
    }

    @Test
    void argumentCountErrorsShowTheUsage() {
        fails(
                "sentinel.conf:1: sentinel monitor m 1.2.3.4 6379: expected 4 arguments, got 3 (usage: sentinel"
                        + " monitor <master-name> <ip> <port> <quorum>)",
                "sentinel monitor m 1.2.3.4 6379");
        fails(
                "sentinel.conf:2: sentinel known-replica m 1.2.3.4: expected 2 arguments, got 1 (usage: sentinel"
                        + " known-replica <master-name> <ip> <port>)",
                "sentinel monitor m 1.2.3.4 6379 1",
                "sentinel known-replica m 1.2.3.4");
        assertThatThrownBy(() -> parse("sentinel monitor m 1.2.3.4 6379 1", "sentinel auth-pass m secret extra"))
                .hasMessage("sentinel.conf:2: auth-pass (value hidden): expected 1 argument, got 2 (usage: auth-pass"
                        + " <a password>)");
    }

    @Test
    void perMasterDirectivesMustFollowTheirMonitorLine() {
        fails(
                "sentinel.conf:1: sentinel down-after-milliseconds m 5000: master 'm' is not monitored: per-master"
                        + " directives must come after its 'sentinel monitor m <ip> <port> <quorum>' line",
                "sentinel down-after-milliseconds m 5000",
                "sentinel monitor m 1.2.3.4 6379 1");
        failsContaining(
                "sentinel.conf:2: vigil master other write-fencing yes: master 'other' is not monitored",
                "sentinel monitor m 1.2.3.4 6379 1",
                "vigil master other write-fencing yes");
        failsContaining("(monitored: m)", "sentinel monitor m 1.2.3.4 6379 1", "sentinel config-epoch x 1");
    }

    @Test
    void aMasterIsMonitoredOnce() {
        fails(
                "sentinel.conf:2: sentinel monitor m 1.2.3.5 6379 1: master 'm' is already monitored"
                        + " (sentinel.conf:1); each master name may be monitored once",
                "sentinel monitor m 1.2.3.4 6379 1",
                "sentinel monitor m 1.2.3.5 6379 1");
    }

    @Test
    void unknownDirectivesNameTheLineAndSuggest() {
        failsContaining("sentinel.conf:2: prot 1: unknown directive 'prot' (did you mean 'port'?)", "# x", "prot 1");
        failsContaining("known: sentinel, vigil, port, bind", "maxmemory 1gb");
        failsContaining(
                "sentinel.conf:2: sentinel down-after-milisecond m 5: unknown sentinel option"
                        + " 'down-after-milisecond' (did you mean 'down-after-milliseconds'?)",
                "sentinel monitor m 1.2.3.4 6379 1",
                "sentinel down-after-milisecond m 5");
        failsContaining(
                "sentinel.conf:1: vigil ping-period 5: unknown vigil option 'ping-period' (did you mean"
                        + " 'ping-period-ms'?)",
                "vigil ping-period 5");
        failsContaining(
                "unknown vigil master option 'fencing'",
                "sentinel monitor m 1.2.3.4 6379 1",
                "vigil master m fencing yes");
        failsContaining("sentinel.conf:1: sentinel: 'sentinel' needs an option name after it", "sentinel");
    }

    @Test
    void onlyTheOpenDefaultUserThatRedisWritesIsAccepted() {
        assertThat(parse("user default on nopass sanitize-payload ~* &* +@all").port())
                .isEqualTo(26379);
        failsContaining(
                "sentinel.conf:1: user default on >secret ~* &* +@all: ACL users are not supported by Vigil",
                "user default on >secret ~* &* +@all");
        failsContaining("ACL users are not supported", "user alice on nopass ~* &* +@all");
    }

    @Test
    void pingPeriodLongerThanDownAfterNamesBothFields() {
        fails(
                "sentinel.conf:1: vigil ping-period-ms = 2000 > sentinel down-after-milliseconds m = 1000"
                        + " (sentinel.conf:3): the master would be marked down between two pings; make ping-period-ms"
                        + " at most down-after-milliseconds",
                "vigil ping-period-ms 2000",
                "sentinel monitor m 1.2.3.4 6379 1",
                "sentinel down-after-milliseconds m 1000");
    }

    @Test
    void writeFencingLeaseMustBeShorterThanDownAfter() {
        fails(
                "sentinel.conf:4: vigil master m write-fencing-lease-ms = 1000 >= sentinel down-after-milliseconds m"
                        + " = 1000 (sentinel.conf:2): an old master could still accept writes when a replica is"
                        + " promoted; the lease must be shorter than down-after-milliseconds",
                "sentinel monitor m 1.2.3.4 6379 1",
                "sentinel down-after-milliseconds m 1000",
                "vigil master m write-fencing yes",
                "vigil master m write-fencing-lease-ms 1000");
        MasterOptions defaultLease = parse("sentinel monitor m 1.2.3.4 6379 1", "vigil master m write-fencing yes")
                .master("m")
                .orElseThrow()
                .options();
        assertThat(defaultLease.effectiveWriteFencingLeaseMs()).isEqualTo(15_000);
    }

    @Test
    void ownIdAsKnownSentinelIsAnError() {
        failsContaining(
                "sentinel.conf:3: sentinel known-sentinel m 1.2.3.4 26379 " + ID_A
                        + ": this is this sentinel's own id (sentinel myid, sentinel.conf:1)",
                "sentinel myid " + ID_A,
                "sentinel monitor m 1.2.3.4 6379 1",
                "sentinel known-sentinel m 1.2.3.4 26379 " + ID_A);
    }

    @Test
    void legalButSuspiciousSettingsAreWarnings() {
        SentinelConfig config = parse(
                "sentinel monitor m 1.2.3.4 6379 3",
                "sentinel failover-timeout m 500",
                "sentinel known-sentinel m 1.2.3.5 26379 " + ID_B,
                "sentinel monitor n 1.2.3.4 6379 1");
        assertThat(config.warnings())
                .containsExactly(
                        "sentinel.conf:1: sentinel monitor m: quorum 3 is more than the 2 sentinels known (this one"
                                + " and its known-sentinel lines); the master cannot be agreed down until more"
                                + " sentinels are discovered",
                        "sentinel.conf:2: sentinel failover-timeout m = 500 < sentinel down-after-milliseconds m ="
                                + " 30000 (default): a failover will be abandoned before a silent replica could even"
                                + " be seen as down",
                        "sentinel.conf:4: sentinel monitor n: address 1.2.3.4:6379 is also master 'm'");
    }

    @Test
    void duplicateDiscoveriesCollapse() {
        MasterState master = parse(
                        "sentinel monitor m 1.2.3.4 6379 1",
                        "sentinel known-replica m 1.2.3.5 6379",
                        "sentinel known-replica m 1.2.3.5 6379",
                        "sentinel known-sentinel m 1.2.3.6 26379 " + ID_B,
                        "sentinel known-sentinel m 1.2.3.7 26379 " + ID_B)
                .master("m")
                .orElseThrow();
        assertThat(master.knownReplicas()).hasSize(1);
        assertThat(master.knownSentinels()).containsExactly(new KnownSentinel(new HostPort("1.2.3.7", 26379), ID_B));
        assertThat(master.leader()).isEqualTo(Optional.empty());
    }
}
