package io.vigil.store.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.keyspace.ManualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The busy-script protocol with a manual clock: the tracker alone, then scripts in an engine whose "network" is a
 * pump the test drives (no sockets, no threads).
 */
class BusyScriptTest {

    private static final String BUSY =
            "-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n";

    // ---- the tracker ----

    private final ManualClock clock = new ManualClock(1_000);
    private final BusyScript busy = new BusyScript(clock, () -> 100);
    private int pumped;

    @Test
    void timesOutAtTheThresholdAndServesTheNetworkFromThen() {
        busy.pump(() -> {
            pumped++;
            return true;
        });
        assertThat(busy.interrupt()).isEqualTo(BusyScript.Verdict.CONTINUE); // no script
        busy.begin(null, "sha", true);
        assertThat(busy.running()).isFalse(); // a script needs a caller
        Client caller = new Harness().connect().client;
        busy.begin(caller, "sha", true);
        clock.advance(99);
        assertThat(busy.interrupt()).isEqualTo(BusyScript.Verdict.CONTINUE);
        assertThat(busy.timedOut()).isFalse();
        assertThat(pumped).isZero();
        clock.advance(1);
        assertThat(busy.interrupt()).isEqualTo(BusyScript.Verdict.CONTINUE);
        assertThat(busy.interrupt()).isEqualTo(BusyScript.Verdict.CONTINUE);
        assertThat(busy.timedOut()).isTrue();
        assertThat(busy.timedOutCount()).isEqualTo(1);
        assertThat(pumped).isEqualTo(2);
        assertThat(busy.kill()).isEqualTo(BusyScript.KillResult.KILLED);
        assertThat(busy.interrupt()).isEqualTo(BusyScript.Verdict.KILL);
        busy.end();
        assertThat(busy.timedOut()).isFalse();
        assertThat(busy.kill()).isEqualTo(BusyScript.KillResult.NOT_BUSY);
    }

    @Test
    void aScriptThatWroteIsUnkillableButAbortable() {
        Client caller = new Harness().connect().client;
        busy.begin(caller, "sha", true);
        busy.wrote();
        assertThat(busy.kill()).isEqualTo(BusyScript.KillResult.UNKILLABLE);
        assertThat(busy.interrupt()).isEqualTo(BusyScript.Verdict.CONTINUE);
        busy.abort();
        assertThat(busy.interrupt()).isEqualTo(BusyScript.Verdict.ABORT);
        assertThat(busy.aborted()).isTrue();
        busy.begin(caller, "next", true);
        assertThat(busy.aborted()).isFalse();
    }

    @Test
    void aStoppingServerAbortsTheScriptAndAScriptInsideAReadServesNobody() {
        Client caller = new Harness().connect().client;
        busy.pump(() -> {
            pumped++;
            return false;
        });
        busy.begin(caller, "sha", false);
        clock.advance(500);
        assertThat(busy.interrupt()).isEqualTo(BusyScript.Verdict.CONTINUE);
        assertThat(busy.timedOut()).isTrue();
        assertThat(pumped).isZero();
        busy.begin(caller, "sha", true);
        clock.advance(500);
        assertThat(busy.interrupt()).isEqualTo(BusyScript.Verdict.ABORT);
        assertThat(pumped).isEqualTo(1);
    }

    // ---- scripts in an engine ----

    private final Harness h = new Harness();
    private final List<Runnable> tasks = new ArrayList<>();
    private final List<Runnable> network = new ArrayList<>();
    private final Harness.Conn caller = h.connect();
    private final Harness.Conn other = h.connect();

    /** Installs the starter (tasks the test runs) and the pump (one scripted network event per call). */
    private void support() {
        h.engine.busyScriptSupport(tasks::add, () -> {
            if (!network.isEmpty()) {
                network.remove(0).run();
            }
            return true;
        });
    }

    private void runTasks() {
        while (!tasks.isEmpty()) {
            tasks.remove(0).run();
        }
    }

    @Test
    void scriptsFromTheNetworkRunFromATaskAndKeepTheClientsOrder() {
        support();
        Harness.Conn c = h.connect();
        assertThat(c.raw("*3\r\n$4\r\nEVAL\r\n$8\r\nreturn 1\r\n$1\r\n0\r\n*1\r\n$4\r\nPING\r\n"))
                .isEmpty();
        assertThat(c.cmd("PING")).isEmpty(); // still waiting behind the script
        assertThat(tasks).hasSize(1);
        runTasks();
        assertThat(c.out.take()).isEqualTo(":1\r\n+PONG\r\n+PONG\r\n");
        // queued in MULTI, the EVAL runs with the EXEC, which is the one deferred
        assertThat(c.cmd("MULTI")).isEqualTo("+OK\r\n");
        assertThat(c.cmd("EVAL", "return redis.call('incr', 'n')", "0")).isEqualTo("+QUEUED\r\n");
        assertThat(c.cmd("EXEC")).isEmpty();
        runTasks();
        assertThat(c.out.take()).isEqualTo("*1\r\n:1\r\n");
        assertThat(h.propagated).containsExactly("0:MULTI", "0:incr n", "-1:EXEC");
    }

