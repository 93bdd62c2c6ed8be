package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.ADMIN;
import static io.vigil.store.command.CommandFlag.LOADING;
import static io.vigil.store.command.CommandFlag.NOSCRIPT;
import static io.vigil.store.command.CommandFlag.STALE;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandFlag;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.config.ClientClass;
import io.vigil.store.engine.Client;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code CLIENT ID|SETNAME|GETNAME|SETINFO|LIST|INFO|KILL|HELP}. */
public final class ClientCommand implements CommandFamily {

    @Override
    public void register(CommandTable t) {
        t.register(CommandSpec.container("client")
                .group("connection")
                .summary("A container for client connection commands.")
                .sub(sub("id", 2, ctx -> ctx.reply().integer(ctx.client().id()))
                        .summary("Returns the unique client ID of the connection."))
                .sub(sub("setname", 3, ClientCommand::setname).summary("Sets the connection name."))
                .sub(sub("getname", 2, ctx -> ctx.reply().bulk(ctx.client().name()))
                        .summary("Returns the name of the connection."))
                .sub(sub("setinfo", 4, ClientCommand::setinfo)
                        .since("7.2.0")
                        .summary("Sets information specific to the client or connection."))
                .sub(sub("list", -2, ClientCommand::list, ADMIN).summary("Lists open connections."))
                .sub(sub("info", 2, ctx -> ctx.reply().verbatim(line(ctx, ctx.client())))
                        .summary("Returns information about the connection."))
                .sub(sub("kill", -3, ClientCommand::kill, ADMIN).summary("Terminates open connections."))
                .sub(ClientUnblock.spec())
                .sub(sub("help", 2, ClientCommand::help)
                        .summary("Returns helpful text about the different subcommands.")));
    }

    private static CommandSpec sub(
            String name, int arity, io.vigil.store.command.CommandHandler h, CommandFlag... flags) {
        return CommandSpec.of(name, arity, h).flags(NOSCRIPT, LOADING, STALE).flags(flags);
    }

    /** Validates a client name like Redis: no characters outside {@code !}..{@code ~}; returns it as text. */
    static String validName(byte[] name) {
        for (byte b : name) {
            if (b < '!' || b > '~') {
                throw new CommandException(RespError.CLIENT_NAME_CHARS);
            }
        }
        return new String(name, StandardCharsets.ISO_8859_1);
    }

    private static void setname(CommandContext ctx) {
        ctx.client().name(validName(ctx.arg(2)));
        ctx.reply().ok();
    }

    private static void setinfo(CommandContext ctx) {
        String value = validName(ctx.arg(3));
        if (ctx.argIs(2, "lib-name")) {
            ctx.client().libInfo(value, null);
        } else if (ctx.argIs(2, "lib-ver")) {
            ctx.client().libInfo(null, value);
        } else {
            throw new CommandException(RespError.unrecognizedOption(ctx.argString(2)));
        }
        ctx.reply().ok();
    }

    private static void list(CommandContext ctx) {
        ClientClass type = null;
        List<Long> ids = null;
        int i = 2;
        if (ctx.argc() == 4 && ctx.argIs(2, "type")) {
            type = ClientClass.parse(ctx.argString(3));
            if (type == null) {
                throw new CommandException(RespError.unknownClientType(ctx.argString(3)));
            }
        } else if (ctx.argc() >= 4 && ctx.argIs(2, "id")) {
            ids = new ArrayList<>();
            for (i = 3; i < ctx.argc(); i++) {
                long id = ctx.argLong(i, RespError.INVALID_CLIENT_ID);
                if (id < 1) {
                    throw new CommandException(RespError.INVALID_CLIENT_ID);
                }
                ids.add(id);
            }
        } else if (ctx.argc() != 2) {
            throw new CommandException(RespError.SYNTAX);
        }
        StringBuilder sb = new StringBuilder();
        for (Client c : ctx.engine().clients()) {
            if ((type == null || c.clientClass() == type) && (ids == null || ids.contains(c.id()))) {
                sb.append(line(ctx, c));
            }
        }
        ctx.reply().verbatim(sb.toString());
    }

