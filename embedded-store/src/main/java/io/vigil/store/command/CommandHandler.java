package io.vigil.store.command;

/**
 * The code of one command. It reads arguments from the context, changes the keyspace through {@link
 * CommandContext#db()}, writes exactly one reply through {@link CommandContext#reply()} (or throws {@link
 * CommandException} to reply with an error), and calls {@link CommandContext#dirty(int)} for each change it made.
 */
@FunctionalInterface
public interface CommandHandler {

    /** Executes the command; runs on the store's single command thread, atomically. */
    void execute(CommandContext ctx);
}
