package io.vigil.store.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.engine.Harness;
import org.junit.jupiter.api.Test;

/** The replication protocol between engines on an in-memory network with manual clocks (no sockets, no sleeping). */
class ReplicationManagerTest {

    private final MemoryNetwork net = new MemoryNetwork();
    private final MemoryNetwork.Node master = net.node(7000);
    private final MemoryNetwork.Node replica = net.node(7001);

    private void link() {
        assertThat(replica.cmd("REPLICAOF", "127.0.0.1", "7000")).isEqualTo("+OK\r\n");
        net.pump();
        assertThat(replica.manager.linkUp()).isTrue();
        assertThat(replica.cmd("CONFIG", "GET", "replicaof")).contains("127.0.0.1 7000");
        net.tick(1000); // first ACK: the master releases the stream held after the EOF-marked snapshot
    }

    @Test
    void aReplicaHidesExpiredKeysButKeepsThemUntilTheMastersDel() {
        master.cmd("SET", "k", "v", "PX", "5000");
        master.cmd("SET", "stay", "1");
        link();
        assertThat(replica.cmd("GET", "k")).isEqualTo("$1\r\nv\r\n");
        replica.tick(6000);
        assertThat(replica.cmd("GET", "k")).isEqualTo("$-1\r\n");
        assertThat(replica.cmd("EXISTS", "k")).isEqualTo(":0\r\n");
        assertThat(replica.cmd("DBSIZE")).isEqualTo(":2\r\n");
        master.harness.clock.advance(6000);
        assertThat(master.cmd("GET", "k")).isEqualTo("$-1\r\n"); // lazy expiry on the master propagates DEL
        net.pump();
        assertThat(replica.cmd("DBSIZE")).isEqualTo(":1\r\n");
    }

    @Test
    void aReadOnlyReplicaRefusesWritesAlsoInsideMulti() {
        link();
        assertThat(replica.cmd("SET", "k", "v"))
                .isEqualTo("-READONLY You can't write against a read only replica.\r\n");
        Harness.Conn c = replica.harness.connect();
        c.cmd("MULTI");
        assertThat(c.cmd("SET", "k", "v")).startsWith("-READONLY");
        assertThat(c.cmd("EXEC")).startsWith("-EXECABORT");
        replica.cmd("CONFIG", "SET", "replica-read-only", "no");
        assertThat(replica.cmd("SET", "local", "v")).isEqualTo("+OK\r\n");
    }

    @Test
    void acknowledgedOffsetsReachTheMaster() {
        link();
        master.cmd("SET", "a", "1");
        master.cmd("INCR", "n");
        net.pump();
        net.tick(1000);
        String info = master.cmd("INFO", "replication");
        long offset = master.manager.offset();
        assertThat(info).contains("slave0:ip=127.0.0.1,port=7001,state=online,offset=" + offset + ",lag=");
        assertThat(replica.manager.offset()).isEqualTo(offset);
        assertThat(replica.cmd("GET", "n")).isEqualTo("$1\r\n1\r\n");
        assertThat(master.cmd("CLIENT", "LIST", "TYPE", "replica")).contains(" flags=S ");
        assertThat(replica.cmd("CLIENT", "LIST", "TYPE", "master")).contains(" flags=M ");
    }

    @Test
    void waitBlocksUntilTheReplicaAcknowledgesOrTimesOut() {
        link();
        Harness.Conn c = master.harness.connect();
        c.cmd("SET", "k", "v");
        assertThat(c.cmd("WAIT", "1", "0")).isEmpty(); // blocked: GETACK sent, not yet answered
        net.pump();
        assertThat(c.out.take()).isEqualTo(":1\r\n");
        assertThat(master.cmd("WAIT", "1", "0")).isEqualTo(":1\r\n"); // a client that never wrote waits for nothing
        assertThat(c.cmd("WAIT", "2", "500")).isEmpty();
        net.pump();
        master.tick(600);
        assertThat(c.out.take()).isEqualTo(":1\r\n");
    }

    @Test
    void theBacklogIsFreedAfterItsTtlWithoutReplicasAndTheIdChanges() {
        link();
        master.cmd("CONFIG", "SET", "repl-backlog-ttl", "10");
        String id = master.manager.replid();
        master.cmd("CLIENT", "KILL", "TYPE", "replica");
        replica.cmd("REPLICAOF", "NO", "ONE");
        net.pump();
        master.tick(5000);
        assertThat(master.cmd("INFO", "replication")).contains("repl_backlog_active:1");
        master.tick(6000);
        assertThat(master.cmd("INFO", "replication")).contains("repl_backlog_active:0");
        assertThat(master.manager.replid()).isNotEqualTo(id);
    }

