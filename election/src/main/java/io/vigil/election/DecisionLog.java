package io.vigil.election;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** A bounded log of {@link Decision}s; the oldest entries are dropped when full. Not thread-safe. */
public final class DecisionLog {

    private final int capacity;
    private final ArrayDeque<Decision> entries;
    private long total;

    /**
     * Creates a log.
     *
     * @param capacity entries kept, > 0
     */
    public DecisionLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("decision log capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** Appends a decision, dropping the oldest when full. */
    public void add(Decision decision) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(decision);
        total++;
    }

    /** Returns the kept entries, oldest first. */
    public List<Decision> entries() {
        return new ArrayList<>(entries);
    }

    /** Returns how many decisions were ever logged (including dropped ones). */
    public long total() {
        return total;
    }
}
