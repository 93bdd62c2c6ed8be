package io.vigil.api.resp.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.sentinel.DebugParameter;
import io.vigil.api.sentinel.GlobalParameter;
import io.vigil.api.sentinel.SimulatedFailure;
import io.vigil.resp.RespError;
import io.vigil.resp.RespVersion;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SentinelCommandsTest {

    private CommandHarness harness;
    private CommandHarness.Client client;

    @BeforeEach
    void setUp() {
        harness = new CommandHarness();
        harness.service.addMaster("mymaster", "127.0.0.1", 6379, 2);
        harness.service.addReplica("mymaster", "127.0.0.1", 6380, 1234);
        harness.service.addPeer("mymaster", "127.0.0.1", 26380, "a".repeat(40), false);
        client = harness.client();
    }

    private static Reply err(String text) {
        return Reply.error(RespError.of(text));
    }

    @Test
    void getMasterAddrByNameAnswersIpAndPortAsBulkStrings() {
        assertThat(client.wire("SENTINEL", "get-master-addr-by-name", "mymaster"))
                .isEqualTo("*2\r\n$9\r\n127.0.0.1\r\n$4\r\n6379\r\n");
    }

    @Test
    void getMasterAddrByNameOfUnknownMasterIsTheNullArray() {
        assertThat(client.wire("SENTINEL", "GET-MASTER-ADDR-BY-NAME", "nope")).isEqualTo("*-1\r\n");
        client.run("HELLO", "3");
        assertThat(client.wire("SENTINEL", "get-master-addr-by-name", "nope")).isEqualTo("_\r\n");
    }

    @Test
    void mastersReplicasAndSentinelsListRows() {
        Reply.Array masters = (Reply.Array) client.run("SENTINEL", "MASTERS");
        assertThat(masters.items()).hasSize(1);
        assertThat(((Reply.MapReply) masters.items().get(0)).keys()).isEqualTo(InstanceRepliesTest.MASTER_FIELDS);

        Reply.Array replicas = (Reply.Array) client.run("SENTINEL", "slaves", "mymaster");
        assertThat(replicas).isEqualTo(client.run("SENTINEL", "replicas", "mymaster"));
        assertThat(((Reply.MapReply) replicas.items().get(0)).get("slave-repl-offset"))
                .isEqualTo(Reply.bulk("1234"));

        Reply.Array peers = (Reply.Array) client.run("SENTINEL", "sentinels", "mymaster");
        assertThat(((Reply.MapReply) peers.items().get(0)).keys()).isEqualTo(InstanceRepliesTest.SENTINEL_FIELDS);
    }

    @Test
    void unknownMasterErrorsAreRedisTexts() {
        Reply noSuch = err("ERR No such master with that name");
        assertThat(client.run("SENTINEL", "master", "nope")).isEqualTo(noSuch);
        assertThat(client.run("SENTINEL", "replicas", "nope")).isEqualTo(noSuch);
        assertThat(client.run("SENTINEL", "sentinels", "nope")).isEqualTo(noSuch);
        assertThat(client.run("SENTINEL", "failover", "nope")).isEqualTo(noSuch);
        assertThat(client.run("SENTINEL", "ckquorum", "nope")).isEqualTo(noSuch);
        assertThat(client.run("SENTINEL", "remove", "nope")).isEqualTo(noSuch);
        assertThat(client.run("SENTINEL", "set", "nope", "quorum", "1")).isEqualTo(noSuch);
    }

    @Test
    void unknownSubcommandAndArityErrorsAreRedisTexts() {
        assertThat(client.run("SENTINEL", "foo")).isEqualTo(err("ERR unknown subcommand 'foo'. Try SENTINEL HELP."));
        assertThat(client.run("SENTINEL")).isEqualTo(err("ERR wrong number of arguments for 'sentinel' command"));
        assertThat(client.run("SENTINEL", "master"))
                .isEqualTo(err("ERR wrong number of arguments for 'sentinel|master' command"));
        assertThat(client.run("SENTINEL", "myid", "x"))
                .isEqualTo(err("ERR wrong number of arguments for 'sentinel|myid' command"));
        assertThat(client.run("SENTINEL", "set", "mymaster", "quorum"))
                .isEqualTo(err("ERR wrong number of arguments for 'sentinel|set' command"));
    }

    @Test
    void isMasterDownByAddrWithoutVote() {
        assertThat(client.wire("SENTINEL", "is-master-down-by-addr", "127.0.0.1", "6379", "0", "*"))
                .isEqualTo("*3\r\n:0\r\n$1\r\n*\r\n:0\r\n");
        harness.service.markDown("mymaster", false);
        assertThat(client.run("SENTINEL", "is-master-down-by-addr", "127.0.0.1", "6379", "0", "*"))
                .isEqualTo(Reply.array(Reply.ONE, Reply.bulk("*"), Reply.ZERO));
        harness.service.tilt(true);
        assertThat(client.run("SENTINEL", "is-master-down-by-addr", "127.0.0.1", "6379", "0", "*"))
                .isEqualTo(Reply.array(Reply.ZERO, Reply.bulk("*"), Reply.ZERO));
    }

    @Test
    void isMasterDownByAddrVoteRepliesOnlyAfterPersistence() {
        CompletableFuture<Void> fsync = new CompletableFuture<>();
        harness.service.votePersistence(fsync);
        String candidate = "b".repeat(40);

        Reply reply = harness.table.execute(
                client.session, List.of("SENTINEL", "is-master-down-by-addr", "127.0.0.1", "6379", "5", candidate));

        assertThat(reply).isInstanceOf(Reply.Deferred.class);
        CompletableFuture<Reply> pending = ((Reply.Deferred) reply).stage().toCompletableFuture();
        assertThat(pending).isNotDone();
        fsync.complete(null);
        assertThat(pending.join()).isEqualTo(Reply.array(Reply.ZERO, Reply.bulk(candidate), Reply.integer(5)));
        assertThat(harness.service.persisted()).containsExactly("vote " + candidate + " 5");

        assertThat(client.run("SENTINEL", "is-master-down-by-addr", "127.0.0.1", "6379", "5", "c".repeat(40)))
                .as("one vote per epoch: the first asker keeps it")
                .isEqualTo(Reply.array(Reply.ZERO, Reply.bulk(candidate), Reply.integer(5)));
    }

    @Test
    void isMasterDownByAddrRejectsNonIntegers() {
        Reply notInteger = Reply.error(RespError.NOT_INTEGER);
        assertThat(client.run("SENTINEL", "is-master-down-by-addr", "127.0.0.1", "xx", "0", "*"))
                .isEqualTo(notInteger);
        assertThat(client.run("SENTINEL", "is-master-down-by-addr", "127.0.0.1", "6379", "x", "*"))
                .isEqualTo(notInteger);
        assertThat(client.run("SENTINEL", "is-master-down-by-addr", "127.0.0.1", "06379", "0", "*"))
                .isEqualTo(notInteger);
        assertThat(client.run("SENTINEL", "is-master-down-by-addr", "127.0.0.1", "99999999999", "0", "x"))
                .as("no master can have that port: not down, no vote")
                .isEqualTo(Reply.array(Reply.ZERO, Reply.bulk("*"), Reply.ZERO));
    }

    @Test
    void failoverOutcomesUseRedisReplies() {
        harness.service.addMaster("lonely", "127.0.0.1", 7000, 1);
        assertThat(client.run("SENTINEL", "failover", "lonely"))
                .isEqualTo(err("NOGOODSLAVE No suitable replica to promote"));
        assertThat(client.run("SENTINEL", "failover", "mymaster")).isEqualTo(Reply.OK);
        assertThat(client.run("SENTINEL", "failover", "mymaster"))
                .isEqualTo(err("INPROG Failover already in progress"));
        Reply.MapReply row = (Reply.MapReply) client.run("SENTINEL", "master", "mymaster");
        assertThat(row.get("failover-state")).isEqualTo(Reply.bulk("wait_start"));
    }

    @Test
    void ckquorumReportsUsableSentinels() {
        assertThat(client.wire("SENTINEL", "ckquorum", "mymaster"))
                .isEqualTo("+OK 2 usable Sentinels. Quorum and failover authorization can be reached\r\n");
        harness.service.addMaster("weak", "127.0.0.1", 7001, 3);
        harness.service.addPeer("weak", "127.0.0.1", 26381, "c".repeat(40), true);
        harness.service.addPeer("weak", "127.0.0.1", 26382, "d".repeat(40), true);
        assertThat(client.run("SENTINEL", "ckquorum", "weak"))
                .isEqualTo(err("NOQUORUM 1 usable Sentinels. Not enough available Sentinels to reach the specified "
                        + "quorum for this master. Not enough available Sentinels to reach the majority and authorize "
                        + "a failover"));
        harness.service.addMaster("quorum-only", "127.0.0.1", 7002, 3);
        harness.service.addPeer("quorum-only", "127.0.0.1", 26381, "c".repeat(40), false);
        assertThat(client.run("SENTINEL", "ckquorum", "quorum-only"))
                .isEqualTo(err("NOQUORUM 2 usable Sentinels. Not enough available Sentinels to reach the specified "
                        + "quorum for this master"));
    }

    @Test
    void monitorChecksArgumentsInRedisOrder() {
        assertThat(client.run("SENTINEL", "monitor", "a", "b", "c", "d")).isEqualTo(err("ERR Invalid quorum"));
        assertThat(client.run("SENTINEL", "monitor", "a", "127.0.0.1", "c", "2"))
                .isEqualTo(err("ERR Invalid port"));
        assertThat(client.run("SENTINEL", "monitor", "a", "127.0.0.1", "1", "0"))
                .isEqualTo(err("ERR Quorum must be 1 or greater."));
        assertThat(client.run("SENTINEL", "monitor", "a", "nothost", "1", "2"))
                .isEqualTo(err("ERR Invalid IP address or hostname specified"));
        assertThat(client.run("SENTINEL", "monitor", "mymaster", "127.0.0.1", "1", "2"))
                .isEqualTo(err("ERR Duplicate master name."));
        assertThat(client.run("SENTINEL", "monitor", "a", "127.0.0.1", "99999", "2"))
                .isEqualTo(err("ERR Invalid port number."));
        CommandHarness.Client watcher = harness.client();
        watcher.run("PSUBSCRIBE", "*");

        assertThat(client.run("SENTINEL", "monitor", "other", "10.0.0.9", "6390", "2"))
                .isEqualTo(Reply.OK);

        assertThat(client.run("SENTINEL", "get-master-addr-by-name", "other"))
                .isEqualTo(Reply.array(Reply.bulk("10.0.0.9"), Reply.bulk("6390")));
        assertThat(watcher.pushes)
                .contains(new Reply.Push(List.of(
                        Reply.bulk("pmessage"),
                        Reply.bulk("*"),
                        Reply.bulk("+monitor"),
                        Reply.bulk("master other 10.0.0.9 6390 quorum 2"))));
    }

    @Test
    void removeAndResetAnswerAsRedis() {
        assertThat(client.run("SENTINEL", "reset", "nothing*")).isEqualTo(Reply.ZERO);
        assertThat(client.run("SENTINEL", "reset", "my*")).isEqualTo(Reply.ONE);
        assertThat(client.run("SENTINEL", "remove", "mymaster")).isEqualTo(Reply.OK);
        assertThat(client.run("SENTINEL", "masters")).isEqualTo(new Reply.Array(List.of()));
    }

    @Test
    void setAppliesValidOptionsAndReportsTheFirstBadOne() {
        assertThat(client.run("SENTINEL", "set", "mymaster", "down-after-milliseconds", "1000", "quorum", "3"))
                .isEqualTo(Reply.OK);
        assertThat(harness.service.downAfter("mymaster")).isEqualTo(1000);
        assertThat(harness.service.quorum("mymaster")).isEqualTo(3);

        assertThat(client.run("SENTINEL", "set", "mymaster", "bogus", "1"))
                .isEqualTo(err("ERR Unknown option or number of arguments for SENTINEL SET 'bogus'"));
        assertThat(client.run("SENTINEL", "set", "mymaster", "quorum", "abc"))
                .isEqualTo(err("ERR Invalid argument 'abc' for SENTINEL SET 'quorum'"));
        assertThat(client.run("SENTINEL", "set", "mymaster", "quorum", "2", "failover-timeout", "0"))
                .isEqualTo(err("ERR Invalid argument '0' for SENTINEL SET 'failover-timeout'"));
        assertThat(harness.service.quorum("mymaster"))
                .as("settings before the bad one apply")
                .isEqualTo(2);
        assertThat(client.run("SENTINEL", "set", "mymaster", "rename-command", "CONFIG", ""))
                .isEqualTo(err("ERR Invalid argument '' for SENTINEL SET 'rename-command'"));
    }

    @Test
    void setPublishesRedactedPasswordEvent() {
        CommandHarness.Client watcher = harness.client();
        watcher.run("SUBSCRIBE", "+set");

        client.run("SENTINEL", "set", "mymaster", "auth-pass", "secret");

        assertThat(watcher.pushes.get(watcher.pushes.size() - 1))
                .isEqualTo(new Reply.Push(List.of(
                        Reply.bulk("message"),
                        Reply.bulk("+set"),
                        Reply.bulk("master mymaster 127.0.0.1 6379 auth-pass ******"))));
    }

    @Test
    void configGetMatchesGlobsAndSetValidates() {
        assertThat(client.run("SENTINEL", "config", "get", "announce-*"))
                .isEqualTo(new Reply.MapReply(List.of(
                        Reply.bulk("announce-hostnames"),
                        Reply.bulk("no"),
                        Reply.bulk("announce-ip"),
                        Reply.bulk(""),
                        Reply.bulk("announce-port"),
                        Reply.bulk("0"))));
        assertThat(((Reply.MapReply) client.run("SENTINEL", "config", "get", "*")).keys())
                .containsExactly(
                        "resolve-hostnames",
                        "announce-hostnames",
                        "announce-ip",
                        "announce-port",
                        "sentinel-user",
                        "sentinel-pass");
        assertThat(client.run("SENTINEL", "config", "get", "nope")).isEqualTo(new Reply.MapReply(List.of()));
        assertThat(client.run("SENTINEL", "config", "set", "foo", "bar"))
                .isEqualTo(err("ERR Invalid argument 'foo' to SENTINEL CONFIG SET"));
        assertThat(client.run("SENTINEL", "config", "set", "announce-port", "abc"))
                .isEqualTo(err("ERR Invalid value 'abc' to SENTINEL CONFIG SET 'announce-port'"));
        assertThat(client.run("SENTINEL", "config", "foo"))
                .isEqualTo(err("ERR Only SENTINEL CONFIG GET <option> / SET <option> <value> are supported."));
        assertThat(client.run("SENTINEL", "config", "set", "resolve-hostnames", "YES"))
                .isEqualTo(Reply.OK);
        assertThat(harness.service.globalConfig()).containsEntry(GlobalParameter.RESOLVE_HOSTNAMES, "yes");
    }

    @Test
    void debugShowsAndSetsTimingParameters() {
        Reply.MapReply all = (Reply.MapReply) client.run("SENTINEL", "debug");
        assertThat(all.keys())
                .startsWith("INFO-PERIOD", "PING-PERIOD")
                .endsWith("SCRIPT-RETRY-DELAY")
                .hasSize(13);
        assertThat(all.get("PING-PERIOD")).isEqualTo(Reply.bulk("1000"));

        assertThat(client.run("SENTINEL", "debug", "ping-period", "500")).isEqualTo(Reply.OK);
        assertThat(harness.service.debugParameters()).containsEntry(DebugParameter.PING_PERIOD, 500L);
        assertThat(client.run("SENTINEL", "debug", "bogus", "1"))
                .isEqualTo(err("ERR Unknown option or number of arguments for SENTINEL DEBUG 'bogus'"));
        assertThat(client.run("SENTINEL", "debug", "ping-period", "-1"))
                .isEqualTo(err("ERR Invalid argument '-1' for SENTINEL DEBUG 'ping-period'"));
    }

    @Test
    void simulateFailureArmsAndExplains() {
        assertThat(client.run("SENTINEL", "simulate-failure", "crash-after-election"))
                .isEqualTo(Reply.OK);
        assertThat(harness.service.simulated()).containsExactly(SimulatedFailure.CRASH_AFTER_ELECTION);
        assertThat(client.run("SENTINEL", "simulate-failure", "help"))
                .isEqualTo(Reply.bulks(List.of("crash-after-election", "crash-after-promotion")));
        assertThat(client.run("SENTINEL", "simulate-failure", "bogus"))
                .isEqualTo(err("ERR Unknown failure simulation specified"));
        assertThat(((Reply.Bulk) client.run("INFO", "sentinel")).text()).contains("sentinel_simulate_failure_flags:0");
    }

    @Test
    void infoCacheListsMasterThenReplicas() {
        assertThat(client.wire("SENTINEL", "info-cache", "mymaster"))
                .isEqualTo("*2\r\n$8\r\nmymaster\r\n*2\r\n*2\r\n:120\r\n$28\r\n# Replication\r\nrole:master\r\n\r\n"
                        + "*2\r\n:0\r\n$-1\r\n");
        assertThat(client.run("SENTINEL", "info-cache", "nope")).isEqualTo(new Reply.Array(List.of()));
    }

    @Test
    void myidFlushconfigAndHelp() {
        assertThat(client.run("SENTINEL", "myid")).isEqualTo(Reply.bulk(CommandHarness.MY_ID));
        assertThat(client.run("SENTINEL", "flushconfig")).isEqualTo(Reply.OK);
        assertThat(harness.service.persisted()).contains("config");
        Reply.Array help = (Reply.Array) client.run("SENTINEL", "help");
        assertThat(help.items().get(0))
                .isEqualTo(new Reply.Simple("SENTINEL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"));
        assertThat(CommandHarness.wire(help, RespVersion.RESP2)).contains("+    Prints this help.\r\n");
    }
}
