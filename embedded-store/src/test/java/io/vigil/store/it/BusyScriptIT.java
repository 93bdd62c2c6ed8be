package io.vigil.store.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.vigil.store.EmbeddedStore;
import io.vigil.testkit.FreePorts;
import io.vigil.testkit.RawResp;
import io.vigil.testkit.RedisProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Busy scripts as in Redis 7.0 ({@code busy-reply-threshold}): a real endless script makes other clients get
 * {@code -BUSY} except for the {@code allow-busy} commands, {@code SCRIPT KILL} stops it, a script that wrote is
 * {@code UNKILLABLE} and only {@code SHUTDOWN NOSAVE} ends it (without keeping its partial writes), and a replica
 * keeps its master's stream while it runs one. Replies are compared with a real redis-server.
 */
class BusyScriptIT extends ContractTestBase {

    private static final String BUSY =
            "-BUSY Redis is busy running a script. You can only call SCRIPT KILL or " + "SHUTDOWN NOSAVE.\r\n";
    private static final String ENDLESS = "local i = 0 while true do i = i + 1 end";
    private static final String ENDLESS_WRITER = "redis.call('set', 'partial', 'yes') while true do end";

    @TempDir
    Path dir;

    /** Waits until {@code conn} gets {@code -BUSY} (the script is past the threshold). */
    private static void awaitBusy(RawConnection conn) {
        await().atMost(Duration.ofSeconds(20)).until(() -> conn.call("PING").equals(BUSY));
    }

    /** The replies a second client gets while an endless script runs, then the script's own reply. */
    private static List<String> busyScenario(int port) throws Exception {
        List<String> replies = new ArrayList<>();
        try (RawConnection runner = new RawConnection(port);
                RawConnection other = new RawConnection(port)) {
            other.call("CONFIG", "SET", "busy-reply-threshold", "100");
            replies.add(other.call("CONFIG", "GET", "lua-time-limit"));
            replies.add(other.call("SCRIPT", "KILL"));
            runner.sendCommand("EVAL", ENDLESS, "0");
            awaitBusy(other);
            for (String[] command : new String[][] {
                {"GET", "k"},
                {"SET", "k", "v"},
                {"NOSUCH"},
                {"GET"},
                {"INFO", "server"},
                {"SHUTDOWN"},
                {"EVAL", "return 1", "0"},
                {"EXEC"},
                {"MULTI"},
                {"SET", "k", "v"},
                {"EXEC"},
                {"WATCH", "k"},
                {"UNWATCH"},
                {"MULTI"},
                {"DISCARD"},
                {"AUTH", "secret"},
                {"SCRIPT", "FLUSH"},
                {"SCRIPT", "KILL"},
            }) {
                replies.add(String.join(" ", command) + " -> " + other.call(command));
            }
            replies.add("script -> " + runner.readReply());
            replies.add(other.call("SCRIPT", "KILL"));
            replies.add(other.call("PING"));
            replies.add(runner.call("PING"));
            // EVAL queued in MULTI runs at EXEC: the same busy state and kill
            replies.add(runner.call("MULTI"));
            replies.add(runner.call("EVAL", ENDLESS, "0"));
            runner.sendCommand("EXEC");
            runner.sendCommand("PING"); // pipelined behind the EXEC: answered after it, in order
            awaitBusy(other);
            replies.add(other.call("SCRIPT", "KILL"));
            replies.add("exec -> " + runner.readReply());
            replies.add("ping -> " + runner.readReply());
            replies.add(other.call("GET", "k"));
            replies.add(other.call("CONFIG", "SET", "busy-reply-threshold", "5000"));
        }
        return replies;
    }

    @Test
    void busyRepliesKillAndMultiMatchRedis() throws Exception {
        List<String> expected = busyScenario(redis.port());
        List<String> actual = busyScenario(store.port());
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(actual).contains("GET k -> " + BUSY);
    }

    /** SCRIPT KILL, SHUTDOWN and SHUTDOWN NOSAVE against a script that wrote; returns the replies. */
    private static List<String> unkillableScenario(int port) throws Exception {
        List<String> replies = new ArrayList<>();
        try (RawConnection runner = new RawConnection(port);
                RawConnection other = new RawConnection(port)) {
            replies.add(other.call("SET", "before", "1"));
            other.call("CONFIG", "SET", "busy-reply-threshold", "100");
            runner.sendCommand("EVAL", ENDLESS_WRITER, "0");
            awaitBusy(other);
            replies.add(other.call("SCRIPT", "KILL"));
            replies.add(other.call("SHUTDOWN"));
            other.sendCommand("SHUTDOWN", "NOSAVE");
            replies.add("shutdown nosave -> " + other.readUntilClosed(10_000));
            replies.add("script -> " + runner.readUntilClosed(10_000));
        }
        return replies;
    }

