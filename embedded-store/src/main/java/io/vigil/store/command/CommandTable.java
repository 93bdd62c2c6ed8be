package io.vigil.store.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The store's command table: commands registered explicitly by {@link CommandFamily}s, looked up by the request's
 * first argument case-insensitively without allocating (an open-addressing table keyed by the lower-cased bytes).
 */
public final class CommandTable {

    private final Map<String, CommandSpec> byName = new LinkedHashMap<>();
    private byte[][] slotNames = new byte[64][];
    private CommandSpec[] slotSpecs = new CommandSpec[64];

    /** A table with the given families registered, in order. */
    public static CommandTable of(CommandFamily... families) {
        CommandTable table = new CommandTable();
        for (CommandFamily family : families) {
            family.register(table);
        }
        return table;
    }

    /**
     * Registers a command.
     *
     * @throws IllegalArgumentException when the name is already registered
     */
    public CommandTable register(CommandSpec spec) {
        if (byName.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalArgumentException("command '" + spec.name() + "' registered twice");
        }
        if (byName.size() * 2 > slotNames.length) {
            rebuild(slotNames.length * 2);
        } else {
            place(spec);
        }
        return this;
    }

    /** The command named by {@code name} (any case), or {@code null}. */
    public CommandSpec lookup(byte[] name) {
        int mask = slotNames.length - 1;
        for (int i = hash(name) & mask; ; i = (i + 1) & mask) {
            byte[] candidate = slotNames[i];
            if (candidate == null) {
                return null;
            }
            if (equalsIgnoreCase(candidate, name)) {
                return slotSpecs[i];
            }
        }
    }

    /** The command with this lower-case name, or {@code null}. */
    public CommandSpec lookup(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    /** Every registered command, in registration order. */
    public Collection<CommandSpec> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    /** Number of commands (subcommands not counted, as Redis's {@code COMMAND COUNT}). */
    public int size() {
        return byName.size();
    }

    /** Names of all commands, in registration order. */
    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    private void rebuild(int capacity) {
        slotNames = new byte[capacity][];
        slotSpecs = new CommandSpec[capacity];
        byName.values().forEach(this::place);
    }

    private void place(CommandSpec spec) {
        byte[] name = spec.name().getBytes(StandardCharsets.US_ASCII);
        int mask = slotNames.length - 1;
        int i = hash(name) & mask;
        while (slotNames[i] != null) {
            i = (i + 1) & mask;
        }
        slotNames[i] = name;
        slotSpecs[i] = spec;
    }

    private static int hash(byte[] name) {
        int h = 0;
        for (byte b : name) {
            h = h * 31 + lower(b);
        }
        return h ^ (h >>> 16);
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    /** Whether {@code lower} (lower-case ASCII) equals {@code bytes} ignoring ASCII case. */
    public static boolean equalsIgnoreCase(byte[] lower, byte[] bytes) {
        if (lower.length != bytes.length) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            if (lower[i] != lower(bytes[i])) {
                return false;
            }
        }
        return true;
    }
}
