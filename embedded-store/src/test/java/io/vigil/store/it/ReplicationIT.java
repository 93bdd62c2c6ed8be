package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vigil.store.EmbeddedStore;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RawResp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Replication between embedded stores over real sockets: full sync, partial resyncs, promotion, WAIT, FAILOVER. */
@ExtendWith(NoProcessLeftBehind.class)
class ReplicationIT {

    private final List<EmbeddedStore> stores = new ArrayList<>();

    private EmbeddedStore store(String... directives) {
        EmbeddedStore s = StoreFixture.start(directives);
        stores.add(s);
        return s;
    }

    @AfterEach
    void stop() {
        stores.forEach(EmbeddedStore::close);
    }

    static Object call(EmbeddedStore s, String... args) {
        return RawResp.call(s.port(), args);
    }

    static Map<String, String> info(EmbeddedStore s, String section) {
        return ReplicationChecks.info((String) call(s, "INFO", section));
    }

    static void replicate(EmbeddedStore replica, EmbeddedStore master) {
        assertThat(call(replica, "REPLICAOF", "127.0.0.1", Integer.toString(master.port())))
                .isEqualTo("OK");
        awaitLinkUp(replica);
    }

    static void awaitLinkUp(EmbeddedStore replica) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(info(replica, "replication"))
                .containsEntry("master_link_status", "up"));
    }

    static void awaitOffsetsEqual(EmbeddedStore master, EmbeddedStore... replicas) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String offset = info(master, "replication").get("master_repl_offset");
            for (EmbeddedStore r : replicas) {
                assertThat(info(r, "replication")).containsEntry("master_repl_offset", offset);
            }
        });
    }

    @Test
    void fullSyncCopiesTheDatasetThenTheStreamFollows() {
        EmbeddedStore master = store();
        EmbeddedStore replica = store();
        call(master, "SET", "s", "v");
        call(master, "HSET", "h", "f", "1");
        call(master, "RPUSH", "l", "a", "b", "c");
        call(master, "SELECT", "3");
        call(master, "SET", "ttl", "x", "PX", "100000");
        replicate(replica, master);
        assertThat(call(replica, "GET", "s")).isEqualTo("v");
        assertThat(call(replica, "HGET", "h", "f")).isEqualTo("1");
        assertThat(call(replica, "LRANGE", "l", "0", "-1")).isEqualTo(List.of("a", "b", "c"));
        call(master, "SET", "after", "sync");
        call(master, "INCRBY", "n", "5");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(call(replica, "GET", "n")).isEqualTo("5"));
        assertThat(call(replica, "GET", "after")).isEqualTo("sync");
        assertThatThrownBy(() -> call(replica, "SET", "x", "y"))
                .hasMessageContaining("READONLY You can't write against a read only replica.");

        Map<String, String> m = info(master, "replication");
        assertThat(m).containsEntry("role", "master").containsEntry("connected_slaves", "1");
        assertThat(m.get("slave0")).startsWith("ip=127.0.0.1,port=" + replica.port() + ",state=online,offset=");
        assertThat(info(master, "stats")).containsEntry("sync_full", "1");
        awaitOffsetsEqual(master, replica);
        Map<String, String> r = info(replica, "replication");
        assertThat(r)
                .containsEntry("role", "slave")
                .containsEntry("master_host", "127.0.0.1")
                .containsEntry("master_port", Integer.toString(master.port()))
                .containsEntry("master_replid", m.get("master_replid"))
                .containsEntry("slave_read_only", "1");
        assertThat(call(replica, "ROLE"))
                .isEqualTo(List.of(
                        "slave",
                        "127.0.0.1",
                        (long) master.port(),
                        "connected",
                        Long.parseLong(r.get("slave_repl_offset"))));
    }

    @Test
    void shortDisconnectResyncsPartially() {
        EmbeddedStore master = store();
        EmbeddedStore replica = store();
        replicate(replica, master);
        call(master, "SET", "k", "1");
        awaitOffsetsEqual(master, replica);
        call(master, "CLIENT", "KILL", "TYPE", "replica");
        call(master, "SET", "k", "2");
        awaitLinkUp(replica);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(call(replica, "GET", "k")).isEqualTo("2"));
        Map<String, String> stats = info(master, "stats");
        assertThat(stats).containsEntry("sync_full", "1").containsEntry("sync_partial_ok", "1");
    }
}
