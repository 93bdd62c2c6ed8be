package io.vigil.sentinel.core;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code notification-script} and {@code client-reconfig-script} the way redis-sentinel does: a queue of at
 * most 256 jobs (the oldest waiting job is dropped when full), at most 16 running at once, each killed after 60 s
 * ({@code -script-timeout}); a script that exits with 1 or dies from a signal is retried up to 10 times, 30 s, 60 s,
 * 120 s ... apart; any other non-zero exit is final. Failures publish {@code -script-error <path> <exit> <signal>}.
 * Used from the sentinel's loop thread only; process exits hop back onto it.
 */
final class ScriptRunner {

    static final int MAX_QUEUE = 256;
    static final int MAX_RUNNING = 16;
    static final int MAX_RETRIES = 10;
    static final long MAX_RUNTIME_MS = 60_000;
    static final long RETRY_DELAY_MS = 30_000;

    private static final Logger LOG = LoggerFactory.getLogger(ScriptRunner.class);

    /** One execution request: the command line, how often it was tried, and not before when it may start. */
    static final class Job {
        final List<String> argv;
        int retries;
        long notBefore;
        boolean running;

        Job(List<String> argv) {
            this.argv = List.copyOf(argv);
        }
    }

    /** Starts a script; the default runs a real process. */
    interface Launcher {
        Process start(List<String> argv) throws IOException;
    }

    private final ScheduledExecutorService loop;
    private final LongSupplier clock;
    private final BiConsumer<String, String> events;
    private final Launcher launcher;
    private final long retryDelayMs;
    private final long maxRuntimeMs;
    private final Deque<Job> queue = new ArrayDeque<>();
    private final Set<String> observerPending = new HashSet<>();
    private int running;

    ScriptRunner(ScheduledExecutorService loop, LongSupplier clock, BiConsumer<String, String> events) {
        this(loop, clock, events, argv -> new ProcessBuilder(argv).inheritIO().start(), RETRY_DELAY_MS, MAX_RUNTIME_MS);
    }

    ScriptRunner(
            ScheduledExecutorService loop,
            LongSupplier clock,
            BiConsumer<String, String> events,
            Launcher launcher,
            long retryDelayMs,
            long maxRuntimeMs) {
        this.loop = loop;
        this.clock = clock;
        this.events = events;
        this.launcher = launcher;
        this.retryDelayMs = retryDelayMs;
        this.maxRuntimeMs = maxRuntimeMs;
    }

    /**
     * An event of {@code master} was published: WARNING events run its notification script ({@code script <type>
     * <payload>}); a promotion this sentinel led, or a switch it learned from a peer, runs the client reconfiguration
     * script ({@code script <master> leader|observer start <from-ip> <from-port> <to-ip> <to-port>}).
     */
    void onEvent(String master, String type, String payload, Optional<String> notify, Optional<String> reconfig) {
        if (notify.isPresent() && !notify.get().isEmpty() && EventLevels.isWarning(type)) {
            schedule(List.of(notify.get(), type, payload));
        }
        if ("+config-update-from".equals(type)) {
            observerPending.add(master);
        }
        List<String> tokens = List.of(payload.split(" "));
        List<String> reconf = null;
        if ("+promoted-slave".equals(type) && tokens.size() >= 8) {
            reconf = List.of(master, "leader", "start", tokens.get(6), tokens.get(7), tokens.get(2), tokens.get(3));
        } else if ("+switch-master".equals(type) && observerPending.remove(master) && tokens.size() >= 5) {
            reconf = List.of(master, "observer", "start", tokens.get(1), tokens.get(2), tokens.get(3), tokens.get(4));
        }
        if (reconf != null && reconfig.isPresent() && !reconfig.get().isEmpty()) {
            List<String> argv = new ArrayList<>();
            argv.add(reconfig.get());
            argv.addAll(reconf);
            schedule(argv);
        }
    }

    /** Scripts running now ({@code sentinel_running_scripts}). */
    int running() {
        return running;
    }

    /** Scripts waiting or running ({@code sentinel_scripts_queue_length}). */
    int queued() {
        return queue.size();
    }

    private void schedule(List<String> argv) {
        if (queue.size() >= MAX_QUEUE) {
            for (Iterator<Job> it = queue.iterator(); it.hasNext(); ) {
                Job oldest = it.next();
                if (!oldest.running) {
                    it.remove();
                    LOG.warn("script queue full ({} jobs): dropped {}", MAX_QUEUE, oldest.argv);
                    break;
                }
            }
        }
        if (queue.size() >= MAX_QUEUE) {
            LOG.warn("script queue full of running scripts: not running {}", argv);
            return;
        }
        queue.addLast(new Job(argv));
        runReady();
    }

    private void runReady() {
        long now = clock.getAsLong();
        for (Job job : queue) {
            if (running >= MAX_RUNNING) {
                return;
            }
            if (!job.running && job.notBefore <= now) {
                start(job);
            }
        }
    }

    private void start(Job job) {
        Process process;
        try {
            process = launcher.start(job.argv);
        } catch (IOException e) {
            LOG.warn("cannot start script {}: {}", job.argv, e.toString());
            queue.remove(job);
            events.accept("-script-error", job.argv.get(0) + " 99 0");
            return;
        }
        job.running = true;
        running++;
        var timeout = loop.schedule(
                () -> {
                    if (process.isAlive()) {
                        LOG.warn("script {} ran over {} ms: killed", job.argv, maxRuntimeMs);
                        events.accept("-script-timeout", job.argv.get(0) + " " + process.pid());
                        process.destroyForcibly();
                    }
                },
                maxRuntimeMs,
                TimeUnit.MILLISECONDS);
        process.onExit()
                .thenAcceptAsync(
                        done -> {
                            timeout.cancel(false);
                            finished(job, done.exitValue());
                        },
                        loop);
    }

    private void finished(Job job, int exit) {
        job.running = false;
        running--;
        boolean bySignal = exit > 128;
        if (exit != 0) {
            events.accept(
                    "-script-error", job.argv.get(0) + " " + (bySignal ? 0 : exit) + " " + (bySignal ? exit - 128 : 0));
        }
        if ((exit == 1 || bySignal) && job.retries < MAX_RETRIES) {
            job.retries++;
            long delay = retryDelayMs << (job.retries - 1);
            job.notBefore = clock.getAsLong() + delay;
            LOG.info(
                    "script {} exited with {}: retry {} of {} in {} ms",
                    job.argv,
                    exit,
                    job.retries,
                    MAX_RETRIES,
                    delay);
            loop.schedule(this::runReady, delay, TimeUnit.MILLISECONDS);
        } else {
            queue.remove(job);
        }
        runReady();
    }
}
