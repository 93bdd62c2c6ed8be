package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.store.EmbeddedStore;
import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RawResp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code repl-diskless-sync-delay} (Redis default 5 s): a full sync waits so that replicas asking together share one
 * snapshot; a partial resynchronization, as every replica makes after a promotion, is never delayed.
 */
@ExtendWith(NoProcessLeftBehind.class)
class DisklessSyncDelayIT {

    @RegisterExtension
    final Stores stores = new Stores();

    private static Map<String, String> info(EmbeddedStore s, String section) {
        return ReplicationChecks.info((String) RawResp.call(s.port(), "INFO", section));
    }

    private static void send(Socket s, String... args) throws IOException {
        StringBuilder cmd = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            cmd.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        OutputStream out = s.getOutputStream();
        out.write(cmd.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The next reply line, skipping the newlines a master sends while a replica waits for its snapshot. */
    private static String line(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n' && sb.isEmpty()) {
                continue;
            }
            if (c == '\n') {
                return sb.toString().strip();
            }
            sb.append((char) c);
        }
        return sb + "<EOF>";
    }

    @Test
    void replicasAskingWithinTheDelayShareOneSnapshotTakenWhenItEnds() throws Exception {
        EmbeddedStore master = stores.start("repl-diskless-sync-delay", "2");
        try (Socket a = new Socket("127.0.0.1", master.port());
                Socket b = new Socket("127.0.0.1", master.port())) {
            a.setSoTimeout(10_000);
            b.setSoTimeout(10_000);
            for (Socket s : List.of(a, b)) {
                send(s, "REPLCONF", "capa", "eof", "capa", "psync2");
                assertThat(line(s)).isEqualTo("+OK");
            }
            long start = System.nanoTime();
            send(a, "PSYNC", "?", "-1");
            await().atMost(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(info(master, "replication").get("slave0"))
                            .contains("state=wait_bgsave"));
            RawResp.call(master.port(), "SET", "k", "v"); // after the first request, before the snapshot
            send(b, "PSYNC", "?", "-1");
            String first = line(a);
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            String second = line(b);
            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
            assertThat(first).startsWith("+FULLRESYNC ").isEqualTo(second);
            assertThat(Long.parseLong(first.split(" ")[2])).isPositive(); // the SET is in the snapshot
            assertThat(line(a)).startsWith("$EOF:");
        }
    }

    @Test
    void promotionResyncsPartiallyWithoutWaitingForTheDelay() {
        String[] delay = {"repl-diskless-sync-delay", "5"}; // Redis's default
        EmbeddedStore master = stores.start(delay);
        EmbeddedStore r1 = stores.start(delay);
        EmbeddedStore r2 = stores.start(delay);
        RawResp.call(master.port(), "SET", "k", "v");
        long start = System.nanoTime();
        for (EmbeddedStore r : List.of(r1, r2)) {
            RawResp.call(r.port(), "REPLICAOF", "127.0.0.1", Integer.toString(master.port()));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(info(r1, "replication")).containsEntry("master_link_status", "up");
            assertThat(info(r2, "replication")).containsEntry("master_link_status", "up");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(4500));
        assertThat(info(master, "stats")).containsEntry("sync_full", "2");

        // what a sentinel does after electing r1: promote it, point the others (the old master too) at it
        long failover = System.nanoTime();
        RawResp.call(r1.port(), "REPLICAOF", "NO", "ONE");
        RawResp.call(r2.port(), "REPLICAOF", "127.0.0.1", Integer.toString(r1.port()));
        RawResp.call(master.port(), "REPLICAOF", "127.0.0.1", Integer.toString(r1.port()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(info(r2, "replication")).containsEntry("master_link_status", "up");
            assertThat(info(master, "replication")).containsEntry("master_link_status", "up");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - failover)).isLessThan(Duration.ofMillis(3500));
        assertThat(info(r1, "stats")).containsEntry("sync_full", "0").containsEntry("sync_partial_ok", "2");
        assertThat(RawResp.call(r2.port(), "GET", "k")).isEqualTo("v");
    }
}
