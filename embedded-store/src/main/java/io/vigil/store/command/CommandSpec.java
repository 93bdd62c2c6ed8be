package io.vigil.store.command;

import io.vigil.store.engine.StoreEngine;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * One row of the command table, as in Redis's: name, arity (positive = exact argument count including the name;
 * negative = at least that many), flags, key positions (first, last, step; 0 when the command takes no keys), a
 * group and summary for {@code COMMAND DOCS}, and either a handler or subcommands ({@code CONFIG GET}, ...).
 *
 * <pre>{@code
 * table.register(CommandSpec.of("get", 2, StringCommands::get)
 *         .flags(CommandFlag.READONLY, CommandFlag.FAST).keys(1, 1, 1).group("string").summary("Get a key's value"));
 * }</pre>
 */
public final class CommandSpec {

    private final String name;
    private final int arity;
    private final CommandHandler handler;
    private final EnumSet<CommandFlag> flags = EnumSet.noneOf(CommandFlag.class);
    private final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();
    private CommandSpec parent;
    private int firstKey;
    private int lastKey;
    private int keyStep;
    private String group = "generic";
    private String summary = "";
    private String since = "1.0.0";
    private BiPredicate<StoreEngine, byte[][]> denyOomWhen;

    private CommandSpec(String name, int arity, CommandHandler handler) {
        if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("command name must be non-empty lower case, got '" + name + "'");
        }
        if (arity == 0) {
            throw new IllegalArgumentException("arity of '" + name + "' must be non-zero");
        }
        this.name = name;
        this.arity = arity;
        this.handler = handler;
    }

    /** A command with a handler. */
    public static CommandSpec of(String name, int arity, CommandHandler handler) {
        return new CommandSpec(name, arity, handler);
    }

    /** A container command ({@code CONFIG}, {@code CLIENT}, ...) whose work is done by {@link #sub subcommands}. */
    public static CommandSpec container(String name) {
        return new CommandSpec(name, -2, null);
    }

    /** Adds flags. */
    public CommandSpec flags(CommandFlag... more) {
        Collections.addAll(flags, more);
        return this;
    }

    /** Sets the key positions (1-based; {@code last} may be -1 for "to the end"). */
    public CommandSpec keys(int first, int last, int step) {
        this.firstKey = first;
        this.lastKey = last;
        this.keyStep = step;
        return this;
    }

    /** Sets the {@code COMMAND DOCS} group (string, generic, connection, server, pubsub, transactions, ...). */
    public CommandSpec group(String group) {
        this.group = group;
        return this;
    }

    /** Sets the one-line {@code COMMAND DOCS} summary. */
    public CommandSpec summary(String summary) {
        this.summary = summary;
        return this;
    }

    /** Sets the Redis version that introduced the command. */
    public CommandSpec since(String since) {
        this.since = since;
        return this;
    }

    /** Adds a subcommand (its name is the lower-case second word, e.g. {@code get} under {@code config}). */
    public CommandSpec sub(CommandSpec sub) {
        if (handler != null) {
            throw new IllegalStateException("'" + name + "' has a handler; only containers take subcommands");
        }
        sub.parent = this;
        sub.group = group;
        if (subcommands.putIfAbsent(sub.name, sub) != null) {
            throw new IllegalArgumentException("subcommand '" + name + "|" + sub.name + "' registered twice");
        }
        return this;
    }

    /** The lower-case name ({@code get}, or {@code get} for {@code config|get}). */
    public String name() {
        return name;
    }

    /** {@code name}, or {@code parent|name} for a subcommand (as in arity errors). */
    public String fullName() {
        return parent == null ? name : parent.name + "|" + name;
    }

    /** The arity. */
    public int arity() {
        return arity;
    }

    /** Whether {@code argc} (including the command name) satisfies the arity. */
    public boolean arityAccepts(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }

    /** The handler, or {@code null} for a container. */
    public CommandHandler handler() {
        return handler;
    }

    /**
     * Makes the command {@code denyoom} for some requests only, as Redis's {@code getCommandFlags} does for scripts
     * that declare flags in a shebang.
     */
    public CommandSpec denyOomWhen(BiPredicate<StoreEngine, byte[][]> when) {
        this.denyOomWhen = when;
        return this;
    }

    /** Whether this request may grow memory, so it is refused while over {@code maxmemory}. */
    public boolean denyOom(StoreEngine engine, byte[][] args) {
        return flags.contains(CommandFlag.DENYOOM) || (denyOomWhen != null && denyOomWhen.test(engine, args));
    }

    /** Whether a flag is set. */
    public boolean has(CommandFlag flag) {
        return flags.contains(flag);
    }

    /** All flags. */
    public Set<CommandFlag> flags() {
        return Collections.unmodifiableSet(flags);
    }

    /** Subcommands by lower-case name (empty unless a container). */
    public Map<String, CommandSpec> subcommands() {
        return Collections.unmodifiableMap(subcommands);
    }

    /** Whether this is a container. */
    public boolean isContainer() {
        return handler == null;
    }

    /** First key position (0 = none). */
    public int firstKey() {
        return firstKey;
    }

    /** Last key position (-1 = last argument). */
    public int lastKey() {
        return lastKey;
    }

    /** Step between keys. */
    public int keyStep() {
        return keyStep;
    }

    /** The {@code COMMAND DOCS} group. */
    public String group() {
        return group;
    }

    /** The {@code COMMAND DOCS} summary. */
    public String summary() {
        return summary;
    }

    /** The version that introduced the command. */
    public String since() {
        return since;
    }

    @Override
    public String toString() {
        return fullName() + "/" + arity + flags;
    }
}
