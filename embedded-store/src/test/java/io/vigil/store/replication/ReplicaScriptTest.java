package io.vigil.store.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A script that arrives in the master's stream (as an old master replicating scripts verbatim would send it) runs
 * on the replica as the master client: past {@code busy-reply-threshold} it is logged as slow but never refused, and
 * the stream goes on.
 */
class ReplicaScriptTest {

    private final MemoryNetwork net = new MemoryNetwork();
    private final MemoryNetwork.Node master = net.node(7000);
    private final MemoryNetwork.Node replica = net.node(7001);

    private static byte[][] argv(String... words) {
        byte[][] out = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            out[i] = words[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    @Test
    void aSlowScriptInTheMastersStreamIsAppliedNeverRefused() {
        assertThat(replica.cmd("REPLICAOF", "127.0.0.1", "7000")).isEqualTo("+OK\r\n");
        net.pump();
        net.tick(1000);
        assertThat(replica.manager.linkUp()).isTrue();
        assertThat(replica.cmd("CONFIG", "SET", "busy-reply-threshold", "0")).isEqualTo("+OK\r\n");
        String body = "local n = 0 for i = 1, 300000 do n = n + 1 end redis.call('set', 'fromscript', n)";
        master.harness.engine.propagate(0, argv("EVAL", body, "0"));
        master.cmd("SET", "after", "1");
        net.pump();
        assertThat(replica.cmd("GET", "fromscript")).isEqualTo("$6\r\n300000\r\n");
        assertThat(replica.cmd("GET", "after")).isEqualTo("$1\r\n1\r\n");
        assertThat(replica.harness.engine.busyScript().timedOutCount()).isEqualTo(1);
        assertThat(replica.harness.engine.busyScript().timedOut()).isFalse();
        assertThat(replica.manager.offset()).isEqualTo(master.manager.offset());
        assertThat(replica.cmd("PING")).isEqualTo("+PONG\r\n");
    }
}
