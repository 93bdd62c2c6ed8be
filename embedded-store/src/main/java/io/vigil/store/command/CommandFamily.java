package io.vigil.store.command;

/**
 * A group of related commands in one file (strings, keys, connection, ...). Each family registers its commands
 * explicitly; {@code io.vigil.store.commands.StandardCommands} lists every family. There is no classpath scanning.
 */
@FunctionalInterface
public interface CommandFamily {

    /** Registers this family's commands. */
    void register(CommandTable table);
}