    @Test
    void aReplicaReconnectsAfterTheLinkTimesOut() {
        link();
        replica.cmd("CONFIG", "SET", "repl-timeout", "5");
        master.cmd("CONFIG", "SET", "repl-ping-replica-period", "100");
        replica.tick(6000); // no byte from the master for 6 s
        assertThat(replica.manager.linkUp()).isFalse();
        assertThat(replica.cmd("INFO", "replication")).contains("master_link_status:down");
        net.pump();
        replica.tick(1000);
        net.pump();
        assertThat(replica.manager.linkUp()).isTrue();
        assertThat(master.cmd("INFO", "stats")).contains("sync_partial_ok:1");
    }

    @Test
    void scriptsCannotWriteOnAReadOnlyReplica() {
        link();
        assertThat(replica.cmd("EVAL", "return redis.call('SET', 'k', 'v')", "0"))
                .startsWith("-READONLY You can't write against a read only replica.");
        assertThat(replica.cmd("EVAL", "return redis.call('GET', 'k')", "0")).isEqualTo("$-1\r\n");
        master.cmd("CONFIG", "SET", "min-replicas-to-write", "2");
        assertThat(master.cmd("EVAL", "return redis.call('SET', 'k', 'v')", "0"))
                .startsWith("-NOREPLICAS");
    }

    @Test
    void theReplicaAuthenticatesAndAnnouncesItsAddress() {
        master.cmd("CONFIG", "SET", "requirepass", "secret");
        replica.cmd("CONFIG", "SET", "replica-announce-ip", "10.1.2.3");
        replica.cmd("CONFIG", "SET", "replica-announce-port", "7777");
        replica.cmd("REPLICAOF", "127.0.0.1", "7000");
        net.pump();
        assertThat(replica.manager.linkUp()).isFalse(); // no masterauth: AUTH is not even tried, PSYNC gets NOAUTH
        replica.cmd("CONFIG", "SET", "masterauth", "secret");
        replica.tick(1000);
        net.pump();
        assertThat(replica.manager.linkUp()).isTrue();
        Harness.Conn admin = master.harness.connect();
        admin.cmd("AUTH", "secret");
        assertThat(admin.cmd("INFO", "replication")).contains("slave0:ip=10.1.2.3,port=7777,state=");
        assertThat(admin.cmd("ROLE")).contains("$8\r\n10.1.2.3\r\n$4\r\n7777\r\n");
    }

    @Test
    void failoverHoldsWritesThenHandsOverAndTheHeldWriteMeetsAReplica() {
        link();
        Harness.Conn writer = master.harness.connect();
        assertThat(master.cmd("FAILOVER")).isEqualTo("+OK\r\n");
        assertThat(master.cmd("INFO", "replication")).contains("master_failover_state:waiting-for-sync");
        assertThat(writer.cmd("SET", "k", "v")).isEmpty(); // held while the replica catches up
        assertThat(writer.cmd("GET", "k")).isEmpty(); // and so is what follows it on that connection
        net.pump();
        replica.tick(1000); // its periodic ACK covers the whole stream (the GETACK answer excludes the GETACK)
        net.pump();
        assertThat(replica.cmd("ROLE")).startsWith("*3\r\n$6\r\nmaster\r\n");
        assertThat(master.cmd("ROLE")).startsWith("*5\r\n$5\r\nslave\r\n");
        assertThat(master.cmd("INFO", "replication")).contains("master_failover_state:no-failover");
        master.tick(100); // pending input of the released client runs at the next serving round
        assertThat(writer.out.take()).isEqualTo("-READONLY You can't write against a read only replica.\r\n$-1\r\n");
        assertThat(replica.cmd("INFO", "stats")).contains("sync_full:0").contains("sync_partial_ok:1");
    }

