package io.vigil.api.resp.impl;

import io.vigil.resp.RespError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code COMMAND}, {@code COMMAND COUNT|LIST|INFO|DOCS}: enough of Redis 7's introspection for redis-cli and client
 * libraries, describing this port's real command table.
 */
public final class CommandIntrospection {

    private final CommandTable table;

    private CommandIntrospection(CommandTable table) {
        this.table = table;
    }

    /** Registers COMMAND. */
    public static void register(CommandTable table) {
        CommandIntrospection c = new CommandIntrospection(table);
        table.add(new Command(
                "command",
                -1,
                false,
                false,
                "Details about the commands of this port.",
                c::all,
                Map.of(
                        "count", Command.of("command|count", 2, "Number of commands.", c::count),
                        "list", Command.of("command|list", -2, "Names of the commands.", c::list),
                        "info", Command.of("command|info", -2, "Details about commands.", c::info),
                        "docs", Command.of("command|docs", -2, "Documentation of commands.", c::docs))));
    }

    private Reply all(ClientSession session, List<String> args) {
        List<Reply> infos = new ArrayList<>();
        for (Command command : table.all()) {
            infos.add(describe(command));
        }
        return new Reply.Array(infos);
    }

    private Reply count(ClientSession session, List<String> args) {
        return Reply.integer(table.all().size());
    }

    private Reply list(ClientSession session, List<String> args) {
        if (args.size() != 2) {
            return Reply.error(RespError.SYNTAX);
        }
        List<String> names = new ArrayList<>();
        for (Command command : table.flattened()) {
            names.add(command.name());
        }
        return Reply.bulks(names);
    }

    private Reply info(ClientSession session, List<String> args) {
        List<Reply> infos = new ArrayList<>();
        for (String name : args.subList(2, args.size())) {
            infos.add(lookup(name).map(CommandIntrospection::describe).orElse(Reply.NULL_ARRAY));
        }
        return new Reply.Array(infos);
    }

    private Reply docs(ClientSession session, List<String> args) {
        List<Command> wanted = new ArrayList<>();
        if (args.size() == 2) {
            wanted.addAll(table.all());
        } else {
            for (String name : args.subList(2, args.size())) {
                lookup(name).ifPresent(wanted::add);
            }
        }
        List<Reply> entries = new ArrayList<>();
        for (Command command : wanted) {
            entries.add(Reply.bulk(command.name()));
            entries.add(new Reply.MapReply(List.of(
                    Reply.bulk("summary"),
                    Reply.bulk(command.summary()),
                    Reply.bulk("group"),
                    Reply.bulk(group(command)))));
        }
        return new Reply.MapReply(entries);
    }

    private Optional<Command> lookup(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int bar = lower.indexOf('|');
        if (bar < 0) {
            return table.find(lower);
        }
        return table.find(lower.substring(0, bar))
                .map(container -> container.subcommands().get(lower.substring(bar + 1)));
    }

    private static String group(Command command) {
        String name = command.name();
        if (name.startsWith("sentinel")) {
            return "sentinel";
        }
        if (name.contains("subscribe") || name.equals("publish")) {
            return "pubsub";
        }
        return List.of("info", "role", "shutdown", "command", "acl").contains(name) ? "server" : "connection";
    }

    private static Reply describe(Command command) {
        List<Reply> subs = new ArrayList<>();
        for (Command sub : command.subcommands().values()) {
            subs.add(describe(sub));
        }
        List<Reply> flags = new ArrayList<>();
        if (command.noAuth()) {
            flags.add(new Reply.Simple("no_auth"));
        }
        if (command.allowedSubscribed()) {
            flags.add(new Reply.Simple("pubsub"));
        }
        return Reply.array(
                Reply.bulk(command.name()),
                Reply.integer(command.arity()),
                new Reply.Array(flags),
                Reply.ZERO,
                Reply.ZERO,
                Reply.ZERO,
                new Reply.Array(List.of()),
                new Reply.Array(List.of()),
                new Reply.Array(List.of()),
                new Reply.Array(subs));
    }
}
