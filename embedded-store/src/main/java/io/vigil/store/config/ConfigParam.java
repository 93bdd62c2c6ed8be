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

    ConfigParam(
            String name, List<String> aliases, boolean mutable, String defaultValue, UnaryOperator<String> normaliser) {
        this.name = name;
        this.aliases = aliases;
        this.mutable = mutable;
        this.normaliser = normaliser;
        this.value = normaliser.apply(defaultValue);
    }
}
