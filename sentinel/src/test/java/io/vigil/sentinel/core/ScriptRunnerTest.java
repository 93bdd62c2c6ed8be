package io.vigil.sentinel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScriptRunnerTest {

    /** A process that exits with the next code of a script when the test says so. */
    static final class FakeProcess extends Process {
        final CompletableFuture<Process> exit = new CompletableFuture<>();
        volatile int code;

        void exit(int code) {
            this.code = code;
            exit.complete(this);
        }

        @Override
        public CompletableFuture<Process> onExit() {
            return exit;
        }

        @Override
        public int exitValue() {
            return code;
        }

        @Override
        public boolean isAlive() {
            return !exit.isDone();
        }

        @Override
        public int waitFor() {
            return exit.join().exitValue();
        }

        @Override
        public void destroy() {
            exit(137);
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public InputStream getInputStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public InputStream getErrorStream() {
            return InputStream.nullInputStream();
        }
    }

    final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    final List<List<String>> started = new CopyOnWriteArrayList<>();
    final List<FakeProcess> processes = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    final ScriptRunner runner = new ScriptRunner(
            loop,
            System::currentTimeMillis,
            (channel, payload) -> events.add(channel + " " + payload),
            argv -> {
                started.add(argv);
                FakeProcess p = new FakeProcess();
                processes.add(p);
                return p;
            },
            10,
            60_000);

    @AfterEach
    void stop() throws InterruptedException {
        loop.shutdownNow();
        loop.awaitTermination(5, TimeUnit.SECONDS);
    }

    void event(String type, String payload) throws Exception {
        loop.submit(() ->
                        runner.onEvent("mymaster", type, payload, Optional.of("/notify.sh"), Optional.of("/reconf.sh")))
                .get();
    }

    @Test
    void warningEventsRunTheNotificationScriptOthersDoNot() throws Exception {
        event("+sdown", "master mymaster 10.0.0.1 6379");
        event("+slave", "slave 10.0.0.2:6379 10.0.0.2 6379 @ mymaster 10.0.0.1 6379");
        assertThat(started).containsExactly(List.of("/notify.sh", "+sdown", "master mymaster 10.0.0.1 6379"));
    }

    @Test
    void leaderAndObserverRunTheReconfigScriptWithRedisArguments() throws Exception {
        event("+promoted-slave", "slave 10.0.0.2:6379 10.0.0.2 6379 @ mymaster 10.0.0.1 6379");
        assertThat(started)
                .contains(List.of("/reconf.sh", "mymaster", "leader", "start", "10.0.0.1", "6379", "10.0.0.2", "6379"));
        started.clear();
        event("+switch-master", "mymaster 10.0.0.1 6379 10.0.0.2 6379");
        assertThat(started)
                .as("the leader's own switch ran the script at promotion already")
                .containsExactly(List.of("/notify.sh", "+switch-master", "mymaster 10.0.0.1 6379 10.0.0.2 6379"));
        started.clear();
        event("+config-update-from", "sentinel abc 10.0.0.9 26379 @ mymaster 10.0.0.2 6379");
        event("+switch-master", "mymaster 10.0.0.2 6379 10.0.0.3 6379");
        assertThat(started)
                .contains(
                        List.of("/reconf.sh", "mymaster", "observer", "start", "10.0.0.2", "6379", "10.0.0.3", "6379"));
    }

    @Test
    void exitOneIsRetriedOtherFailuresAreFinal() throws Exception {
        event("+sdown", "master mymaster 10.0.0.1 6379");
        processes.get(0).exit(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 2);
        assertThat(events).containsExactly("-script-error /notify.sh 1 0");
        processes.get(1).exit(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 2);
        assertThat(events.get(1)).isEqualTo("-script-error /notify.sh 2 0");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> loop.submit(runner::queued).get() == 0);
        assertThat(started).hasSize(2);
    }

    @Test
    void atMostSixteenRunAtOnce() throws Exception {
        for (int i = 0; i < 20; i++) {
            event("+sdown", "master mymaster 10.0.0.1 " + i);
        }
        assertThat(started).hasSize(ScriptRunner.MAX_RUNNING);
        assertThat(loop.submit(runner::queued).get()).isEqualTo(20);
        processes.get(0).exit(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == ScriptRunner.MAX_RUNNING + 1);
    }
}
