package io.vigil.monitor.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    /** An executor whose tasks run only when the test says, as a many-threaded pool could interleave them. */
    static final class ManualExecutor implements Executor {
        final Queue<Runnable> queued = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }

        void runAll() {
            Runnable task;
            while ((task = queued.poll()) != null) {
                task.run();
            }
        }
    }

    @Test
    void handsTheDelegateOneDrainAtATimeAndKeepsOrder() {
        ManualExecutor delegate = new ManualExecutor();
        SerialExecutor serial = new SerialExecutor(delegate);
        List<Integer> ran = new ArrayList<>();

        for (int i = 0; i < 5; i++) {
            int n = i;
            serial.execute(() -> ran.add(n));
        }

        assertThat(delegate.queued).as("one drain task, not one per event").hasSize(1);
        delegate.runAll();
        assertThat(ran).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aTaskSubmittedDuringADrainRunsInTheSameDrain() {
        ManualExecutor delegate = new ManualExecutor();
        SerialExecutor serial = new SerialExecutor(delegate);
        List<String> ran = new ArrayList<>();

        serial.execute(() -> {
            ran.add("first");
            serial.execute(() -> ran.add("nested"));
            assertThat(delegate.queued).as("no second drain while one runs").isEmpty();
        });
        delegate.runAll();

        assertThat(ran).containsExactly("first", "nested");
    }

    @Test
    void aThrowingTaskDoesNotStopTheNextOnes() {
        ManualExecutor delegate = new ManualExecutor();
        SerialExecutor serial = new SerialExecutor(delegate);
        List<String> ran = new ArrayList<>();

        serial.execute(() -> {
            throw new IllegalStateException("listener bug");
        });
        serial.execute(() -> ran.add("after"));
        delegate.runAll();
        serial.execute(() -> ran.add("later"));
        delegate.runAll();

        assertThat(ran).containsExactly("after", "later");
    }

    @Test
    void aRejectingDelegateDropsEventsButRecovers() {
        boolean[] reject = {true};
        ManualExecutor manual = new ManualExecutor();
        SerialExecutor serial = new SerialExecutor(task -> {
            if (reject[0]) {
                throw new RejectedExecutionException("shut down");
            }
            manual.execute(task);
        });
        List<String> ran = new ArrayList<>();

        serial.execute(() -> ran.add("dropped"));
        reject[0] = false;
        serial.execute(() -> ran.add("delivered"));
        manual.runAll();

        assertThat(ran).containsExactly("delivered");
    }
}
