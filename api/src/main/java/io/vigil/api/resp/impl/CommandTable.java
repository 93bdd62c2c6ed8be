package io.vigil.api.resp.impl;

import io.vigil.resp.RespError;
import io.vigil.resp.RespVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The port's commands, registered explicitly, and the checks Redis's {@code processCommand} makes before running one:
 * unknown command or subcommand, arity, authentication, RESP2 subscribed context.
 */
public final class CommandTable {

    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final ServerContext context;

    /** A table holding every command of the sentinel port. */
    public CommandTable(ServerContext context) {
        this.context = context;
        ConnectionCommands.register(this, context);
        SentinelCommands.register(this, context);
        CommandIntrospection.register(this);
    }

    /** Adds a command; names are unique. */
    public void add(Command command) {
        if (commands.putIfAbsent(command.name(), command) != null) {
            throw new IllegalStateException("command '" + command.name() + "' registered twice");
        }
    }

    /** Every top-level command, in registration order. */
    public Collection<Command> all() {
        return commands.values();
    }

    /** The command named {@code name} (any case). */
    public Optional<Command> find(String name) {
        return Optional.ofNullable(commands.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Runs one request for {@code session}, counting it; the connection counts error replies as it writes them. */
    public Reply execute(ClientSession session, List<String> args) {
        context.clients().commandProcessed();
        return dispatch(session, args);
    }

    private Reply dispatch(ClientSession session, List<String> args) {
        String name = args.get(0);
        if (name.equalsIgnoreCase("quit")) {
            return new Reply.Close(Reply.OK);
        }
        Command command = commands.get(name.toLowerCase(Locale.ROOT));
        if (command == null) {
            return Reply.error(
                    RespError.unknownCommand(name, args.subList(1, args.size()).toArray(String[]::new)));
        }
        if (!command.subcommands().isEmpty() && args.size() >= 2) {
            Command sub = command.subcommands().get(args.get(1).toLowerCase(Locale.ROOT));
            if (sub == null) {
                return Reply.error(RespError.unknownSubcommand(command.name(), args.get(1)));
            }
            command = sub;
        }
        if (!command.arityAccepts(args.size())) {
            return Reply.error(RespError.wrongArity(command.name()));
        }
        if (!command.noAuth() && !session.authenticated()) {
            return Reply.error(RespError.NOAUTH);
        }
        if (session.version() == RespVersion.RESP2 && session.subscribed() && !command.allowedSubscribed()) {
            return Reply.error(RespError.notInSubscribeContext(command.name()));
        }
        session.touch(command.name(), context.clock().millis());
        return command.handler().handle(session, args);
    }

    /** Every command and subcommand, flattened (for COMMAND COUNT/LIST). */
    public List<Command> flattened() {
        List<Command> flat = new ArrayList<>();
        for (Command command : commands.values()) {
            flat.add(command);
            flat.addAll(command.subcommands().values());
        }
        return flat;
    }
}
