package io.vigil.store.commands;

import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandTable;
import io.vigil.store.memory.MemoryCommands;

/**
 * Every command family of the embedded store, registered explicitly. To add a family (hashes, lists, ...), write a
 * {@link CommandFamily} and add it here.
 */
public final class StandardCommands {

    private StandardCommands() {}

    /** The families, in registration order. */
    public static CommandFamily[] families() {
        return new CommandFamily[] {
            new ConnectionCommands(),
            new ClientCommand(),
            new ServerCommands(),
            new InfoCommand(),
            new ConfigCommand(),
            new CommandCommand(),
            new KeyCommands(),
            new ExpireCommands(),
            new StringCommands(),
            new CounterCommands(),
            new BitCommands(),
            new PubSubCommands(),
            new ScriptCommands(),
            new SortedSetCommands(),
            new HashCommands(),
            new SetCommands(),
            new ListCommands(),
            new BlockingListCommands(),
            new TransactionCommands(),
            new ReplicationCommands(),
            new PersistenceCommands(),
            new MemoryCommands(),
            new AofCommands()
        };
    }

    /** A table with every standard family. */
    public static CommandTable table() {
        return CommandTable.of(families());
    }
}
