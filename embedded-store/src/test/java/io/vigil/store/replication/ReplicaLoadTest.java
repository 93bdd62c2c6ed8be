package io.vigil.store.replication;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A replica with an event loop (here: the test's thread as its executor) loads a full sync's payload on the loader
 * thread: clients get {@code -LOADING}, the master's stream is held, and the hand-over happens on the command thread
 * (the test runs it with {@code awaitLoading}, as the cron would).
 */
class ReplicaLoadTest {

    private static final String LOADING = "-LOADING Redis is loading the dataset in memory\r\n";

    private final MemoryNetwork net = new MemoryNetwork();
    private final MemoryNetwork.Node master = net.node(7000);
    private final MemoryNetwork.Node replica = net.node(7001);

    @BeforeEach
    void loadOnTheLoaderThread() {
        replica.manager.commandThread(Runnable::run);
        master.cmd("CONFIG", "SET", "repl-diskless-sync", "no"); // the stream follows the payload at once
        master.cmd("SET", "k", "v");
        replica.cmd("SET", "stale", "1");
    }

    @Test
    void clientsGetLoadingAndTheStreamHeldMeanwhileIsAppliedAfterTheData() throws Exception {
        replica.cmd("REPLICAOF", "127.0.0.1", "7000");
        net.pump();
        assertThat(replica.cmd("GET", "k")).isEqualTo(LOADING);
        assertThat(replica.cmd("PING")).isEqualTo(LOADING);
        assertThat(replica.cmd("ROLE")).contains("sync");
        assertThat(replica.cmd("INFO", "replication")).contains("master_sync_in_progress:1");
        assertThat(replica.cmd("INFO", "persistence")).contains("loading:1");
        master.cmd("SET", "during", "1");
        net.pump(); // reaches the replica while it loads: held
        assertThat(replica.manager.linkUp()).isFalse();

        replica.harness.engine.persistence().awaitLoading();
        assertThat(replica.manager.linkUp()).isTrue();
        assertThat(replica.cmd("GET", "k")).isEqualTo("$1\r\nv\r\n");
        assertThat(replica.cmd("GET", "during")).isEqualTo("$1\r\n1\r\n");
        assertThat(replica.cmd("EXISTS", "stale"))
                .as("emptied before the load, as Redis")
                .isEqualTo(":0\r\n");
        master.cmd("SET", "after", "2");
        net.pump();
        assertThat(replica.cmd("GET", "after")).isEqualTo("$1\r\n2\r\n");
        assertThat(replica.cmd("INFO", "replication")).contains("master_sync_in_progress:0");
    }

    @Test
    void replicaofIsRefusedWhileLoadingAndALinkLostMeanwhileResumesWithAPartialSync() throws Exception {
        replica.cmd("REPLICAOF", "127.0.0.1", "7000");
        net.pump();
        assertThat(replica.cmd("REPLICAOF", "NO", "ONE"))
                .as("no 'loading' flag in Redis 7.0")
                .isEqualTo(LOADING);
        assertThat(master.cmd("CLIENT", "KILL", "TYPE", "replica")).isEqualTo(":1\r\n");
        master.cmd("SET", "while-down", "1");
        net.pump();
        assertThat(replica.cmd("GET", "k")).isEqualTo(LOADING);

        replica.harness.engine.persistence().awaitLoading();
        assertThat(replica.cmd("GET", "k")).as("the loaded data is kept").isEqualTo("$1\r\nv\r\n");
        net.tick(1000); // the cron connects again
        assertThat(replica.manager.linkUp()).isTrue();
        assertThat(master.cmd("INFO", "stats")).contains("sync_full:1", "sync_partial_ok:1");
        assertThat(replica.cmd("GET", "while-down")).isEqualTo("$1\r\n1\r\n");
    }
}
