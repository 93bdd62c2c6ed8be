package io.vigil.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A set of {@link Setting}s that parses directives into {@link Settings}; a directive that is not in the table is an
 * error naming its line and the closest known name.
 */
public final class DirectiveTable {

    private final String kind;
    private final Map<String, Setting<?>> settings;

    private DirectiveTable(String kind, Map<String, Setting<?>> settings) {
        this.kind = kind;
        this.settings = Collections.unmodifiableMap(settings);
    }

    /**
     * A table of {@code settings}.
     *
     * @param kind what the entries are called in messages, e.g. {@code directive} or {@code sentinel option}
     * @throws IllegalArgumentException when two settings share a name
     */
    public static DirectiveTable of(String kind, Setting<?>... settings) {
        Map<String, Setting<?>> byName = new LinkedHashMap<>();
        for (Setting<?> setting : settings) {
            if (byName.put(setting.name(), setting) != null) {
                throw new IllegalArgumentException("two settings are named '" + setting.name() + "'");
            }
        }
        return new DirectiveTable(kind, byName);
    }

    /** The setting called {@code name}, if any. */
    public Optional<Setting<?>> lookup(String name) {
        return Optional.ofNullable(settings.get(name));
    }

    /** Every setting, in declaration order (for documentation and help output). */
    public Collection<Setting<?>> settings() {
        return settings.values();
    }

    /**
     * Parses {@code directives} in order; for a setting that is not repeatable the last occurrence wins.
     *
     * @throws ConfigException for an unknown directive or an invalid value
     */
    public Settings parse(List<Directive> directives) {
        Settings result = new Settings();
        for (Directive directive : directives) {
            Setting<?> setting = settings.get(directive.name());
            if (setting == null) {
                throw unknown(directive);
            }
            result.add(setting, directive, setting.parse(directive));
        }
        return result;
    }

    /** The error for a directive this table does not know, with a suggestion when one name is close. */
    public ConfigException unknown(Directive directive) {
        return unknown(directive, List.of());
    }

    /**
     * The error for a directive this table does not know, where {@code alsoKnown} lists names handled outside the
     * table (they are suggested and listed too).
     */
    public ConfigException unknown(Directive directive, List<String> alsoKnown) {
        List<String> known = new ArrayList<>(alsoKnown);
        known.addAll(settings.keySet());
        String suggestion = closest(directive.name(), known)
                .map(name -> " (did you mean '" + name + "'?)")
                .orElse("");
        return directive.error("unknown " + kind + " '" + directive.name() + "'" + suggestion + "; known: "
                + String.join(", ", known));
    }

    private static Optional<String> closest(String name, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(name, candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
