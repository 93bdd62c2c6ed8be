package io.vigil.testkit;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Keeps track of every process a test starts and kills whatever is still alive when the JVM exits, so that no
 * test leaves a {@code redis-server} behind even when it fails or is interrupted by a timeout.
 */
public final class ProcessReaper {

    private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::reapAll, "vigil-process-reaper"));
    }

    private ProcessReaper() {}

    /** Registers a started process; it is killed at JVM exit unless it ended before. */
    public static void register(ProcessHandle process) {
        LIVE.add(process);
    }

    /** Forgets a process that was stopped on purpose. */
    public static void unregister(ProcessHandle process) {
        LIVE.remove(process);
    }

    /** The registered processes that are still alive (descriptions such as {@code pid 123: redis-server}). */
    public static List<String> liveProcesses() {
        LIVE.removeIf(p -> !p.isAlive());
        return LIVE.stream()
                .map(p -> "pid " + p.pid() + ": " + p.info().commandLine().orElse("?"))
                .sorted()
                .collect(Collectors.toList());
    }

    /** Kills every registered process that is still alive, its children first, and waits for each to end. */
    public static void reapAll() {
        for (ProcessHandle process : LIVE) {
            kill(process);
        }
        LIVE.clear();
    }

    static void kill(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the JVM is going down or the process is a zombie we cannot wait for; nothing more can be done
        }
    }
}