    @Test
    void othersGetBusyUntilScriptKillStopsTheScript() {
        support();
        h.config.set("busy-reply-threshold", "0");
        List<String> seen = new ArrayList<>();
        network.add(() -> {
            seen.add(other.cmd("GET", "k"));
            seen.add(other.cmd("SET", "k", "v"));
            seen.add(other.cmd("MULTI"));
            seen.add(other.cmd("PING"));
            seen.add(other.cmd("EXEC"));
            seen.add(other.cmd("EVAL", "return 1", "0"));
            seen.add(caller.cmd("PING")); // the caller's own input waits for its script
            seen.add(other.cmd("SCRIPT", "KILL"));
        });
        assertThat(caller.cmd("EVAL", "local i = 0 while true do i = i + 1 end", "0"))
                .isEmpty();
        runTasks();
        assertThat(seen)
                .containsExactly(
                        BUSY,
                        BUSY,
                        "+OK\r\n",
                        BUSY,
                        "-EXECABORT Transaction discarded because of: " + BUSY.substring(1),
                        BUSY,
                        "",
                        "+OK\r\n");
        assertThat(caller.out.take())
                .startsWith("-ERR Script killed by user with SCRIPT KILL... script: ")
                .endsWith(", on @user_script:1.\r\n+PONG\r\n");
        assertThat(other.cmd("SCRIPT", "KILL")).isEqualTo("-NOTBUSY No scripts in execution right now.\r\n");
        assertThat(other.cmd("GET", "k")).isEqualTo("$-1\r\n");
        // the next script runs normally (the hook is back to counting)
        assertThat(caller.cmd("EVAL", "local n = 0 for i = 1, 300000 do n = n + 1 end return n", "0"))
                .isEmpty();
        runTasks();
        assertThat(caller.out.take()).isEqualTo(":300000\r\n");
    }

    @Test
    void aLoopInsideACoroutineIsKilledToo() {
        support();
        h.config.set("busy-reply-threshold", "0");
        List<String> seen = new ArrayList<>();
        network.add(() -> seen.add(other.cmd("SCRIPT", "KILL")));
        caller.cmd("EVAL", "local co = coroutine.wrap(function() while true do end end) co()", "0");
        runTasks();
        assertThat(seen).containsExactly("+OK\r\n");
        assertThat(caller.out.take()).startsWith("-ERR Script killed by user with SCRIPT KILL... script: ");
    }

    @Test
    void aWritingScriptIsUnkillableAndShutdownNosaveDropsItsWrites() {
        support();
        h.config.set("busy-reply-threshold", "0");
        boolean[] stopped = {false};
        h.engine.shutdownHook(() -> stopped[0] = true);
        List<String> seen = new ArrayList<>();
        network.add(() -> {
            seen.add(other.cmd("SCRIPT", "KILL"));
            seen.add(other.cmd("SHUTDOWN"));
            seen.add(other.cmd("SHUTDOWN", "NOSAVE"));
        });
        caller.cmd("EVAL", "redis.call('set', 'partial', 'yes') while true do end", "0");
        runTasks();
        assertThat(seen.get(0)).startsWith("-UNKILLABLE Sorry the script already executed write commands");
        assertThat(seen.get(1)).isEqualTo(BUSY);
        assertThat(stopped[0]).isTrue();
        assertThat(h.propagated).isEmpty();
        assertThat(caller.out.take()).isEmpty();
    }

    @Test
    void aScriptStartedInsideANetworkReadRunsToItsEndServingNobody() {
        h.config.set("busy-reply-threshold", "0"); // no starter installed: the script runs inside the read
        Harness.Conn c = h.connect();
        assertThat(c.cmd("EVAL", "local n = 0 for i = 1, 300000 do n = n + 1 end return n", "0"))
                .isEqualTo(":300000\r\n");
        assertThat(h.engine.busyScript().timedOutCount()).isEqualTo(1);
        assertThat(h.engine.busyScript().timedOut()).isFalse();
    }
}
