package io.vigil.store.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident set size, for {@code INFO memory}'s {@code used_memory_rss}. */
public final class ProcessMemory {

    private static final Path STATM = Path.of("/proc/self/statm");
    private static final long PAGE_SIZE = 4096;

    private ProcessMemory() {}

    /**
     * Resident bytes: the second field of {@code /proc/self/statm} times the page size (4 KiB, the page size of the
     * Linux platforms the store runs on), or the JVM's committed heap where {@code /proc} is not available.
     */
    public static long residentBytes() {
        try {
            String[] fields =
                    Files.readString(STATM, StandardCharsets.US_ASCII).trim().split(" ");
            return Long.parseLong(fields[1]) * PAGE_SIZE;
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().totalMemory();
        }
    }
}
