package io.vigil.store.config;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One configuration parameter: its name (as {@code CONFIG GET} shows it), aliases, default, whether {@code CONFIG
 * SET} may change it at run time, and a normaliser that validates a raw value and returns its canonical form (or
 * throws {@link IllegalArgumentException} saying what is valid).
 */
final class ConfigParam {

    final String name;
    final List<String> aliases;
    final boolean mutable;
    final UnaryOperator<String> normaliser;
    String value;
    /** {@link #value} parsed as a number, valid while its string is {@code value} (final fields: safe to share). */
    private Parsed parsed;

    private record Parsed(String from, long value) {}

    ConfigParam(
            String name, List<String> aliases, boolean mutable, String defaultValue, UnaryOperator<String> normaliser) {
        this.name = name;
        this.aliases = aliases;
        this.mutable = mutable;
        this.normaliser = normaliser;
        this.value = normaliser.apply(defaultValue);
    }

    /** The value as a number, parsed once per value (commands read some parameters on every call). */
    long longValue() {
        String v = value;
        Parsed p = parsed;
        if (p == null || p.from != v) {
            p = new Parsed(v, Long.parseLong(v));
            parsed = p;
        }
        return p.value;
    }
}
