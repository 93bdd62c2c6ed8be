package io.vigil.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The typed values a {@link DirectiveTable} parsed, with the directive each came from (for later messages). */
public final class Settings {

    private record Entry(Directive directive, Object value) {}

    private final Map<String, List<Entry>> entries = new LinkedHashMap<>();

    Settings() {}

    void add(Setting<?> setting, Directive directive, Object value) {
        List<Entry> list = entries.computeIfAbsent(setting.name(), k -> new ArrayList<>());
        if (!setting.isRepeatable()) {
            list.clear();
        }
        list.add(new Entry(directive, value));
    }

    /**
     * The value set last, or the default.
     *
     * @throws ConfigException when the directive is missing and has no default
     */
    public <T> T get(Setting<T> setting) {
        return find(setting)
                .or(setting::defaultValue)
                .orElseThrow(() -> new ConfigException(
                        "missing directive '" + setting.name() + "' (usage: " + setting.usage() + ")"));
    }

    /** The value set last, if the directive is present. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> find(Setting<T> setting) {
        List<Entry> list = entries.get(setting.name());
        return list == null || list.isEmpty()
                ? Optional.empty()
                : Optional.of((T) list.get(list.size() - 1).value());
    }

    /** Every value of a {@link Setting#repeatable() repeatable} setting, in order (empty when absent). */
    @SuppressWarnings("unchecked")
    public <T> List<T> all(Setting<T> setting) {
        List<T> values = new ArrayList<>();
        for (Entry entry : entries.getOrDefault(setting.name(), List.of())) {
            values.add((T) entry.value());
        }
        return values;
    }

    /** The directive the current value came from, for messages that name {@code file:line}. */
    public Optional<Directive> where(Setting<?> setting) {
        List<Entry> list = entries.get(setting.name());
        return list == null || list.isEmpty()
                ? Optional.empty()
                : Optional.of(list.get(list.size() - 1).directive());
    }

    /** Whether the directive is present. */
    public boolean isSet(Setting<?> setting) {
        return find(setting).isPresent();
    }
}
