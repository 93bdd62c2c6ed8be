package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.LOADING;
import static io.vigil.store.command.CommandFlag.STALE;

import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandFlag;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.command.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code COMMAND}, {@code COMMAND COUNT|INFO|DOCS|LIST}: the command table as Redis 7 describes it. {@code DOCS}
 * carries summary, since and group (enough for {@code redis-cli} hints); key specs and ACL categories are empty.
 */
public final class CommandCommand implements CommandFamily {

    @Override
    public void register(CommandTable t) {
        t.register(CommandSpec.of("command", -1, CommandCommand::all)
                .flags(LOADING, STALE)
                .group("server")
                .summary("Returns detailed information about all commands."));
    }

    private static void all(CommandContext ctx) {
        CommandTable table = ctx.engine().table();
        if (ctx.argc() == 1) {
            ctx.reply().array(table.size());
            table.all().forEach(spec -> info(ctx.reply(), spec));
            return;
        }
        String sub = ctx.argString(1);
        if (ctx.argIs(1, "count") && ctx.argc() == 2) {
            ctx.reply().integer(table.size());
        } else if (ctx.argIs(1, "list") && ctx.argc() == 2) {
            ctx.reply().array(table.size());
            table.names().forEach(ctx.reply()::bulk);
        } else if (ctx.argIs(1, "info")) {
            List<CommandSpec> specs = new ArrayList<>();
            if (ctx.argc() == 2) {
                specs.addAll(table.all());
            }
            ctx.reply().array(ctx.argc() == 2 ? specs.size() : ctx.argc() - 2);
            if (ctx.argc() == 2) {
                specs.forEach(s -> info(ctx.reply(), s));
            }
            for (int i = 2; i < ctx.argc(); i++) {
                CommandSpec spec = lookup(table, ctx.argString(i));
                if (spec == null) {
                    ctx.reply().nil();
                } else {
                    info(ctx.reply(), spec);
                }
            }
        } else if (ctx.argIs(1, "docs")) {
            List<CommandSpec> specs = new ArrayList<>();
            if (ctx.argc() == 2) {
                specs.addAll(table.all());
            }
            for (int i = 2; i < ctx.argc(); i++) {
                CommandSpec spec = lookup(table, ctx.argString(i));
                if (spec != null) {
                    specs.add(spec);
                }
            }
            ctx.reply().map(specs.size());
            for (CommandSpec spec : specs) {
                ctx.reply().bulk(spec.fullName());
                docs(ctx.reply(), spec);
            }
        } else if (ctx.argIs(1, "help") && ctx.argc() == 2) {
            String[] lines = {
                "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "(no subcommand)",
                "    Return details about all Redis commands.",
                "COUNT",
                "    Return the total number of commands in this Redis server.",
                "LIST",
                "    Return a list of all commands in this Redis server.",
                "INFO [<command-name> ...]",
                "    Return details about multiple Redis commands.",
                "DOCS [<command-name> ...]",
                "    Return documentation details about multiple Redis commands.",
                "HELP",
                "    Print this help."
            };
            ctx.reply().array(lines.length);
            for (String l : lines) {
                ctx.reply().simple(l);
            }
        } else {
            throw new io.vigil.store.command.CommandException(
                    io.vigil.resp.RespError.unknownSubcommand("command", sub));
        }
    }

    private static CommandSpec lookup(CommandTable table, String name) {
        String[] parts = name.split("\\|", 2);
        CommandSpec spec = table.lookup(parts[0]);
        if (spec != null && parts.length == 2) {
            spec = spec.subcommands().get(parts[1].toLowerCase(java.util.Locale.ROOT));
        }
        return spec;
    }

    private static void info(Reply r, CommandSpec spec) {
        r.array(10);
        r.bulk(spec.fullName());
        r.integer(spec.arity());
        List<String> flags = new ArrayList<>();
        for (CommandFlag f : spec.flags()) {
            if (f.wireName() != null) {
                flags.add(f.wireName());
            }
        }
        r.set(flags.size());
        flags.forEach(r::simple);
        r.integer(spec.firstKey());
        r.integer(spec.lastKey());
        r.integer(spec.keyStep());
        r.set(0);
        r.set(0);
        r.array(0);
        r.array(spec.subcommands().size());
        spec.subcommands().values().forEach(s -> info(r, s));
    }

    private static void docs(Reply r, CommandSpec spec) {
        boolean subs = !spec.subcommands().isEmpty();
        r.map(subs ? 4 : 3);
        r.bulk("summary");
        r.bulk(spec.summary());
        r.bulk("since");
        r.bulk(spec.since());
        r.bulk("group");
        r.bulk(spec.group());
        if (subs) {
            r.bulk("subcommands");
            r.map(spec.subcommands().size());
            for (CommandSpec s : spec.subcommands().values()) {
                r.bulk(s.fullName());
                docs(r, s);
            }
        }
    }
}