    @Test
    void aFailoverThatTimesOutOrIsAbortedReleasesTheWrites() {
        link();
        Harness.Conn writer = master.harness.connect();
        master.cmd("FAILOVER", "TIMEOUT", "500");
        assertThat(writer.cmd("SET", "k", "1")).isEmpty();
        master.tick(600); // the replica never answered the GETACK (nothing was pumped)
        assertThat(writer.out.take()).isEqualTo("+OK\r\n");
        assertThat(master.cmd("INFO", "replication")).contains("role:master").contains("no-failover");

        master.cmd("FAILOVER");
        assertThat(writer.cmd("SET", "k", "2")).isEmpty();
        assertThat(master.cmd("CLIENT", "UNBLOCK", Long.toString(writer.client.id())))
                .isEqualTo(":1\r\n");
        assertThat(writer.out.take()).isEmpty(); // still paused: the write was held again
        assertThat(master.cmd("FAILOVER", "ABORT")).isEqualTo("+OK\r\n");
        assertThat(writer.out.take()).isEqualTo("+OK\r\n");
        assertThat(master.cmd("FAILOVER", "ABORT")).isEqualTo("-ERR No failover in progress.\r\n");
        assertThat(master.cmd("FAILOVER", "TO", "127.0.0.1", "9"))
                .isEqualTo("-ERR FAILOVER target HOST and PORT is not a replica.\r\n");
        assertThat(master.cmd("FAILOVER", "FORCE")).startsWith("-ERR FAILOVER with force option requires");
    }

    @Test
    void aSizedTransferStreamsRightAfterThePayload() {
        master.cmd("CONFIG", "SET", "repl-diskless-sync", "no");
        master.cmd("SET", "k", "v");
        replica.cmd("REPLICAOF", "127.0.0.1", "7000");
        net.pump();
        master.cmd("SET", "after", "1"); // no ACK needed: the replica knows where the payload ends
        net.pump();
        assertThat(replica.cmd("GET", "k")).isEqualTo("$1\r\nv\r\n");
        assertThat(replica.cmd("GET", "after")).isEqualTo("$1\r\n1\r\n");
        assertThat(master.cmd("INFO", "replication")).contains("state=online");
    }

    @Test
    void theOldSyncCommandGetsAPayloadWithoutFullresync() {
        master.cmd("SET", "k", "v");
        String reply = master.cmd("SYNC");
        assertThat(reply).startsWith("$").doesNotContain("FULLRESYNC").contains("REDIS0010");
        assertThat(master.cmd("INFO", "stats")).contains("sync_full:1");
        assertThat(master.cmd("PSYNC", "?", "-1")).startsWith("+FULLRESYNC " + master.manager.replid() + " ");
    }

    @Test
    void aTransactionCountsInTheOffsetOnlyOnceItsExecIsApplied() {
        link();
        long before = replica.manager.offset();
        Harness.Conn c = master.harness.connect();
        c.cmd("MULTI");
        c.cmd("SET", "a", "1");
        c.cmd("INCR", "n");
        c.cmd("EXEC");
        net.pump();
        assertThat(replica.manager.offset()).isEqualTo(master.manager.offset()).isGreaterThan(before);
        assertThat(replica.cmd("GET", "n")).isEqualTo("$1\r\n1\r\n");
    }

    @Test
    void aPartialResyncContinuesInTheDatabaseTheStreamWasIn() {
        link();
        Harness.Conn c = master.harness.connect();
        c.cmd("SELECT", "5");
        c.cmd("SET", "a", "1");
        net.pump();
        master.cmd("CLIENT", "KILL", "TYPE", "replica");
        c.cmd("SET", "b", "2"); // still db 5: the stream carries no new SELECT
        net.pump();
        replica.tick(1000);
        net.pump();
        assertThat(master.cmd("INFO", "stats")).contains("sync_partial_ok:1");
        Harness.Conn r = replica.harness.connect();
        r.cmd("SELECT", "5");
        assertThat(r.cmd("GET", "b")).isEqualTo("$1\r\n2\r\n");
        assertThat(replica.cmd("DBSIZE")).isEqualTo(":0\r\n");
    }

    @Test
    void dumpsCarryReplicationStateOnlyInsideAReplicationChain() {
        assertThat(master.manager.saveInfo()).isNull(); // no backlog yet: Redis writes no repl fields either
        link();
        Harness.Conn c = master.harness.connect();
        c.cmd("SELECT", "3");
        c.cmd("SET", "a", "1");
        net.pump();
        var onMaster = master.manager.saveInfo();
        assertThat(onMaster.streamDb()).isEqualTo(3);
        assertThat(onMaster.replId()).isEqualTo(master.manager.replid());
        assertThat(onMaster.offset()).isEqualTo(master.manager.offset());
        assertThat(replica.manager.saveInfo()).isEqualTo(onMaster); // same ID, offset and stream database
    }

