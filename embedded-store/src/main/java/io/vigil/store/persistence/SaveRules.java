package io.vigil.store.persistence;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code save <seconds> <changes> [<seconds> <changes> ...]} directive: snapshot when at least {@code changes}
 * writes happened and {@code seconds} passed since the last successful save. An empty value disables automatic
 * snapshots.
 *
 * @param points the rules, in the order given
 */
public record SaveRules(List<Point> points) {

    /** One rule. */
    public record Point(long seconds, long changes) {}

    /**
     * Parses and validates a {@code save} value.
     *
     * @throws IllegalArgumentException with Redis's reason ({@code Invalid save parameters}) when malformed
     */
    public static SaveRules parse(String raw) {
        String trimmed = raw.trim();
        if (trimmed.isEmpty() || trimmed.equals("\"\"")) {
            return new SaveRules(List.of());
        }
        String[] words = trimmed.split("\\s+");
        if (words.length % 2 != 0) {
            throw new IllegalArgumentException("Invalid save parameters");
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < words.length; i += 2) {
            try {
                long seconds = Long.parseLong(words[i]);
                long changes = Long.parseLong(words[i + 1]);
                if (seconds < 1 || changes < 0) {
                    throw new IllegalArgumentException("Invalid save parameters");
                }
                points.add(new Point(seconds, changes));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid save parameters");
            }
        }
        return new SaveRules(List.copyOf(points));
    }

    /** The canonical text ({@code CONFIG GET save}): {@code "3600 1 300 100"}, or empty. */
    public static String normalise(String raw) {
        return parse(raw).toString();
    }

    /** Whether any rule is set (a clean {@code SHUTDOWN} then saves). */
    public boolean enabled() {
        return !points.isEmpty();
    }

    /** Whether a rule asks for a snapshot now. */
    public boolean due(long changes, long millisSinceLastSave) {
        for (Point p : points) {
            if (changes >= p.changes && millisSinceLastSave > p.seconds * 1000) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Point p : points) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(p.seconds).append(' ').append(p.changes);
        }
        return sb.toString();
    }
}
