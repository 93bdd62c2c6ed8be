package io.vigil.api.sentinel;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The last INFO replies a sentinel keeps for one master and its replicas, for {@code SENTINEL INFO-CACHE}.
 *
 * @param master the master's name
 * @param entries the master's entry first, then one per replica
 */
public record CachedInfo(String master, List<Entry> entries) {

    /** Copies the list. */
    public CachedInfo {
        Objects.requireNonNull(master, "master");
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("info cache of '" + master + "' needs at least the master's entry");
        }
    }

    /**
     * One instance's cached INFO.
     *
     * @param ageMs milliseconds since it was received, 0 when never
     * @param info the INFO text, empty when none was received (shown as null)
     */
    public record Entry(long ageMs, Optional<String> info) {

        /** Checks for nulls. */
        public Entry {
            Objects.requireNonNull(info, "info");
        }
    }
}