    @Test
    void aMasterRestartedFromItsDumpServesItsOldIdAndPropagatesKeysExpiredAtLoad() {
        master.cmd("SET", "gone", "x");
        link();
        master.cmd("SET", "k", "v");
        net.pump();
        var saved = master.manager.saveInfo();
        MemoryNetwork.Node restarted = net.node(7002);
        restarted.manager.loadedFromDump(
                java.util.Map.of(
                        "repl-id", saved.replId(),
                        "repl-offset", Long.toString(saved.offset()),
                        "repl-stream-db", Integer.toString(saved.streamDb())),
                java.util.List.of(new io.vigil.store.engine.ReplicationStream.ExpiredKey(0, "gone".getBytes())));
        assertThat(restarted.manager.replid2()).isEqualTo(saved.replId());
        assertThat(restarted.manager.secondReplOffset()).isEqualTo(saved.offset() + 1);
        assertThat(restarted.manager.replid()).isNotEqualTo(saved.replId());

        assertThat(replica.cmd("REPLICAOF", "127.0.0.1", "7002")).isEqualTo("+OK\r\n");
        net.pump();
        assertThat(restarted.cmd("INFO", "stats")).contains("sync_full:0", "sync_partial_ok:1");
        assertThat(replica.cmd("EXISTS", "gone")).isEqualTo(":0\r\n"); // the DEL fed at load reached it
        assertThat(replica.cmd("GET", "k")).isEqualTo("$1\r\nv\r\n");
        assertThat(replica.manager.replid()).isEqualTo(restarted.manager.replid());
    }

    @Test
    void aDumpWithoutCompleteReplicationFieldsRestoresNothing() {
        String id = master.manager.replid();
        master.manager.loadedFromDump(
                java.util.Map.of("repl-id", "ab".repeat(20), "repl-offset", "100"), java.util.List.of());
        master.manager.loadedFromDump(
                java.util.Map.of("repl-id", "ab".repeat(20), "repl-offset", "100", "repl-stream-db", "-1"),
                java.util.List.of());
        assertThat(master.manager.replid()).isEqualTo(id);
        assertThat(master.manager.secondReplOffset()).isEqualTo(-1);
        assertThat(master.manager.offset()).isZero();
    }

    @Test
    void shutdownWaitsUntilALaggingReplicaHasEveryWrite() {
        link();
        master.cmd("SET", "k", "v"); // not delivered yet: the replica lags
        Harness.Conn shutdown = master.harness.connect();
        assertThat(shutdown.cmd("SHUTDOWN", "NOSAVE")).isEmpty(); // blocked, GETACK sent, writes paused
        Harness.Conn writer = master.harness.connect();
        assertThat(writer.cmd("SET", "late", "1")).isEmpty(); // held
        master.tick(100);
        assertThat(shutdown.out.closed()).isFalse();
        net.pump();
        net.tick(1000); // the replica's ACK covers the whole stream
        master.tick(100);
        assertThat(shutdown.out.closed()).isTrue();
        assertThat(writer.out.closed()).isTrue();
        assertThat(replica.cmd("GET", "k")).isEqualTo("$1\r\nv\r\n");
        assertThat(replica.cmd("EXISTS", "late")).isEqualTo(":0\r\n");
        assertThat(replica.manager.offset()).isEqualTo(master.manager.offset());
    }

    @Test
    void shutdownGivesUpWaitingAfterTheTimeoutAndNowDoesNotWait() {
        link();
        master.cmd("CONFIG", "SET", "shutdown-timeout", "2");
        master.cmd("SET", "k", "v");
        Harness.Conn shutdown = master.harness.connect();
        assertThat(shutdown.cmd("SHUTDOWN")).isEmpty();
        master.tick(1000);
        assertThat(shutdown.out.closed()).isFalse();
        master.tick(1100);
        assertThat(shutdown.out.closed()).isTrue();

        MemoryNetwork.Node other = net.node(7003);
        assertThat(replica.cmd("REPLICAOF", "127.0.0.1", "7003")).isEqualTo("+OK\r\n");
        net.pump();
        other.cmd("SET", "k", "v");
        Harness.Conn now = other.harness.connect();
        now.cmd("SHUTDOWN", "NOW");
        assertThat(now.out.closed()).isTrue();
    }