    /** One {@code CLIENT LIST} line, in Redis 7's field order, ending with a newline. */
    static String line(CommandContext ctx, Client c) {
        long now = ctx.clock().millis();
        String role = c.clientClass() == io.vigil.store.config.ClientClass.REPLICA
                ? "S"
                : c.clientClass() == io.vigil.store.config.ClientClass.MASTER ? "M" : "";
        String flags = role + (c.subscribed() ? "P" : "") + (c.inMulti() ? "x" : "");
        long omem = c.pendingOutputBytes();
        return "id=" + c.id() + " addr=" + c.remoteAddress() + " laddr=" + c.localAddress() + " fd=-1"
                + " name=" + (c.name() == null ? "" : c.name())
                + " age=" + (now - c.createdMillis()) / 1000
                + " idle=" + (now - c.lastInteractionMillis()) / 1000
                + " flags=" + (flags.isEmpty() ? "N" : flags)
                + " db=" + c.db()
                + " sub=" + c.channels().size()
                + " psub=" + c.patterns().size()
                + " ssub=0"
                + " multi=" + (c.inMulti() ? c.multiQueue().size() : -1)
                + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0"
                + " omem=" + omem
                + " tot-mem=" + omem
                + " events=r cmd=" + c.lastCommand()
                + " user=default redir=-1 resp=" + c.version().number()
                + " lib-name=" + c.libName() + " lib-ver=" + c.libVersion() + "\n";
    }

    private static void kill(CommandContext ctx) {
        String addr = null;
        String laddr = null;
        ClientClass type = null;
        long id = 0;
        boolean skipMe = true;
        boolean oldForm = ctx.argc() == 3;
        if (oldForm) {
            addr = ctx.argString(2);
            skipMe = false;
        } else {
            for (int i = 2; i < ctx.argc(); i += 2) {
                boolean more = ctx.argc() > i + 1;
                if (ctx.argIs(i, "id") && more) {
                    id = ctx.argLong(i + 1);
                    if (id < 1) {
                        throw new CommandException(RespError.CLIENT_ID_POSITIVE);
                    }
                } else if (ctx.argIs(i, "type") && more) {
                    type = ClientClass.parse(ctx.argString(i + 1));
                    if (type == null) {
                        throw new CommandException(RespError.unknownClientType(ctx.argString(i + 1)));
                    }
                } else if (ctx.argIs(i, "addr") && more) {
                    addr = ctx.argString(i + 1);
                } else if (ctx.argIs(i, "laddr") && more) {
                    laddr = ctx.argString(i + 1);
                } else if (ctx.argIs(i, "user") && more) {
                    if (!ctx.argString(i + 1).equals("default")) {
                        throw new CommandException(RespError.noSuchUser(ctx.argString(i + 1)));
                    }
                } else if (ctx.argIs(i, "skipme") && more) {
                    if (ctx.argIs(i + 1, "yes")) {
                        skipMe = true;
                    } else if (ctx.argIs(i + 1, "no")) {
                        skipMe = false;
                    } else {
                        throw new CommandException(RespError.SYNTAX);
                    }
                } else {
                    throw new CommandException(RespError.SYNTAX);
                }
            }
        }
        Client self = ctx.client();
        int killed = 0;
        boolean killSelf = false;
        for (Client c : new ArrayList<>(ctx.engine().clients())) {
            if ((addr != null && !addr.equals(c.remoteAddress()))
                    || (laddr != null && !laddr.equals(c.localAddress()))
                    || (type != null && c.clientClass() != type)
                    || (id != 0 && c.id() != id)
                    || (c == self && skipMe)) {
                continue;
            }
            if (c == self) {
                killSelf = true;
            } else {
                ctx.engine().kill(c, false);
            }
            killed++;
        }
        if (oldForm) {
            if (killed == 0) {
                throw new CommandException(RespError.NO_SUCH_CLIENT);
            }
            ctx.reply().ok();
        } else {
            ctx.reply().integer(killed);
        }
        if (killSelf) {
            self.closeAfterReply();
        }
    }

    private static void help(CommandContext ctx) {
        String[] lines = {
            "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GETNAME",
            "    Return the name of the current connection.",
            "ID",
            "    Return the ID of the current connection.",
            "INFO",
            "    Return information about the current client connection.",
            "KILL <ip:port>",
            "    Kill connection made from <ip:port>.",
            "KILL <option> <value> [<option> <value> [...]]",
            "    Kill connections. Options are: ID, TYPE (NORMAL|MASTER|REPLICA|PUBSUB), ADDR, LADDR, USER, SKIPME.",
            "LIST [TYPE (NORMAL|MASTER|REPLICA|PUBSUB)] [ID <id> [<id> ...]]",
            "    Return information about client connections.",
            "SETNAME <name>",
            "    Assign the name <name> to the current connection.",
            "SETINFO <LIB-NAME|LIB-VER> <value>",
            "    Set client library name or version.",
            "HELP",
            "    Print this help."
        };
        ctx.reply().array(lines.length);
        for (String l : lines) {
            ctx.reply().simple(l);
        }
    }
}