    @Test
    void unkillableScriptEndsOnlyWithShutdownNosaveAndLeavesNoPartialWrite() throws Exception {
        List<String> expected;
        try (RedisProcess fresh = RedisProcess.server().start()) {
            expected = unkillableScenario(fresh.port());
            await().atMost(Duration.ofSeconds(20)).until(() -> !fresh.isAlive());
        }
        int port = FreePorts.next();
        Path log = dir.resolve("store.log");
        String[] args = {"--port", String.valueOf(port), "--dir", dir.toString(), "--appendonly", "yes", "--save", "1 1"
        };
        Process store = StoreLauncher.launch(log, args);
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> StoreLauncher.read(log).contains("Ready to accept connections"));
            List<String> actual = unkillableScenario(port);
            assertThat(actual).containsExactlyElementsOf(expected);
            assertThat(actual.get(1)).startsWith("-UNKILLABLE Sorry the script already executed write commands");
            assertThat(store.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(store.exitValue()).isZero();
            assertThat(StoreLauncher.read(log))
                    .contains("Slow script detected: still in execution after")
                    .contains("Script name is: ");
        } finally {
            store.destroyForcibly();
        }
        // restarted on the same directory: the write made before the script is there, the script's is not
        Process again = StoreLauncher.launch(dir.resolve("again.log"), args);
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> StoreLauncher.read(dir.resolve("again.log")).contains("Ready to accept connections"));
            try (RawConnection conn = new RawConnection(port)) {
                assertThat(conn.call("GET", "before")).isEqualTo("$1\r\n1\r\n");
                assertThat(conn.call("GET", "partial")).isEqualTo("$-1\r\n");
                conn.sendCommand("SHUTDOWN", "NOSAVE");
                conn.readUntilClosed(10_000);
            }
            assertThat(again.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            again.destroyForcibly();
        }
    }

    /** Coroutines get the count hook through wrapped {@code coroutine.create/wrap}: they must still behave alike. */
    @Test
    void coroutinesBehaveLikeRedis() throws Exception {
        String[][] script = {
            {
                "EVAL",
                "local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2, nil, 3 end) "
                        + "local x = co(1) local y, z, w = co(10) return {x, y, tostring(z), w}",
                "0"
            },
            {"EVAL", "local co = coroutine.wrap(function() error('boom') end) co()", "0"},
            {"EVAL", "local co = coroutine.wrap(function() return 1 end) co() co()", "0"},
            {"EVAL", "local co = coroutine.wrap(function() error({err = 'MY tbl'}) end) co()", "0"},
            {"EVAL", "return {coroutine.resume(coroutine.create(function() error('x') end))}", "0"},
            {"EVAL", "local c = coroutine.create(5) return c", "0"},
            {"EVAL", "local c = coroutine.wrap({}) return 1", "0"},
            {
                "EVAL",
                "local co = coroutine.create(function(a) coroutine.yield(a) end) return {coroutine.resume(co, 7)}",
                "0"
            },
            {"EVAL", "return coroutine.status(coroutine.create(function() end))", "0"},
            {"EVAL", "local c = coroutine.wrap(function() redis.call('nosuch') end) c()", "0"},
        };
        assertThat(mismatches(script)).isEmpty();
    }

    @Test
    void lettuceSeesTypedBusyErrorsAndKillsTheScript() throws Exception {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", store.port()));
        try (StatefulRedisConnection<String, String> runner = client.connect();
                StatefulRedisConnection<String, String> other = client.connect()) {
            RedisCommands<String, String> sync = other.sync();
            sync.configSet("busy-reply-threshold", "100");
            RedisFuture<Object> script = runner.async().eval(ENDLESS, ScriptOutputType.VALUE);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThatThrownBy(() -> sync.get("k"))
                    .isInstanceOf(RedisBusyException.class)
                    .hasMessageContaining("You can only call SCRIPT KILL or SHUTDOWN NOSAVE."));
            assertThat(sync.scriptKill()).isEqualTo("OK");
            assertThatThrownBy(() -> script.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(RedisCommandExecutionException.class)
                    .hasMessageContaining("Script killed by user with SCRIPT KILL...");
            assertThat(sync.ping()).isEqualTo("PONG");
            sync.configSet("busy-reply-threshold", "5000");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void replicaHoldsItsMastersStreamWhileBusyAndAppliesItAfter() throws Exception {
        try (EmbeddedStore master = StoreFixture.start();
                EmbeddedStore replica = StoreFixture.start("replicaof", "127.0.0.1 " + master.port())) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> String.valueOf(RawResp.call(replica.port(), "INFO", "replication"))
                            .contains("master_link_status:up"));
            try (RawConnection runner = new RawConnection(replica.port());
                    RawConnection other = new RawConnection(replica.port());
                    RawConnection writer = new RawConnection(master.port())) {
                other.call("CONFIG", "SET", "busy-reply-threshold", "100");
                runner.sendCommand("EVAL_RO", ENDLESS, "0");
                awaitBusy(other);
                for (int i = 0; i < 50; i++) {
                    assertThat(writer.call("SET", "k" + i, "v" + i)).isEqualTo("+OK\r\n");
                }
                assertThat(writer.call("WAIT", "1", "300")).isEqualTo(":0\r\n"); // held: not acknowledged yet
                assertThat(other.call("GET", "k0")).isEqualTo(BUSY);
                assertThat(other.call("SCRIPT", "KILL")).isEqualTo("+OK\r\n");
                assertThat(runner.readReply()).startsWith("-ERR Script killed by user with SCRIPT KILL...");
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> other.call("GET", "k49").equals("$3\r\nv49\r\n"));
                assertThat(writer.call("WAIT", "1", "5000")).isEqualTo(":1\r\n");
                assertThat(other.call("INFO", "replication")).contains("master_link_status:up");
            }
        }
    }
}