    @Test
    void shutdownAbortAnswersTheWaitingClientAndReleasesTheWrites() {
        link();
        master.cmd("SET", "k", "v");
        Harness.Conn shutdown = master.harness.connect();
        assertThat(shutdown.cmd("SHUTDOWN", "SAVE")).isEmpty();
        Harness.Conn joined = master.harness.connect();
        assertThat(joined.cmd("SHUTDOWN", "NOW")).isEmpty(); // joins the shutdown in progress, as Redis
        Harness.Conn writer = master.harness.connect();
        assertThat(writer.cmd("SET", "late", "1")).isEmpty();
        assertThat(master.cmd("SHUTDOWN", "ABORT", "NOW")).isEqualTo("-ERR syntax error\r\n");
        assertThat(master.cmd("SHUTDOWN", "ABORT")).isEqualTo("+OK\r\n");
        assertThat(shutdown.out.take()).isEqualTo("-ERR Errors trying to SHUTDOWN. Check logs.\r\n");
        assertThat(joined.out.take()).isEqualTo("-ERR Errors trying to SHUTDOWN. Check logs.\r\n");
        assertThat(writer.out.take()).isEqualTo("+OK\r\n");
        assertThat(master.cmd("SHUTDOWN", "ABORT")).isEqualTo("-ERR No shutdown in progress.\r\n");
        assertThat(master.cmd("SHUTDOWN", "SAVE", "NOSAVE")).isEqualTo("-ERR syntax error\r\n");
        net.pump();
        assertThat(replica.cmd("GET", "late")).isEqualTo("$1\r\n1\r\n");
    }

    @Test
    void aDisklessFullSyncWaitsForTheDelayButAPartialResyncDoesNot() {
        master.cmd("CONFIG", "SET", "repl-diskless-sync-delay", "2");
        master.cmd("SET", "k", "v");
        MemoryNetwork.Node second = net.node(7004);
        replica.cmd("REPLICAOF", "127.0.0.1", "7000");
        net.pump();
        assertThat(replica.manager.linkUp()).isFalse();
        assertThat(master.cmd("INFO", "replication")).contains("connected_slaves:1", "state=wait_bgsave");
        master.tick(1000);
        net.pump();
        master.cmd("SET", "during", "delay"); // in the snapshot, not sent twice
        second.cmd("REPLICAOF", "127.0.0.1", "7000");
        net.pump();
        assertThat(second.manager.linkUp()).isFalse();
        master.tick(1000); // 2 s after the first replica asked: one start for both
        net.pump();
        assertThat(replica.manager.linkUp()).isTrue();
        assertThat(second.manager.linkUp()).isTrue();
        net.tick(1000);
        for (MemoryNetwork.Node n : java.util.List.of(replica, second)) {
            assertThat(n.cmd("GET", "during")).isEqualTo("$5\r\ndelay\r\n");
            assertThat(n.cmd("DBSIZE")).isEqualTo(":2\r\n");
            assertThat(n.manager.offset()).isEqualTo(master.manager.offset());
        }

        master.cmd("CLIENT", "KILL", "TYPE", "replica");
        net.pump();
        replica.tick(1000);
        second.tick(1000);
        net.pump(); // no master tick: a partial resync is never delayed
        assertThat(replica.manager.linkUp()).isTrue();
        assertThat(second.manager.linkUp()).isTrue();
        assertThat(master.cmd("INFO", "stats")).contains("sync_full:2", "sync_partial_ok:2");
    }

    @Test
    void enoughWaitingReplicasStartTheDelayedSyncAtOnce() {
        master.cmd("CONFIG", "SET", "repl-diskless-sync-delay", "100");
        master.cmd("CONFIG", "SET", "repl-diskless-sync-max-replicas", "2");
        MemoryNetwork.Node second = net.node(7004);
        replica.cmd("REPLICAOF", "127.0.0.1", "7000");
        net.pump();
        assertThat(replica.manager.linkUp()).isFalse();
        second.cmd("REPLICAOF", "127.0.0.1", "7000");
        net.pump();
        assertThat(replica.manager.linkUp()).isTrue();
        assertThat(second.manager.linkUp()).isTrue();
    }
}
